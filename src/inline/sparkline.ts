/**
 * A sparkline as a small standalone SVG (pure): one polyline of the points, broken at gaps (NaN), with
 * the last point marked. Shown as a `data:` image inside Markdown hovers and tooltips, which cannot
 * run scripts or use theme variables, so the colours are fixed ones that read on light and dark themes.
 */

export interface SparklineOptions {
  readonly width?: number;
  readonly height?: number;
  readonly stroke?: string;
  readonly strokeWidth?: number;
  /** Fixed time range (epoch ms) so gaps at the ends show; default the data's own range. */
  readonly from?: number;
  readonly to?: number;
}

const DEFAULTS = { width: 240, height: 48, stroke: '#3794ff', strokeWidth: 1.5 };

/** The SVG text; an empty frame when there is nothing finite to draw. */
export function sparklineSvg(timestamps: ArrayLike<number>, values: ArrayLike<number>, options: SparklineOptions = {}): string {
  const width = options.width ?? DEFAULTS.width;
  const height = options.height ?? DEFAULTS.height;
  const stroke = options.stroke ?? DEFAULTS.stroke;
  const sw = options.strokeWidth ?? DEFAULTS.strokeWidth;
  const pad = sw + 1;
  const n = Math.min(timestamps.length, values.length);
  let lo = Infinity;
  let hi = -Infinity;
  let t0 = options.from ?? Infinity;
  let t1 = options.to ?? -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (options.from === undefined && timestamps[i] < t0) t0 = timestamps[i];
    if (options.to === undefined && timestamps[i] > t1) t1 = timestamps[i];
  }
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
  if (lo === Infinity) return `${open}<line x1="0" y1="${height / 2}" x2="${width}" y2="${height / 2}" stroke="#8888" stroke-dasharray="3 3"/></svg>`;
  const span = hi - lo || 1;
  const tspan = t1 - t0 || 1;
  const x = (t: number): number => round(pad + ((t - t0) / tspan) * (width - 2 * pad));
  // A flat series sits in the middle rather than on the floor.
  const y = (v: number): number => round(hi === lo ? height / 2 : height - pad - ((v - lo) / span) * (height - 2 * pad));
  const runs: string[] = [];
  let run: string[] = [];
  let last: [number, number] | undefined;
  for (const i of buckets(values, n, width)) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      if (run.length) runs.push(run.join(' '));
      run = [];
      continue;
    }
    last = [x(timestamps[i]), y(v)];
    run.push(`${last[0]},${last[1]}`);
  }
  if (run.length) runs.push(run.join(' '));
  const lines = runs
    .map((points) => (points.includes(' ')
      ? `<polyline fill="none" stroke="${stroke}" stroke-width="${sw}" stroke-linejoin="round" stroke-linecap="round" points="${points}"/>`
      : `<circle cx="${points.split(',')[0]}" cy="${points.split(',')[1]}" r="${sw}" fill="${stroke}"/>`))
    .join('');
  const dot = last ? `<circle cx="${last[0]}" cy="${last[1]}" r="${sw + 1}" fill="${stroke}"/>` : '';
  return `${open}${lines}${dot}</svg>`;
}

/** `data:image/svg+xml;base64,…` for Markdown images. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * Indexes to draw: every point when they fit, else the first, min, max and last of each pixel column
 * (in time order), so spikes survive; NaN gaps are kept as break markers.
 */
function buckets(values: ArrayLike<number>, n: number, width: number): number[] {
  if (n <= width * 2) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const per = n / width;
  for (let b = 0; b < width; b++) {
    const from = Math.floor(b * per);
    const to = Math.min(n, Math.floor((b + 1) * per));
    let min = -1;
    let max = -1;
    let gap = -1;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        gap = i;
        continue;
      }
      if (min < 0 || v < values[min]) min = i;
      if (max < 0 || v > values[max]) max = i;
    }
    const picked = [...new Set([from, min, max, to - 1, gap].filter((i) => i >= 0))].sort((a, b2) => a - b2);
    out.push(...picked);
  }
  return out;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
