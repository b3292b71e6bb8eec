// Both Altair timestamp shapes, through the fast path and the general one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAltairTime, parseAltairTime } from '../../../src/platforms/altair';
import { ValidationError } from '../../../src/platforms/http';

void test('RFC 3339 with and without milliseconds, any offset', () => {
  assert.equal(parseAltairTime('2021-12-13T09:38:11Z'), Date.UTC(2021, 11, 13, 9, 38, 11));
  assert.equal(parseAltairTime('2024-04-02T11:17:09.122Z'), Date.UTC(2024, 3, 2, 11, 17, 9, 122));
  assert.equal(parseAltairTime('2024-04-02T13:17:09.122+02:00'), Date.UTC(2024, 3, 2, 11, 17, 9, 122));
  assert.equal(parseAltairTime('2024-04-02T11:17:09.122456789Z'), Date.UTC(2024, 3, 2, 11, 17, 9, 122));
  // The day cache must not leak between different days.
  assert.equal(parseAltairTime('2024-04-03T00:00:00.000Z'), Date.UTC(2024, 3, 3));
  assert.equal(parseAltairTime('2024-04-02T23:59:59.999Z'), Date.UTC(2024, 3, 2, 23, 59, 59, 999));
});

void test('the action/event shape "YYYY-MM-DD HH:MM:SS+0000"', () => {
  assert.equal(parseAltairTime('2022-06-02 15:37:46+0000'), Date.UTC(2022, 5, 2, 15, 37, 46));
  assert.equal(parseAltairTime('2022-06-02 17:37:46+0200'), Date.UTC(2022, 5, 2, 15, 37, 46));
  assert.equal(parseAltairTime('2022-06-02 10:07:46-0530'), Date.UTC(2022, 5, 2, 15, 37, 46));
});

void test('garbage is NaN, not a wrong date', () => {
  for (const bad of ['', 'yesterday', '2022-13-01T00:00:00Z', '2022-06-02T1x:00:00Z', '2022/06/02 10:00:00']) {
    assert.ok(Number.isNaN(parseAltairTime(bad)), bad);
  }
});

void test('formatAltairTime gives RFC 3339 UTC with milliseconds and passes strings through', () => {
  assert.equal(formatAltairTime(Date.UTC(2022, 7, 22, 13, 9)), '2022-08-22T13:09:00.000Z');
  assert.equal(formatAltairTime(new Date(Date.UTC(2022, 0, 1))), '2022-01-01T00:00:00.000Z');
  assert.equal(formatAltairTime('2022|2023'), '2022|2023');
  // Impossible inputs are our ValidationError naming the parameter, never a bare RangeError.
  assert.throws(() => formatAltairTime(new Date('nope')), ValidationError);
  assert.throws(() => formatAltairTime(1e20), ValidationError);
});
