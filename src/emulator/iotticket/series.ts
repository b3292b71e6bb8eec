/**
 * Time series: generated on the fly (daily cycle + weekly drift + noise + occasional gaps on a fixed epoch-aligned
 * grid over the last 90 days) merged with values written through the APIs. Nothing generated is stored, so any
 * range of any series is produced by index arithmetic; written values win over generated ones at the same time.
 */
import { mix, unit } from './random';
import { DAY, WEEK } from './time';
import type { GeneratorSpec, Value } from './types';

export const HISTORY_MS = 90 * DAY;
/** Gaps remove whole blocks of this many grid points. */
const GAP_BLOCK = 240;

/** The grid step giving `points` points over the 90-day history. */
export function stepFor(points: number): number {
  return Math.max(1, Math.round(HISTORY_MS / Math.max(1, points)));
}

/**
 * Whether grid index k falls in a gap (an outage). Gaps lie in the past: the block holding `now` and the one
 * before it never are one, so every series has recent values (a block 4 h long of a minute-step series that
 * was a gap left the demo's hovers with no value in the last hour, and the inline UI test failing, for 4 h).
 */
export function isGap(spec: GeneratorSpec, k: number, now: number): boolean {
  const block = Math.floor(k / GAP_BLOCK);
  return spec.gapRate > 0 && block < Math.floor(now / spec.stepMs / GAP_BLOCK) - 1 && unit(spec.seed ^ 0x5bd1e995, block) < spec.gapRate;
}

/** The generated value at grid index k. */
export function generatedValue(spec: GeneratorSpec, k: number): Value {
  const ts = k * spec.stepMs;
  const phase = (spec.seed % 1000) / 1000 * 2 * Math.PI;
  const daily = Math.sin((2 * Math.PI * (ts % DAY)) / DAY + phase);
  const weekly = Math.sin((2 * Math.PI * (ts % WEEK)) / WEEK + phase);
  const r = unit(spec.seed, k) - 0.5;
  switch (spec.kind) {
    case 'boolean':
      return daily + r * 0.6 > 0.2;
    case 'string': {
      const states = spec.states ?? ['OK'];
      return states[mix(spec.seed, Math.floor(k / 60)) % states.length];
    }
    default: {
      const x = spec.base + spec.amplitude * (0.8 * daily + 0.2 * weekly) + spec.noise * 2 * r;
      if (spec.kind === 'long') return Math.round(x);
      const p = 10 ** spec.decimals;
      return Math.round(x * p) / p;
    }
  }
}

/** Values written through an API, sorted by time; a write at an existing time replaces the value. */
export class WrittenSeries {
  readonly ts: number[] = [];
  readonly v: Value[] = [];
  /** When each value becomes readable (optional read-after-write delay of the real server). */
  readonly visibleAt: number[] = [];

  get length(): number {
    return this.ts.length;
  }

  insert(ts: number, value: Value, visibleAt: number): void {
    const n = this.ts.length;
    if (n === 0 || ts > this.ts[n - 1]) {
      this.ts.push(ts);
      this.v.push(value);
      this.visibleAt.push(visibleAt);
      return;
    }
    const i = lowerBound(this.ts, ts);
    if (this.ts[i] === ts) {
      this.v[i] = value;
      this.visibleAt[i] = visibleAt;
      return;
    }
    this.ts.splice(i, 0, ts);
    this.v.splice(i, 0, value);
    this.visibleAt.splice(i, 0, visibleAt);
  }
}

/** First index whose element is >= x. */
export function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SeriesSource {
  readonly generator?: GeneratorSpec;
  readonly written?: WrittenSeries;
}

/** Returns false to stop the scan. */
export type Visitor = (ts: number, v: Value) => boolean;

/**
 * Visits the merged points with from <= ts <= to, ascending or descending, until `visit` returns false.
 * The generated part covers [now - 90 days, now].
 */
