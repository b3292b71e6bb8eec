import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChartState, parseViewToHost } from '../../../src/shared/chart/messageSchema';
import type { FetchQuery, ViewToHost } from '../../../src/shared/chart/protocol';
import type { SeriesDescriptor } from '../../../src/shared/chart/series';
import { defaultViewOptions } from '../../../src/shared/chart/viewOptions';

const descriptor: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'c1', assetId: 'A1', attributeId: 'AT1', label: 'Temperature', unit: '°C' };
const query: FetchQuery = {
  from: 1_700_000_000_000, to: 1_700_086_400_000, widthPx: 900, mode: 'raw', period: 'Custom', dimension: 'auto',
  downsample: 'lttb', zoneOffsetMin: 120, reason: 'initial',
};

/** Every message the webview sends in normal use. */
const valid: ViewToHost[] = [
  { type: 'ready' },
  { type: 'ready', state: { version: 1, title: 'Chart', series: [descriptor], options: defaultViewOptions } },
  { type: 'fetch', requestId: 1, query },
  { type: 'fetch', requestId: 3, query, askedAt: 1_764_900_000_000 },
  { type: 'fetch', requestId: 2, query: { ...query, mode: 'stats', limit: 5000, dimension: 'Hour', period: 'PreviousWeek' } },
  { type: 'cancel', requestId: 1 },
  { type: 'firstFrame', requestId: 4 },
  { type: 'rendered', requestId: 1, fetchMs: 12, transferMs: 0, drawMs: 3.5, points: 1000, drawnPoints: 800, series: 1 },
  { type: 'live', live: { enabled: true, intervalMs: 5000, start: 'time', startTime: query.from, paused: false } },
  { type: 'options', options: { ...defaultViewOptions, preset: 'custom', customFrom: query.from, customTo: query.to, zone: '+05:30', hidden: ['a'] } },
  { type: 'removeSeries', seriesId: 'iotticket-attribute/c1/A1/AT1' },
  { type: 'drop', uris: ['iot-series:v1-datanode?d=%7B%7D'] },
  { type: 'command', command: 'exportCsv' },
  { type: 'reply', requestId: 3, what: 'png', value: { png: 'data:image/png;base64,AAAA' } },
  { type: 'reply', requestId: 4, what: 'visibleRange', value: { from: 1, to: 2 } },
  { type: 'reply', requestId: 5, what: 'held', value: { held: [{ seriesId: 's', timestamps: Float64Array.of(1, 2), values: Float64Array.of(3, 4) }] } },
  { type: 'replyError', requestId: 6, error: 'The chart has no range yet.' },
  { type: 'log', level: 'warn', message: 'ResizeObserver loop' },
];

void test('every message the webview sends in normal use passes, unchanged', () => {
  for (const m of valid) {
    const r = parseViewToHost(m);
    assert.ok(r.ok, `${m.type}: ${r.ok ? '' : r.problem}`);
    assert.deepEqual(r.message, m);
  }
});

const live = { enabled: true, intervalMs: 5000, start: 'now', paused: false };

