import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssetEvent } from '../../../src/platforms/iotticket/types';
import { parseViewToHost } from '../../../src/shared/eventHistory/messageSchema';
import type { EventRow, HistoryQuery } from '../../../src/shared/eventHistory/protocol';
import { eventRow } from '../../../src/webviews/eventHistory/eventRows';
import { cells, filterRows, formValues, readQuery, rowsStatus } from '../../../webview/eventHistory/form';

const utc = () => 0;
const helsinki = (at: number) => (new Date(at).getUTCMonth() >= 3 && new Date(at).getUTCMonth() <= 9 ? 180 : 120);
const NOW = Date.UTC(2024, 5, 1, 12);

void test('the form becomes a query in the page\'s zone', () => {
  const r = readQuery({ type: 'Alarm', from: '2024-06-01T08:00', to: '2024-06-01T10:30', ack: 'unacknowledged' }, helsinki, NOW);
  assert.deepEqual(r, { ok: true, query: { type: 'Alarm', start: Date.UTC(2024, 5, 1, 5), end: Date.UTC(2024, 5, 1, 7, 30), ack: 'unacknowledged' } });
  const all = readQuery({ type: '', from: '2024-06-01T08:00', to: '2024-06-02T08:00', ack: 'all' }, utc, NOW);
  assert.deepEqual(all.ok && all.query, { type: undefined, start: Date.UTC(2024, 5, 1, 8), end: Date.UTC(2024, 5, 2, 8), ack: 'all' });
});

void test('a cleared "From", a missing "To", a reversed range or text that is no date is refused with a clear message', () => {
  const cases: [string, string, RegExp][] = [
    ['', '2024-06-01T10:00', /starts \("From"\)/],
    ['   ', '2024-06-01T10:00', /starts \("From"\)/],
    ['2024-06-01T10:00', '', /ends \("To"\)/],
    ['2024-06-01T10:00', '2024-06-01T10:00', /"From" must be before "To"/],
    ['2024-06-02T10:00', '2024-06-01T10:00', /"From" must be before "To"/],
    ['yesterday', '2024-06-01T10:00', /starts \("From"\)/],
    ['2024-02-31T10:00', '2024-06-01T10:00', /starts \("From"\)/],
  ];
  for (const [from, to, problem] of cases) {
    const r = readQuery({ type: '', from, to, ack: 'all' }, utc, NOW);
    assert.equal(r.ok, false, `${from} – ${to}`);
    assert.match(r.ok ? '' : r.problem, problem);
  }
});

void test('unknown filter values fall back to no filter rather than reaching the host', () => {
  const r = readQuery({ type: 'Everything', from: '2024-06-01T08:00', to: '2024-06-01T09:00', ack: 'maybe' }, utc, NOW);
  assert.deepEqual(r.ok && [r.query.type, r.query.ack], [undefined, 'all']);
});

void test('a query fills the form back in the page\'s zone', () => {
  const q: HistoryQuery = { start: Date.UTC(2024, 0, 1, 10), end: Date.UTC(2024, 5, 1, 10), ack: 'acknowledged', type: 'Warning' };
  assert.deepEqual(formValues(q, helsinki), { type: 'Warning', from: '2024-01-01T12:00', to: '2024-06-01T13:00', ack: 'acknowledged' });
});

const event = (over: Partial<AssetEvent> = {}): AssetEvent => ({
  eventId: 'E1', assetId: 'A1', type: 'Alarm', severity: 'High', group: 'Pumps', message: 'Bearing hot', active: false,
  acknowledged: true, activatedAt: '2024-06-01T10:00:00Z', clearedAt: '2024-06-01T11:00:00Z', ...over,
});

void test('events become rows of one-line text; platform text cannot break or reorder a cell', () => {
  assert.deepEqual(cells(eventRow(event())), ['2024-06-01T10:00:00Z', '2024-06-01T11:00:00Z', 'High', 'Alarm', 'Bearing hot', 'A1', 'Pumps', '✓']);
  assert.equal(eventRow(event({ clearedAt: null, active: true })).clearedAt, '—');
  assert.equal(eventRow(event({ clearedAt: undefined, active: false, group: null, acknowledged: undefined })).group, '');
  const hostile = eventRow(event({ message: '<img src=x onerror="alert(1)">\nline two\u202Egnp.exe', group: 'a\u2028b' }));
  assert.equal(hostile.message, '<img src=x onerror="alert(1)">\\nline two\\u202egnp.exe');
  assert.equal(hostile.group, 'a\\u2028b');
  assert.ok(eventRow(event({ message: 'x'.repeat(50_000) })).message.length <= 10_001);
});

void test('the text filter matches any column, case-insensitively; the status counts what is shown', () => {
  const rows: EventRow[] = [eventRow(event()), eventRow(event({ eventId: 'E2', message: 'Pressure low', severity: 'Low', type: 'Warning', group: 'Lines' }))];
  assert.equal(filterRows(rows, '').length, 2);
  assert.deepEqual(filterRows(rows, ' pressure ').map((r) => r.message), ['Pressure low']);
  assert.deepEqual(filterRows(rows, 'PUMPS').map((r) => r.group), ['Pumps']);
  assert.equal(rowsStatus(2, 2, ''), '2 events');
  assert.equal(rowsStatus(1, 1, ''), '1 event');
  assert.equal(rowsStatus(2, 1, 'pressure'), '1 of 2 events');
  assert.equal(rowsStatus(2, 0, ' zzz '), 'No events match "zzz".');
  assert.equal(rowsStatus(0, 0, ''), 'No events in this range.');
});

void test('messages from the page: queries are checked field by field, anything else is refused', () => {
  const q = { start: NOW - 1000, end: NOW, ack: 'all' };
  for (const ok of [{ type: 'ready' }, { type: 'query', query: q }, { type: 'query', query: { ...q, type: 'Notification' } }, { type: 'retry' }, { type: 'showLog', entry: 4 },
    { type: 'reply', requestId: 1, what: 'shown', value: { status: '3 events', error: false, rows: 3, firstRow: ['a'] } }, { type: 'log', level: 'error', message: 'x' }]) {
    const r = parseViewToHost(ok);
    assert.ok(r.ok, `${JSON.stringify(ok)}: ${r.ok ? '' : r.problem}`);
  }
  for (const bad of [
    { type: 'query', query: { ...q, start: null } },
    { type: 'query', query: { ...q, start: Number.NaN } },
    { type: 'query', query: { ...q, start: q.end, end: q.start } },
    { type: 'query', query: { ...q, type: 'Everything' } },
    { type: 'query', query: { ...q, ack: 'some' } },
    { type: 'query' },
    { type: 'showLog', entry: 0 },
    { type: 'showLog', entry: 'latest' },
    { type: 'log', level: 'dispose', message: '' },
    { type: 'reply', requestId: 1, what: 'shown', value: { status: 3 } },
    { type: 'openFile', path: '/etc/passwd' },
  ]) {
    assert.equal(parseViewToHost(bad).ok, false, JSON.stringify(bad));
  }
});
