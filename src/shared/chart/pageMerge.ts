/**
 * Merges pages of a series fetched in any order (parallel sub-ranges, newest-first platforms) into one
 * ascending series without duplicate timestamps. Pages may overlap (inclusive range ends) and leave gaps.
 */
import { lowerBound, upperBound, type XY } from './downsample';

/** Collects pages as they arrive; `result()` merges them once at the end. */
export class PageMerger {
  private readonly pages: XY[] = [];
  private count = 0;

  add(page: XY): void {
    if (page.timestamps.length === 0) return;
    this.pages.push(ascending(page));
    this.count += page.timestamps.length;
  }

  /** Points added so far, duplicates included. */
  get points(): number {
    return this.count;
  }

  result(): XY {
    return mergePages(this.pages);
  }
}

/** One ascending, de-duplicated series from pages each sorted either way. On equal timestamps the page starting earlier wins. */
export function mergePages(pages: readonly XY[]): XY {
  const sorted = pages.filter((p) => p.timestamps.length > 0).map(ascending).sort((a, b) => a.timestamps[0] - b.timestamps[0]);
  const total = sorted.reduce((s, p) => s + p.timestamps.length, 0);
  let outT: Float64Array = new Float64Array(total);
  let outV: Float64Array = new Float64Array(total);
  let len = 0;
  for (const page of sorted) {
    const t = page.timestamps;
    const v = page.values;
    if (len === 0 || t[0] > outT[len - 1]) {
      // Fast path: the page starts after everything merged so far.
      len = appendDeduped(outT, outV, len, t, v, 0, t.length);
      continue;
    }
    // Overlap: merge the tail of the output that the page reaches into with the page.
    const p = lowerBound(outT.subarray(0, len), t[0]);
    const tailT = outT.slice(p, len);
    const tailV = outV.slice(p, len);
    len = p;
    let i = 0;
    let j = 0;
    const mergedT = new Float64Array(tailT.length + t.length);
    const mergedV = new Float64Array(mergedT.length);
    let m = 0;
    while (i < tailT.length || j < t.length) {
      // Ties go to the earlier page (the tail).
      const takeTail = j >= t.length || (i < tailT.length && tailT[i] <= t[j]);
      const ts = takeTail ? tailT[i] : t[j];
      const val = takeTail ? tailV[i++] : v[j++];
      if (m > 0 && mergedT[m - 1] === ts) continue;
      mergedT[m] = ts;
      mergedV[m++] = val;
    }
    if (len + m > outT.length) {
      outT = grow(outT, len + m);
      outV = grow(outV, len + m);
    }
    outT.set(mergedT.subarray(0, m), len);
    outV.set(mergedV.subarray(0, m), len);
    len += m;
  }
  // Views when little is left over (a few duplicates): a copy of a million points costs as much as the merge,
  // most of it the kernel handing out fresh memory.
  if (outT.length - len <= outT.length / 64) return { timestamps: outT.subarray(0, len), values: outV.subarray(0, len) };
  return { timestamps: outT.slice(0, len), values: outV.slice(0, len) };
}

function appendDeduped(outT: Float64Array, outV: Float64Array, len: number, t: Float64Array, v: Float64Array, from: number, to: number): number {
  let k = len;
  for (let i = from; i < to; i++) {
    if (k > 0 && outT[k - 1] === t[i]) continue;
    outT[k] = t[i];
    outV[k++] = v[i];
  }
  return k;
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** The page in ascending order: reversed when newest-first, sorted when neither. */
export function ascending(page: XY): XY {
  const t = page.timestamps;
  const n = t.length;
  let asc = true;
  let desc = true;
  for (let i = 1; i < n && (asc || desc); i++) {
    if (t[i] < t[i - 1]) asc = false;
    if (t[i] > t[i - 1]) desc = false;
  }
  if (asc) return page;
  const order = desc ? Array.from({ length: n }, (_, i) => n - 1 - i) : Array.from({ length: n }, (_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
  const outT = new Float64Array(n);
  const outV = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    outT[i] = t[order[i]];
    outV[i] = page.values[order[i]];
  }
  return { timestamps: outT, values: outV };
}

/** Appends `b` to `a` keeping only points after `a`'s last timestamp (live mode, successive windows). */
export function appendAfter(a: XY, b: XY): XY {
  const last = a.timestamps.length > 0 ? a.timestamps[a.timestamps.length - 1] : -Infinity;
  const asc = ascending(b);
  const start = upperBound(asc.timestamps, last);
  const extra = asc.timestamps.length - start;
  if (extra <= 0) return a;
  const t = new Float64Array(a.timestamps.length + extra);
  const v = new Float64Array(t.length);
  t.set(a.timestamps);
  v.set(a.values);
  t.set(asc.timestamps.subarray(start), a.timestamps.length);
  v.set(asc.values.subarray(start), a.values.length);
  return { timestamps: t, values: v };
}