/** Messages a compromised or buggy webview could send: each must be refused. */
const hostile: [string, unknown][] = [
  ['not an object', 'ready'],
  ['null', null],
  ['an array', [{ type: 'ready' }]],
  ['no type', { requestId: 1 }],
  ['unknown type', { type: 'eval', code: 'x' }],
  ['a host → view type', { type: 'data', requestId: 1 }],
  ['log at dispose', { type: 'log', level: 'dispose', message: 'x' }],
  ['log at clear', { type: 'log', level: 'clear', message: '' }],
  ['log at trace (not offered)', { type: 'log', level: 'trace', message: 'x' }],
  ['log with __proto__ level', { type: 'log', level: '__proto__', message: 'x' }],
  ['log with an object message', { type: 'log', level: 'info', message: { toString: 'x' } }],
  ['log of 2001 characters', { type: 'log', level: 'info', message: 'x'.repeat(2001) }],
  ['live interval as text', { type: 'live', live: { ...live, intervalMs: 'fast' } }],
  ['live interval NaN', { type: 'live', live: { ...live, intervalMs: Number.NaN } }],
  ['live interval Infinity', { type: 'live', live: { ...live, intervalMs: Number.POSITIVE_INFINITY } }],
  ['live interval 1 ms', { type: 'live', live: { ...live, intervalMs: 1 } }],
  ['live interval 0', { type: 'live', live: { ...live, intervalMs: 0 } }],
  ['live interval negative', { type: 'live', live: { ...live, intervalMs: -5000 } }],
  ['live interval of days', { type: 'live', live: { ...live, intervalMs: 86_400_000 * 3 } }],
  ['live without paused', { type: 'live', live: { enabled: true, intervalMs: 5000, start: 'now' } }],
  ['live start unknown', { type: 'live', live: { ...live, start: 'yesterday' } }],
  ['live start time as text', { type: 'live', live: { ...live, start: 'time', startTime: '2024-01-01' } }],
  ['fetch id negative', { type: 'fetch', requestId: -1, query }],
  ['fetch id fractional', { type: 'fetch', requestId: 1.5, query }],
  ['fetch id beyond safe integers', { type: 'fetch', requestId: 2 ** 60, query }],
  ['fetch id as text', { type: 'fetch', requestId: '1', query }],
  ['fetch asked at NaN', { type: 'fetch', requestId: 1, query, askedAt: Number.NaN }],
  ['fetch asked at as text', { type: 'fetch', requestId: 1, query, askedAt: 'now' }],
  ['fetch without query', { type: 'fetch', requestId: 1 }],
  ['fetch reversed range', { type: 'fetch', requestId: 1, query: { ...query, from: query.to, to: query.from } }],
  ['fetch empty range', { type: 'fetch', requestId: 1, query: { ...query, to: query.from } }],
  ['fetch NaN from', { type: 'fetch', requestId: 1, query: { ...query, from: Number.NaN } }],
  ['fetch infinite to', { type: 'fetch', requestId: 1, query: { ...query, to: Number.POSITIVE_INFINITY } }],
  ['fetch beyond Date range', { type: 'fetch', requestId: 1, query: { ...query, to: 9e15 } }],
  ['fetch width 0', { type: 'fetch', requestId: 1, query: { ...query, widthPx: 0 } }],
  ['fetch width of a million', { type: 'fetch', requestId: 1, query: { ...query, widthPx: 1_000_000 } }],
  ['fetch limit 0', { type: 'fetch', requestId: 1, query: { ...query, limit: 0 } }],
  ['fetch unknown mode', { type: 'fetch', requestId: 1, query: { ...query, mode: 'all' } }],
  ['fetch unknown period', { type: 'fetch', requestId: 1, query: { ...query, period: 'Forever' } }],
  ['fetch unknown dimension', { type: 'fetch', requestId: 1, query: { ...query, dimension: 'Second' } }],
  ['fetch zone offset of days', { type: 'fetch', requestId: 1, query: { ...query, zoneOffsetMin: 5000 } }],
  ['fetch unknown reason', { type: 'fetch', requestId: 1, query: { ...query, reason: 'because' } }],
  ['rendered negative time', { type: 'rendered', requestId: 1, fetchMs: -1, transferMs: 0, drawMs: 0, points: 0, drawnPoints: 0, series: 0 }],
  ['rendered fractional count', { type: 'rendered', requestId: 1, fetchMs: 1, transferMs: 0, drawMs: 0, points: 0.5, drawnPoints: 0, series: 0 }],
  ['options with a bad zone', { type: 'options', options: { ...defaultViewOptions, zone: 'Mars/Olympus' } }],
  ['options with a bad live interval', { type: 'options', options: { ...defaultViewOptions, live: { ...live, intervalMs: 'x' } } }],
  ['options with unknown preset', { type: 'options', options: { ...defaultViewOptions, preset: '1y' } }],
  ['options hidden not a list', { type: 'options', options: { ...defaultViewOptions, hidden: 'a' } }],
  ['options hidden of numbers', { type: 'options', options: { ...defaultViewOptions, hidden: [1] } }],
  ['options without live', { type: 'options', options: { ...defaultViewOptions, live: undefined } }],
  ['remove a series by number', { type: 'removeSeries', seriesId: 7 }],
  ['remove a series with a huge id', { type: 'removeSeries', seriesId: 'x'.repeat(5000) }],
  ['drop not a list', { type: 'drop', uris: 'iot-series:x' }],
  ['drop of too many lines', { type: 'drop', uris: Array.from({ length: 10_001 }, () => 'x') }],
  ['unknown command', { type: 'command', command: 'deleteEverything' }],
  ['command as method name', { type: 'command', command: 'dispose' }],
  ['reply of unknown kind', { type: 'reply', requestId: 1, what: 'secrets', value: {} }],
  ['png reply without png', { type: 'reply', requestId: 1, what: 'png', value: {} }],
  ['range reply reversed', { type: 'reply', requestId: 1, what: 'visibleRange', value: { from: 2, to: 1 } }],
  ['held reply with plain arrays', { type: 'reply', requestId: 1, what: 'held', value: { held: [{ seriesId: 's', timestamps: [1], values: [2] }] } }],
  ['held reply of unequal lengths', { type: 'reply', requestId: 1, what: 'held', value: { held: [{ seriesId: 's', timestamps: Float64Array.of(1, 2), values: Float64Array.of(1) }] } }],
  ['reply error without text', { type: 'replyError', requestId: 1 }],
];

