import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { CSV_HEADER, CsvSeriesWriter } from '../../../src/charts/csvWriter';
import { csvText } from '../../../src/shared/escape/csv';
import { JsonSeriesWriter } from '../../../src/charts/jsonWriter';
import { finish } from '../../../src/charts/streamWrite';
import type { XY } from '../../../src/shared/chart/downsample';

/** A slow sink with a tiny buffer: writes only complete after a tick, so back-pressure is real. */
class SlowSink extends Writable {
  readonly chunks: string[] = [];
  maxBuffered = 0;
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    this.chunks.push(String(chunk));
    setImmediate(cb);
  }
  text(): string {
    return this.chunks.join('');
  }
}

/** Pages generated on demand, like a paged fetch: the whole series never exists at once. */
function* pages(count: number, size: number, start: number): Generator<XY> {
  for (let p = 0; p < count; p++) {
    const t = Float64Array.from({ length: size }, (_, i) => start + (p * size + i) * 1000);
    const v = Float64Array.from(t, (x, i) => (i === 3 ? NaN : ((x / 1000) % 97) / 4));
    yield { timestamps: t, values: v };
  }
}

void test('CSV: header, ISO timestamps in the zone, quoted labels, empty fields for gaps', async () => {
  const sink = new SlowSink();
  const w = new CsvSeriesWriter(sink, { zone: '+02:00' });
  await w.begin();
  await w.writePage({ id: 's1', key: 'a1/t1', label: 'Temp, "inner"', unit: '°C' }, { timestamps: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 0, 1)), values: Float64Array.of(21.5, NaN) });
  await finish(sink);
  assert.equal(sink.text(), `${CSV_HEADER}2024-01-01T02:00:00.000+02:00,1704067200000,a1/t1,"Temp, ""inner""",°C,21.5\n2024-01-01T02:00:01.000+02:00,1704067201000,a1/t1,"Temp, ""inner""",°C,\n`);
  assert.equal(csvText('plain'), 'plain');
});

void test('CSV streams page by page: each page reaches the sink before the next one is produced', async () => {
  const sink = new SlowSink();
  const w = new CsvSeriesWriter(sink, { rowsPerChunk: 500 });
  await w.begin();
  const start = Date.UTC(2024, 0, 1);
  let expectedRows = 0;
  for (const page of pages(20, 5000, start)) {
    await w.writePage({ id: 's', key: 'k', label: 'S' }, page);
    expectedRows += page.timestamps.length;
    // Everything written so far has been handed to the sink (minus what its small buffer still holds).
    const lines = sink.text().split('\n').length - 2;
    assert.ok(expectedRows - lines <= 1000, `rows behind: ${expectedRows - lines}`);
  }
  await finish(sink);
  const lines = sink.text().trimEnd().split('\n');
  assert.equal(lines.length, 1 + 100_000);
  assert.equal(w.rowCount, 100_000);
  // Back-pressure honoured: the stream never buffered more than a chunk beyond its high-water mark.
  assert.ok(sink.maxBuffered < 64 * 1024, `buffered ${sink.maxBuffered}`);
  const [iso, epoch, key, label, unit, value] = lines[1 + 12_345].split(',');
  const t = start + 12_345 * 1000;
  assert.equal(iso, new Date(t).toISOString());
  assert.equal(Number(epoch), t);
  assert.equal(key, 'k');
  assert.equal(label, 'S');
  assert.equal(unit, '');
  assert.equal(Number(value), ((t / 1000) % 97) / 4);
});

void test('JSON streams several series into one valid document', async () => {
  const sink = new SlowSink();
  const w = new JsonSeriesWriter(sink, { zone: '-03:30', rowsPerChunk: 700 });
  const start = Date.UTC(2024, 0, 1);
  await w.begin({ from: start, to: start + 3_600_000 }, start);
  const sizes: number[] = [];
  for (const id of ['a', 'b']) {
    await w.beginSeries({ id, key: `asset/${id}`, label: `Series ${id}`, unit: id === 'a' ? 'bar' : undefined });
    let n = 0;
    for (const page of pages(3, 2000, start)) {
      await w.writePage(page);
      n += page.timestamps.length;
    }
    sizes.push(n);
    await w.endSeries();
  }
  await w.end();
  await finish(sink);
  const doc = JSON.parse(sink.text()) as { zone: string; from: string; series: { id: string; label: string; unit: string | null; points: { ts: string; v: number | null }[] }[] };
  assert.equal(doc.zone, '-03:30');
  assert.equal(doc.from, '2023-12-31T20:30:00.000-03:30');
  assert.deepEqual(doc.series.map((s) => [s.id, s.unit, s.points.length]), [['a', 'bar', sizes[0]], ['b', null, sizes[1]]]);
  assert.equal(doc.series[0].points[3].v, null);
  assert.equal(Date.parse(doc.series[1].points[4321].ts), start + 4321 * 1000);
  assert.equal(w.pointCount, 12_000);
  assert.ok(sink.chunks.length > 10); // written incrementally, not as one string
});

void test('JSON writer refuses calls out of order', async () => {
  const w = new JsonSeriesWriter(new SlowSink());
  await assert.rejects(() => w.writePage({ timestamps: new Float64Array(0), values: new Float64Array(0) }), /phase idle/);
});

void test('a destroyed file stops the export with a clear error', async () => {
  const sink = new SlowSink();
  const w = new CsvSeriesWriter(sink);
  await w.begin();
  sink.destroy();
  const [page] = pages(1, 10, 0);
  await assert.rejects(() => w.writePage({ id: 's', key: 's', label: 's' }, page), /closed before the export finished/);
});
