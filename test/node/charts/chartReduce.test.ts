import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchQuery, HostToView, SeriesInfo, ViewToHost } from '../../../src/shared/chart/protocol';
import type { SeriesDescriptor } from '../../../src/shared/chart/series';
import { defaultViewOptions } from '../../../src/shared/chart/viewOptions';
import { controlTimes, reduce, shownPreset } from '../../../webview/chart/reduce';
import { dropBefore, fittedInterval } from '../../../webview/chart/liveWindow';
import { initialState, type ChartEnv, type ChartInput, type ChartState, type Effect } from '../../../webview/chart/state';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const env: ChartEnv = { now: NOW, widthPx: 800, localOffsetMin: () => 0 };
const d1: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'c', assetId: 'A1', attributeId: 'AT1', label: 'Temperature', unit: '°C' };
const d2: SeriesDescriptor = { kind: 'altair-property', connectionId: 'a', space: 's', thingId: 't', property: 'p', label: 'Pressure', unit: 'bar' };
const info = (d: SeriesDescriptor, id: string): SeriesInfo => ({ id, label: d.label, unit: d.unit, kind: d.kind, descriptor: d, platformStatistics: false });
const s1 = info(d1, 's1');
const s2 = info(d2, 's2');

/** Runs inputs in order; returns the last state and every effect. */
function run(state: ChartState, inputs: readonly ChartInput[], e: ChartEnv = env): { state: ChartState; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const input of inputs) {
    const step = reduce(state, input, e);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}
const posted = (effects: readonly Effect[]): ViewToHost[] => effects.flatMap((e) => (e.kind === 'post' ? [e.message] : []));
const fetches = (effects: readonly Effect[]) => posted(effects).filter((m): m is Extract<ViewToHost, { type: 'fetch' }> => m.type === 'fetch');
const init = (series: SeriesInfo[] = [s1], options = defaultViewOptions): HostToView => ({ type: 'init', title: 'Chart', series, options });
const xy = (...t: number[]) => ({ timestamps: Float64Array.from(t), values: Float64Array.from(t, (x) => x / 1000) });
const data = (requestId: number, query: FetchQuery, extra: Partial<Extract<HostToView, { type: 'data' }>> = {}): HostToView => ({
  type: 'data', requestId, query, fetchMs: 12, sentAt: NOW - 5,
  series: [{ seriesId: 's1', ...xy(query.from, query.to), fetchedPoints: 1000, truncated: false }], ...extra,
});

void test('init asks for the last 24 h at the plot width and says it is fetching', () => {
  const { state, effects } = run(initialState(undefined, NOW), [init()]);
  const [f] = fetches(effects);
  assert.equal(f.requestId, 1);
  assert.deepEqual({ from: f.query.from, to: f.query.to, widthPx: f.query.widthPx, reason: f.query.reason, mode: f.query.mode }, { from: NOW - 86_400_000, to: NOW, widthPx: 800, reason: 'initial', mode: 'raw' });
  assert.deepEqual(state.current, { id: 1, query: f.query });
  assert.equal(state.busy, true);
  assert.equal(state.emptyHint, false);
  assert.equal(state.status.text, 'Fetching 1 series…');
  const persisted = effects.find((e) => e.kind === 'persist');
  assert.deepEqual(persisted?.kind === 'persist' && persisted.state.series, [d1]);
  assert.ok(effects.some((e) => e.kind === 'syncControls'));
});

void test('a chart without series fetches nothing and shows the drop hint', () => {
  const { state, effects } = run(initialState(undefined, NOW), [init([])]);
  assert.deepEqual(fetches(effects), []);
  assert.equal(state.emptyHint, true);
  assert.equal(state.status.text, 'No series');
  assert.ok(effects.some((e) => e.kind === 'draw'));
});

void test('data is drawn, then reported as rendered with the transfer time and summarised', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  const q = fetches(a.effects)[0].query;
  const b = run(a.state, [data(1, q)]);
  assert.equal(b.state.current, undefined);
  assert.equal(b.state.busy, false);
  assert.equal(b.state.raw.get('s1')?.timestamps.length, 2);
  const draw = b.effects.find((e) => e.kind === 'draw');
  assert.ok(draw?.kind === 'draw' && draw.report);
  assert.deepEqual(draw.range, { from: q.from, to: q.to });
  const c = run(b.state, [{ type: 'page.drawn', report: draw.report, drawn: 500, drawMs: 3 }]);
  assert.deepEqual(posted(c.effects), [{ type: 'rendered', requestId: 1, fetchMs: 12, transferMs: 5, drawMs: 3, points: 1000, drawnPoints: 500, series: 1 }]);
  assert.equal(c.state.status.text, '1 series · 1,000 points · fetched in 12 ms · 500 drawn in 3 ms');
  assert.equal(c.state.status.error, false);
});

