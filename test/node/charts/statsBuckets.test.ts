import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeBuckets } from '../../../src/shared/chart/statsBuckets';
import { addDimension, floorToDimension } from '../../../src/shared/chart/timeRange';

const HOUR = 3_600_000;

void test('hourly buckets hold count, sum, avg, min and max of their points', () => {
  const from = Date.UTC(2024, 0, 1);
  const n = 6 * 60; // one point a minute for six hours
  const t = Float64Array.from({ length: n }, (_, i) => from + i * 60_000);
  const v = Float64Array.from({ length: n }, (_, i) => (i % 60) + Math.floor(i / 60) * 100);
  const b = computeBuckets({ timestamps: t, values: v }, { from, to: from + 6 * HOUR, dimension: 'Hour', offsetMin: 0 });
  assert.equal(b.timestamps.length, 6);
  for (let h = 0; h < 6; h++) {
    assert.equal(b.timestamps[h], from + h * HOUR);
    assert.equal(b.count[h], 60);
    assert.equal(b.min[h], h * 100);
    assert.equal(b.max[h], h * 100 + 59);
    assert.equal(b.sum[h], 60 * h * 100 + (59 * 60) / 2);
    assert.equal(b.avg[h], h * 100 + 29.5);
  }
});

void test('empty buckets have count 0 and NaN avg/min/max; NaN values are skipped', () => {
  const from = Date.UTC(2024, 0, 1);
  const t = Float64Array.of(from + 10, from + 20, from + 2 * HOUR + 5);
  const v = Float64Array.of(5, NaN, 7);
  const b = computeBuckets({ timestamps: t, values: v }, { from, to: from + 3 * HOUR, dimension: 'Hour', offsetMin: 0 });
  assert.deepEqual([...b.count], [1, 0, 1]);
  assert.deepEqual([...b.avg].map((x) => (Number.isNaN(x) ? null : x)), [5, null, 7]);
  assert.ok(Number.isNaN(b.min[1]) && Number.isNaN(b.max[1]));
});

void test('day buckets follow the zone, so a point at 23:30 UTC belongs to the next day at +02:00', () => {
  const ts = Date.UTC(2024, 10, 26, 23, 30);
  const from = Date.UTC(2024, 10, 25);
  const to = Date.UTC(2024, 10, 29);
  const utc = computeBuckets({ timestamps: Float64Array.of(ts), values: Float64Array.of(1) }, { from, to, dimension: 'Day', offsetMin: 0 });
  const plus2 = computeBuckets({ timestamps: Float64Array.of(ts), values: Float64Array.of(1) }, { from, to, dimension: 'Day', offsetMin: 120 });
  assert.equal(utc.timestamps[utc.count.indexOf(1)], Date.UTC(2024, 10, 26));
  assert.equal(plus2.timestamps[plus2.count.indexOf(1)], Date.UTC(2024, 10, 26, 22));
});

void test('buckets of random data agree with a direct computation (weeks and months)', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2024, 6, 1);
  const t = Float64Array.from({ length: 5000 }, () => from + Math.floor(rnd() * (to - from))).sort();
  const v = Float64Array.from(t, () => Math.round(rnd() * 1000) / 10);
  for (const dimension of ['Week', 'Month'] as const) {
    const b = computeBuckets({ timestamps: t, values: v }, { from, to, dimension, offsetMin: 60 });
    for (let k = 0; k < b.timestamps.length; k++) {
      const start = b.timestamps[k];
      const end = addDimension(start, dimension, 1, 60);
      assert.equal(floorToDimension(start, dimension, 60), start);
      const inside = [...t.keys()].filter((i) => t[i] >= Math.max(start, from) && t[i] < Math.min(end, to)).map((i) => v[i]);
      assert.equal(b.count[k], inside.length, `${dimension} ${k}`);
      if (inside.length > 0) {
        assert.equal(b.min[k], Math.min(...inside));
        assert.equal(b.max[k], Math.max(...inside));
      }
    }
    assert.equal([...b.count].reduce((s, x) => s + x, 0), t.length);
  }
});
