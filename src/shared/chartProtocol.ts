/**
 * The one message protocol between the chart panel (extension host) and the chart webview.
 * Imported by both sides, so it holds only types and tiny pure helpers: no `vscode`, no DOM.
 *
 * Handshake: the webview posts `ready` once its script runs; the host answers `init`, and only then
 * sends anything else. Requests carry numeric ids: `fetch`/`cancel` ids come from the webview,
 * `request`/`reply` ids from the host. Series data always travels as Float64Arrays (VS Code moves
 * typed arrays as binary buffers), never as arrays of point objects.
 */

export const CHART_VIEW_TYPE = 'iotExplorer.chart';
/** The mime type VS Code gives drags from the `iotExplorer.connections` tree (lower-cased view id). */
export const TREE_MIME = 'application/vnd.code.tree.iotexplorer.connections';
/** Tree items dropped onto a chart arrive as `text/uri-list` lines of this scheme. */
export const SERIES_URI_SCHEME = 'iot-series';

export type SeriesKind = 'iotticket-attribute' | 'v1-datanode' | 'altair-property';

interface DescriptorBase {
  /** Id of the connection profile the series belongs to. */
  readonly connectionId: string;
  readonly label: string;
  readonly unit?: string;
}
export interface IotTicketAttributeDescriptor extends DescriptorBase {
  readonly kind: 'iotticket-attribute';
  readonly assetId: string;
  readonly attributeId: string;
}
export interface V1DatanodeDescriptor extends DescriptorBase {
  readonly kind: 'v1-datanode';
  readonly deviceId: string;
  /** Full datanode path including its name, e.g. `/Engine/Primary/Airflow`. */
  readonly path: string;
}
export interface AltairPropertyDescriptor extends DescriptorBase {
  readonly kind: 'altair-property';
  readonly space: string;
  readonly thingId: string;
  readonly property: string;
}
/** What identifies a series across reloads: JSON-serializable, kept in the webview state for the serializer. */
export type SeriesDescriptor = IotTicketAttributeDescriptor | V1DatanodeDescriptor | AltairPropertyDescriptor;

const KINDS: readonly SeriesKind[] = ['iotticket-attribute', 'v1-datanode', 'altair-property'];

export function isSeriesDescriptor(x: unknown): x is SeriesDescriptor {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  if (!KINDS.includes(d.kind as SeriesKind) || typeof d.connectionId !== 'string' || typeof d.label !== 'string') return false;
  switch (d.kind as SeriesKind) {
    case 'iotticket-attribute': return typeof d.assetId === 'string' && typeof d.attributeId === 'string';
    case 'v1-datanode': return typeof d.deviceId === 'string' && typeof d.path === 'string';
    case 'altair-property': return typeof d.space === 'string' && typeof d.thingId === 'string' && typeof d.property === 'string';
  }
}

/** A stable key of the series a descriptor points at (the label and unit are not part of it). */
export function seriesKey(d: SeriesDescriptor): string {
  switch (d.kind) {
    case 'iotticket-attribute': return `${d.kind}/${d.connectionId}/${d.assetId}/${d.attributeId}`;
    case 'v1-datanode': return `${d.kind}/${d.connectionId}/${d.deviceId}/${d.path}`;
    case 'altair-property': return `${d.kind}/${d.connectionId}/${d.space}/${d.thingId}/${d.property}`;
  }
}

/** `iot-series:<kind>?d=<json>`: what the explorer puts in `text/uri-list` when a series node is dragged. */
export function seriesUri(d: SeriesDescriptor): string {
  return `${SERIES_URI_SCHEME}:${d.kind}?d=${encodeURIComponent(JSON.stringify(d))}`;
}