void test('a preview of a long read is drawn over the whole range while the read goes on; the complete data replaces it; an old one is ignored', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  const q = fetches(a.effects)[0].query;
  const preview: HostToView = { type: 'preview', requestId: 1, query: q, series: [{ seriesId: 's1', ...xy(q.from, q.from + 1000) }], points: 10_000, sentAt: NOW };
  const b = run(a.state, [preview]);
  assert.equal(b.state.busy, true, 'still reading');
  assert.deepEqual(b.state.current, a.state.current);
  assert.equal(b.state.raw.get('s1')?.timestamps.length, 2);
  const draw = b.effects.find((e) => e.kind === 'draw');
  assert.ok(draw?.kind === 'draw' && !draw.report, 'drawn, not reported as rendered');
  assert.deepEqual(draw.range, { from: q.from, to: q.to }, 'over the whole range: what is still loading shows blank');
  assert.equal(draw.firstOf, 1, 'the first frame of the read');
  assert.match(b.state.status.text, /Loading… 10,000 points so far/);
  // Progress of the same read keeps saying what is drawn is partial.
  const more = run(b.state, [{ type: 'progress', requestId: 1, points: 20_000, pages: 2, seriesDone: 0, seriesTotal: 1 }]);
  assert.match(more.state.status.text, /Loading… 20,000 points so far/);
  const c = run(b.state, [data(1, q)]);
  assert.equal(c.state.busy, false);
  const complete = c.effects.find((e) => e.kind === 'draw');
  assert.ok(complete?.kind === 'draw' && complete.report && complete.firstOf === undefined, 'not the first frame any more');
  assert.deepEqual([...(c.state.raw.get('s1')?.timestamps ?? [])], [q.from, q.to]);
  const stale = run(c.state, [{ ...preview, requestId: 1 }]);
  assert.equal(stale.state, c.state, 'a preview of a finished read changes nothing');
});

void test('a response to an older request is ignored, and a new fetch cancels the one in flight', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  const q1 = fetches(a.effects)[0].query;
  const b = run(a.state, [{ type: 'user.preset', preset: '7d' }]);
  assert.deepEqual(posted(b.effects).filter((m) => m.type === 'cancel'), [{ type: 'cancel', requestId: 1 }]);
  const q2 = fetches(b.effects)[0];
  assert.equal(q2.requestId, 2);
  assert.equal(q2.query.to - q2.query.from, 7 * 86_400_000);
  const stale = run(b.state, [data(1, q1), { type: 'progress', requestId: 1, points: 5, pages: 1, seriesDone: 0, seriesTotal: 1 }, { type: 'fetchFailed', requestId: 1, cancelled: true, message: 'x' }]);
  assert.equal(stale.state, b.state, 'nothing changed');
  assert.deepEqual(stale.effects, []);
});

void test('statistics replace raw points; computed buckets say so', () => {
  const a = run(initialState(undefined, NOW), [init(), { type: 'user.mode', mode: 'stats' }]);
  const f = fetches(a.effects).at(-1)!;
  assert.equal(f.query.mode, 'stats');
  const empty = new Float64Array(0);
  const b = run(a.state, [{ type: 'stats', requestId: f.requestId, query: f.query, dimension: 'Hour', from: f.query.from, to: f.query.to, fetchMs: 1, sentAt: NOW, series: [{ seriesId: 's1', timestamps: empty, min: empty, max: empty, avg: empty, count: empty, source: 'computed', fetchedPoints: 10 }] }]);
  assert.equal(b.state.shown, 'stats');
  assert.equal(b.state.raw.size, 0);
  const draw = b.effects.find((e) => e.kind === 'draw');
  assert.equal(draw?.kind === 'draw' ? draw.report?.note : '', 'Hour buckets (computed here)');
});

