import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeTicks } from '../../../src/shared/chart/timeTicks';
import { zoneOffsetFn } from '../../../src/shared/chart/timeZone';

const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = (t: number): string => new Date(t).toISOString().slice(0, 16);

void test('ticks fall on round minutes, not on the first minute of the range (13:48, 13:54, 14:00, 14:05 before)', () => {
  const min = Date.UTC(2026, 0, 5, 13, 47, 23);
  const t = timeTicks(min, min + 40 * MIN, 5);
  assert.deepEqual([t.unit, t.step], ['minute', 10]);
  assert.deepEqual(t.values.map(iso), ['2026-01-05T13:50', '2026-01-05T14:00', '2026-01-05T14:10', '2026-01-05T14:20']);
  const five = timeTicks(min, min + 20 * MIN, 6);
  assert.deepEqual(five.values.map(iso), ['2026-01-05T13:50', '2026-01-05T13:55', '2026-01-05T14:00', '2026-01-05T14:05']);
});

void test('hours and days are round on the wall clock of the axis zone (+05:30), and steps are evenly spaced', () => {
  const min = Date.UTC(2026, 0, 5, 0, 0);
  const t = timeTicks(min, min + 24 * HOUR, 6, () => 330);
  assert.deepEqual([t.unit, t.step], ['hour', 6]);
  // 06:00, 12:00, 18:00 and 00:00 in +05:30 are 00:30, 06:30, 12:30, 18:30 UTC.
  assert.deepEqual(t.values.map(iso), ['2026-01-05T00:30', '2026-01-05T06:30', '2026-01-05T12:30', '2026-01-05T18:30']);
  const week = timeTicks(min, min + 7 * 24 * HOUR, 8);
  assert.equal(week.unit, 'day');
  for (let i = 1; i < week.values.length; i++) assert.equal(week.values[i] - week.values[i - 1], 24 * HOUR);
});

void test('across a daylight-saving change, day ticks stay at local midnight', () => {
  const helsinki = zoneOffsetFn('Europe/Helsinki');
  const min = Date.UTC(2026, 9, 22);
  const t = timeTicks(min, min + 6 * 24 * HOUR, 8, helsinki);
  assert.equal(t.unit, 'day');
  for (const v of t.values) {
    const wall = new Date(v + helsinki(v) * MIN);
    assert.deepEqual([wall.getUTCHours(), wall.getUTCMinutes()], [0, 0], new Date(v).toISOString());
  }
  assert.ok(t.values.some((v) => helsinki(v) === 180) && t.values.some((v) => helsinki(v) === 120), 'both sides of the change');
});

void test('months start on the 1st, years on 1 January; never more ticks than asked', () => {
  const min = Date.UTC(2025, 10, 17);
  const m = timeTicks(min, Date.UTC(2026, 9, 1), 12);
  assert.equal(m.unit, 'month');
  assert.ok(m.values.every((v) => new Date(v).getUTCDate() === 1));
  for (const [span, max] of [[3 * HOUR, 5], [400 * 86_400_000, 7], [5000, 4], [30 * 365 * 86_400_000, 6]] as const) {
    assert.ok(timeTicks(min, min + span, max).values.length <= max + 1, `${span} ms in ${max}`);
  }
});
