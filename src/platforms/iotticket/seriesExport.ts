/**
 * Series to CSV (streamed to a Writable, respecting backpressure, ISO timestamps) and to the das
 * `form='json'` shape. Several series share one CSV: their timestamps are merged into rows.
 */
import type { Writable } from 'node:stream';
import { csvText } from '../../shared/escape/csv';
import { formatIso, parseTimeZone, type TimeZone } from './time';
import type { Series } from './series';

export interface CsvOptions {
  /** Zone of the ISO timestamps (`±hh:mm`, `±hhmm`, `±hh`); default UTC. */
  readonly tz?: string;
  /** Column names instead of the series names (the das `column_names`). */
  readonly columnNames?: readonly string[];
  /** Rows per write; default 2000. */
  readonly rowsPerChunk?: number;
}

/** Writes `timestamp,<name>[,<name>…]` rows; resolves when everything was handed to the stream. Does not end it. */
export async function seriesToCsv(series: Series | readonly Series[], out: Writable, options: CsvOptions = {}): Promise<number> {
  const list: readonly Series[] = Array.isArray(series) ? series : [series as Series];
  const zone = parseTimeZone(options.tz ?? list[0]?.tz);
  const names = list.map((s, i) => options.columnNames?.[i] ?? s.name);
  const rowsPerChunk = options.rowsPerChunk ?? 2000;
  await write(out, `${['timestamp', ...names].map(csvText).join(',')}\n`);
  let rows = 0;
  let chunk: string[] = [];
  for (const row of mergedRows(list)) {
    chunk.push(formatRow(row, list, zone));
    if (chunk.length >= rowsPerChunk) {
      await write(out, chunk.join(''));
      rows += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(out, chunk.join(''));
  return rows + chunk.length;
}

interface Row {
  readonly ts: number;
  /** Index into each series, or -1 when that series has no point at `ts`. */
  readonly at: Int32Array;
}

/** Walks every series in time order (each sorted ascending first if needed), one row per distinct timestamp. */
function* mergedRows(list: readonly Series[]): Generator<Row> {
  const orders = list.map((s) => ascendingOrder(s.timestamps));
  const pos = new Int32Array(list.length);
  for (;;) {
    let ts = Infinity;
    for (let k = 0; k < list.length; k++) if (pos[k] < orders[k].length) ts = Math.min(ts, list[k].timestamps[orders[k][pos[k]]]);
    if (ts === Infinity) return;
    const at = new Int32Array(list.length).fill(-1);
    for (let k = 0; k < list.length; k++) {
      if (pos[k] < orders[k].length && list[k].timestamps[orders[k][pos[k]]] === ts) at[k] = orders[k][pos[k]++];
    }
    yield { ts, at };
  }
}

function ascendingOrder(ts: Float64Array): Uint32Array {
  const order = new Uint32Array(ts.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < ts.length && sorted; i++) sorted = ts[i - 1] <= ts[i];
  if (!sorted) order.sort((a, b) => ts[a] - ts[b]);
  return order;
}

function formatRow(row: Row, list: readonly Series[], zone: TimeZone): string {
  let line = formatIso(row.ts, zone);
  for (let k = 0; k < list.length; k++) {
    const i = row.at[k];
    line += ',';
    if (i < 0) continue;
    const s = list[k];
    if (s.strings) {
      const text = s.strings[i];
      if (text !== null && text !== undefined) line += csvText(text);
    } else if (!Number.isNaN(s.values[i])) {
      line += String(s.values[i]);
    }
  }
  return `${line}\n`;
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    out.once('error', onError);
    const ok = out.write(text, (err) => {
      if (err) reject(err);
    });
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (ok) done();
    else out.once('drain', done);
  });
}

export interface JsonPoint {
  readonly timestamp: string | number;
  readonly value: number | string | null;
}

export interface JsonOptions {
  /** `datetime` (ISO strings in `tz`, default) or `epoch` (ms). */
  readonly timestamp?: 'datetime' | 'epoch';
  readonly tz?: string;
  /** Keys instead of the series names, for several series. */
  readonly columnNames?: readonly string[];
}

/** The das `form='json'` result: a list of `{timestamp, value}`; for several series, an object keyed by series name. */
export function seriesToJson(series: Series, options?: JsonOptions): JsonPoint[];
export function seriesToJson(series: readonly Series[], options?: JsonOptions): Record<string, JsonPoint[]>;
export function seriesToJson(series: Series | readonly Series[], options: JsonOptions = {}): JsonPoint[] | Record<string, JsonPoint[]> {
  const first = Array.isArray(series) ? (series as readonly Series[])[0] : (series as Series);
  const zone = parseTimeZone(options.tz ?? first?.tz);
  const one = (s: Series): JsonPoint[] => {
    const out = new Array<JsonPoint>(s.timestamps.length);
    for (let i = 0; i < out.length; i++) {
      const ts = s.timestamps[i];
      const value = s.strings ? (s.strings[i] ?? null) : Number.isNaN(s.values[i]) ? null : s.values[i];
      out[i] = { timestamp: options.timestamp === 'epoch' ? ts : formatIso(ts, zone), value };
    }
    return out;
  };
  if (!Array.isArray(series)) return one(series as Series);
  return Object.fromEntries((series as readonly Series[]).map((s, i) => [options.columnNames?.[i] ?? s.name, one(s)]));
}
