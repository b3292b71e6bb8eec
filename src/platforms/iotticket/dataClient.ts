/**
 * das DataClient: time series (typed arrays), several series in parallel, statistics, time signals, and
 * writes — static and calculated values through the asset API, telemetry and time signals through the
 * device adapter with the device's own credentials.
 */
import type { DataApi } from './assetApi';
import { expectShape, HttpError, mapConcurrent, ParseError, redact, ValidationError } from '../http';
import type { DeviceCredentials, WriteReport } from './adapterClient';
import type { TelemetryRow, Timesignal } from './adapterPayloads';
import type { AssetLocator, AssetApiContext } from './assetApiContext';
import {
  checkAttributeLocator, checkCalculatedWrite, checkMultipleTimeseries, checkStaticWrite, checkStatistics, checkTimeseries, checkTimesignal, SERIES_MAX_LIMIT,
  type AttributeLocator,
} from './dataChecks';
import type { AttributeType } from './enums';
import { checkTimestamps } from '../calendar';
import * as shapes from './shapes';
import { fetchPagedSeries, pointsToArrays, type Series, type SeriesPage } from './series';
import { seriesToJson, type JsonPoint } from './seriesExport';
import { scanSeriesPage } from './seriesScan';
import { formatTimestamp, serverTime, toEpochMs, type TimeInput } from './time';
import type { AssetAttribute, StatisticsBucket } from './types';
import { checkInteger, checkText } from './validation';
import type { TimeseriesOptions, MultipleTimeseriesOptions, PagedSeriesOptions, StatisticsOptions, TimesignalOptions, TimesignalResult, DeviceWriteOptions } from './assetApiOptions';
export type { TimeseriesOptions, MultipleTimeseriesOptions, PagedSeriesOptions, StatisticsOptions, TimesignalOptions, TimesignalResult, DeviceWriteOptions } from './assetApiOptions';

export { SERIES_MAX_LIMIT, type AttributeLocator } from './dataChecks';

const SERIES_TYPES: readonly AttributeType[] = ['TelemetryData', 'Calculated'];

interface SeriesBody {
  readonly assetId?: string;
  readonly attributeId?: string;
  readonly name?: string;
  readonly dataType?: string;
  readonly unit?: string;
  readonly values?: readonly { ts: number | string; v: unknown }[];
  readonly truncated?: boolean;
}

export class DataClient implements DataApi {
  constructor(private readonly core: AssetApiContext) {}

  /**
   * get_timeseries: one TelemetryData or Calculated attribute, up to `limit` points, as typed arrays; with
   * `form: 'json'` das's json form. `astype`, `form: 'DataFrame'` and ISO timestamps without the json form
   * are refused by name (see seriesForm.ts).
   */
  async getTimeseries(options: TimeseriesOptions & { readonly form: 'json' }): Promise<JsonPoint[]>;
  async getTimeseries(options: TimeseriesOptions): Promise<Series>;
  async getTimeseries(options: TimeseriesOptions): Promise<Series | JsonPoint[]> {
    const { form, limit, tz, start, end } = checkTimeseries(options);
    const target = await this.attributeTarget(options, SERIES_TYPES);
    const page = await this.seriesPage(target, { start: start ?? 0, end, ascending: options.chronologicalOrder === true, limit, signal: options.signal });
    const series: Series = { ...page, ...(tz ? { tz } : {}) };
    return form.json ? seriesToJson(series, { timestamp: form.timestamp, tz }) : series;
  }

