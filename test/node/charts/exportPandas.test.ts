/**
 * Every export format read back by the tools data engineers use, compared with what the API returned:
 * CSV and JSON by Debian's python3-pandas, Parquet by parquet-wasm (the Rust `parquet` crate; pandas on
 * Debian 12 has no Parquet engine: neither python3-pyarrow nor python3-fastparquet is packaged). Two
 * series share a name (one that starts like a formula) and the range crosses the end of summer time in
 * the chosen IANA zone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readParquet } from 'parquet-wasm/node';
import { tableFromIPC } from 'apache-arrow';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { exportSeries, type ExportFormat } from '../../../src/charts/exportSeries';
import type { SeriesEntry } from '../../../src/charts/seriesQuery';
import { finish } from '../../../src/charts/streamWrite';
import type { SeriesSource } from '../../../src/charts/seriesSource';
import { seriesExportKey } from '../../../src/shared/chart/series';
import { emulatorSource, sequentialRead, telemetryAttributes, type AttributeInfo } from './emulatorSource';

const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);
const DAY = 86_400_000;
const RANGE = { from: NOW - 14 * DAY, to: NOW }; // Helsinki leaves summer time on 25 October 2026
const ZONE = 'Europe/Helsinki';
const LABEL = '=Pump';

let emu: Emulator;
let dir: string;
let other: AttributeInfo;
let entries: SeriesEntry[];
let reference: Map<string, { timestamps: number[]; values: number[] }>;

before(async () => {
  emu = await startEmulator({ now: () => NOW });
  dir = mkdtempSync(join(tmpdir(), 'iot-export-'));
  other = (await telemetryAttributes(emu))[1];
  const sources = [emulatorSource(emu, { label: LABEL, unit: '°C' }), emulatorSource(emu, { attributeId: other.id, label: LABEL, unit: other.unit })];
  entries = sources.map((s: SeriesSource) => ({ source: s, info: { id: s.id, label: s.label, unit: s.unit, kind: s.kind, descriptor: s.descriptor, platformStatistics: false } }));
  reference = new Map();
  reference.set(seriesExportKey(sources[0].descriptor), await sequentialRead(emu, RANGE.from, RANGE.to));
  reference.set(seriesExportKey(sources[1].descriptor), await sequentialRead(emu, RANGE.from, RANGE.to, other.id));
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportTo(format: ExportFormat, bom = false): Promise<string> {
  const file = join(dir, `export${bom ? '-bom' : ''}.${format}`);
  const out = createWriteStream(file);
  await exportSeries(out, entries, format, { range: RANGE, zone: ZONE, bom, targetPoints: 5000 });
  await finish(out);
  return file;
}

interface Read {
  readonly columns: string[];
  /** Per series key: label, epoch ms parsed from the zoned timestamp text, values (null for gaps). */
  readonly series: Record<string, { labels: string[]; ts: number[]; v: (number | null)[] }>;
  /** The distinct UTC offsets the timestamp texts carry. */
  readonly offsets: string[];
  /** Columns of `pivot_table(index=timestamp, columns=series_id)`. */
  readonly pivot: string[];
}

const PANDAS = String.raw`
import json, sys
import pandas as pd
kind, path = sys.argv[1], sys.argv[2]
if kind == 'csv':
    df = pd.read_csv(path, keep_default_na=False, na_values=[''], dtype={'series_id': str, 'series': str, 'unit': str})
    text = df['timestamp']
    df['ts'] = pd.to_datetime(text, utc=True)
    assert (df['ts'].astype('int64') // 10**6 == df['epoch_ms']).all(), 'timestamp and epoch_ms disagree'
    key, label = 'series_id', 'series'
else:
    doc = json.load(open(path, encoding='utf-8'))
    df = pd.json_normalize(doc['series'], record_path='points', meta=['key', 'label', 'unit'])
    text = df['ts']
    df['ts'] = pd.to_datetime(text, utc=True)
    df = df.rename(columns={'v': 'value'})
    key, label = 'key', 'label'
out = {'columns': [str(c) for c in df.columns], 'series': {}, 'offsets': sorted(set(text.str[-6:])),
       'pivot': [str(c) for c in df.pivot_table(index='ts', columns=key, values='value', aggfunc='first').columns]}
for k, g in df.groupby(key):
    out['series'][k] = {'labels': sorted(set(g[label])), 'ts': (g['ts'].astype('int64') // 10**6).tolist(),
                        'v': [None if pd.isna(x) else float(x) for x in g['value']]}
json.dump(out, sys.stdout)
`;

function pandasRead(kind: 'csv' | 'json', file: string): Read {
  const text = execFileSync('/usr/bin/python3', ['-c', PANDAS, kind, file], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8');
  return JSON.parse(text) as Read;
}

function assertMatchesApi(read: Read['series'], expectLabel: string): void {
  assert.deepEqual(Object.keys(read).sort(), [...reference.keys()].sort(), 'one series per key: same-named series did not merge');
  for (const [key, ref] of reference) {
    const got = read[key];
    assert.deepEqual(got.labels, [expectLabel]);
    assert.equal(got.ts.length, ref.timestamps.length, key);
    assert.deepEqual(got.ts, ref.timestamps, `${key}: timestamps`);
    assert.deepEqual(got.v, ref.values.map((x) => (Number.isFinite(x) ? x : null)), `${key}: values`);
  }
}

void test('CSV read by pandas: values and instants as the API returned them, two same-named series by key, zone offsets across DST, formula text neutralised', async () => {
  const r = pandasRead('csv', await exportTo('csv'));
  assert.deepEqual(r.columns.slice(0, 6), ['timestamp', 'epoch_ms', 'series_id', 'series', 'unit', 'value']);
  assertMatchesApi(r.series, `'${LABEL}`);
  assert.deepEqual(r.offsets, ['+02:00', '+03:00']);
  assert.equal(r.pivot.length, 2);
});

void test('CSV with a byte order mark: the file starts with EF BB BF and pandas still sees the first column as "timestamp"', async () => {
  const file = await exportTo('csv', true);
  assert.deepEqual([...readFileSync(file).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const r = pandasRead('csv', file);
  assert.equal(r.columns[0], 'timestamp');
  assertMatchesApi(r.series, `'${LABEL}`);
});

void test('JSON read by pandas (json_normalize): the same points, keys and zone offsets', async () => {
  const file = await exportTo('json');
  const r = pandasRead('json', file);
  assertMatchesApi(r.series, LABEL);
  assert.deepEqual(r.offsets, ['+02:00', '+03:00']);
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { zone: string }).zone, ZONE);
});

void test('Parquet read by parquet-wasm: UTC instants, keys, names, units, nulls for gaps, and the zone in the metadata', async () => {
  const file = await exportTo('parquet');
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1');
  const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
  assert.deepEqual(table.schema.fields.map((f) => f.name), ['timestamp', 'series_id', 'series', 'unit', 'value']);
  assert.equal(table.schema.metadata.get('zone'), ZONE);
  const series: Read['series'] = {};
  const ts = table.getChild('timestamp')!;
  const keys = table.getChild('series_id')!;
  const labels = table.getChild('series')!;
  const values = table.getChild('value')!;
  for (let i = 0; i < table.numRows; i++) {
    const k = keys.get(i) as string;
    const s = (series[k] ??= { labels: [], ts: [], v: [] });
    const label = labels.get(i) as string;
    if (!s.labels.includes(label)) s.labels.push(label);
    s.ts.push(Number(ts.get(i)));
    s.v.push(values.get(i) as number | null);
  }
  assertMatchesApi(series, LABEL);
  assert.equal(table.getChild('unit')!.get(0), '°C');
});
