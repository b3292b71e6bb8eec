/**
 * Downsampling of time series held as two Float64Arrays (ascending timestamps, values; NaN marks a gap),
 * so a million points per series become a few thousand that chart.js draws and pans smoothly.
 * Pure: shared by the host (before sending) and the webview (capping live data).
 */

export interface XY {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export type DownsampleMethodName = 'lttb' | 'minmax';

/** Downsamples to about two points per pixel column of `[from, to]`; returns a copy when already small. */
/** The pixel columns a plot of `widthPx` draws: downsampling keeps about two points a column. */
export function plotColumns(widthPx: number): number {
  return Math.max(1, Math.floor(widthPx));
}

export function downsample(series: XY, method: DownsampleMethodName, from: number, to: number, widthPx: number): XY {
  const columns = plotColumns(widthPx);
  if (series.timestamps.length <= columns * 2) return { timestamps: series.timestamps.slice(), values: series.values.slice() };
  return method === 'lttb' ? lttb(series, columns * 2) : minMaxPerColumn(series, from, to, columns);
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) to about `threshold` points. Keeps the first and last
 * point. Gaps survive: the series is cut at NaN values, each finite run is downsampled with a share of
 * the budget proportional to its length, and one NaN point is kept between runs.
 */
export function lttb(series: XY, threshold: number): XY {
  const { timestamps: t, values: v } = series;
  const n = t.length;
  if (threshold >= n || threshold < 3) {
    return threshold < 3 && n > threshold ? keepEnds(series) : { timestamps: t.slice(), values: v.slice() };
  }
  const runs = finiteRuns(v);
  // Pathologically gappy data (runs everywhere): min/max per column bounds the output instead.
  if (runs.length * 4 > threshold) return minMaxPerColumn(series, t[0], t[n - 1], Math.max(1, Math.floor(threshold / 2)));
  return lttbOfRuns(t, v, runs, threshold, (end) => t[end]);
}

/**
 * LTTB of the finite runs [a, b) of t/v (indices ascending), each with a share of `threshold` proportional to
 * its length; between runs one NaN point at `breakAt(end of the run before)`.
 */
export function lttbOfRuns(t: Float64Array, v: Float64Array, runs: readonly (readonly [number, number])[], threshold: number, breakAt: (end: number) => number): XY {
  const finiteCount = runs.reduce((s, [a, b]) => s + (b - a), 0);
  const outT = new Float64Array(threshold + runs.length * 4 + 2);
  const outV = new Float64Array(outT.length);
  let k = 0;
  const budget = Math.max(runs.length * 2, threshold - (runs.length - 1)); // room for the NaN between runs
  for (let r = 0; r < runs.length; r++) {
    const [a, b] = runs[r];
    if (r > 0) {
      // One NaN between runs so the line breaks at the gap.
      outT[k] = breakAt(runs[r - 1][1]);
      outV[k++] = NaN;
    }
    const share = Math.max(2, Math.round((budget * (b - a)) / Math.max(1, finiteCount)));
    k = lttbRun(t, v, a, b, share, outT, outV, k);
  }
  return { timestamps: outT.slice(0, k), values: outV.slice(0, k) };
}

/** LTTB over indices [a, b) into out at k; returns the new k. */
function lttbRun(t: Float64Array, v: Float64Array, a: number, b: number, m: number, outT: Float64Array, outV: Float64Array, k: number): number {
  const n = b - a;
  if (m >= n || n <= 2) {
    for (let i = a; i < b; i++) {
      outT[k] = t[i];
      outV[k++] = v[i];
    }
    return k;
  }
  const every = (n - 2) / (m - 2);
  let prev = a;
  outT[k] = t[a];
  outV[k++] = v[a];
  for (let i = 0; i < m - 2; i++) {
    // Average of the next bucket is the third corner of the triangle.
    let avgStart = a + 1 + Math.floor((i + 1) * every);
    let avgEnd = a + 1 + Math.floor((i + 2) * every);
    if (avgEnd > b) avgEnd = b;
    if (avgStart >= avgEnd) avgStart = avgEnd - 1;
    let avgT = 0;
    let avgV = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgT += t[j];
      avgV += v[j];
    }
    const len = avgEnd - avgStart;
    avgT /= len;
    avgV /= len;
    const rangeStart = a + 1 + Math.floor(i * every);
    const rangeEnd = Math.min(b - 1, a + 1 + Math.floor((i + 1) * every));
    const pT = t[prev];
    const pV = v[prev];
    let best = -1;
    let chosen = rangeStart;
    for (let j = rangeStart; j < rangeEnd; j++) {
      const area = Math.abs((pT - avgT) * (v[j] - pV) - (pT - t[j]) * (avgV - pV));
      if (area > best) {
        best = area;
        chosen = j;
      }
    }
    outT[k] = t[chosen];
    outV[k++] = v[chosen];
    prev = chosen;
  }
  outT[k] = t[b - 1];
  outV[k++] = v[b - 1];
  return k;
}

