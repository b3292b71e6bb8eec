/**
 * DataApi over das. Series are asked for as das' DataFrame with `timestamp='epoch'` and `astype=float`, so
 * they cross the process boundary as float64 columns; a series whose values are not numbers (das then
 * raises) is asked again with `astype=str`, das' own default, and read as text.
 */
import { seriesToJson, type JsonPoint } from '../seriesExport';
import { ValidationError } from '../../http';
import type { WriteReport } from '../adapterClient';
import { packTelemetry, packTimesignals, type TelemetryRow, type Timesignal } from '../adapterPayloads';
import type { DataApi } from '../assetApi';
import type { AssetLocator } from '../assetApiContext';
import {
  checkAttributeLocator, checkCalculatedWrite, checkMultipleTimeseries, checkStaticWrite, checkStatistics, checkTimeseries, checkTimesignal, columnNames,
  SERIES_MAX_LIMIT, type AttributeLocator,
} from '../dataChecks';
import type { DeviceWriteOptions, MultipleTimeseriesOptions, PagedSeriesOptions, TimeseriesOptions, TimesignalOptions, TimesignalResult } from '../dataClient';
import { fetchPagedSeries, type Series } from '../series';
import { formatIso, formatTimestamp, parseServerTime, parseTimeZone, toEpochMs, type TimeInput } from '../time';
import type { StatisticsBucket } from '../types';
import { checkInteger } from '../validation';
import { PythonCallError } from './errors';
import { locatorKwargs } from './pyAssets';
import { sdkTime, type PyContext } from './pyContext';
import { deviceKwargs, groupsOfOneBody, SDK_BODY_BUDGET, sendGroups } from './pyDeviceWrites';
import { frameToSeries, frameToSeriesList } from './seriesFrames';
import { frameArgument, pythonType, WireFrame } from './wire';

type Signal = { readonly signal?: AbortSignal };

function attributeKwargs(l: AttributeLocator): Record<string, unknown> {
  return checkAttributeLocator(l) === 'attributeId' ? { attribute_id: l.attributeId } : { names_path: [...l.namesPath!] };
}

/** das raises ValueError (astype=float on text) or TypeError when the values are not numbers. */
const isConversionFailure = (err: unknown): boolean => err instanceof ValidationError || (err instanceof PythonCallError && err.pythonType === 'TypeError');

export class PyData implements DataApi {
  constructor(private readonly py: PyContext) {}

