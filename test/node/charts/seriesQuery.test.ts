import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { runRawQuery, runStatsQuery, type SeriesEntry } from '../../../src/charts/seriesQuery';
import { computeBuckets } from '../../../src/shared/chart/statsBuckets';
import { type FetchQuery, type SeriesInfo } from '../../../src/shared/chart/protocol';
import { defaultViewOptions } from '../../../src/shared/chart/viewOptions';
import type { SeriesSource } from '../../../src/charts/seriesSource';
import { emulatorIds, emulatorSource, sequentialRead, telemetryAttributes, type AttributeInfo, type CountingSource } from './emulatorSource';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;
let emu: Emulator;
/** A second TelemetryData attribute of the example asset (another unit). */
let other: AttributeInfo;

before(async () => {
  emu = await startEmulator({ now: () => NOW });
  other = (await telemetryAttributes(emu))[1];
});
after(() => emu.close());

const entryOf = (source: SeriesSource): SeriesEntry => ({
  source,
  info: { id: source.id, label: source.label, unit: source.unit, kind: source.kind, descriptor: source.descriptor, platformStatistics: !!source.fetchStatistics } satisfies SeriesInfo,
});

const query = (patch: Partial<FetchQuery>): FetchQuery => ({
  from: NOW - 30 * DAY, to: NOW, widthPx: 800, mode: 'raw', period: 'Custom', dimension: 'auto',
  downsample: defaultViewOptions.downsample, zoneOffsetMin: 0, reason: 'initial', ...patch,
});

void test('raw query: a month per series comes back downsampled to the width, with the fetched count', async () => {
  const a = emulatorSource(emu);
  const ids = emulatorIds(emu);
  const b = emulatorSource(emu, { attributeId: other.id, label: other.name, unit: other.unit });
  const entries = [entryOf(a), entryOf(b)];
  const progress: number[] = [];
  const r = await runRawQuery(entries, query({}), { onProgress: (p) => progress.push(p.points) });
  const refA = await sequentialRead(emu, NOW - 30 * DAY, NOW);
  const refB = await sequentialRead(emu, NOW - 30 * DAY, NOW, other.id);
  assert.equal(r.series[0].seriesId, a.id);
  assert.equal(r.series[0].fetchedPoints, refA.timestamps.length);
  assert.equal(r.series[1].fetchedPoints, refB.timestamps.length);
  assert.equal(r.points, refA.timestamps.length + refB.timestamps.length);
  for (const s of r.series) {
    assert.equal(s.error, undefined);
    assert.ok(s.timestamps.length <= 2 * 800 + 40, `${s.timestamps.length} drawn`);
    assert.ok(s.timestamps.length > 400);
    assert.ok(s.timestamps instanceof Float64Array && s.values instanceof Float64Array);
    assert.equal(s.timestamps.buffer.byteLength, s.timestamps.byteLength); // own buffer: nothing extra crosses to the webview
  }
  // Drawn points are real points (or NaN gap markers) of the series.
  const known = new Map(refA.timestamps.map((t, i) => [t, refA.values[i]]));
  r.series[0].timestamps.forEach((t, i) => {
    if (!Number.isNaN(r.series[0].values[i])) assert.equal(known.get(t), r.series[0].values[i]);
  });
  assert.ok(progress.length > 2 && progress[progress.length - 1] >= r.points);
  assert.ok(ids.assetId.length > 0);
});

void test('zooming into a cached range needs no request; beyond the cache it fetches again', async () => {
  const src = emulatorSource(emu);
  const entry = entryOf(src);
  await runRawQuery([entry], query({ from: NOW - 7 * DAY, to: NOW }));
  const before = src.requests.length;
  const zoom = await runRawQuery([entry], query({ from: NOW - 2 * DAY, to: NOW - DAY, reason: 'zoom' }));
  assert.equal(src.requests.length, before);
  const ref = await sequentialRead(emu, NOW - 2 * DAY, NOW - DAY);
  assert.equal(zoom.series[0].fetchedPoints, ref.timestamps.length);
  await runRawQuery([entry], query({ from: NOW - 8 * DAY, to: NOW, reason: 'range' }));
  assert.ok(src.requests.length > before);
});

