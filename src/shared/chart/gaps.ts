/**
 * Gap marking: chart.js joins consecutive points however far apart they are, so a stretch without data
 * must carry an explicit NaN point (drawn as a break with `spanGaps: false`).
 */
import { downsample, finiteRuns, lttbOfRuns, plotColumns, type DownsampleMethodName, type XY } from './downsample';

export interface GapOptions {
  /** A step longer than `factor` × the typical (median) step is a gap. */
  readonly factor?: number;
  /** Never call a step shorter than this a gap (ms). */
  readonly minGapMs?: number;
}

/** Inserts a NaN point in the middle of every gap; returns the input itself when there is none. */
export function markGaps(series: XY, options: GapOptions = {}): XY {
  const limit = gapLimit(series.timestamps, options);
  return marked(series, limit, countGaps(series.timestamps, limit));
}

/** The step above which markGaps sees a gap; 0 for a series too short to tell. */
function gapLimit(t: Float64Array, options: GapOptions): number {
  return t.length < 3 ? 0 : Math.max((options.factor ?? 5) * typicalStep(t), options.minGapMs ?? 0);
}

/** Steps longer than `limit` (none when the limit is 0: too short to tell). */
function countGaps(t: Float64Array, limit: number): number {
  if (!(limit > 0)) return 0;
  let gaps = 0;
  for (let i = 1; i < t.length; i++) if (t[i] - t[i - 1] > limit) gaps++;
  return gaps;
}

/** The series with a NaN point in the middle of each of its `gaps` steps longer than `limit`. */
function marked(series: XY, limit: number, gaps: number): XY {
  if (gaps === 0) return series;
  const { timestamps: t, values: v } = series;
  const n = t.length;
  const outT = new Float64Array(n + gaps);
  const outV = new Float64Array(n + gaps);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && t[i] - t[i - 1] > limit) {
      outT[k] = (t[i] + t[i - 1]) / 2;
      outV[k++] = NaN;
    }
    outT[k] = t[i];
    outV[k++] = v[i];
  }
  return { timestamps: outT, values: outV };
}

/**
 * `downsample(markGaps(series), …)` without the marked copy of a long series (a million points are 16 MB to
 * copy, for a result of a few thousand): LTTB runs over the series itself, cut at NaN values and at gaps, and
 * the gap's NaN point goes where markGaps puts it. Other cases (min/max, a short or pathologically gappy
 * series) mark the copy as before.
 */
export function downsampleWithGaps(series: XY, method: DownsampleMethodName, from: number, to: number, widthPx: number, options: GapOptions = {}): XY {
  const { timestamps: t, values: v } = series;
  const limit = gapLimit(t, options);
  const gaps = countGaps(t, limit);
  // The threshold downsample gives lttb.
  const threshold = plotColumns(widthPx) * 2;
  // What lttb would do differently on the marked copy: keep it all, or (below) fall back to min/max.
  if (method !== 'lttb' || gaps === 0 || t.length + gaps <= threshold || threshold < 3) return downsample(marked(series, limit, gaps), method, from, to, widthPx);
  const gapBefore = (i: number): boolean => t[i] - t[i - 1] > limit;
  const runs = finiteRuns(v, gapBefore);
  if (runs.length * 4 > threshold) return downsample(marked(series, limit, gaps), method, from, to, widthPx);
  return lttbOfRuns(t, v, runs, threshold, (end) => (gapBefore(end) ? (t[end] + t[end - 1]) / 2 : t[end]));
}

/** Median step between timestamps, from an even sample of at most 4096 steps (fast on a million points). */
export function typicalStep(t: Float64Array): number {
  const steps = t.length - 1;
  if (steps < 1) return 0;
  const sampleSize = Math.min(steps, 4096);
  const sample = new Float64Array(sampleSize);
  for (let s = 0; s < sampleSize; s++) {
    const i = 1 + Math.floor((s * steps) / sampleSize);
    sample[s] = t[i] - t[i - 1];
  }
  sample.sort();
  return sample[sampleSize >> 1];
}
