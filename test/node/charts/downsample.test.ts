import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downsample, lttb, minMaxPerColumn, visibleSlice, type XY } from '../../../src/shared/chart/downsample';

/** A deterministic noisy series with a sine, so shapes are not trivially flat. */
function series(n: number, start = 1_700_000_000_000, step = 1000, f = (i: number) => Math.sin(i / 500) * 10 + ((i * 7919) % 13) / 13): XY {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = start + i * step;
    v[i] = f(i);
  }
  return { timestamps: t, values: v };
}

function isAscending(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i] > t[i - 1])) return false;
  return true;
}

void test('LTTB keeps the first and last point and reduces to the threshold', () => {
  const s = series(100_000);
  const out = lttb(s, 1000);
  assert.equal(out.timestamps.length, 1000);
  assert.equal(out.timestamps[0], s.timestamps[0]);
  assert.equal(out.values[0], s.values[0]);
  assert.equal(out.timestamps[999], s.timestamps[99_999]);
  assert.equal(out.values[999], s.values[99_999]);
  assert.ok(isAscending(out.timestamps));
});

void test('LTTB keeps isolated extremes (spikes up and down)', () => {
  const s = series(50_000, 0, 1000, (i) => 1 + ((i * 31) % 7) / 100);
  s.values[12_345] = 100;
  s.values[33_333] = -100;
  const out = lttb(s, 500);
  const kept = new Map<number, number>();
  out.timestamps.forEach((t, i) => kept.set(t, out.values[i]));
  assert.equal(kept.get(s.timestamps[12_345]), 100);
  assert.equal(kept.get(s.timestamps[33_333]), -100);
  assert.equal(Math.max(...out.values), 100);
  assert.equal(Math.min(...out.values), -100);
});

void test('LTTB keeps every point chosen from the input (no invented values)', () => {
  const s = series(20_000);
  const index = new Map<number, number>();
  s.timestamps.forEach((t, i) => index.set(t, s.values[i]));
  const out = lttb(s, 300);
  out.timestamps.forEach((t, i) => assert.equal(index.get(t), out.values[i]));
});

void test('LTTB keeps gaps as NaN breaks between runs', () => {
  const s = series(30_000);
  for (let i = 10_000; i < 12_000; i++) s.values[i] = NaN;
  const out = lttb(s, 600);
  const nanAt = [...out.values].map((v, i) => (Number.isNaN(v) ? i : -1)).filter((i) => i >= 0);
  assert.equal(nanAt.length, 1);
  const gap = out.timestamps[nanAt[0]];
  assert.ok(gap >= s.timestamps[9_999] && gap <= s.timestamps[12_000]);
  // Both edges of the gap are kept, so the line stops and resumes where the data does.
  assert.ok(out.timestamps.includes(s.timestamps[9_999]));
  assert.ok(out.timestamps.includes(s.timestamps[12_000]));
  assert.ok(out.timestamps.length <= 600 + 4);
});

void test('min/max per column: every column keeps exactly its true min and max', () => {
  const s = series(200_000);
  const from = s.timestamps[0];
  const to = s.timestamps[s.timestamps.length - 1];
  const columns = 400;
  const out = minMaxPerColumn(s, from, to, columns);
  assert.ok(out.timestamps.length <= columns * 2);
  assert.ok(isAscending(out.timestamps));
  const col = (t: number) => Math.min(columns - 1, Math.floor(((t - from) / (to - from)) * columns));
  const trueMin = new Float64Array(columns).fill(Infinity);
  const trueMax = new Float64Array(columns).fill(-Infinity);
  s.timestamps.forEach((t, i) => {
    const c = col(t);
    trueMin[c] = Math.min(trueMin[c], s.values[i]);
    trueMax[c] = Math.max(trueMax[c], s.values[i]);
  });
  const gotMin = new Float64Array(columns).fill(Infinity);
  const gotMax = new Float64Array(columns).fill(-Infinity);
  out.timestamps.forEach((t, i) => {
    const c = col(t);
    gotMin[c] = Math.min(gotMin[c], out.values[i]);
    gotMax[c] = Math.max(gotMax[c], out.values[i]);
  });
  assert.deepEqual(gotMin, trueMin);
  assert.deepEqual(gotMax, trueMax);
});

void test('min/max per column marks a column holding a gap with NaN', () => {
  const s = series(10_000);
  s.values[5000] = NaN;
  const out = minMaxPerColumn(s, s.timestamps[0], s.timestamps[9999], 100);
  const nan = [...out.values].filter((v) => Number.isNaN(v));
  assert.equal(nan.length, 1);
  assert.ok(out.timestamps.includes(s.timestamps[5000]));
});

void test('downsample leaves small series alone and bounds large ones by the pixel width', () => {
  const small = series(500);
  const same = downsample(small, 'lttb', small.timestamps[0], small.timestamps[499], 1000);
  assert.deepEqual(same.values, small.values);
  assert.notEqual(same.values, small.values); // a copy: safe to transfer
  const big = series(1_000_000);
  for (const method of ['lttb', 'minmax'] as const) {
    const out = downsample(big, method, big.timestamps[0], big.timestamps[999_999], 800);
    assert.ok(out.timestamps.length <= 1600 + 2, `${method}: ${out.timestamps.length}`);
    assert.ok(out.timestamps.length >= 800, `${method}: ${out.timestamps.length}`);
    const max = (a: Float64Array) => a.reduce((x, y) => Math.max(x, y), -Infinity);
    // min/max per column keeps the global maximum exactly; LTTB keeps it up to noise between neighbours.
    if (method === 'minmax') assert.equal(max(out.values), max(big.values));
    else assert.ok(max(big.values) - max(out.values) < 0.01, `${max(out.values)} vs ${max(big.values)}`);
  }
});

void test('visibleSlice keeps one neighbour outside the range on each side', () => {
  const s = series(100);
  const [a, b] = visibleSlice(s.timestamps, s.timestamps[10] + 1, s.timestamps[20] - 1);
  assert.equal(a, 10);
  assert.equal(b, 21);
});
