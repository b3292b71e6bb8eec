import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDimension, autoDimension, floorToDimension, formatInZone, formatZone, fromDisplayTime, parseInZone, parseZone, presetRange,
  resolvePeriod, toDisplayTime, ZONE_CHOICES,
} from '../../../src/shared/chart/timeRange';

void test('zones in the ±hh:mm, ±hhmm and ±hh forms', () => {
  assert.equal(parseZone('+02:00'), 120);
  assert.equal(parseZone('+0200'), 120);
  assert.equal(parseZone('+02'), 120);
  assert.equal(parseZone('-03:30'), -210);
  assert.equal(parseZone('+05:45'), 345);
  assert.equal(parseZone('Z'), 0);
  assert.equal(parseZone('UTC'), 0);
  for (const bad of ['02:00', '+2:00', '+02:60', '+15:00', 'CET', '', '+02:00:00']) assert.equal(parseZone(bad), undefined, bad);
  assert.equal(formatZone(-210), '-03:30');
  assert.equal(formatZone(0), '+00:00');
  for (const z of ZONE_CHOICES) assert.equal(formatZone(parseZone(z) as number), z);
});

void test('formatting and parsing wall-clock time in a zone round-trips', () => {
  const ts = Date.UTC(2024, 10, 26, 8, 0, 5, 123);
  assert.equal(formatInZone(ts, 120), '2024-11-26T10:00:05.123+02:00');
  assert.equal(formatInZone(ts, 0, true), '2024-11-26T08:00:05.123Z');
  assert.equal(formatInZone(ts, -210), '2024-11-26T04:30:05.123-03:30');
  assert.equal(parseInZone('2024-11-26T10:00:05.123', 120), ts);
  assert.equal(parseInZone('2024-11-26T10:00', 120), Date.UTC(2024, 10, 26, 8, 0));
  assert.equal(parseInZone('2024-11-26T08:00:05.123Z', 120), ts); // an explicit zone wins
  assert.equal(parseInZone('2024-11-26 04:30:05.123-03:30', 0), ts);
  assert.equal(parseInZone('2024-11-26', -60), Date.UTC(2024, 10, 26, 1));
  assert.equal(parseInZone('2024-02-30T00:00', 0), undefined);
  assert.equal(parseInZone('yesterday', 0), undefined);
  for (const off of [-720, -210, 0, 345, 840]) assert.equal(parseInZone(formatInZone(ts, off), 0), ts);
});

void test('presets end now and span 1 h, 24 h, 7 d, 30 d', () => {
  const now = Date.UTC(2025, 0, 15, 12);
  assert.deepEqual(presetRange('1h', now), { from: now - 3_600_000, to: now });
  assert.equal(now - presetRange('30d', now).from, 30 * 86_400_000);
});

void test('calendar buckets align to the zone: days, Monday weeks, months, quarters, years', () => {
  const ts = Date.UTC(2024, 10, 26, 23, 30); // Tue 26 Nov 23:30 UTC = Wed 27 Nov 01:30 at +02:00
  assert.equal(floorToDimension(ts, 'Day', 0), Date.UTC(2024, 10, 26));
  assert.equal(floorToDimension(ts, 'Day', 120), Date.UTC(2024, 10, 26, 22)); // 27 Nov 00:00 +02:00
  assert.equal(floorToDimension(ts, 'Week', 0), Date.UTC(2024, 10, 25)); // Monday
  assert.equal(floorToDimension(ts, 'Hour', 330), Date.UTC(2024, 10, 26, 23, 30)); // +05:30 hours start at :30 UTC
  assert.equal(floorToDimension(ts, 'Month', 0), Date.UTC(2024, 10, 1));
  assert.equal(floorToDimension(ts, 'Quarter', 0), Date.UTC(2024, 9, 1));
  assert.equal(floorToDimension(ts, 'Year', -60), Date.UTC(2024, 0, 1, 1));
  assert.equal(addDimension(Date.UTC(2024, 0, 31), 'Month', 1, 0), Date.UTC(2024, 2, 2)); // Date arithmetic from a non-bucket start
  assert.equal(addDimension(Date.UTC(2024, 0, 1), 'Quarter', 1, 0), Date.UTC(2024, 3, 1));
  assert.equal(addDimension(Date.UTC(2024, 10, 1, -2), 'Month', 1, 120), Date.UTC(2024, 11, 1, -2));
});

void test('autoDimension picks the finest bucket within the budget', () => {
  const day = 86_400_000;
  assert.equal(autoDimension(0, 3_600_000, 100), 'Minute');
  assert.equal(autoDimension(0, day, 100), 'Hour');
  assert.equal(autoDimension(0, 30 * day, 100), 'Day');
  assert.equal(autoDimension(0, 3 * 365 * day, 100), 'Month');
});

void test('named periods resolve in the zone', () => {
  const now = Date.UTC(2024, 10, 27, 10); // Wednesday
  const custom = { from: 1, to: 2 };
  assert.deepEqual(resolvePeriod('Custom', now, 0, custom), custom);
  assert.deepEqual(resolvePeriod('CurrentDay', now, 0), { from: Date.UTC(2024, 10, 27), to: Date.UTC(2024, 10, 28) });
  assert.deepEqual(resolvePeriod('PreviousDay', now, 120), { from: Date.UTC(2024, 10, 25, 22), to: Date.UTC(2024, 10, 26, 22) });
  assert.deepEqual(resolvePeriod('PreviousWeek', now, 0), { from: Date.UTC(2024, 10, 18), to: Date.UTC(2024, 10, 25) });
  assert.deepEqual(resolvePeriod('PreviousMonth', now, 0), { from: Date.UTC(2024, 9, 1), to: Date.UTC(2024, 10, 1) });
  assert.deepEqual(resolvePeriod('CurrentQuarter', now, 0), { from: Date.UTC(2024, 9, 1), to: Date.UTC(2025, 0, 1) });
  assert.deepEqual(resolvePeriod('PreviousYear', now, 0), { from: Date.UTC(2023, 0, 1), to: Date.UTC(2024, 0, 1) });
});

void test('display time shows the zone through a local-time formatter and maps back', () => {
  // A browser at +01:00 in winter and +02:00 in summer (a DST zone), showing +05:30.
  const local = (ts: number) => (new Date(ts).getUTCMonth() >= 3 && new Date(ts).getUTCMonth() < 9 ? 120 : 60);
  for (const ts of [Date.UTC(2024, 0, 10, 12), Date.UTC(2024, 6, 10, 12)]) {
    const x = toDisplayTime(ts, 330, local);
    // Formatting x with the local offset gives the wall clock at +05:30.
    assert.equal(formatInZone(x, local(x)).slice(0, 16), formatInZone(ts, 330).slice(0, 16));
    assert.equal(fromDisplayTime(x, 330, local), ts);
  }
});