void test('failures: an error is shown as one; a cancel keeps the last summary', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  const q = fetches(a.effects)[0].query;
  const drawnState = run(a.state, [data(1, q)]);
  const draw = drawnState.effects.find((e) => e.kind === 'draw');
  const b = run(drawnState.state, [{ type: 'page.drawn', report: draw?.kind === 'draw' ? draw.report! : undefined!, drawn: 1000, drawMs: 1 }, { type: 'user.resetZoom' }]);
  const failed = run(b.state, [{ type: 'fetchFailed', requestId: 2, cancelled: false, message: 'HTTP 503' }]);
  assert.deepEqual(failed.state.status, { text: 'Fetch failed: HTTP 503', error: true });
  assert.equal(failed.state.busy, false);
  const cancelled = run(b.state, [{ type: 'fetchFailed', requestId: 2, cancelled: true, message: 'Cancelled' }]);
  assert.deepEqual(cancelled.state.status, { text: 'Cancelled. 1 series · 1,000 points · fetched in 12 ms', error: false });
});

void test('per-series errors and truncation reach the status line', () => {
  const a = run(initialState(undefined, NOW), [init([s1, s2])]);
  const q = fetches(a.effects)[0].query;
  const b = run(a.state, [data(1, q, { series: [
    { seriesId: 's1', ...xy(q.from), fetchedPoints: 1, truncated: true },
    { seriesId: 's2', ...xy(), fetchedPoints: 0, truncated: false, error: 'HTTP 404' },
  ] })]);
  const draw = b.effects.find((e) => e.kind === 'draw');
  assert.ok(draw?.kind === 'draw' && draw.report);
  const c = run(b.state, [{ type: 'page.drawn', report: draw.report, drawn: 1, drawMs: 0 }]);
  assert.deepEqual(c.state.status, { text: '2 series · 1 points · fetched in 12 ms · limit reached for Temperature · Pressure: HTTP 404', error: true });
});

void test('a custom range that does not parse or is reversed is refused before anything is sent', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  for (const [fromText, toText] of [['', '2024-06-01T10:00'], ['2024-06-01T10:00', '2024-06-01T09:00'], ['garbage', 'x']]) {
    const b = run(a.state, [{ type: 'user.customRange', fromText, toText }]);
    assert.deepEqual(b.effects, []);
    assert.deepEqual(b.state.status, { text: 'Enter a valid range: "from" must be before "to".', error: true });
  }
  const ok = run(a.state, [{ type: 'user.customRange', fromText: '2024-06-01T08:00', toText: '2024-06-01T10:00' }]);
  assert.deepEqual(fetches(ok.effects).map((f) => [f.query.from, f.query.to, f.query.reason]), [[Date.UTC(2024, 5, 1, 8), Date.UTC(2024, 5, 1, 10), 'range']]);
  assert.equal(ok.state.options.customFrom, Date.UTC(2024, 5, 1, 8));
});

void test('choosing "Custom…" keeps the range shown and fills the fields in the chosen zone', () => {
  const a = run(initialState(undefined, NOW), [init(), { type: 'user.zone', zone: '+02:00' }, { type: 'user.preset', preset: 'custom' }]);
  assert.equal(a.state.options.preset, 'custom');
  assert.equal(a.state.options.customTo, NOW);
  assert.deepEqual(controlTimes(a.state, env), { from: '2024-05-31T14:00', to: '2024-06-01T14:00' });
  const zoneFetch = fetches(a.effects).find((f) => f.query.reason === 'options');
  assert.equal(zoneFetch?.query.zoneOffsetMin, 120);
  assert.ok(a.effects.some((e) => e.kind === 'setZone' && e.zone === '+02:00'));
});

void test('options the user changes are saved and sent; a limit that is not a positive number means none', () => {
  const a = run(initialState(undefined, NOW), [init(), { type: 'user.limit', text: '500' }]);
  assert.equal(a.state.options.limit, 500);
  assert.equal(fetches(a.effects).at(-1)?.query.limit, 500);
  const b = run(a.state, [{ type: 'user.limit', text: 'abc' }, { type: 'user.toggleSeries', seriesId: 's1', hidden: true }]);
  assert.equal(b.state.options.limit, undefined);
  assert.deepEqual(b.state.options.hidden, ['s1']);
  const lastOptions = posted(b.effects).filter((m) => m.type === 'options').at(-1);
  assert.deepEqual(lastOptions, { type: 'options', options: b.state.options });
});

