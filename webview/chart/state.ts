/**
 * The chart webview's state and what can happen to it: messages from the host, the user's actions, and
 * the webview's own follow-ups (a zoom that settled, a draw that finished). `reduce` (reduce.ts) turns
 * one input into the next state plus effects the page carries out (post a message, save the state,
 * draw, sync the controls). Pure: no DOM, no clock; the page hands in what it measures (`ChartEnv`).
 */
import type { XY } from '../../src/shared/chart/downsample';
import type { FetchQuery, FetchReason, HostToView, SeriesInfo, StatsSeriesPayload, ViewCommand, ViewToHost } from '../../src/shared/chart/protocol';
import { presetRange } from '../../src/shared/chart/timeRange';
import {
  defaultViewOptions, type ChartMode, type ChartViewOptions, type ChartWebviewState, type DownsampleMethod, type LiveOptions,
  type RangePreset, type StatsDimension, type StatsPeriod,
} from '../../src/shared/chart/viewOptions';

export interface Range {
  readonly from: number;
  readonly to: number;
}

export type LiveStatusMessage = Extract<HostToView, { type: 'liveStatus' }>;

export interface Line {
  readonly text: string;
  readonly error: boolean;
}

export interface ChartState {
  readonly options: ChartViewOptions;
  readonly title: string;
  readonly series: readonly SeriesInfo[];
  /** Which data the chart shows: raw points or statistics buckets. */
  readonly shown: ChartMode;
  readonly raw: ReadonlyMap<string, XY>;
  readonly stats: ReadonlyMap<string, StatsSeriesPayload>;
  /** The range of the data shown (or being fetched). */
  readonly range: Range;
  /** The user zoomed or panned: live appends no longer move the range. */
  readonly zoomed: boolean;
  readonly requestSeq: number;
  /** The fetch in flight; a response to any other request is stale. */
  readonly current?: { readonly id: number; readonly query: FetchQuery };
  readonly liveStartedAt?: number;
  /** The span live mode keeps (the window the user chose when it started), sliding forward with the clock. */
  readonly liveWindowMs?: number;
  readonly live: LiveStatusMessage;
  /** The status line of the last complete draw (kept for "Cancelled. …"). */
  readonly lastSummary: string;
  readonly status: Line;
  readonly banner: Line;
  readonly busy: boolean;
  /** The request whose preview is drawn while the rest of it loads. */
  readonly previewOf?: number;
  /** The "drop series here" hint. */
  readonly emptyHint: boolean;
}

/** What the page measures for the reducer. */
export interface ChartEnv {
  readonly now: number;
  /** Width of the plot area in CSS pixels. */
  readonly widthPx: number;
  /** Minutes east of UTC of the webview's local zone at `at`. */
  readonly localOffsetMin: (at: number) => number;
}

/** What a draw reports once painted, to become the `rendered` message and the status line. */
export interface DrawReport {
  readonly requestId: number;
  readonly fetchMs: number;
  readonly transferMs: number;
  readonly points: number;
  readonly series: number;
  readonly errors: readonly string[];
  readonly note?: string;
}

export type UserAction =
  | { readonly type: 'user.preset'; readonly preset: RangePreset }
  | { readonly type: 'user.customRange'; readonly fromText: string; readonly toText: string }
  | { readonly type: 'user.zone'; readonly zone: string }
  | { readonly type: 'user.mode'; readonly mode: ChartMode }
  | { readonly type: 'user.downsample'; readonly downsample: DownsampleMethod }
  | { readonly type: 'user.limit'; readonly text: string }
  | { readonly type: 'user.period'; readonly period: StatsPeriod }
  | { readonly type: 'user.dimension'; readonly dimension: StatsDimension | 'auto' }
  | { readonly type: 'user.live'; readonly enabled: boolean }
  | { readonly type: 'user.liveInterval'; readonly intervalMs: number }
  | { readonly type: 'user.liveStart'; readonly start: LiveOptions['start'] }
  | { readonly type: 'user.liveTime'; readonly text: string }
  | { readonly type: 'user.pause' }
  | { readonly type: 'user.resetZoom' }
  /** Zoom or pan with the mouse: the fetch waits until the user pauses (`zoomSettled`). */
  | { readonly type: 'user.range'; readonly from: number; readonly to: number }
  | { readonly type: 'user.toggleSeries'; readonly seriesId: string; readonly hidden: boolean }
  | { readonly type: 'user.removeSeries'; readonly seriesId: string }
  | { readonly type: 'user.command'; readonly command: ViewCommand }
  | { readonly type: 'user.cancel' }
  | { readonly type: 'user.drop'; readonly uris: readonly string[] };

export type PageEvent =
  | { readonly type: 'page.zoomSettled'; readonly from: number; readonly to: number }
  | { readonly type: 'page.drawn'; readonly report: DrawReport; readonly drawn: number; readonly drawMs: number }
  | { readonly type: 'page.liveDrawn'; readonly now: number; readonly drawn: number };

export type ChartInput = HostToView | UserAction | PageEvent;

export type Effect =
  | { readonly kind: 'post'; readonly message: ViewToHost }
  | { readonly kind: 'persist'; readonly state: ChartWebviewState }
  /**
   * Draw the shown data; set the axis to `range` first when given. With a report, answer `page.drawn` once
   * painted; with `liveAt`, answer `page.liveDrawn` at once.
   */
  | { readonly kind: 'draw'; readonly range?: Range; readonly report?: DrawReport; readonly liveAt?: number; /** The first frame of this request (a preview or its data). */ readonly firstOf?: number }
  | { readonly kind: 'syncControls' }
  | { readonly kind: 'setZone'; readonly zone: string }
  | { readonly kind: 'scheduleZoom'; readonly from: number; readonly to: number };

export interface Step {
  readonly state: ChartState;
  readonly effects: readonly Effect[];
}

export type { FetchReason };

/** The state the page starts with: the options it saved before a reload, nothing fetched yet. */
export function initialState(restored: ChartWebviewState | undefined, now: number): ChartState {
  const options = { ...defaultViewOptions, ...restored?.options };
  return {
    options,
    title: restored?.title ?? '',
    series: [],
    shown: 'raw',
    raw: new Map(),
    stats: new Map(),
    range: baseRange(options, now),
    zoomed: false,
    requestSeq: 0,
    live: { type: 'liveStatus', state: 'off' },
    lastSummary: '',
    status: { text: '', error: false },
    banner: { text: '', error: false },
    busy: false,
    emptyHint: true,
  };
}

/** The range the options ask for: the custom one when valid, else the preset ending now. */
export function baseRange(options: ChartViewOptions, now: number): Range {
  if (options.preset === 'custom') {
    if (options.customFrom !== undefined && options.customTo !== undefined && options.customFrom < options.customTo) return { from: options.customFrom, to: options.customTo };
    return presetRange('24h', now);
  }
  return presetRange(options.preset, now);
}

/** What VS Code keeps for the serializer. */
export function savedState(state: ChartState): ChartWebviewState {
  return { version: 1, title: state.title, series: state.series.map((s) => s.descriptor), options: state.options };
}
