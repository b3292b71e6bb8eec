/** The Monitor page's state (webview/monitor/model.ts): counts, pause, filter, copy; and the live summary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRows, clear, copyText, emptyModel, rowMatcher, setPaused, topicCounts, visibleRows } from '../../../webview/monitor/model';
import { payloadText, MAX_PAYLOAD_TEXT } from '../../../src/shared/monitor/protocol';
import { summarize } from '../../../src/live/liveSummary';
import type { OwnerState } from '../../../src/live/altairLiveHub';

const row = (topic: string, text: string, receivedAt = 0) => ({ topic, text, receivedAt });
const T = 'spaces/s/things/T/properties/temperature';
const M = 'spaces/s/things/T/properties/mode';

void test('every message is counted per topic; the list keeps the newest, bounded', () => {
  const m = emptyModel();
  addRows(m, [row(T, '1'), row(M, '"cool"'), row(T, '2')], 2);
  assert.deepEqual(topicCounts(m), [{ topic: M, count: 1 }, { topic: T, count: 2 }]);
  assert.equal(m.received, 3);
  assert.deepEqual(m.rows.map((r) => r.text), ['"cool"', '2']);
  clear(m);
  assert.deepEqual([m.rows.length, m.received, topicCounts(m).length], [0, 0, 0]);
});

void test('pause holds new rows (still counted) and resume shows them', () => {
  const m = emptyModel();
  addRows(m, [row(T, '1')]);
  setPaused(m, true);
  addRows(m, [row(T, '2'), row(T, '3')]);
  assert.deepEqual(m.rows.map((r) => r.text), ['1']);
  assert.equal(m.held.length, 2);
  assert.equal(topicCounts(m)[0].count, 3);
  setPaused(m, false);
  assert.deepEqual(m.rows.map((r) => r.text), ['1', '2', '3']);
  assert.equal(m.held.length, 0);
});

void test('the filter is an MQTT topic filter when it has wildcards, else text in topic or payload', () => {
  const m = emptyModel();
  addRows(m, [row(T, '21.5'), row(M, '"cool"'), row('spaces/s/things/T/events/overheat', '{"data": "<b>hot</b>"}')]);
  assert.deepEqual(visibleRows(m, '+/+/things/+/properties/#').map((r) => r.topic), [T, M]);
  assert.deepEqual(visibleRows(m, 'COOL').map((r) => r.topic), [M]);
  assert.deepEqual(visibleRows(m, '<b>').map((r) => r.topic), ['spaces/s/things/T/events/overheat']);
  // A text with a stray `#` that is no valid filter is looked for as text.
  assert.equal(rowMatcher('a#b')(row('x/a#b', '')), true);
  assert.equal(visibleRows(m, '  ').length, 3);
});

void test('copy gives time, topic and payload of each row; long payloads are cut and say so', () => {
  assert.equal(copyText([row(T, '21.5', Date.UTC(2026, 11, 4, 22, 0, 0))]), `2026-12-04T22:00:00.000Z  ${T}\n21.5`);
  assert.equal(payloadText('{"a":1}', { a: 1 }), '{\n  "a": 1\n}');
  assert.equal(payloadText('not json', undefined), 'not json');
  const long = payloadText('x'.repeat(MAX_PAYLOAD_TEXT + 10), undefined);
  assert.equal(long.length, MAX_PAYLOAD_TEXT + 1);
  assert.ok(long.endsWith('…'));
});

void test('the live summary: disconnected wins (since the earliest loss), then MQTT, then polling and why', () => {
  const owner = { kind: 'thing', space: 's', uid: 'T' } as const;
  const s = (x: Partial<OwnerState>): OwnerState => ({ connectionId: 'c', owner, ...x });
  assert.deepEqual(summarize([]), { mode: 'polling' });
  assert.deepEqual(summarize([s({ notLive: 'no-credentials' }), s({ notLive: 'failed', error: 'refused' })]), { mode: 'polling', reason: 'failed', error: 'refused' });
  assert.deepEqual(summarize([s({ status: { state: 'connected', since: 5, refused: [] } }), s({ notLive: 'no-broker' })]), { mode: 'mqtt', since: 5, owners: 1 });
  assert.deepEqual(
    summarize([
      s({ status: { state: 'connected', since: 5, refused: [] } }),
      s({ status: { state: 'reconnecting', since: 9, attempt: 2, retryAt: 20, error: 'ECONNREFUSED' } }),
      s({ status: { state: 'reconnecting', since: 7, attempt: 1, retryAt: 20 } }),
    ]),
    { mode: 'disconnected', since: 7 },
  );
});