void test('live mode keeps the chosen 7-day window: history stays, appends slide it forward, and it says at once that it waits for the next point', () => {
  const week = 7 * 86_400_000;
  const options = { ...defaultViewOptions, preset: '7d' as const };
  const a0 = run(initialState(undefined, NOW), [init([s1], options)]);
  const q = fetches(a0.effects)[0].query;
  assert.equal(q.to - q.from, week);
  // A week of history sampled every 10 s (the last 300 points), then live on.
  const history = { timestamps: Float64Array.from({ length: 300 }, (_, i) => NOW - (300 - i) * 10_000), values: new Float64Array(300) };
  const history2 = { timestamps: Float64Array.of(NOW - week + 1000, ...history.timestamps), values: new Float64Array(301) };
  const a = run(a0.state, [{ ...data(1, q), series: [{ seriesId: 's1', ...history2, fetchedPoints: 301, truncated: false }] } as HostToView, { type: 'user.live', enabled: true }]);
  assert.deepEqual(posted(a.effects).filter((m) => m.type === 'live'), [{ type: 'live', live: { ...defaultViewOptions.live, enabled: true, paused: false, intervalMs: 10_000 } }], 'polls at the series\' own 10 s');
  const startedAt = NOW - 1000;
  const b = run(a.state, [{ type: 'liveStatus', state: 'connected', startedAt }]);
  assert.equal(b.state.raw.get('s1')?.timestamps.length, 301, 'the history stays');
  assert.equal(b.state.liveStartedAt, startedAt);
  assert.match(b.state.status.text, /^Live · waiting for the next point \(polling every 10 s\)$/);
  const c = run(b.state, [{ type: 'append', now: NOW + 5000, series: [{ seriesId: 's1', ...xy(NOW + 2000, NOW + 4000) }] }]);
  assert.equal(c.state.raw.get('s1')?.timestamps.length, 302, 'the oldest point left the sliding window, two arrived');
  const draw = c.effects.find((e) => e.kind === 'draw');
  assert.deepEqual(draw?.kind === 'draw' && [draw.range, draw.liveAt], [{ from: NOW + 5000 - week, to: NOW + 5000 }, NOW + 5000]);
  const zoomed = run(c.state, [{ type: 'user.range', from: NOW, to: NOW + 1000 }]);
  assert.ok(zoomed.effects.some((e) => e.kind === 'scheduleZoom'));
  const d = run(zoomed.state, [{ type: 'append', now: NOW + 10_000, series: [{ seriesId: 's1', ...xy(NOW + 8000) }] }]);
  const draw2 = d.effects.find((e) => e.kind === 'draw');
  assert.equal(draw2?.kind === 'draw' ? draw2.range : 'x', undefined, 'a zoomed chart keeps its range');
  assert.equal(d.state.raw.get('s1')?.timestamps.length, 303);
  const e = run(d.state, [{ type: 'page.liveDrawn', now: NOW + 10_000, drawn: 303 }]);
  assert.match(e.state.status.text, /^1 series · 303 points drawn · live, updated .* · waiting for the next point$/);
});

void test('live mode: disconnected and paused show in the banner; switching off fetches the preset range again', () => {
  const a = run(initialState(undefined, NOW), [init(), { type: 'user.live', enabled: true }, { type: 'liveStatus', state: 'connected', startedAt: NOW }]);
  const lost = run(a.state, [{ type: 'liveStatus', state: 'disconnected', since: NOW, startedAt: NOW, message: 'HTTP 503' }]);
  assert.equal(lost.state.banner.error, true);
  assert.match(lost.state.banner.text, /^Disconnected since .* — retrying automatically\. \(HTTP 503\)$/);
  const paused = run(a.state, [{ type: 'user.pause' }, { type: 'liveStatus', state: 'paused', startedAt: NOW }]);
  assert.equal(paused.state.options.live.paused, true);
  assert.deepEqual(paused.state.banner, { text: 'Live mode paused.', error: false });
  const off = run(a.state, [{ type: 'user.live', enabled: false }]);
  const f = fetches(off.effects).at(-1);
  assert.equal(f?.query.reason, 'range');
  assert.equal(off.state.liveStartedAt, undefined);
  assert.equal(f!.query.to, NOW);
});