  /**
   * get_multiple_timeseries: the series of several attributes, fetched in parallel (bounded). `namesPath`
   * takes every series attribute in the asset's whole subtree; `assetId`/`assetName` the asset's own.
   */
  async getMultipleTimeseries(options: MultipleTimeseriesOptions & { readonly form: 'json' }): Promise<Record<string, JsonPoint[]>>;
  async getMultipleTimeseries(options: MultipleTimeseriesOptions): Promise<Series[]>;
  async getMultipleTimeseries(options: MultipleTimeseriesOptions): Promise<Series[] | Record<string, JsonPoint[]>> {
    const { form, which, limit, tz, start, end, concurrency: requestedConcurrency, attributeIds, columnNames } = checkMultipleTimeseries(options);
    let targets: SeriesTarget[];
    if (attributeIds) {
      targets = attributeIds.map((attributeId) => ({ attributeId }));
    } else {
      const asset = await this.core.asset({ [which]: options[which as keyof AssetLocator] } as AssetLocator, options.signal);
      const attrs = which === 'namesPath' ? await this.subtreeSeriesAttributes(asset.id, options.signal) : await this.core.attributes(asset.id, SERIES_TYPES, options.signal);
      targets = attrs.map((a) => ({ assetId: a.assetId ?? asset.id, attributeId: a.id }));
    }
    if (columnNames && columnNames.length !== targets.length) {
      throw new ValidationError('columnNames', `has ${columnNames.length} names for ${targets.length} series`);
    }
    const concurrency = requestedConcurrency ?? Math.max(1, Math.min(10, targets.length));
    const series = await mapConcurrent(targets, concurrency, (t) =>
      this.seriesPage(t, { start: start ?? 0, end, ascending: options.chronologicalOrder === true, limit, signal: options.signal }));
    const named = series.map((s, i) => ({ ...s, ...(columnNames ? { name: columnNames[i] } : {}), ...(tz ? { tz } : {}) }));
    return form.json ? seriesToJson(named, { timestamp: form.timestamp, tz: options.tz }) : named;
  }

  /**
   * A long range of one attribute, ascending, 10,000 points per request: the next request starts just
   * after the last timestamp while the server reports `truncated`. What charts use for 1,000,000 points.
   */
  async fetchSeriesPaged(options: PagedSeriesOptions): Promise<Series> {
    const target = await this.seriesTarget(options);
    const pageSize = checkInteger('pageSize', options.pageSize, 1, SERIES_MAX_LIMIT, SERIES_MAX_LIMIT);
    const start = toEpochMs(options.start, 'start');
    const end = toEpochMs(options.end, 'end');
    if (end < start) throw new ValidationError('end', 'is before start');
    return fetchPagedSeries(
      (req) => this.seriesPage(target, { start: req.start, end: req.end, ascending: true, limit: req.limit, signal: req.signal }),
      { start, end, pageSize, maxPoints: options.maxPoints, signal: options.signal, onPage: options.onPage },
    );
  }

  /** get_statistics: buckets `{stattime, count, sum, avg, min, max}` of one attribute. */
  async getStatistics(options: StatisticsOptions): Promise<StatisticsBucket[]> {
    const { period, dimension, format, zone, limit, start, end } = checkStatistics(options);
    const target = await this.seriesTarget(options);
    const path = this.core.routes.statistics(target.assetId, target.attributeId);
    const raw = await this.core.http.get<readonly (Omit<StatisticsBucket, 'stattime'> & { stattime: string | number })[]>(
      path,
      { query: { period, dimension, start, end, limit }, signal: options.signal, expect: shapes.statistics },
    );
    return raw.map((b, i) => ({ ...b, stattime: formatTimestamp(serverTime(b.stattime, `[${i}].stattime`, path), format, zone) }));
  }

  /** get_timesignal: the values of one time signal of an attribute. */
  async getTimesignal(timesignalId: string, options: TimesignalOptions): Promise<TimesignalResult> {
    const { format, zone } = checkTimesignal(timesignalId, options);
    const target = await this.attributeTarget(options, ['TelemetryData']);
    const path = this.core.routes.timesignal(target.assetId, target.attributeId);
    const body = await this.core.http.get<{ attributeId?: string; name?: string; values?: readonly { ts: string | number; id: string; v: unknown }[] }>(
      path,
      { query: { id: timesignalId }, signal: options.signal, expect: shapes.timesignal },
    );
    return {
      timesignalId,
      attributeId: body.attributeId ?? target.attributeId,
      ...(body.name !== undefined ? { name: body.name } : {}),
      values: (body.values ?? []).map((s, i) => ({ timestamp: formatTimestamp(serverTime(s.ts, `values[${i}].ts`, path), format, zone), id: s.id, value: s.v })),
    };
  }