void test('a chart keeps full resolution for its series together only up to its budget; a series beyond it is read again on zoom', async () => {
  const a = emulatorSource(emu);
  const b = emulatorSource(emu, { attributeId: other.id, label: other.name, unit: other.unit });
  const entries = [entryOf(a), entryOf(b)];
  const week = await runRawQuery(entries, query({ from: NOW - 7 * DAY, to: NOW }), { seriesConcurrency: 1 });
  const [na, nb] = week.series.map((s) => s.fetchedPoints);
  assert.ok(na > 0 && nb > 0);
  // Room for the first series' week, not for both: the second keeps nothing at full resolution.
  const budget = na + Math.floor(nb / 2);
  entries.forEach((e) => (e.cache = undefined));
  await runRawQuery(entries, query({ from: NOW - 7 * DAY, to: NOW }), { seriesConcurrency: 1, cachePoints: budget });
  const kept = entries.reduce((n, e) => n + (e.cache?.data.timestamps.length ?? 0), 0);
  assert.ok(kept <= budget, `${kept} points kept for a budget of ${budget}`);
  assert.ok(entries[0].cache, 'the first series fits');
  assert.equal(entries[1].cache, undefined, 'the second does not');
  const [ra, rb] = [a.requests.length, b.requests.length];
  const zoom = await runRawQuery(entries, query({ from: NOW - 2 * DAY, to: NOW - DAY, reason: 'zoom' }), { seriesConcurrency: 1, cachePoints: budget });
  assert.equal(a.requests.length, ra, 'the cached series zooms without a request');
  assert.ok(b.requests.length > rb, 'the other is read again');
  const ref = await sequentialRead(emu, NOW - 2 * DAY, NOW - DAY, other.id);
  assert.equal(zoom.series[1].fetchedPoints, ref.timestamps.length, 'and shows the same points');
});

void test('a limited fetch is not reused for other ranges', async () => {
  const src = emulatorSource(emu);
  const entry = entryOf(src);
  const r = await runRawQuery([entry], query({ from: NOW - 7 * DAY, to: NOW, limit: 500 }));
  assert.equal(r.series[0].truncated, true);
  assert.equal(r.series[0].fetchedPoints, 500);
  const n = src.requests.length;
  await runRawQuery([entry], query({ from: NOW - 7 * DAY, to: NOW }));
  assert.ok(src.requests.length > n);
});

void test('a failing series reports its error; the others still draw', async () => {
  const good = emulatorSource(emu);
  const bad = emulatorSource(emu, { attributeId: 'NO_SUCH_ATTRIBUTE', label: 'Missing' });
  const r = await runRawQuery([entryOf(good), entryOf(bad)], query({ from: NOW - DAY }));
  assert.equal(r.series[0].error, undefined);
  assert.ok(r.series[0].fetchedPoints > 0);
  assert.match(r.series[1].error ?? '', /HTTP 404/);
  assert.equal(r.series[1].timestamps.length, 0);
});

void test('statistics: platform buckets (IoT-TICKET) and buckets computed here (Altair path) agree', async () => {
  const platform = emulatorSource(emu);
  const computed: CountingSource = emulatorSource(emu, { statistics: false });
  const q = query({ mode: 'stats', from: NOW - 2 * DAY, to: NOW, dimension: 'Hour' });
  const r = await runStatsQuery([entryOf(platform), entryOf(computed)], q);
  assert.equal(r.dimension, 'Hour');
  const [p, c] = r.series;
  assert.equal(p.source, 'platform');
  assert.equal(c.source, 'computed');
  const byStart = new Map([...p.timestamps].map((t, i) => [t, i]));
  let compared = 0;
  c.timestamps.forEach((t, i) => {
    const j = byStart.get(t);
    if (j === undefined || c.count[i] === 0) return;
    assert.equal(c.count[i], p.count[j], `count at ${new Date(t).toISOString()}`);
    assert.equal(c.min[i], p.min[j]);
    assert.equal(c.max[i], p.max[j]);
    assert.ok(Math.abs(c.avg[i] - p.avg[j]) < 1e-5);
    compared++;
  });
  assert.ok(compared >= 40, `${compared} buckets compared`);
  // And the computed buckets are those of the raw points.
  const ref = await sequentialRead(emu, NOW - 2 * DAY, NOW);
  const direct = computeBuckets({ timestamps: Float64Array.from(ref.timestamps), values: Float64Array.from(ref.values) }, { from: NOW - 2 * DAY, to: NOW, dimension: 'Hour', offsetMin: 0 });
  assert.deepEqual([...c.count], [...direct.count]);
});

void test('auto bucket size follows the range and the width; named periods resolve to their range', async () => {
  const src = emulatorSource(emu, { statistics: false });
  const r = await runStatsQuery([entryOf(src)], query({ mode: 'stats', from: NOW - 30 * DAY, to: NOW, widthPx: 800 }));
  assert.equal(r.dimension, 'Day'); // 800 px allow 200 buckets: 720 hours are too many, 30 days fit
  assert.equal(r.series[0].timestamps.length, 31); // noon to noon: 29 whole days and two halves
  const r2 = await runStatsQuery([entryOf(src)], query({ mode: 'stats', from: NOW - 30 * DAY, to: NOW, widthPx: 4000 }));
  assert.equal(r2.dimension, 'Hour'); // 4000 px allow 1000 buckets
  const r3 = await runStatsQuery([entryOf(src)], query({ mode: 'stats', period: 'PreviousDay', dimension: 'Hour' }), { now: () => NOW });
  assert.deepEqual(r3.range, { from: Date.UTC(2026, 10, 19), to: Date.UTC(2026, 10, 20) });
  assert.equal(r3.series[0].timestamps.length, 24);
  assert.equal(r3.series[0].count.reduce((s, x) => s + x, 0), (await sequentialRead(emu, Date.UTC(2026, 10, 19), Date.UTC(2026, 10, 20) - 1)).timestamps.length);
});