  /** A series method with float columns first, text on a conversion failure. */
  private async seriesCall(method: string, kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<WireFrame> {
    const ask = async (astype: 'float' | 'str'): Promise<WireFrame> => {
      const raw = await this.py.call('data', method, { ...kwargs, form: 'DataFrame', astype: pythonType(astype), timestamp: 'epoch' }, { signal });
      if (!(raw instanceof WireFrame)) throw new PythonCallError(method, 'UnexpectedResult', 'bridge', `expected a DataFrame, got ${Array.isArray(raw) ? 'a list' : typeof raw}`);
      return raw;
    };
    try {
      return await ask('float');
    } catch (err) {
      if (!isConversionFailure(err)) throw err;
      this.py.mapper.once(`series:text:${method}`, `${method} with astype=float failed (${(err as Error).message}); read again as text`, 'debug');
      return ask('str');
    }
  }

  private async page(l: AttributeLocator, q: { start?: TimeInput; end?: TimeInput; ascending: boolean; limit: number }, signal?: AbortSignal): Promise<Series> {
    const frame = await this.seriesCall('get_timeseries', {
      ...attributeKwargs(l), start_time: sdkTime(q.start, 'startTime'), end_time: sdkTime(q.end, 'endTime'), chronological_order: q.ascending, limit: q.limit,
    }, signal);
    const sources = (frame.attrs.sources ?? {}) as { attribute_names?: unknown[]; attribute_ids?: unknown[] };
    const name = String(sources.attribute_names?.[0] ?? l.namesPath?.[l.namesPath.length - 1] ?? '');
    const series = frameToSeries(frame, { name, unit: '', assetId: l.assetId, attributeId: String(sources.attribute_ids?.[0] ?? l.attributeId ?? '') || undefined }, this.py.mapper);
    // das does not say whether more points exist; a full page may have more behind it.
    return { ...series, truncated: series.timestamps.length >= q.limit };
  }

  async getTimeseries(options: TimeseriesOptions & { readonly form: 'json' }): Promise<JsonPoint[]>;
  async getTimeseries(options: TimeseriesOptions): Promise<Series>;
  async getTimeseries(options: TimeseriesOptions): Promise<Series | JsonPoint[]> {
    const { form, limit, tz, start, end } = checkTimeseries(options);
    const s = await this.page(options, { start, end, ascending: options.chronologicalOrder === true, limit }, options.signal);
    const series: Series = { ...s, ...(tz ? { tz } : {}) };
    return form.json ? seriesToJson(series, { timestamp: form.timestamp, tz }) : series;
  }

  async getMultipleTimeseries(options: MultipleTimeseriesOptions & { readonly form: 'json' }): Promise<Record<string, JsonPoint[]>>;
  async getMultipleTimeseries(options: MultipleTimeseriesOptions): Promise<Series[]>;
  async getMultipleTimeseries(options: MultipleTimeseriesOptions): Promise<Series[] | Record<string, JsonPoint[]>> {
    const { form, which, limit, tz, start, end, attributeIds, columnNames } = checkMultipleTimeseries(options);
    const kwargs: Record<string, unknown> = attributeIds
      ? { attribute_ids: [...attributeIds] }
      : locatorKwargs({ [which]: options[which as keyof AssetLocator] } as AssetLocator);
    if (columnNames) kwargs.column_names = [...columnNames];
    const frame = await this.seriesCall('get_multiple_timeseries', {
      ...kwargs, start_time: sdkTime(start, 'startTime'), end_time: sdkTime(end, 'endTime'), chronological_order: options.chronologicalOrder === true, limit,
    }, options.signal);
    const ids = ((frame.attrs.sources ?? {}) as { attribute_ids?: unknown[] }).attribute_ids ?? options.attributeIds ?? [];
    const named = frameToSeriesList(frame, this.py.mapper).map(({ name, series }, i) => ({
      ...series, name, unit: '', attributeId: ids[i] === undefined ? undefined : String(ids[i]), truncated: series.timestamps.length >= limit, ...(tz ? { tz } : {}),
    }));
    return form.json ? seriesToJson(named, { timestamp: form.timestamp, tz }) : named;
  }

  async fetchSeriesPaged(options: PagedSeriesOptions): Promise<Series> {
    checkAttributeLocator(options);
    const pageSize = checkInteger('pageSize', options.pageSize, 1, SERIES_MAX_LIMIT, SERIES_MAX_LIMIT);
    const start = toEpochMs(options.start, 'start');
    const end = toEpochMs(options.end, 'end');
    if (end < start) throw new ValidationError('end', 'is before start');
    return fetchPagedSeries(async (req) => {
      const s = await this.page(options, { start: req.start, end: req.end, ascending: true, limit: req.limit }, req.signal);
      return { ...s, strings: s.strings && [...s.strings], truncated: s.truncated === true };
    }, { start, end, pageSize, maxPoints: options.maxPoints, signal: options.signal, onPage: options.onPage });
  }

  async getStatistics(options: Parameters<DataApi['getStatistics']>[0]): Promise<StatisticsBucket[]> {
    const { period, dimension, format, zone, limit, start, end } = checkStatistics(options);
    const target = checkAttributeLocator(options) === 'attributeId' ? { attribute_id: options.attributeId } : { names_path: [...options.namesPath!] };
    const raw = await this.py.call('data', 'get_statistics', { period, dimension, ...target, start_time: start, end_time: end, limit, timestamp: 'epoch' }, options);
    const buckets = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined);
    return buckets.map((b): StatisticsBucket => {
      // Empty buckets have no avg/min/max (the SDK gives NaN or nothing).
      const stats: { avg?: number; min?: number; max?: number } = {};
      for (const k of ['avg', 'min', 'max'] as const) {
        const v = num(b[k]);
        if (v !== undefined && !Number.isNaN(v)) stats[k] = v;
      }
      const { avg: _avg, min: _min, max: _max, ...rest } = b;
      return { ...rest, stattime: formatTimestamp(parseServerTime(b.stattime ?? b.timestamp), format, zone), count: num(b.count) ?? 0, sum: num(b.sum) ?? 0, ...stats };
    });
  }

