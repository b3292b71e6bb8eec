/**
 * Live mode's window: it keeps the span the user chose (a 7-day chart stays 7 days, sliding forward as
 * points arrive), and polls at a rate fitted to how often the series are sampled. Pure.
 */
import type { XY } from '../../src/shared/chart/downsample';
import { lowerBound } from '../../src/shared/chart/downsample';

/** The polling intervals the live controls offer. */
export const LIVE_INTERVALS: readonly number[] = [1000, 2000, 5000, 10_000, 30_000, 60_000];

/**
 * The interval that fits series sampled every `median` ms: the longest offered interval not longer
 * than the sampling step (so no new point waits longer than one poll), 1 s at least and 60 s at most.
 * Undefined when the series hold too few points to tell.
 */
export function fittedInterval(series: Iterable<XY>): number | undefined {
  const steps: number[] = [];
  for (const s of series) {
    const t = s.timestamps;
    for (let i = Math.max(1, t.length - 200); i < t.length; i++) if (t[i] > t[i - 1]) steps.push(t[i] - t[i - 1]);
  }
  if (steps.length < 3) return undefined;
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return [...LIVE_INTERVALS].reverse().find((ms) => ms <= median) ?? LIVE_INTERVALS[0];
}

/** The points of `xy` from `from` on (what a sliding window still shows). */
export function dropBefore(xy: XY, from: number): XY {
  const i = lowerBound(xy.timestamps, from);
  return i === 0 ? xy : { timestamps: xy.timestamps.subarray(i), values: xy.values.subarray(i) };
}
