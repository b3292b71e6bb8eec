/**
 * Gap marking: chart.js joins consecutive points however far apart they are, so a stretch without data
 * must carry an explicit NaN point (drawn as a break with `spanGaps: false`).
 */
import { downsample, lttbOfRuns, type DownsampleMethodName, type XY } from './downsample';

export interface GapOptions {
  /** A step longer than `factor` × the typical (median) step is a gap. */
  readonly factor?: number;
  /** Never call a step shorter than this a gap (ms). */
  readonly minGapMs?: number;
}

/** Inserts a NaN point in the middle of every gap; returns the input itself when there is none. */
export function markGaps(series: XY, options: GapOptions = {}): XY {
  const { timestamps: t, values: v } = series;
  const n = t.length;
  const limit = gapLimit(t, options);
  if (!(limit > 0)) return series;
  let gaps = 0;
  for (let i = 1; i < n; i++) if (t[i] - t[i - 1] > limit) gaps++;
  if (gaps === 0) return series;
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

/** The step above which markGaps sees a gap; 0 for a series too short to tell. */
function gapLimit(t: Float64Array, options: GapOptions): number {
  return t.length < 3 ? 0 : Math.max((options.factor ?? 5) * typicalStep(t), options.minGapMs ?? 0);
}

/**
 * `downsample(markGaps(series), …)` without the marked copy of a long series (a million points are 16 MB to
 * copy, for a result of a few thousand): LTTB runs over the series itself, cut at NaN values and at gaps, and
 * the gap's NaN point goes where markGaps puts it. Other cases (min/max, a short or pathologically gappy
 * series) mark the copy as before.
 */
export function downsampleWithGaps(series: XY, method: DownsampleMethodName, from: number, to: number, widthPx: number, options: GapOptions = {}): XY {
  const { timestamps: t, values: v } = series;
  const n = t.length;
  const limit = gapLimit(t, options);
  const threshold = Math.max(1, Math.floor(widthPx)) * 2;
  if (method !== 'lttb' || !(limit > 0) || n <= threshold || threshold < 3) return downsample(markGaps(series, options), method, from, to, widthPx);
  // Finite runs, cut at gaps too; `gapAt` holds the indices that follow a gap.
  const runs: [number, number][] = [];
  const gapAt = new Set<number>();
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (i > 0 && t[i] - t[i - 1] > limit) {
      gapAt.add(i);
      if (start >= 0) runs.push([start, i]);
      start = -1;
    }
    if (Number.isFinite(v[i])) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, n]);
  // What lttb would do differently on the marked copy: keep it all, or fall back to min/max.
  if (gapAt.size === 0 || n + gapAt.size <= threshold || runs.length * 4 > threshold) return downsample(markGaps(series, options), method, from, to, widthPx);
  return lttbOfRuns(t, v, runs, threshold, (end) => (gapAt.has(end) ? (t[end] + t[end - 1]) / 2 : t[end]));
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