/** Runs [start, end) of finite values; `cutBefore(i)` also ends a run before index i (a gap in time). */
export function finiteRuns(v: Float64Array, cutBefore?: (i: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i < v.length; i++) {
    if (start >= 0 && cutBefore?.(i)) {
      runs.push([start, i]);
      start = -1;
    }
    const finite = Number.isFinite(v[i]);
    if (finite && start < 0) start = i;
    else if (!finite && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, v.length]);
  return runs;
}

function keepEnds({ timestamps: t, values: v }: XY): XY {
  if (t.length === 0) return { timestamps: new Float64Array(0), values: new Float64Array(0) };
  return { timestamps: Float64Array.of(t[0], t[t.length - 1]), values: Float64Array.of(v[0], v[v.length - 1]) };
}

/**
 * Min and max of every pixel column of `[from, to]`, in time order (at most two points per column; a
 * NaN point is kept where a column holds a gap). Points outside the range go to the edge columns, so
 * the neighbours the host adds for line continuity survive.
 */
export function minMaxPerColumn(series: XY, from: number, to: number, columns: number): XY {
  const { timestamps: t, values: v } = series;
  const n = t.length;
  const cols = Math.max(1, Math.floor(columns));
  const span = to > from ? to - from : 1;
  const outT = new Float64Array(cols * 3 + 2);
  const outV = new Float64Array(outT.length);
  let k = 0;
  let i = 0;
  while (i < n) {
    const col = columnOf(t[i], from, span, cols);
    let minI = -1;
    let maxI = -1;
    let nanI = -1;
    let j = i;
    for (; j < n && columnOf(t[j], from, span, cols) === col; j++) {
      const y = v[j];
      if (!Number.isFinite(y)) {
        if (nanI < 0) nanI = j;
        continue;
      }
      if (minI < 0 || y < v[minI]) minI = j;
      if (maxI < 0 || y > v[maxI]) maxI = j;
    }
    // Emit the kept indices in time order.
    const keep = [minI, maxI, nanI].filter((x, idx, arr) => x >= 0 && arr.indexOf(x) === idx).sort((x, y) => x - y);
    for (const x of keep) {
      outT[k] = t[x];
      outV[k++] = v[x];
    }
    i = j;
  }
  return { timestamps: outT.slice(0, k), values: outV.slice(0, k) };
}

function columnOf(ts: number, from: number, span: number, cols: number): number {
  const c = Math.floor(((ts - from) / span) * cols);
  return c < 0 ? 0 : c >= cols ? cols - 1 : c;
}

/** The indices [start, end) of points within [from, to], widened by one neighbour on each side so lines reach the edges. */
export function visibleSlice(timestamps: Float64Array, from: number, to: number): [number, number] {
  const start = Math.max(0, lowerBound(timestamps, from) - 1);
  const end = Math.min(timestamps.length, upperBound(timestamps, to) + 1);
  return [start, Math.max(start, end)];
}

/** First index with t[i] >= x. */
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with t[i] > x. */
export function upperBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
