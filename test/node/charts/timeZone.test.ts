import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ianaZone, isFixedZone, normalizeZone, zoneOffsetAt, zoneOffsetFn } from '../../../src/shared/chart/timeZone';
import { formatInZone } from '../../../src/shared/chart/timeRange';

const MIN = 60_000;

void test('IANA zones follow daylight saving: Helsinki is +02:00 in winter and +03:00 in summer', () => {
  assert.equal(zoneOffsetAt('Europe/Helsinki', Date.UTC(2026, 0, 15, 12)), 120);
  assert.equal(zoneOffsetAt('Europe/Helsinki', Date.UTC(2026, 6, 15, 12)), 180);
  assert.equal(zoneOffsetAt('America/New_York', Date.UTC(2026, 0, 15, 12)), -300);
  assert.equal(zoneOffsetAt('America/New_York', Date.UTC(2026, 6, 15, 12)), -240);
  assert.equal(zoneOffsetAt('Asia/Kolkata', Date.UTC(2026, 6, 15, 12)), 330);
  assert.equal(zoneOffsetAt('Asia/Kathmandu', Date.UTC(2026, 6, 15, 12)), 345);
});

void test('the offset changes at the exact transition instant, also through the memoised function', () => {
  // EU summer time 2026 starts on 29 March at 01:00 UTC; it ends on 25 October at 01:00 UTC.
  const start = Date.UTC(2026, 2, 29, 1);
  const end = Date.UTC(2026, 9, 25, 1);
  const f = zoneOffsetFn('Europe/Helsinki');
  const seen = [start - 1, start, end - 1, end].map(f);
  assert.deepEqual(seen, [120, 180, 180, 120]);
  assert.equal(formatInZone(start - MIN, f(start - MIN)), '2026-03-29T02:59:00.000+02:00');
  assert.equal(formatInZone(start, f(start)), '2026-03-29T04:00:00.000+03:00');
  // Walking minute by minute across a day agrees with a fresh look-up at each instant.
  const g = zoneOffsetFn('America/New_York');
  for (let t = Date.UTC(2026, 10, 1, 0); t < Date.UTC(2026, 10, 2, 0); t += 7 * MIN) assert.equal(g(t), zoneOffsetAt('America/New_York', t));
});

void test('zones normalise to local, ±hh:mm or the canonical IANA name; anything else is refused', () => {
  assert.equal(normalizeZone('local'), 'local');
  assert.equal(normalizeZone('+0530'), '+05:30');
  assert.equal(normalizeZone('UTC'), '+00:00');
  assert.equal(normalizeZone('europe/helsinki'), 'Europe/Helsinki');
  assert.equal(normalizeZone('Mars/Olympus'), undefined);
  assert.equal(normalizeZone('"; alert(1)'), undefined);
  assert.equal(ianaZone('../../etc/passwd'), undefined);
  assert.equal(isFixedZone('+02:00'), true);
  assert.equal(isFixedZone('Europe/Helsinki'), false);
  assert.equal(zoneOffsetAt('-03:30', Date.UTC(2026, 6, 1)), -210);
});
