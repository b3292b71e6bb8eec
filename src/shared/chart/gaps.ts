/**
 * Gap marking: chart.js joins consecutive points however far apart they are, so a stretch without data
 * must carry an explicit NaN point (drawn as a break with `spanGaps: false`).
 */
import type { XY } from './downsample';

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
  if (n < 3) return series;
  const limit = Math.max((options.factor ?? 5) * typicalStep(t), options.minGapMs ?? 0);
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
