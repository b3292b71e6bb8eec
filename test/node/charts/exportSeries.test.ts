import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { exportSeries } from '../../../src/charts/exportSeries';
import { runRawQuery, type SeriesEntry } from '../../../src/charts/seriesQuery';
import { finish } from '../../../src/charts/streamWrite';
import type { SeriesSource } from '../../../src/charts/seriesSource';
import { emulatorSource, sequentialRead, telemetryAttributes, type AttributeInfo } from './emulatorSource';

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
  info: { id: source.id, label: source.label, unit: source.unit, kind: source.kind, descriptor: source.descriptor, platformStatistics: false },
});

/** Collects what is written; records the largest single write. */
class Sink extends Writable {
  readonly parts: string[] = [];
  constructor() {
    super({ decodeStrings: false, highWaterMark: 16 * 1024 });
  }
  override _write(chunk: string, _enc: BufferEncoding, cb: () => void): void {
    this.parts.push(chunk);
    setImmediate(cb);
  }
}

void test('CSV export of 90 days streams window by window and equals the series', async () => {
  const src = emulatorSource(emu);
  const fetched: number[] = [];
  const spy: SeriesSource = { ...src, fetchRange: async (o) => {
    const d = await src.fetchRange(o);
    fetched.push(d.timestamps.length);
    return d;
  } };
  const sink = new Sink();
  const r = await exportSeries(sink, [entryOf(spy)], 'csv', { range: { from: NOW - 90 * DAY, to: NOW }, zone: 'UTC', targetPoints: 20_000 });
  await finish(sink);
  const ref = await sequentialRead(emu, NOW - 90 * DAY, NOW);
  const lines = sink.parts.join('').trimEnd().split('\n').slice(1);
  assert.equal(r.points, ref.timestamps.length);
  assert.equal(lines.length, ref.timestamps.length);
  lines.forEach((line, i) => {
    const [, epoch, , , , value] = line.split(',');
    assert.equal(Number(epoch), ref.timestamps[i]);
    assert.equal(value === '' ? NaN : Number(value), ref.values[i]);
  });
  // Never the whole series at once: every window held a fraction of it.
  assert.ok(fetched.length >= 4, `${fetched.length} windows`);
  assert.ok(Math.max(...fetched) <= 2 * 20_000 + 10_000, `largest window ${Math.max(...fetched)}`);
  assert.ok(r.maxChunkPoints < ref.timestamps.length / 3);
});

void test('JSON export of two series parses back to the same points', async () => {
  const a = emulatorSource(emu);
  const b = emulatorSource(emu, { attributeId: other.id, label: other.name, unit: other.unit });
  const sink = new Sink();
  const range = { from: NOW - 3 * DAY, to: NOW };
  await exportSeries(sink, [entryOf(a), entryOf(b)], 'json', { range, zone: '+02:00', targetPoints: 1000 });
  await finish(sink);
  const doc = JSON.parse(sink.parts.join('')) as { zone: string; series: { id: string; points: { ts: string; v: number | null }[] }[] };
  assert.equal(doc.zone, '+02:00');
  const refs = [await sequentialRead(emu, range.from, range.to), await sequentialRead(emu, range.from, range.to, other.id)];
  doc.series.forEach((s, k) => {
    assert.equal(s.points.length, refs[k].timestamps.length);
    assert.ok(s.points[0].ts.endsWith('+02:00'));
    s.points.forEach((p, i) => {
      assert.equal(Date.parse(p.ts), refs[k].timestamps[i]);
      assert.equal(p.v ?? NaN, refs[k].values[i]);
    });
  });
  assert.ok(sink.parts.length > 10, `${sink.parts.length} writes`); // incremental, not one string
});

void test('a range the chart already holds is exported from the cache without requests', async () => {
  const src = emulatorSource(emu);
  const entry = entryOf(src);
  await runRawQuery([entry], { from: NOW - 2 * DAY, to: NOW, widthPx: 500, mode: 'raw', period: 'Custom', dimension: 'auto', downsample: 'lttb', zoneOffsetMin: 0, reason: 'initial' });
  const requests = src.requests.length;
  const sink = new Sink();
  const r = await exportSeries(sink, [entry], 'csv', { range: { from: NOW - DAY, to: NOW }, zone: 'UTC' });
  await finish(sink);
  assert.equal(src.requests.length, requests);
  assert.equal(r.points, (await sequentialRead(emu, NOW - DAY, NOW)).timestamps.length);
});

void test('a cancelled export stops between windows', async () => {
  const src = emulatorSource(emu);
  const ac = new AbortController();
  let windows = 0;
  const spy: SeriesSource = { ...src, fetchRange: async (o) => {
    if (++windows === 3) ac.abort();
    return src.fetchRange(o);
  } };
  await assert.rejects(exportSeries(new Sink(), [entryOf(spy)], 'csv', { range: { from: NOW - 90 * DAY, to: NOW }, zone: 'UTC', signal: ac.signal, targetPoints: 5000 }), { name: 'AbortError' });
  assert.equal(windows, 3);
});