void test('removing series drops their data; removing the last shows the hint', () => {
  const a = run(initialState(undefined, NOW), [init([s1, s2])]);
  const b = run(a.state, [{ type: 'seriesRemoved', seriesIds: ['s1'] }]);
  assert.deepEqual(b.state.series, [s2]);
  assert.equal(b.state.emptyHint, false);
  const c = run(b.state, [{ type: 'seriesRemoved', seriesIds: ['s2'] }]);
  assert.equal(c.state.emptyHint, true);
  assert.equal(c.state.status.text, 'No series');
  const added = run(c.state, [{ type: 'seriesAdded', series: [s1] }]);
  assert.deepEqual(added.state.series, [s1]);
  assert.equal(fetches(added.effects)[0].query.reason, 'series');
});

void test('user commands become messages; cancel only with a fetch in flight', () => {
  const idle = initialState(undefined, NOW);
  assert.deepEqual(run(idle, [{ type: 'user.cancel' }]).effects, []);
  const a = run(idle, [init()]);
  assert.deepEqual(posted(run(a.state, [{ type: 'user.cancel' }]).effects), [{ type: 'cancel', requestId: 1 }]);
  assert.deepEqual(posted(run(a.state, [{ type: 'user.command', command: 'exportPng' }, { type: 'user.removeSeries', seriesId: 's1' }, { type: 'user.drop', uris: ['iot-series:x'] }]).effects), [
    { type: 'command', command: 'exportPng' }, { type: 'removeSeries', seriesId: 's1' }, { type: 'drop', uris: ['iot-series:x'] },
  ]);
});

void test('reduce is pure: the state it was given is left as it was', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  const q = fetches(a.effects)[0].query;
  const before = structuredClone({ ...a.state, raw: [...a.state.raw], stats: [...a.state.stats] });
  run(a.state, [data(1, q), { type: 'append', now: NOW, series: [{ seriesId: 's1', ...xy(NOW) }] }, { type: 'user.live', enabled: true }, { type: 'seriesRemoved', seriesIds: ['s1'] }]);
  assert.deepEqual({ ...a.state, raw: [...a.state.raw], stats: [...a.state.stats] }, before);
});

void test('a restored state brings back its options; live mode resumes on init', () => {
  const options = { ...defaultViewOptions, mode: 'stats' as const, live: { ...defaultViewOptions.live, enabled: true } };
  const s = initialState({ version: 1, title: 'Old', series: [d1], options }, NOW);
  assert.equal(s.title, 'Old');
  const a = run(s, [init([s1], options)]);
  assert.deepEqual(posted(a.effects).find((m) => m.type === 'live'), { type: 'live', live: options.live });
  assert.equal(fetches(a.effects)[0].query.mode, 'raw', 'live mode fetches raw points');
});

void test('live polling fits the sampling: the longest offered interval not longer than the median step', () => {
  const every = (ms: number, n = 50) => ({ timestamps: Float64Array.from({ length: n }, (_, i) => i * ms), values: new Float64Array(n) });
  assert.equal(fittedInterval([every(10_000)]), 10_000);
  assert.equal(fittedInterval([every(7000)]), 5000);
  assert.equal(fittedInterval([every(500)]), 1000);
  assert.equal(fittedInterval([every(3_600_000)]), 60_000);
  assert.equal(fittedInterval([every(1000, 2)]), undefined, 'too few points to tell');
  assert.deepEqual(dropBefore(every(1000, 10), 4500).timestamps, Float64Array.of(5000, 6000, 7000, 8000, 9000));
});

void test('zooming shows the zoomed window in the range control ("Custom" from–to); Reset zoom brings the preset back', () => {
  const a = run(initialState(undefined, NOW), [init()]);
  assert.equal(shownPreset(a.state), '24h');
  const from = NOW - 3_600_000;
  const to = NOW - 1_800_000;
  const z = run(a.state, [{ type: 'user.range', from, to }, { type: 'page.zoomSettled', from, to }]);
  assert.ok(z.effects.some((e) => e.kind === 'syncControls'));
  assert.equal(shownPreset(z.state), 'custom');
  assert.equal(z.state.options.preset, '24h', 'the chosen preset is kept for Reset zoom');
  assert.deepEqual(controlTimes(z.state, env), { from: '2024-06-01T11:00', to: '2024-06-01T11:30' });
  const r = run(z.state, [{ type: 'user.resetZoom' }]);
  assert.equal(shownPreset(r.state), '24h');
  assert.ok(r.effects.some((e) => e.kind === 'syncControls'));
  assert.deepEqual(fetches(r.effects).map((f) => [f.query.from, f.query.to]), [[NOW - 86_400_000, NOW]]);
});