  /**
   * write_calculated: rows `{timestamp, <column>: value}` into Calculated attributes — by `attributeIds`
   * (one per column, in column order) or by `namesPath` to an asset whose attribute names match the columns.
   * One request per attribute; nulls are skipped. Resolves true when every request was accepted.
   */
  async writeCalculated(data: readonly TelemetryRow[], options: { namesPath?: readonly string[]; attributeIds?: readonly string[]; tz?: string; signal?: AbortSignal }): Promise<boolean> {
    const { which, columns, values: bodies } = checkCalculatedWrite(data, options);
    let targets: { assetId?: string; attributeId: string }[];
    if (which === 'attributeIds') {
      targets = options.attributeIds!.map((attributeId) => ({ attributeId }));
    } else {
      const asset = await this.core.asset({ namesPath: options.namesPath }, options.signal);
      targets = [];
      for (const c of columns) targets.push({ assetId: asset.id, attributeId: (await this.core.attributeByName(asset.id, c, `data column "${c}"`, ['Calculated'], options.signal)).id });
    }
    for (let k = 0; k < targets.length; k++) {
      if (bodies[k].length === 0) continue;
      await this.core.http.request({
        method: 'POST', path: this.core.routes.calculatedValues(targets[k].assetId, targets[k].attributeId), json: { values: bodies[k] }, signal: options.signal,
        // Only the status tells the outcome: the body is not read as JSON, so an odd one cannot make it unknown.
        responseType: 'text',
      });
    }
    return true;
  }

  /**
   * write_static: values into Number or String attributes — by `attributeIds` or by `namesPath` (to an
   * asset) with `attributeNames`; one value per attribute. Per value: true when the server accepted it.
   */
  async writeStatic(data: readonly (string | number)[], options: { attributeIds?: readonly string[]; namesPath?: readonly string[]; attributeNames?: readonly string[]; signal?: AbortSignal }): Promise<boolean[]> {
    const which = checkStaticWrite(data, options);
    let targets: { assetId?: string; attributeId: string }[];
    if (which === 'attributeIds') {
      targets = options.attributeIds!.map((attributeId) => ({ attributeId }));
    } else {
      const asset = await this.core.asset({ namesPath: options.namesPath }, options.signal);
      targets = [];
      for (const [i, n] of options.attributeNames!.entries()) targets.push({ assetId: asset.id, attributeId: (await this.core.attributeByName(asset.id, n, `attributeNames[${i}]`, ['Number', 'String'], options.signal)).id });
    }
    const results: boolean[] = [];
    for (let i = 0; i < targets.length; i++) {
      try {
        await this.core.http.request({
          method: 'PUT', path: this.core.routes.staticValue(targets[i].assetId, targets[i].attributeId), json: { value: data[i] }, signal: options.signal, responseType: 'text',
        });
        results.push(true);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        results.push(false);
      }
    }
    return results;
  }

  /** write_telemetry: through the device adapter, split into bodies of ≤2048 bytes; see DeviceAdapterClient.writeTelemetry. */
  writeTelemetry(data: readonly TelemetryRow[], options: DeviceWriteOptions & { units?: readonly string[]; setId?: string; tz?: string }): Promise<WriteReport> {
    return this.core.adapter().writeTelemetry(device(options), data, { units: options.units, setId: options.setId, tz: options.tz, signal: options.signal });
  }

  /** write_timesignal: one time signal through the device adapter. */
  writeTimesignal(options: DeviceWriteOptions & { attributeName: string; timestamp: TimeInput; timesignalId: string; value: unknown; tz?: string }): Promise<WriteReport> {
    const { attributeName, timestamp, timesignalId, value, tz } = options;
    return this.core.adapter().writeTimesignal(device(options), { attributeName, timestamp, timesignalId, value, tz }, options.signal);
  }

