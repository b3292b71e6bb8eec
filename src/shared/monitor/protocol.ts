/**
 * The messages between the Monitor Thing panel (extension host) and its webview. Handshake as for every
 * webview: the page posts `ready`, the host answers `init` and the connection's `status`, then sends
 * the MQTT messages in batches as they arrive. Pause, the filter and the counts live in the page; the
 * page asks the host to `copy` text (the clipboard) and to `retry` a connection that failed.
 * Everything from the server (topics, payloads, error texts) is data: the page shows it as text only.
 */
import type { LogLevel, ReplyMessage, RequestMessage } from '../webview/ipc';

export const MONITOR_VIEW_TYPE = 'iotExplorer.monitor';

/** Longest payload text sent to the page (the rest is cut, and says so). */
export const MAX_PAYLOAD_TEXT = 20_000;

export interface MonitorRow {
  readonly topic: string;
  /** Epoch ms it arrived. */
  readonly receivedAt: number;
  /** The payload as text (pretty-printed when it was JSON). */
  readonly text: string;
}

export type MonitorState = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'no-broker' | 'no-credentials';

export interface MonitorStatus {
  readonly state: MonitorState;
  /** What the status line says. */
  readonly text: string;
  /** Whether "Retry" can help (a failure, or credentials not created yet). */
  readonly retry: boolean;
}

/** What the page shows (tests ask for it). */
export interface MonitorShown {
  readonly status: string;
  readonly paused: boolean;
  /** Rows in the list after the filter. */
  readonly rows: number;
  /** Every message received, shown or not. */
  readonly received: number;
  readonly counts: readonly { readonly topic: string; readonly count: number }[];
  /** Topic and text of the newest row shown, as rendered. */
  readonly newest?: { readonly topic: string; readonly text: string };
}

export type MonitorReplies = { shown: MonitorShown };

export type HostToView =
  | { readonly type: 'init'; readonly title: string; readonly filters: readonly string[] }
  | { readonly type: 'status'; readonly status: MonitorStatus }
  | { readonly type: 'messages'; readonly rows: readonly MonitorRow[] }
  | RequestMessage<MonitorReplies>;

export type ViewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'retry' }
  | { readonly type: 'copy'; readonly text: string }
  | ReplyMessage<MonitorReplies>
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string };

const HOST_TO_VIEW_TYPES: ReadonlySet<string> = new Set<HostToView['type']>(['init', 'status', 'messages', 'request']);

/** The page's check of what the host sends (the host validates the other way in full). */
export function isHostToView(msg: unknown): msg is HostToView {
  return typeof msg === 'object' && msg !== null && HOST_TO_VIEW_TYPES.has((msg as { type?: unknown }).type as string);
}

/** The payload as the list shows it: JSON pretty-printed, anything else as it came, cut at MAX_PAYLOAD_TEXT. */
export function payloadText(text: string, body: unknown): string {
  const shown = body === undefined ? text : JSON.stringify(body, null, 2);
  return shown.length > MAX_PAYLOAD_TEXT ? `${shown.slice(0, MAX_PAYLOAD_TEXT)}…` : shown;
}
