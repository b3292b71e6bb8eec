// The history page scanner must agree with JSON.parse whenever it answers, and step aside otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAltairTime, scanHistoryPage } from '../../../src/platforms/altair';

function reference(text: string, property: string): { t: number[]; v: number[]; next: string; previous: string } {
  const body = JSON.parse(text) as { data: Array<{ at: string; properties: Record<string, unknown> }>; paging: { next_cursor: string; previous_cursor: string } };
  return {
    t: body.data.map((d) => parseAltairTime(d.at)),
    v: body.data.map((d) => d.properties[property] as number),
    next: body.paging.next_cursor,
    previous: body.paging.previous_cursor,
  };
}

const numbers = [0, -0.5, 1e-7, 123456789.125, -3e21, 42, 17.25, 5e-324, 1.7976931348623157e308];

void test('agrees with JSON.parse on compact pages, either member order, any number literal', () => {
  const data = numbers.map((v, i) => ({ at: new Date(Date.UTC(2024, 3, 2, 11, 17, 9, 122) - i * 1000).toISOString(), properties: { 'temp/°C "x"': v } }));
  const paging = { next_cursor: 'WyIwMUY1M1BNSEpHQ1BTWlg5NVFGSkpFQURTNCJd', previous_cursor: '' };
  for (const text of [JSON.stringify({ data, paging }), JSON.stringify({ paging, data }), JSON.stringify({ data: [], paging })]) {
    const scanned = scanHistoryPage(text, 'temp/°C "x"');
    assert.ok(scanned, text.slice(0, 60));
    const ref = reference(text, 'temp/°C "x"');
    assert.deepEqual(Array.from(scanned.timestamps), ref.t);
    assert.deepEqual(Array.from(scanned.values), ref.v);
    assert.equal(scanned.nextCursor, ref.next);
    assert.equal(scanned.previousCursor, ref.previous);
  }
  // Literal forms JSON.stringify never writes, but JSON allows.
  const literal = '{"data":[{"at":"2024-04-02T11:17:09Z","properties":{"p":1E+2}},{"at":"2024-04-02T11:17:08Z","properties":{"p":-0.0e-1}}],"paging":{"next_cursor":"","previous_cursor":"abc"}}';
  const scanned = scanHistoryPage(literal, 'p');
  assert.ok(scanned);
  assert.deepEqual(Array.from(scanned.values), reference(literal, 'p').v);
});

void test('steps aside (undefined) for anything but the compact numeric shape', () => {
  const ok = '{"data":[{"at":"2024-04-02T11:17:09.122Z","properties":{"p":1}}],"paging":{"next_cursor":"","previous_cursor":""}}';
  assert.ok(scanHistoryPage(ok, 'p'));
  const others = [
    ok.replace('"p":1', '"p":"1"'), // a string value
    ok.replace('"p":1', '"p":true'),
    ok.replace('"p":1', '"p":null'),
    ok.replace('"p":1', '"p":[1]'),
    ok.replace('"p":1', '"p":1,"q":2'), // another property
    ok.replace('"p":1', '"p":01'), // not a JSON number
    ok.replace('"p":1', '"p":1.'),
    ok.replace('{"at"', '{ "at"'), // whitespace
    ok.replace('"at":"2024-04-02T11:17:09.122Z"', '"at":"yesterday"'),
    ok.replace('}}],', '},"extra":1}],'),
    ok.slice(0, -1), // truncated
    ok.slice(0, 40),
    `${ok} `,
    '{"items":[{"ts":1',
    ok.replace('"paging":{"next_cursor":"","previous_cursor":""}', '"paging":{"next_cursor":""}'),
  ];
  for (const text of others) assert.equal(scanHistoryPage(text, 'p'), undefined, text);
  assert.equal(scanHistoryPage(ok, 'other'), undefined, 'a page of another property');
});

void test('grows past its initial capacity', () => {
  const data = Array.from({ length: 2500 }, (_, i) => ({ at: new Date(1_700_000_000_000 + i * 10).toISOString(), properties: { p: i } }));
  const text = JSON.stringify({ data, paging: { next_cursor: '', previous_cursor: '' } });
  const scanned = scanHistoryPage(text, 'p');
  assert.ok(scanned);
  assert.equal(scanned.values.length, 2500);
  assert.equal(scanned.values[2499], 2499);
  assert.equal(scanned.timestamps[2499], 1_700_000_000_000 + 24_990);
});
