/**
 * The messages between the chart panel (extension host) and the chart webview, and the data they carry.
 * Imported by both sides, so it holds only types and tiny pure helpers: no `vscode`, no DOM.
 *
 * Handshake: the webview posts `ready` once its script runs; the host answers `init`, and only then
 * sends anything else. Requests carry numeric ids: `fetch`/`cancel` ids come from the webview,
 * `request`/`reply` ids from the host (typed per request kind in `ViewReplies`). The host checks every
 * message from the webview against `viewToHostSchema` (chart/messageSchema.ts) before acting on it. Series data always travels as Float64Arrays (VS Code moves
 * typed arrays as binary buffers), never as arrays of point objects.
 */
import type { SeriesDescriptor, SeriesKind } from './series';
import type { LogLevel, ReplyMessage, RequestMessage } from '../webview/ipc';
import type { ChartMode, ChartViewOptions, ChartWebviewState, DownsampleMethod, LiveOptions, StatsDimension, StatsPeriod } from './viewOptions';

export const CHART_VIEW_TYPE = 'iotExplorer.chart';

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
  readonly reason: FetchReason;
}

export type FetchReason = 'initial' | 'range' | 'zoom' | 'options' | 'series' | 'reload';
export const FETCH_REASONS: readonly FetchReason[] = ['initial', 'range', 'zoom', 'options', 'series', 'reload'];

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
  /** What a long read has brought so far, reduced to the plot's columns (parts not loaded yet are gaps); `data` replaces it. */
  | { readonly type: 'preview'; readonly requestId: number; readonly query: FetchQuery; readonly series: readonly { readonly seriesId: string; readonly timestamps: Float64Array; readonly values: Float64Array }[]; readonly points: number; readonly sentAt: number }
  | { readonly type: 'stats'; readonly requestId: number; readonly query: FetchQuery; readonly dimension: StatsDimension; readonly from: number; readonly to: number; readonly series: readonly StatsSeriesPayload[]; readonly fetchMs: number; readonly sentAt: number }
  | { readonly type: 'fetchFailed'; readonly requestId: number; readonly cancelled: boolean; readonly message: string }
  | { readonly type: 'append'; readonly now: number; readonly series: readonly { readonly seriesId: string; readonly timestamps: Float64Array; readonly values: Float64Array }[] }
  | { readonly type: 'liveStatus'; readonly state: LiveState; readonly since?: number; readonly lastPollAt?: number; readonly message?: string; readonly startedAt?: number }
  | RequestMessage<ViewReplies>;

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

/** What the host may ask of the webview, and what each answer holds. */
export type ViewReplies = {
  /** The canvas as a `data:image/png;base64,` URL. */
  png: { readonly png: string };
  /** The time range the plot shows now. */
  visibleRange: { readonly from: number; readonly to: number };
  /** The points the webview holds (tests). */
  held: { readonly held: readonly HeldSeries[] };
};
export type ViewRequest = keyof ViewReplies;

/** The points the webview holds for one series (after downsampling and live appends). */
export interface HeldSeries {
  readonly seriesId: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export type ViewCommand = 'exportCsv' | 'exportJson' | 'exportParquet' | 'exportPng' | 'copyVisibleCsv';
export const VIEW_COMMANDS: readonly ViewCommand[] = ['exportCsv', 'exportJson', 'exportParquet', 'exportPng', 'copyVisibleCsv'];

export type ViewToHost =
  | { readonly type: 'ready'; readonly state?: ChartWebviewState }
  | { readonly type: 'fetch'; readonly requestId: number; readonly query: FetchQuery; /** The webview's Date.now() when it asked (the bench splits a chart's first frame with it). */ readonly askedAt?: number }
  | { readonly type: 'cancel'; readonly requestId: number }
  /** The first frame of a read is on screen (the host holds the rest of a long read until then: src/charts/firstFrameGate.ts). */
  | { readonly type: 'firstFrame'; readonly requestId: number }
  | ({ readonly type: 'rendered' } & RenderTimings)
  | { readonly type: 'live'; readonly live: LiveOptions }
  | { readonly type: 'options'; readonly options: ChartViewOptions }
  | { readonly type: 'removeSeries'; readonly seriesId: string }
  | { readonly type: 'drop'; readonly uris: readonly string[] }
  | { readonly type: 'command'; readonly command: ViewCommand }
  | ReplyMessage<ViewReplies>
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };

const HOST_TO_VIEW_TYPES: ReadonlySet<string> = new Set<HostToView['type']>([
  'init', 'seriesAdded', 'seriesRemoved', 'progress', 'preview', 'data', 'stats', 'fetchFailed', 'append', 'liveStatus', 'request',
]);

/** The webview's check of what the host sends (the host's own code; the host validates the other way in full). */
export function isHostToView(msg: unknown): msg is HostToView {
  return typeof msg === 'object' && msg !== null && HOST_TO_VIEW_TYPES.has((msg as { type?: unknown }).type as string);
}
