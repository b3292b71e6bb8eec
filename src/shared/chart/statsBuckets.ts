/**
 * Statistics buckets computed on our side, for platforms without a statistics API (Altair property
 * history): the same keys as das `get_statistics` (count, sum, avg, min, max per bucket start).
 */
import type { StatsDimension } from './viewOptions';
import type { XY } from './downsample';
import { addDimension, floorToDimension } from './timeRange';

export interface StatsData {
  /** Bucket start times, ascending. */
  readonly timestamps: Float64Array;
  readonly count: Float64Array;
  readonly sum: Float64Array;
  /** NaN in empty buckets (das leaves avg/min/max out there). */
  readonly avg: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export interface BucketOptions {
  readonly from: number;
  readonly to: number;
  readonly dimension: StatsDimension;
  readonly offsetMin: number;
  /** Safety cap on the number of buckets. */
  readonly maxBuckets?: number;
}

/** Buckets of `dimension` covering [from, to) aligned to calendar boundaries in the zone; NaN values are skipped. */
export function computeBuckets(series: XY, options: BucketOptions): StatsData {
  const { from, to, dimension, offsetMin } = options;
  const maxBuckets = options.maxBuckets ?? 100_000;
  const starts: number[] = [];
  for (let b = floorToDimension(from, dimension, offsetMin); b < to && starts.length < maxBuckets; b = addDimension(b, dimension, 1, offsetMin)) {
    starts.push(b);
  }
  const n = starts.length;
  const out: StatsData = {
    timestamps: Float64Array.from(starts),
    count: new Float64Array(n),
    sum: new Float64Array(n),
    avg: new Float64Array(n).fill(NaN),
    min: new Float64Array(n).fill(NaN),
    max: new Float64Array(n).fill(NaN),
  };
  if (n === 0) return out;
  const { timestamps: t, values: v } = series;
  const end = Math.min(to, addDimension(starts[n - 1], dimension, 1, offsetMin));
  let b = 0;
  for (let i = 0; i < t.length; i++) {
    const ts = t[i];
    if (ts < starts[0] || ts >= end) continue;
    while (b + 1 < n && ts >= starts[b + 1]) b++;
    const y = v[i];
    if (!Number.isFinite(y)) continue;
    out.count[b]++;
    out.sum[b] += y;
    if (!(y >= out.min[b])) out.min[b] = y; // NaN-safe: the first value replaces NaN
    if (!(y <= out.max[b])) out.max[b] = y;
  }
  for (let k = 0; k < n; k++) if (out.count[k] > 0) out.avg[k] = out.sum[k] / out.count[k];
  return out;
}
