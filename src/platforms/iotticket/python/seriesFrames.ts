/**
 * DataFrames of das time series → our typed-array `Series`. The time column is `timestamp` (or the first
 * time-typed column): epoch ms as sent, or epoch seconds when every stamp is too small to be milliseconds
 * (the reference does not say which unit `timestamp='epoch'` uses). Numeric columns arrive as Float64Array
 * and stay so; text columns (astype=str) become `strings` plus their numeric reading.
 */
import { isTextType, toNumber, type Series } from '../series';
import { parseServerTime } from '../time';
import type { Mapper } from './mapping';
import type { WireColumn, WireFrame } from './wire';

/** Epoch ms of 1973-03-03: below it every stamp of a real series is taken as seconds. */
const SECONDS_BELOW = 1e11;

function timeColumn(frame: WireFrame): WireColumn | undefined {
  return frame.column('timestamp') ?? frame.columns.find((c) => c.kind === 'time') ?? frame.columns[0];
}

export function timestampsOf(column: WireColumn | undefined, length: number, mapper: Mapper): Float64Array {
  if (!column) return new Float64Array(length);
  if (column.kind === 'time') return column.values as Float64Array;
  if (column.values instanceof Float64Array) {
    const ts = column.values;
    let max = -Infinity;
    for (let i = 0; i < ts.length; i++) if (ts[i] > max) max = ts[i];
    if (ts.length === 0 || max >= SECONDS_BELOW) return ts;
    mapper.once('series:seconds', 'das gave epoch timestamps in seconds; converted to milliseconds', 'debug');
    return ts.map((t) => t * 1000);
  }
  if (column.values instanceof BigInt64Array) return Float64Array.from(column.values, (t) => Number(t));
  return Float64Array.from(column.values as readonly unknown[], (t) => parseServerTime(t));
}

/** The type a text column holds: boolean when every value is true/false, double when every one is a number. */
function inferTextType(values: readonly unknown[]): string {
  let booleans = true;
  let numbers = true;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    const s = String(v);
    if (booleans && s !== 'true' && s !== 'false' && s !== 'True' && s !== 'False') booleans = false;
    if (numbers && !Number.isFinite(Number(s))) numbers = false;
    if (!booleans && !numbers) break;
  }
  return booleans ? 'boolean' : numbers ? 'double' : 'string';
}

export interface ColumnSeries {
  readonly values: Float64Array;
  readonly strings?: (string | null)[];
  readonly dataType: string;
}

export function valuesOf(column: WireColumn): ColumnSeries {
  if (column.kind === 'bool') return { values: column.values as Float64Array, dataType: 'boolean' };
  if (column.values instanceof Float64Array) return { values: column.values, dataType: 'double' };
  if (column.values instanceof BigInt64Array) return { values: Float64Array.from(column.values, (v) => Number(v)), dataType: 'long' };
  const raw = column.values as readonly unknown[];
  const dataType = inferTextType(raw);
  const values = Float64Array.from(raw, (v) => (v === null || v === undefined ? NaN : toNumber(typeof v === 'string' && dataType === 'boolean' ? v.toLowerCase() : v, dataType)));
  return isTextType(dataType) ? { values, strings: raw.map((v) => (v === null || v === undefined ? null : String(v))), dataType } : { values, dataType };
}

/** A single-series frame (`timestamp`, `value`). */
export function frameToSeries(frame: WireFrame, meta: Pick<Series, 'name' | 'unit' | 'assetId' | 'attributeId'>, mapper: Mapper): Series & { dataType: string } {
  const time = timeColumn(frame);
  const valueColumn = frame.column('value') ?? frame.columns.find((c) => c !== time);
  const timestamps = timestampsOf(time, frame.length, mapper);
  const v = valueColumn ? valuesOf(valueColumn) : { values: new Float64Array(frame.length).fill(NaN), dataType: 'double' };
  return { ...meta, timestamps, ...v };
}

/** A multi-series frame (`timestamp` plus one column per series, joined): each column without its gaps. */
export function frameToSeriesList(frame: WireFrame, mapper: Mapper): { name: string; series: ColumnSeries & { timestamps: Float64Array } }[] {
  const time = timeColumn(frame);
  const timestamps = timestampsOf(time, frame.length, mapper);
  return frame.columns.filter((c) => c !== time).map((c) => {
    const v = valuesOf(c);
    const keep: number[] = [];
    for (let i = 0; i < v.values.length; i++) if (!Number.isNaN(v.values[i]) || (v.strings && v.strings[i] !== null)) keep.push(i);
    if (keep.length === v.values.length) return { name: c.name, series: { ...v, timestamps } };
    return {
      name: c.name,
      series: {
        timestamps: Float64Array.from(keep, (i) => timestamps[i]),
        values: Float64Array.from(keep, (i) => v.values[i]),
        dataType: v.dataType,
        ...(v.strings ? { strings: keep.map((i) => v.strings![i]) } : {}),
      },
    };
  });
}
