/**
 * The checks of DataClient's options, before any request, shared by both asset-API backends (direct HTTP
 * and the Python das.iot_client), so that both refuse the same input with the same ValidationError.
 */
import { ValidationError } from '../http';
import type { TelemetryRow, TelemetryValue } from './adapterPayloads';
import { ASSET_LOCATORS, type AssetLocator } from './assetApiContext';
import { STATISTICS_DIMENSIONS, STATISTICS_PERIODS, TIMESTAMP_FORMATS, type StatisticsDimension, type StatisticsPeriod, type TimestampFormat } from './enums';
import { seriesForm, type SeriesFormOptions } from './seriesForm';
import { formatIso, parseTimeZone, toEpochMs, type TimeInput, type TimeZone } from './time';
import { checkInteger, checkNamesPath, checkNonEmptyList, checkText, requireExactlyOne, requireOneOf } from './validation';

/** Per-request and default maximum of points (das `limit` default and server ceiling). */
export const SERIES_MAX_LIMIT = 10_000;

/** One series attribute: by id (optionally with its asset), or by `[...assetPath, attributeName]`. */
export interface AttributeLocator {
  readonly attributeId?: string;
  /** Optional with `attributeId`: reads through the asset's route. */
  readonly assetId?: string;
  readonly namesPath?: readonly string[];
}

/** Exactly one of attributeId and namesPath (≥ 2 names), checked. */
export function checkAttributeLocator(options: AttributeLocator): 'attributeId' | 'namesPath' {
  const which = requireExactlyOne(options, ['attributeId', 'namesPath'] as const);
  if (which === 'attributeId') {
    checkText('attributeId', options.attributeId, 1000);
    if (options.assetId !== undefined) checkText('assetId', options.assetId, 1000);
  } else {
    checkNamesPath('namesPath', options.namesPath!, 2);
  }
  return which;
}

/** The options both get_timeseries and get_multiple_timeseries take besides their locators. */
interface SeriesRangeOptions extends SeriesFormOptions {
  readonly startTime?: TimeInput;
  readonly endTime?: TimeInput;
  readonly limit?: number;
  readonly tz?: string;
}

export interface SeriesRangeCheck {
  /** das' json form, and its timestamps. */
  readonly form: ReturnType<typeof seriesForm>;
  readonly limit: number;
  /** The display zone as given (checked), when one was. */
  readonly tz?: string;
  /** Epoch ms; undefined when not given (the backends default differently). */
  readonly start?: number;
  readonly end?: number;
}

function checkSeriesRange(options: SeriesRangeOptions): Omit<SeriesRangeCheck, 'form'> {
  const limit = checkInteger('limit', options.limit, 1, SERIES_MAX_LIMIT, SERIES_MAX_LIMIT);
  const tz = options.tz === undefined ? undefined : parseTimeZone(options.tz).text;
  const start = options.startTime === undefined ? undefined : toEpochMs(options.startTime, 'startTime');
  const end = options.endTime === undefined ? undefined : toEpochMs(options.endTime, 'endTime');
  return { limit, tz, start, end };
}

/** get_timeseries' options: the form, one attribute locator, limit, zone and range. */
export function checkTimeseries(options: AttributeLocator & SeriesRangeOptions): SeriesRangeCheck & { readonly which: 'attributeId' | 'namesPath' } {
  const form = seriesForm(options);
  const which = checkAttributeLocator(options);
  return { form, which, ...checkSeriesRange(options) };
}

export interface MultipleTimeseriesCheck extends SeriesRangeCheck {
  readonly which: (typeof ASSET_LOCATORS)[number] | 'attributeIds';
  /** Checked, when given. */
  readonly concurrency?: number;
  readonly attributeIds?: readonly string[];
  readonly columnNames?: readonly string[];
}

/** get_multiple_timeseries' options: the form, one asset locator or attribute ids, limit, concurrency, zone, range, column names. */
export function checkMultipleTimeseries(
  options: AssetLocator & SeriesRangeOptions & { readonly attributeIds?: readonly string[]; readonly columnNames?: readonly string[]; readonly concurrency?: number },
): MultipleTimeseriesCheck {
  const form = seriesForm(options);
  const which = requireExactlyOne(options, [...ASSET_LOCATORS, 'attributeIds'] as const);
  return {
    form,
    which,
    ...checkSeriesRange(options),
    concurrency: options.concurrency === undefined ? undefined : checkInteger('concurrency', options.concurrency, 1, 64, 1),
    attributeIds: which === 'attributeIds' ? checkNonEmptyList('attributeIds', options.attributeIds!) : undefined,
    columnNames: options.columnNames === undefined ? undefined : checkNonEmptyList('columnNames', options.columnNames),
  };
}

export interface StatisticsCheck {
  readonly period: StatisticsPeriod;
  readonly dimension: StatisticsDimension;
  readonly format: TimestampFormat;
  readonly zone: TimeZone;
  readonly limit: number;
  /** ISO-8601, Custom periods only. */
  readonly start?: string;
  readonly end?: string;
}