export function parseSeriesUri(uri: string): SeriesDescriptor | undefined {
  const text = uri.trim();
  if (!text.startsWith(`${SERIES_URI_SCHEME}:`)) return undefined;
  const q = text.indexOf('?d=');
  if (q < 0) return undefined;
  try {
    const d: unknown = JSON.parse(decodeURIComponent(text.slice(q + 3).split('&')[0]));
    return isSeriesDescriptor(d) ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Every `iot-series:` descriptor in a `text/uri-list` payload (comments and other schemes ignored). */
export function parseUriList(list: string): SeriesDescriptor[] {
  return list.split(/\r?\n/).filter((l) => l && !l.startsWith('#')).map(parseSeriesUri).filter((d): d is SeriesDescriptor => d !== undefined);
}

// ---- view options ---------------------------------------------------------------------------------

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
export type DownsampleMethod = 'lttb' | 'minmax';

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

export function isChartWebviewState(x: unknown): x is ChartWebviewState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return s.version === 1 && Array.isArray(s.series) && typeof s.options === 'object' && s.options !== null;
}

// ---- data -------------------------------------------------------------------------------------------

export interface SeriesInfo {
  /** `seriesKey(descriptor)`. */
  readonly id: string;
  readonly label: string;
  readonly unit?: string;
  readonly kind: SeriesKind;
  readonly descriptor: SeriesDescriptor;
  /** True when the platform computes statistics (IoT-TICKET); false when buckets are computed here. */
  readonly platformStatistics: boolean;
}

export interface FetchQuery {
  readonly from: number;
  readonly to: number;
  /** Width of the plot area in CSS pixels: the downsampling target. */
  readonly widthPx: number;
  readonly mode: ChartMode;
  readonly limit?: number;
  readonly period: StatsPeriod;
  readonly dimension: StatsDimension | 'auto';
  readonly downsample: DownsampleMethod;
  /** The chosen zone as minutes east of UTC (already resolved when the choice is 'local'). */
  readonly zoneOffsetMin: number;
  readonly reason: 'initial' | 'range' | 'zoom' | 'options' | 'series' | 'reload';
}

export interface RawSeriesPayload {
  readonly seriesId: string;
  /** Epoch ms, ascending; NaN values mark gaps. */
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  /** Points fetched before downsampling. */
  readonly fetchedPoints: number;
  /** True when `limit` cut the series short. */
  readonly truncated: boolean;
  readonly error?: string;
}

export interface StatsSeriesPayload {
  readonly seriesId: string;
  /** Bucket start times. Empty buckets have NaN min/max/avg. */
  readonly timestamps: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly avg: Float64Array;
  readonly count: Float64Array;
  readonly source: 'platform' | 'computed';
  readonly fetchedPoints: number;
  readonly error?: string;
}

export type LiveState = 'off' | 'connected' | 'paused' | 'disconnected';

// ---- messages -------------------------------------------------------------------------------------

export type HostToView =
  | { readonly type: 'init'; readonly title: string; readonly series: readonly SeriesInfo[]; readonly options?: ChartViewOptions }
  | { readonly type: 'seriesAdded'; readonly series: readonly SeriesInfo[] }
  | { readonly type: 'seriesRemoved'; readonly seriesIds: readonly string[] }
  | { readonly type: 'progress'; readonly requestId: number; readonly points: number; readonly pages: number; readonly seriesDone: number; readonly seriesTotal: number }
  | { readonly type: 'data'; readonly requestId: number; readonly query: FetchQuery; readonly series: readonly RawSeriesPayload[]; readonly fetchMs: number; readonly sentAt: number }
  | { readonly type: 'stats'; readonly requestId: number; readonly query: FetchQuery; readonly dimension: StatsDimension; readonly from: number; readonly to: number; readonly series: readonly StatsSeriesPayload[]; readonly fetchMs: number; readonly sentAt: number }
  | { readonly type: 'fetchFailed'; readonly requestId: number; readonly cancelled: boolean; readonly message: string }
  | { readonly type: 'append'; readonly now: number; readonly series: readonly { readonly seriesId: string; readonly timestamps: Float64Array; readonly values: Float64Array }[] }
  | { readonly type: 'liveStatus'; readonly state: LiveState; readonly since?: number; readonly lastPollAt?: number; readonly message?: string; readonly startedAt?: number }
  | { readonly type: 'request'; readonly requestId: number; readonly what: ViewRequest };

export interface RenderTimings {
  readonly requestId: number;
  readonly fetchMs: number;
  readonly transferMs: number;
  readonly drawMs: number;
  /** Points fetched (before downsampling). */
  readonly points: number;
  /** Points handed to chart.js. */
  readonly drawnPoints: number;
  readonly series: number;
}

/** What the host may ask of the webview: the canvas as PNG, the visible range, or the raw points it holds (tests). */
export type ViewRequest = 'png' | 'visibleRange' | 'held';

/** The points the webview holds for one series (after downsampling and live appends). */
export interface HeldSeries {
  readonly seriesId: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export type ViewCommand = 'exportCsv' | 'exportJson' | 'exportPng' | 'copyVisibleCsv';

export type ViewToHost =
  | { readonly type: 'ready'; readonly state?: ChartWebviewState }
  | { readonly type: 'fetch'; readonly requestId: number; readonly query: FetchQuery }
  | { readonly type: 'cancel'; readonly requestId: number }
  | ({ readonly type: 'rendered' } & RenderTimings)
  | { readonly type: 'live'; readonly live: LiveOptions }
  | { readonly type: 'options'; readonly options: ChartViewOptions }
  | { readonly type: 'removeSeries'; readonly seriesId: string }
  | { readonly type: 'drop'; readonly uris: readonly string[] }
  | { readonly type: 'command'; readonly command: ViewCommand }
  | { readonly type: 'reply'; readonly requestId: number; readonly png?: string; readonly visibleRange?: { readonly from: number; readonly to: number }; readonly held?: readonly HeldSeries[]; readonly error?: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

const VIEW_TO_HOST_TYPES: ReadonlySet<string> = new Set<ViewToHost['type']>([
  'ready', 'fetch', 'cancel', 'rendered', 'live', 'options', 'removeSeries', 'drop', 'command', 'reply', 'log',
]);
const HOST_TO_VIEW_TYPES: ReadonlySet<string> = new Set<HostToView['type']>([
  'init', 'seriesAdded', 'seriesRemoved', 'progress', 'data', 'stats', 'fetchFailed', 'append', 'liveStatus', 'request',
]);

/** A light structural check: messages come from our own code, but a webview is still an untrusted boundary. */
export function isViewToHost(msg: unknown): msg is ViewToHost {
  return typeof msg === 'object' && msg !== null && VIEW_TO_HOST_TYPES.has((msg as { type?: unknown }).type as string);
}

export function isHostToView(msg: unknown): msg is HostToView {
  return typeof msg === 'object' && msg !== null && HOST_TO_VIEW_TYPES.has((msg as { type?: unknown }).type as string);
}