  async getTimesignal(timesignalId: string, options: TimesignalOptions): Promise<TimesignalResult> {
    const { format, zone } = checkTimesignal(timesignalId, options);
    const target = options.attributeId !== undefined ? { attribute_id: options.attributeId } : { names_path: [...options.namesPath!] };
    const raw = (await this.py.call('data', 'get_timesignal', { timesignal_id: timesignalId, ...target, timestamp: 'epoch' }, options)) as Record<string, unknown> | unknown[];
    const body = Array.isArray(raw) ? { values: raw } : (raw ?? {});
    const values = Array.isArray(body.values) ? (body.values as Record<string, unknown>[]) : [];
    return {
      timesignalId,
      attributeId: String(body.attribute_id ?? body.attributeId ?? options.attributeId ?? ''),
      ...(body.name !== undefined && body.name !== null ? { name: String(body.name) } : {}),
      values: values.map((v) => ({ timestamp: formatTimestamp(parseServerTime(v.timestamp ?? v.ts), format, zone), id: String(v.id ?? timesignalId), value: v.value ?? v.v })),
    };
  }

  async writeCalculated(data: readonly TelemetryRow[], options: { namesPath?: readonly string[]; attributeIds?: readonly string[]; tz?: string } & Signal): Promise<boolean> {
    const { which, columns, stamps } = checkCalculatedWrite(data, options);
    const rows = data.map((row, i) => ({ timestamp: stamps[i], ...Object.fromEntries(columns.map((c) => [c, row[c] ?? null])) }));
    const target = which === 'attributeIds' ? { attribute_ids: [...options.attributeIds!] } : { names_path: [...options.namesPath!] };
    return (await this.py.call('data', 'write_calculated', { data: frameArgument(rows), ...target }, options)) !== false;
  }

  async writeStatic(data: readonly (string | number)[], options: { attributeIds?: readonly string[]; namesPath?: readonly string[]; attributeNames?: readonly string[] } & Signal): Promise<boolean[]> {
    const which = checkStaticWrite(data, options);
    const target = which === 'attributeIds' ? { attribute_ids: [...options.attributeIds!] } : { names_path: [...options.namesPath!], attribute_names: [...options.attributeNames!] };
    const raw = await this.py.call('data', 'write_static', { data: [...data], ...target }, options);
    return Array.isArray(raw) ? raw.map((r) => r !== false) : data.map(() => raw !== false);
  }

  async writeTelemetry(data: readonly TelemetryRow[], options: DeviceWriteOptions & { units?: readonly string[]; setId?: string; tz?: string }): Promise<WriteReport> {
    const device = deviceKwargs(this.py, options);
    const zone = parseTimeZone(options.tz);
    const groups = groupsOfOneBody(data, (rows) => packTelemetry(rows, { units: options.units, setId: options.setId, tz: options.tz, maxBodyBytes: SDK_BODY_BUDGET }));
    const all = columnNames(data);
    const unitOf = (name: string): string => (Array.isArray(options.units) ? (options.units[all.indexOf(name)] ?? '') : ((options.units as Record<string, string> | undefined)?.[name] ?? ''));
    return sendGroups(groups, (rows) => {
      const names = columnNames(rows);
      const table = rows.map((r, i) => ({ ...r, timestamp: formatIso(toEpochMs(r.timestamp, `data[${i}].timestamp`, zone)) }));
      return this.py.call('data', 'write_telemetry', {
        data: frameArgument(table), ...device, units: options.units === undefined ? undefined : names.map(unitOf), set_id: options.setId,
      }, options);
    });
  }

  async writeTimesignal(options: DeviceWriteOptions & { attributeName: string; timestamp: TimeInput; timesignalId: string; value: unknown; tz?: string }): Promise<WriteReport> {
    return this.writeTimesignals({ ts: [{ n: options.attributeName, ts: options.timestamp, id: options.timesignalId, value: options.value }] }, options);
  }

  async writeTimesignals(payload: { readonly ts: readonly Timesignal[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport> {
    const device = deviceKwargs(this.py, options);
    const zone = parseTimeZone(options.tz);
    const groups = groupsOfOneBody(payload?.ts ?? [], (signals) => packTimesignals(signals, options.tz, SDK_BODY_BUDGET));
    return sendGroups(groups, (signals) => this.py.call('data', 'write_timesignals', {
      ...device, payload: { ts: signals.map((s, i) => ({ ...s, ts: formatIso(toEpochMs(s.ts, `payload.ts[${i}].ts`, zone)) })) },
    }, options));
  }
}
