/**
 * Walks [from, to] in time windows sized to hold about `targetPoints` each, handing every window's points
 * to `onChunk` before fetching the next: exports stream a series of any length with bounded memory, using
 * nothing but `SeriesSource.fetchRange`.
 */
import type { XY } from '../shared/chart/downsample';
import { upperBound } from '../shared/chart/downsample';
import type { SeriesSource } from './seriesSource';

export interface StreamRangeOptions {
  readonly from: number;
  readonly to: number;
  readonly signal?: AbortSignal;
  /** Points wanted per window (default 50,000). */
  readonly targetPoints?: number;
  /** Points the range is known to hold (e.g. from the chart's last fetch), to size the first window. */
  readonly estimatedPoints?: number;
  readonly onProgress?: (points: number, fraction: number) => void;
}

export interface StreamRangeResult {
  readonly points: number;
  readonly windows: number;
  /** The most points one window held: what the walk kept in memory at once. */
  readonly maxWindowPoints: number;
}

export async function streamRange(
  source: Pick<SeriesSource, 'fetchRange'>,
  options: StreamRangeOptions,
  onChunk: (chunk: XY) => Promise<void>,
): Promise<StreamRangeResult> {
  const { from, to, signal } = options;
  const target = Math.max(1, options.targetPoints ?? 50_000);
  const span = Math.max(1, to - from + 1);
  let windowMs = options.estimatedPoints !== undefined
    ? Math.max(1, Math.floor((span * target) / Math.max(1, options.estimatedPoints)))
    : Math.max(1, Math.floor(span / 64));
  let start = from;
  let last = -Infinity;
  let points = 0;
  let windows = 0;
  let maxWindowPoints = 0;
  while (start <= to) {
    signal?.throwIfAborted();
    const end = Math.min(to, start + windowMs - 1);
    const data = await source.fetchRange({ from: start, to: end, signal });
    windows++;
    maxWindowPoints = Math.max(maxWindowPoints, data.timestamps.length);
    const chunk = within(data, Math.max(start - 1, last), end);
    if (chunk.timestamps.length > 0) {
      last = chunk.timestamps[chunk.timestamps.length - 1];
      points += chunk.timestamps.length;
      await onChunk(chunk);
    }
    options.onProgress?.(points, (end - from + 1) / span);
    // Aim the next window at the target from the density just seen (at most ×8 larger, ÷4 smaller).
    const n = data.timestamps.length;
    const factor = n === 0 ? 8 : Math.min(8, Math.max(0.25, target / n));
    windowMs = Math.max(1, Math.floor(windowMs * factor));
    start = end + 1;
  }
  return { points, windows, maxWindowPoints };
}

/** Points with after < t <= end (sources may return inclusive ends or a neighbour). */
function within(data: XY, after: number, end: number): XY {
  const t = data.timestamps;
  const a = upperBound(t, after);
  const b = upperBound(t, end);
  if (a === 0 && b === t.length) return data;
  return { timestamps: t.subarray(a, b), values: data.values.subarray(a, b) };
}
