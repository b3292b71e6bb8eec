/**
 * The event history of one or more IoT-TICKET assets (or a whole organization) as a filterable table in a
 * webview: event type, time range and acknowledged state go to the platform as query parameters; a text
 * filter narrows the rows in the page. A failed query is a state of the panel (the platform's message, a
 * retry, a link to the log entry), never a rejection left to the extension host.
 */
import * as vscode from 'vscode';
import type { EventQuery } from '../../explorer/nodes/iotticket/assetApiAccess';
import { errorMessage } from '../../platforms/http';
import type { AssetEvent } from '../../platforms/iotticket/types';
import { oneLine } from '../../shared/escape/text';
import { parseViewToHost } from '../../shared/eventHistory/messageSchema';
import {
  EVENT_HISTORY_VIEW_TYPE, queryProblem, type HistoryQuery, type HostToView, type ViewReplies, type ViewToHost,
} from '../../shared/eventHistory/protocol';
import { WebviewHost, type WebviewApp } from '../webviewHost';
import { eventRow } from './eventRows';

/** What the panel asks the platform (the asset API's event history). */
export interface EventHistorySource {
  eventHistory(q: EventQuery): Promise<readonly AssetEvent[]>;
}

/** The extension's log: an error returns the entry id the page's "Show Log" opens. */
export interface EventHistoryLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): number;
}

export interface EventHistoryOptions {
  readonly title: string;
  readonly assetIds: readonly string[];
  readonly access: EventHistorySource;
  /** The default range: the last `days` days. */
  readonly days: number;
  readonly log: EventHistoryLog;
}

export type HistoryResult =
  | { readonly ok: true; readonly events: readonly AssetEvent[] }
  | { readonly ok: false; readonly message: string };

/** What the panel shows (tests read it). */
export type HistoryState = 'loading' | 'loaded' | 'failed';

const APP: WebviewApp<ViewToHost> = { app: 'eventHistory', name: 'event history', parse: parseViewToHost };

export class EventHistoryPanel extends WebviewHost<HostToView, ViewToHost, ViewReplies> {
  /** Events of the last query that answered (tests and "Open JSON" read them). */
  events: readonly AssetEvent[] = [];
  query: HistoryQuery;
  state: HistoryState = 'loading';
  private failure: Extract<HostToView, { type: 'failed' }> | undefined;
  private abort: AbortController | undefined;
  private readonly loaded: Promise<void>;
  private resolveLoaded!: () => void;

  static show(extensionUri: vscode.Uri, options: EventHistoryOptions): EventHistoryPanel {
    const title = vscode.l10n.t('Event history — {0}', oneLine(options.title, 200));
    const panel = vscode.window.createWebviewPanel(EVENT_HISTORY_VIEW_TYPE, title, vscode.ViewColumn.Active, WebviewHost.panelOptions(extensionUri, APP.retainContextWhenHidden));
    return new EventHistoryPanel(panel, extensionUri, options);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly options: EventHistoryOptions) {
    super(panel, { extensionUri, log: options.log }, APP);
    const end = Date.now();
    this.query = { start: end - options.days * 86_400_000, end, ack: 'all' };
    this.loaded = new Promise<void>((resolve) => (this.resolveLoaded = resolve));
    this.load(panel.title);
    // The first query runs while the page loads; `ready` then gets what it answered.
    void this.run(this.query);
  }

  /** Resolves once the first query has answered (or failed). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Runs a query and shows its rows, or why it failed. Never rejects: a failure is the panel's state. */
  async run(query: HistoryQuery): Promise<HistoryResult> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.query = query;
    this.state = 'loading';
    this.failure = undefined;
    this.post({ type: 'loading', query });
    try {
      // Checked again here: the page validates its form, but a query may come from anywhere.
      if (queryProblem(query) !== undefined) return this.fail(vscode.l10n.t('The time range is not valid: the start must be before the end. Nothing was queried.'), false);
      const events = await this.options.access.eventHistory({
        assetIds: this.options.assetIds,
        start: query.start,
        end: query.end,
        type: query.type,
        acknowledged: query.ack !== 'unacknowledged',
        onlyAcknowledged: query.ack === 'acknowledged',
        signal: abort.signal,
      });
      if (abort.signal.aborted) return { ok: true, events: this.events };
      // The platform's "include acknowledged" cannot ask for unacknowledged only: keep that filter exact here.
      this.events = query.ack === 'unacknowledged' ? events.filter((e) => !e.acknowledged) : events;
      this.state = 'loaded';
      this.post({ type: 'events', query, events: this.events.map(eventRow) });
      return { ok: true, events: this.events };
    } catch (err) {
      if (abort.signal.aborted) return { ok: true, events: this.events };
      const entry = this.options.log.error('Reading the event history failed', err);
      return this.fail(errorMessage(err), true, entry);
    } finally {
      if (this.abort === abort) this.resolveLoaded();
    }
  }

  protected onReady(): void {
    this.post({ type: 'init', title: this.options.title, query: this.query });
    // Replay what the panel shows: the page may have (re)loaded after the query answered.
    if (this.state === 'loaded') this.post({ type: 'events', query: this.query, events: this.events.map(eventRow) });
    else if (this.failure) this.post(this.failure);
    else this.post({ type: 'loading', query: this.query });
  }

  protected async onMessage(msg: Exclude<ViewToHost, { type: 'ready' | 'reply' | 'replyError' }>): Promise<void> {
    switch (msg.type) {
      case 'query':
        await this.run(msg.query);
        return;
      case 'retry':
        await this.run(this.query);
        return;
      case 'showLog':
        // Only the entry this panel reported: the page cannot open arbitrary log entries.
        if (msg.entry === this.failure?.logEntry) await vscode.commands.executeCommand('iotExplorer.showLogEntry', msg.entry);
        return;
      case 'log': {
        const line = `event history webview: ${oneLine(msg.message)}`;
        if (msg.level === 'error') this.options.log.error(line);
        else if (msg.level === 'warn') this.options.log.warn(line);
        else this.options.log.info(line);
        return;
      }
    }
  }

  protected override onRefused(message: unknown, problem: string): void {
    // A query the host cannot accept still gets an answer in the page, so the user is not left waiting.
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'query') {
      this.fail(vscode.l10n.t('The filter is not valid ({0}). Nothing was queried.', problem), false);
    }
  }

  protected override onDispose(): void {
    this.abort?.abort();
    this.resolveLoaded();
  }

  private fail(message: string, retry: boolean, logEntry?: number): HistoryResult {
    this.state = 'failed';
    this.failure = { type: 'failed', message, retry, logEntry };
    this.post(this.failure);
    return { ok: false, message };
  }
}
