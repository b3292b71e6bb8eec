/**
 * The interface through which the platforms plug into charts. The explorer builds one `SeriesSource` per
 * chartable node (IoT-TICKET TelemetryData/Calculated attribute, v1 datanode, numeric Altair property)
 * and gives charts `resolveSource(descriptor)` to rebuild it after a reload.
 */
import type { SeriesDescriptor, SeriesKind } from '../shared/chart/series';
import type { StatsDimension, StatsPeriod } from '../shared/chart/viewOptions';
import { isSeriesDescriptor } from '../shared/chart/series';
import type { XY } from '../shared/chart/downsample';
import type { StatsData } from '../shared/chart/statsBuckets';

export type { SeriesDescriptor, SeriesKind } from '../shared/chart/series';
export type { StatsData } from '../shared/chart/statsBuckets';

export type SeriesPage = XY;

export interface FetchRangeOptions {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms. Sources may treat it as inclusive: callers de-duplicate by timestamp. */
  readonly to: number;
  readonly signal?: AbortSignal;
  /** Called once per page as it arrives (any order when pages are fetched in parallel): progress only. */
  /** Each page as it arrives; `more` is true when the page says the range holds more (a long read has begun). */
  readonly onPage?: (page: SeriesPage, more?: boolean) => void;
  /** Stop after about this many points, counted from `from`; sources that ignore it are cut by the caller. */
  readonly limit?: number;
  /** Awaited before each request after the first (the chart holds a long read while its first preview is drawn). */
  readonly beforeRequest?: () => Promise<void> | undefined;
}

export interface SeriesData extends XY {
  /** True when `limit` stopped the fetch before `to`. */
  readonly truncated?: boolean;
}

export interface StatisticsOptions {
  readonly from: number;
  readonly to: number;
  readonly period: StatsPeriod;
  readonly dimension: StatsDimension;
  /** The chart's zone, ±hh:mm (das `tz`). */
  readonly tz: string;
  readonly signal?: AbortSignal;
}

export interface SeriesSource {
  /** `seriesKey(descriptor)`: stable across reloads. */
  readonly id: string;
  readonly label: string;
  readonly unit?: string;
  readonly kind: SeriesKind;
  /** Serializable; `deps.resolveSource(descriptor)` must give an equivalent source back. */
  readonly descriptor: SeriesDescriptor;
  /** Points of [from, to] as ascending typed arrays, NaN for gaps or non-numeric values. */
  fetchRange(options: FetchRangeOptions): Promise<SeriesData>;
  /** Platform-side statistics (IoT-TICKET `get_statistics`); when absent, charts compute buckets from raw points. */
  fetchStatistics?(options: StatisticsOptions): Promise<StatsData>;
}

export function isSeriesSource(x: unknown): x is SeriesSource {
  return typeof x === 'object' && x !== null && typeof (x as SeriesSource).fetchRange === 'function' && isSeriesDescriptor((x as SeriesSource).descriptor);
}

/** The descriptor a command argument stands for: a source or a descriptor. */
export function descriptorOf(x: unknown): SeriesDescriptor | undefined {
  if (isSeriesSource(x)) return x.descriptor;
  return isSeriesDescriptor(x) ? x : undefined;
}