export function scan(source: SeriesSource, from: number, to: number, now: number, descending: boolean, visit: Visitor): void {
  const g = source.generator;
  const w = source.written;
  let kLo = 0;
  let kHi = -1;
  if (g) {
    kLo = Math.max(Math.ceil((now - HISTORY_MS) / g.stepMs), Math.ceil(from / g.stepMs));
    kHi = Math.min(Math.floor(now / g.stepMs), Math.floor(to / g.stepMs));
  }
  let wLo = 0;
  let wHi = -1;
  if (w && w.length > 0) {
    wLo = lowerBound(w.ts, from);
    wHi = lowerBound(w.ts, to + 1) - 1;
  }
  if (descending) scanDown(g, w, kLo, kHi, wLo, wHi, now, visit);
  else scanUp(g, w, kLo, kHi, wLo, wHi, now, visit);
}

function scanUp(g: GeneratorSpec | undefined, w: WrittenSeries | undefined, kLo: number, kHi: number, wLo: number, wHi: number, now: number, visit: Visitor): void {
  let k = kLo;
  let i = wLo;
  for (;;) {
    while (g && k <= kHi && isGap(g, k, now)) k = (Math.floor(k / GAP_BLOCK) + 1) * GAP_BLOCK;
    while (w && i <= wHi && w.visibleAt[i] > now) i++;
    const gts = g && k <= kHi ? k * g.stepMs : Infinity;
    const wts = w && i <= wHi ? w.ts[i] : Infinity;
    if (gts === Infinity && wts === Infinity) return;
    if (wts <= gts) {
      if (!visit(wts, w!.v[i])) return;
      if (wts === gts) k++;
      i++;
    } else {
      if (!visit(gts, generatedValue(g!, k))) return;
      k++;
    }
  }
}

function scanDown(g: GeneratorSpec | undefined, w: WrittenSeries | undefined, kLo: number, kHi: number, wLo: number, wHi: number, now: number, visit: Visitor): void {
  let k = kHi;
  let i = wHi;
  for (;;) {
    while (g && k >= kLo && isGap(g, k, now)) k = Math.floor(k / GAP_BLOCK) * GAP_BLOCK - 1;
    while (w && i >= wLo && w.visibleAt[i] > now) i--;
    const gts = g && k >= kLo ? k * g.stepMs : -Infinity;
    const wts = w && i >= wLo ? w.ts[i] : -Infinity;
    if (gts === -Infinity && wts === -Infinity) return;
    if (wts >= gts) {
      if (!visit(wts, w!.v[i])) return;
      if (wts === gts) k--;
      i--;
    } else {
      if (!visit(gts, generatedValue(g!, k))) return;
      k--;
    }
  }
}

/** The latest point at or before now, if any. */
export function latest(source: SeriesSource, now: number): { ts: number; v: Value } | undefined {
  let found: { ts: number; v: Value } | undefined;
  scan(source, -8.64e15, now, now, true, (ts, v) => {
    found = { ts, v };
    return false;
  });
  return found;
}

export interface Bucket {
  readonly start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** A bucket's figures as both APIs print them: avg/min/max only when the bucket has numeric values. */
export function statFigures(b: Bucket): { count: number; sum: number; avg?: number; min?: number; max?: number } {
  return b.count > 0 && b.min !== Infinity
    ? { count: b.count, sum: round6(b.sum), avg: round6(b.sum / b.count), min: b.min, max: b.max }
    : { count: b.count, sum: 0 };
}

/**
 * Statistics per calendar bucket over [from, to]: count of all values, sum/min/max of the numeric ones.
 * Empty buckets are kept (count 0) as v1 `stat/read` returns them.
 */
export function buckets(source: SeriesSource, from: number, to: number, now: number, starts: readonly number[]): Bucket[] {
  const out: Bucket[] = starts.map((start) => ({ start, count: 0, sum: 0, min: Infinity, max: -Infinity }));
  if (out.length === 0) return out;
  let b = 0;
  scan(source, from, to, now, false, (ts, v) => {
    while (b + 1 < out.length && ts >= out[b + 1].start) b++;
    const bucket = out[b];
    bucket.count++;
    const x = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number.NaN;
    if (!Number.isNaN(x)) {
      bucket.sum += x;
      if (x < bucket.min) bucket.min = x;
      if (x > bucket.max) bucket.max = x;
    }
    return true;
  });
  return out;
}