/** get_statistics' options: enums, one locator, timestamps, and start/end for Custom periods only. */
export function checkStatistics(options: {
  period: string; dimension: string; namesPath?: readonly string[]; attributeId?: string; startTime?: TimeInput; endTime?: TimeInput;
  limit?: number; timestamp?: string; tz?: string;
}): StatisticsCheck {
  const period = requireOneOf('period', options.period, STATISTICS_PERIODS);
  const dimension = requireOneOf('dimension', options.dimension, STATISTICS_DIMENSIONS);
  requireExactlyOne(options, ['namesPath', 'attributeId'] as const);
  const format = requireOneOf('timestamp', options.timestamp ?? 'datetime', TIMESTAMP_FORMATS);
  const zone = parseTimeZone(options.tz);
  const limit = checkInteger('limit', options.limit, 1, SERIES_MAX_LIMIT, SERIES_MAX_LIMIT);
  if (period !== 'Custom') return { period, dimension, format, zone, limit };
  if (options.startTime === undefined) throw new ValidationError('startTime', 'is required when period is Custom');
  if (options.endTime === undefined) throw new ValidationError('endTime', 'is required when period is Custom');
  const s = toEpochMs(options.startTime, 'startTime');
  const e = toEpochMs(options.endTime, 'endTime');
  if (e < s) throw new ValidationError('endTime', 'is before startTime');
  return { period, dimension, format, zone, limit, start: formatIso(s), end: formatIso(e) };
}

export interface CalculatedCheck {
  readonly which: 'namesPath' | 'attributeIds';
  /** The data columns besides `timestamp`, in order. */
  readonly columns: string[];
  /** ISO timestamps of the rows. */
  readonly stamps: string[];
  /** Per column, the finite values with their timestamps (nulls and NaN skipped). */
  readonly values: { ts: string; v: number }[][];
}

/** write_calculated: rows of finite numbers (or gaps) under one locator; attribute ids one per column. */
export function checkCalculatedWrite(data: readonly TelemetryRow[], options: { namesPath?: readonly string[]; attributeIds?: readonly string[]; tz?: string }): CalculatedCheck {
  const which = requireExactlyOne(options, ['namesPath', 'attributeIds'] as const);
  if (!Array.isArray(data) || data.length === 0) throw new ValidationError('data', 'must be a non-empty list of rows');
  const zone = parseTimeZone(options.tz);
  const columns = columnNames(data);
  if (which === 'attributeIds') {
    const ids = checkNonEmptyList('attributeIds', options.attributeIds!);
    if (ids.length !== columns.length) throw new ValidationError('attributeIds', `has ${ids.length} ids for ${columns.length} data columns (${columns.join(', ')})`);
  } else {
    checkNamesPath('namesPath', options.namesPath!);
  }
  const stamps = data.map((row, i) => formatIso(toEpochMs(row.timestamp, `data[${i}].timestamp`, zone)));
  const values = columns.map((c) => {
    const out: { ts: string; v: number }[] = [];
    data.forEach((row, i) => {
      const v = row[c] as TelemetryValue;
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`data[${i}].${c}`, 'Calculated attributes take finite numbers');
      out.push({ ts: stamps[i], v });
    });
    return out;
  });
  return { which, columns, stamps, values };
}

/** write_static: strings or finite numbers, one per attribute id, or per name with namesPath. */
export function checkStaticWrite(data: readonly (string | number)[], options: { attributeIds?: readonly string[]; namesPath?: readonly string[]; attributeNames?: readonly string[] }): 'attributeIds' | 'namesPath' {
  const which = requireExactlyOne(options, ['attributeIds', 'namesPath'] as const);
  if (!Array.isArray(data) || data.length === 0) throw new ValidationError('data', 'must be a non-empty list of values');
  data.forEach((v, i) => {
    if (typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) throw new ValidationError(`data[${i}]`, 'must be a string or a finite number');
  });
  if (which === 'attributeIds') {
    const ids = checkNonEmptyList('attributeIds', options.attributeIds!);
    if (options.attributeNames !== undefined) throw new ValidationError('attributeNames', 'goes with namesPath, not with attributeIds');
    if (ids.length !== data.length) throw new ValidationError('attributeIds', `has ${ids.length} ids for ${data.length} values`);
  } else {
    checkNamesPath('namesPath', options.namesPath!);
    if (options.attributeNames === undefined) throw new ValidationError('attributeNames', 'is required with namesPath');
    const names = checkNonEmptyList('attributeNames', options.attributeNames);
    if (names.length !== data.length) throw new ValidationError('attributeNames', `has ${names.length} names for ${data.length} values`);
  }
  return which;
}

/** get_timesignal: the id, one locator, the timestamp format and zone. */
export function checkTimesignal(timesignalId: string, options: { attributeId?: string; namesPath?: readonly string[]; timestamp?: string; tz?: string }): { format: TimestampFormat; zone: TimeZone } {
  checkText('timesignalId', timesignalId, 255);
  requireExactlyOne(options, ['attributeId', 'namesPath'] as const);
  return { format: requireOneOf('timestamp', options.timestamp ?? 'datetime', TIMESTAMP_FORMATS), zone: parseTimeZone(options.tz) };
}

export function columnNames(rows: readonly TelemetryRow[]): string[] {
  const names: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (k !== 'timestamp' && !names.includes(k)) names.push(k);
  if (names.length === 0) throw new ValidationError('data', 'has no value columns besides "timestamp"');
  return names;
}
