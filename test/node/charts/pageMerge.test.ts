import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendAfter, mergePages, PageMerger } from '../../../src/shared/chart/pageMerge';
import type { XY } from '../../../src/shared/chart/downsample';

const page = (ts: number[], f = (t: number) => t / 10): XY => ({ timestamps: Float64Array.from(ts), values: Float64Array.from(ts, f) });
const range = (a: number, b: number, step = 1): number[] => Array.from({ length: Math.floor((b - a) / step) + 1 }, (_, i) => a + i * step);

/** The reference: a Map keyed by timestamp, sorted; on a tie the page starting earlier wins. */
function reference(pages: XY[]): { t: number[]; v: number[] } {
  const m = new Map<number, number>();
  const byStart = [...pages].sort((a, b) => Math.min(...a.timestamps) - Math.min(...b.timestamps));
  for (const p of byStart) p.timestamps.forEach((t, i) => {
    if (!m.has(t)) m.set(t, p.values[i]);
  });
  const t = [...m.keys()].sort((a, b) => a - b);
  return { t, v: t.map((x) => m.get(x) as number) };
}

void test('pages in order with overlapping ends merge without duplicates', () => {
  const pages = [page(range(0, 100)), page(range(100, 200)), page(range(200, 300))];
  const out = mergePages(pages);
  assert.deepEqual([...out.timestamps], range(0, 300));
  assert.deepEqual([...out.values], range(0, 300).map((t) => t / 10));
});

void test('pages out of order, overlapping in the middle, newest-first and with gaps', () => {
  const pages = [
    page(range(500, 900, 5)),
    page(range(0, 200, 2)),
    page(range(150, 600, 3).reverse()), // a newest-first page overlapping two others
    page(range(2000, 2100)), // after a gap
  ];
  const out = mergePages(pages);
  const ref = reference(pages);
  assert.deepEqual([...out.timestamps], ref.t);
  assert.deepEqual([...out.values], ref.v);
});

void test('on equal timestamps the page starting earlier wins, whatever the order they arrive in', () => {
  const a = page([1, 2, 3], () => 1);
  const b = page([2, 3, 4], () => 2);
  assert.deepEqual([...mergePages([a, b]).values], [1, 1, 1, 2]);
  assert.deepEqual([...mergePages([b, a]).values], [1, 1, 1, 2]);
});

void test('randomised pages agree with the reference', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 20; round++) {
    const pages: XY[] = [];
    for (let p = 0; p < 8; p++) {
      const start = Math.floor(rnd() * 10_000);
      const ts = range(start, start + Math.floor(rnd() * 3000), 1 + Math.floor(rnd() * 4));
      pages.push(page(rnd() < 0.3 ? ts.reverse() : ts, (t) => t * 3 + p));
    }
    const merger = new PageMerger();
    pages.forEach((p) => merger.add(p));
    const out = merger.result();
    const ref = reference(pages);
    assert.deepEqual([...out.timestamps], ref.t);
    assert.deepEqual([...out.values], ref.v);
  }
});

void test('appendAfter keeps only points after the last one held', () => {
  const held = page([1, 2, 3]);
  const out = appendAfter(held, page([2, 3, 4, 5]));
  assert.deepEqual([...out.timestamps], [1, 2, 3, 4, 5]);
  assert.equal(appendAfter(held, page([1, 3])), held);
});
