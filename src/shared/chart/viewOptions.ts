/**
 * What the user chose in a chart (range, zone, mode, statistics, live mode, hidden series) and the state
 * the webview persists with it for the serializer.
 */
import type { SeriesDescriptor } from './series';

export type RangePreset = '1h' | '24h' | '7d' | '30d' | 'custom';
export const RANGE_PRESETS: readonly RangePreset[] = ['1h', '24h', '7d', '30d', 'custom'];

/** `period` of das `get_statistics`, spelled as the reference lists it (case-sensitive). */
export type StatsPeriod =
  | 'CurrentMoment' | 'CurrentDay' | 'PreviousDay' | 'CurrentWeek' | 'PreviousWeek' | 'CurrentMonth' | 'PreviousMonth'
  | 'CurrentQuarter' | 'PreviousQuarter' | 'CurrentYear' | 'PreviousYear' | 'Custom';
export const STATS_PERIODS: readonly StatsPeriod[] = [
  'Custom', 'CurrentMoment', 'CurrentDay', 'PreviousDay', 'CurrentWeek', 'PreviousWeek', 'CurrentMonth', 'PreviousMonth',
  'CurrentQuarter', 'PreviousQuarter', 'CurrentYear', 'PreviousYear',
];
/** `dimension` (bucket size) of das `get_statistics`. */
export type StatsDimension = 'Minute' | 'Hour' | 'Day' | 'Week' | 'Quarter' | 'Month' | 'Year';
export const STATS_DIMENSIONS: readonly StatsDimension[] = ['Minute', 'Hour', 'Day', 'Week', 'Month', 'Quarter', 'Year'];

export type ChartMode = 'raw' | 'stats';
export const CHART_MODES: readonly ChartMode[] = ['raw', 'stats'];
export type DownsampleMethod = 'lttb' | 'minmax';
export const DOWNSAMPLE_METHODS: readonly DownsampleMethod[] = ['lttb', 'minmax'];

/** Live polling intervals the host accepts: faster would hammer the platform, slower is not "live". */
export const LIVE_INTERVAL_MIN_MS = 250;
export const LIVE_INTERVAL_MAX_MS = 3_600_000;

export interface LiveOptions {
  readonly enabled: boolean;
  readonly intervalMs: number;
  /** 'now': only points after live mode started; 'time': back-fill from `startTime`, then follow. */
  readonly start: 'now' | 'time';
  readonly startTime?: number;
  readonly paused: boolean;
}

export interface ChartViewOptions {
  readonly preset: RangePreset;
  readonly customFrom?: number;
  readonly customTo?: number;
  /** 'local' or a fixed offset in the ±hh:mm form. */
  readonly zone: string;
  /** Maximum points fetched per series; undefined = no limit. */
  readonly limit?: number;
  readonly mode: ChartMode;
  readonly statsPeriod: StatsPeriod;
  readonly statsDimension: StatsDimension | 'auto';
  readonly downsample: DownsampleMethod;
  readonly live: LiveOptions;
  /** Series ids hidden through the legend. */
  readonly hidden: readonly string[];
}

export const defaultViewOptions: ChartViewOptions = {
  preset: '24h',
  zone: 'local',
  mode: 'raw',
  statsPeriod: 'Custom',
  statsDimension: 'auto',
  downsample: 'lttb',
  live: { enabled: false, intervalMs: 5000, start: 'now', paused: false },
  hidden: [],
};

/** What the webview keeps with `setState` and what `WebviewPanelSerializer` gets back after a reload. */
export interface ChartWebviewState {
  readonly version: 1;
  readonly title?: string;
  readonly series: readonly SeriesDescriptor[];
  readonly options: ChartViewOptions;
}
