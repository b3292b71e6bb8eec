/**
 * The messages between the event-history panel (extension host) and its webview, and the rows it shows.
 * Handshake as for every webview: the page posts `ready`, the host answers `init` with the query and the
 * rows it has, then `loading` / `events` / `failed` as queries run. The page asks with `query`; the host
 * checks every message (messageSchema.ts) and the query again before it asks the platform.
 */
import type { LogLevel, ReplyMessage, RequestMessage } from '../webview/ipc';

export const EVENT_HISTORY_VIEW_TYPE = 'iotExplorer.eventHistory';

export type EventTypeFilter = 'Alarm' | 'Warning' | 'Notification';
export const EVENT_TYPE_FILTERS: readonly EventTypeFilter[] = ['Alarm', 'Warning', 'Notification'];
export type AckFilter = 'all' | 'acknowledged' | 'unacknowledged';
export const ACK_FILTERS: readonly AckFilter[] = ['all', 'acknowledged', 'unacknowledged'];

export interface HistoryQuery {
  readonly type?: EventTypeFilter;
  /** Epoch ms, start before end. */
  readonly start: number;
  readonly end: number;
  readonly ack: AckFilter;
}

/** One event as the table shows it: every field is platform text, shown as text only. */
export interface EventRow {
  readonly activatedAt: string;
  readonly clearedAt: string;
  readonly active: boolean;
  readonly severity: string;
  readonly type: string;
  readonly message: string;
  readonly assetId: string;
  readonly group: string;
  readonly acknowledged: boolean;
}

/** What the page shows (tests ask for it). */
export interface ShownState {
  readonly status: string;
  readonly error: boolean;
  readonly rows: number;
  /** Cell texts of the first row, as rendered. */
  readonly firstRow: readonly string[];
}

export type ViewReplies = { shown: ShownState };

export type HostToView =
  | { readonly type: 'init'; readonly title: string; readonly query: HistoryQuery }
  | { readonly type: 'loading'; readonly query: HistoryQuery }
  | { readonly type: 'events'; readonly query: HistoryQuery; readonly events: readonly EventRow[] }
  /** A query failed: the platform's message; `retry` when running it again is safe; `logEntry` to open the log there. */
  | { readonly type: 'failed'; readonly message: string; readonly retry: boolean; readonly logEntry?: number }
  | RequestMessage<ViewReplies>;

export type ViewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'query'; readonly query: HistoryQuery }
  | { readonly type: 'retry' }
  | { readonly type: 'showLog'; readonly entry: number }
  | ReplyMessage<ViewReplies>
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };

const HOST_TO_VIEW_TYPES: ReadonlySet<string> = new Set<HostToView['type']>(['init', 'loading', 'events', 'failed', 'request']);

/** The page's check of what the host sends (the host validates the other way in full). */
export function isHostToView(msg: unknown): msg is HostToView {
  return typeof msg === 'object' && msg !== null && HOST_TO_VIEW_TYPES.has((msg as { type?: unknown }).type as string);
}

/** Why a query cannot be sent, or undefined when it can. Shared by the page's form and the host's check. */
export function queryProblem(q: { readonly start?: number; readonly end?: number }): 'noStart' | 'noEnd' | 'order' | undefined {
  if (q.start === undefined || !Number.isFinite(q.start)) return 'noStart';
  if (q.end === undefined || !Number.isFinite(q.end)) return 'noEnd';
  return q.start < q.end ? undefined : 'order';
}