  /** write_timesignals: a complete `{"ts":[…]}` payload through the device adapter. */
  writeTimesignals(payload: { readonly ts: readonly Timesignal[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport> {
    return this.core.adapter().writeTimesignals(device(options), payload, { tz: options.tz, signal: options.signal });
  }

  private async seriesTarget(options: AttributeLocator): Promise<SeriesTarget> {
    checkAttributeLocator(options);
    return this.attributeTarget(options, SERIES_TYPES);
  }

  private async attributeTarget(options: AttributeLocator, types: readonly AttributeType[]): Promise<SeriesTarget> {
    if (options.attributeId !== undefined) {
      checkText('attributeId', options.attributeId, 1000);
      if (options.assetId !== undefined) checkText('assetId', options.assetId, 1000);
      return { assetId: options.assetId, attributeId: options.attributeId };
    }
    const attr = await this.core.attributeByPath(options.namesPath!, types);
    return { assetId: attr.assetId, attributeId: attr.id };
  }

  /**
   * One request of a series; `truncated` tells whether more points lie beyond it. The page's bytes are
   * scanned straight into typed arrays (JSON.parse of its text is the fallback for pages of another shape).
   */
  private async seriesPage(target: SeriesTarget, q: { start: number; end?: number; ascending: boolean; limit: number; signal?: AbortSignal }): Promise<SeriesPage> {
    const path = this.core.routes.timeseries(target.assetId, target.attributeId);
    // Epoch timestamps read without the date parser; the server accepts both forms.
    const query = { start: q.start, end: q.end, order: q.ascending ? 'asc' : 'desc', limit: q.limit, timestamp: 'epoch' };
    let bytes: Uint8Array;
    try {
      bytes = await this.core.http.get<Uint8Array>(path, { query, signal: q.signal, responseType: 'bytes' });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new ValidationError('attributeId', `no attribute "${target.attributeId}"${target.assetId ? ` in asset ${target.assetId}` : ''}: ${err.platformMessage}`);
      throw err;
    }
    const url = this.core.http.url(path, query);
    const request = { method: 'GET', path: redact(url.pathname + url.search) };
    const scanned = scanSeriesPage(bytes);
    let body: SeriesBody;
    let arrays: Pick<SeriesPage, 'timestamps' | 'values' | 'strings'>;
    if (scanned) {
      body = expectShape<SeriesBody>(shapes.seriesPage, scanned.meta, request);
      arrays = scanned;
    } else {
      let parsed: unknown;
      const text = new TextDecoder().decode(bytes);
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new ParseError(request, 200, (err as Error).message, text.slice(0, 80));
      }
      body = expectShape<SeriesBody>(shapes.seriesPage, parsed, request);
      arrays = pointsToArrays(body.values ?? undefined, body.dataType ?? 'double');
    }
    checkTimestamps(arrays.timestamps, request);
    return {
      ...arrays,
      name: body.name ?? '',
      unit: body.unit ?? '',
      dataType: body.dataType ?? 'double',
      assetId: body.assetId ?? target.assetId,
      attributeId: body.attributeId ?? target.attributeId,
      truncated: body.truncated === true,
    };
  }

  /** Every TelemetryData/Calculated attribute in an asset's subtree (the asset included), breadth first. */
  private async subtreeSeriesAttributes(assetId: string, signal?: AbortSignal): Promise<AssetAttribute[]> {
    const out: AssetAttribute[] = [];
    const queue: { id: string; hasChildren: boolean }[] = [{ id: assetId, hasChildren: true }];
    while (queue.length > 0) {
      const { id, hasChildren } = queue.shift()!;
      for (const a of await this.core.attributes(id, SERIES_TYPES, signal)) out.push({ ...a, assetId: a.assetId ?? id });
      if (!hasChildren) continue;
      for await (const child of this.core.children({ assetId: id }, { signal })) queue.push({ id: child.id, hasChildren: child.childCount !== 0 });
    }
    return out;
  }
}

interface SeriesTarget {
  readonly assetId?: string;
  readonly attributeId: string;
}

function device(options: DeviceWriteOptions): DeviceCredentials {
  return { deviceId: options.deviceId, username: options.deviceUsername, password: options.devicePassword };
}