void test('hostile and malformed messages are refused, naming the field but not echoing it', () => {
  for (const [name, m] of hostile) {
    const r = parseViewToHost(m);
    assert.equal(r.ok, false, `${name} was accepted`);
    if (!r.ok) {
      assert.ok(r.problem.length < 300, `${name}: problem text is bounded`);
      assert.doesNotMatch(r.problem, /xxxxxxxx|deleteEverything|Olympus/, `${name}: the problem does not echo the value`);
    }
  }
});

void test('a refused message names where it went wrong', () => {
  const r = parseViewToHost({ type: 'live', live: { ...live, intervalMs: 1 } });
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.problem, /^live: live\.intervalMs: /);
  const t = parseViewToHost({ type: 'x\ninjected [error] line', a: 1 });
  assert.equal(t.ok, false);
  assert.doesNotMatch(t.ok ? '' : t.problem, /\n/, 'a type with a line break cannot forge a log line');
});

void test('unknown fields are dropped: the host sees only what the protocol names', () => {
  const r = parseViewToHost({ type: 'cancel', requestId: 3, then: 'dispose', __proto__: { polluted: true } });
  assert.ok(r.ok);
  assert.deepEqual(Object.keys(r.message), ['type', 'requestId']);
});

void test('a saved state that does not parse is dropped from ready, not the handshake', () => {
  const r = parseViewToHost({ type: 'ready', state: { version: 1, series: [descriptor], options: { ...defaultViewOptions, live: { ...live, intervalMs: 'x' } } } });
  assert.ok(r.ok);
  assert.equal(r.ok && r.message.type === 'ready' ? r.message.state : 'kept', undefined);
});

void test('the serializer accepts only a state that parses in full', () => {
  const good = { version: 1, series: [descriptor], options: defaultViewOptions };
  assert.deepEqual(parseChartState(good), good);
  assert.equal(parseChartState({ ...good, version: 2 }), undefined);
  assert.equal(parseChartState({ ...good, series: [{ ...descriptor, assetId: 3 }] }), undefined);
  assert.equal(parseChartState({ ...good, options: { ...defaultViewOptions, live: { ...live, intervalMs: -1 } } }), undefined);
  assert.equal(parseChartState({ version: 1, series: [], options: {} }), undefined);
  assert.equal(parseChartState(undefined), undefined);
});
