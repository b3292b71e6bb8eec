/**
 * Monitor Thing: every MQTT message on a Thing's (or a Category's) topics, live, in a webview on the
 * shared host. The panel holds a watch on the owner's live client (created with the user's consent to
 * make MQTT credentials), forwards messages in batches and the connection status as it changes.
 */
import * as vscode from 'vscode';
import type { HubMessage, LiveWatch, OwnerState } from '../../live/altairLiveHub';
import { ownerKey } from '../../live/altairLiveHub';
import { ownerText } from '../../live/liveStatusText';
import type { Disposable, MqttOwner } from '../../platforms/altair/mqtt';
import { errorMessage } from '../../platforms/http';
import { oneLine } from '../../shared/escape/text';
import { parseViewToHost } from '../../shared/monitor/messageSchema';
import {
  MONITOR_VIEW_TYPE, payloadText, type HostToView, type MonitorReplies, type MonitorRow, type MonitorStatus, type ViewToHost,
} from '../../shared/monitor/protocol';
import { WebviewHost, type WebviewApp, type WebviewLog } from '../webviewHost';

/** What the panel needs of the live hub (src/live/altairLiveHub.ts). */
export interface MonitorSource {
  watch(connectionId: string, owner: MqttOwner, label: string, ask: boolean): Promise<LiveWatch>;
  onMessage(listener: (m: HubMessage) => void): Disposable;
  onDidChange(listener: (connectionId: string) => void): Disposable;
  state(connectionId: string, owner: MqttOwner): OwnerState | undefined;
}

export interface MonitorOptions {
  readonly connectionId: string;
  readonly owner: MqttOwner;
  /** The Thing's title or the Category's name. */
  readonly label: string;
  readonly source: MonitorSource;
  readonly log: WebviewLog;
}

/** Messages are sent to the page at most this often, in one batch. */
const BATCH_MS = 100;
/** Rows kept for a page that (re)loads. */
const REPLAY_ROWS = 1000;

const APP: WebviewApp<ViewToHost> = { app: 'monitor', name: 'monitor', parse: parseViewToHost, retainContextWhenHidden: true };

export class MonitorPanel extends WebviewHost<HostToView, ViewToHost, MonitorReplies> {
  /** Messages received so far (tests read it). */
  received = 0;
  private readonly recent: MonitorRow[] = [];
  private batch: MonitorRow[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watch: LiveWatch | undefined;
  private starting: Promise<void> | undefined;
  private readonly subs: Disposable[] = [];
  private readonly key: string;

  static show(extensionUri: vscode.Uri, options: MonitorOptions): MonitorPanel {
    const title = vscode.l10n.t('Monitor — {0}', oneLine(options.label, 200));
    const panel = vscode.window.createWebviewPanel(MONITOR_VIEW_TYPE, title, vscode.ViewColumn.Active, WebviewHost.panelOptions(extensionUri, APP.retainContextWhenHidden));
    return new MonitorPanel(panel, extensionUri, options);
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private readonly options: MonitorOptions) {
    super(panel, { extensionUri, log: options.log }, APP);
    this.key = ownerKey(options.connectionId, options.owner);
    this.subs.push(
      options.source.onMessage((m) => {
        if (m.ownerKey === this.key) this.arrived({ topic: m.message.topic, receivedAt: m.message.receivedAt, text: payloadText(m.message.text, m.message.body) });
      }),
      options.source.onDidChange((id) => {
        if (id === options.connectionId) this.post({ type: 'status', status: this.status() });
      }),
    );
    this.load(panel.title);
    this.start();
  }

  /** Resolves once the watch is in place (its client may still be connecting). */
  whenStarted(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  /** The owner's state as the panel shows it. */
  status(): MonitorStatus {
    const state = this.options.source.state(this.options.connectionId, this.options.owner);
    const s = state?.status;
    const text = ownerText(state);
    if (s?.state === 'connected') return { state: 'live', text, retry: false };
    if (s?.state === 'reconnecting') return { state: 'reconnecting', text, retry: false };
    if (s?.state === 'failed' || state?.notLive === 'failed') return { state: 'failed', text, retry: true };
    if (state?.notLive === 'no-broker') return { state: 'no-broker', text, retry: true };
    if (state?.notLive === 'no-credentials') return { state: 'no-credentials', text, retry: true };
    return { state: 'connecting', text, retry: false };
  }

  protected onReady(): void {
    this.post({ type: 'init', title: this.options.label, filters: [] });
    this.post({ type: 'status', status: this.status() });
    if (this.recent.length > 0) this.post({ type: 'messages', rows: this.recent });
  }

  protected async onMessage(msg: Exclude<ViewToHost, { type: 'ready' | 'reply' | 'replyError' }>): Promise<void> {
    switch (msg.type) {
      case 'retry':
        this.start();
        await this.starting;
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        return;
      case 'log': {
        const line = `monitor webview: ${oneLine(msg.message)}`;
        if (msg.level === 'error') this.options.log.error(line);
        else if (msg.level === 'warn') this.options.log.warn(line);
        else this.options.log.info(line);
        return;
      }
    }
  }

  protected override onDispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs.splice(0)) s.dispose();
    this.watch?.dispose();
    this.watch = undefined;
  }

  private start(): void {
    if (this.starting) return;
    const previous = this.watch;
    this.starting = (async () => {
      try {
        // Asks for credentials (a modal) when none are stored: the user opened the monitor on purpose.
        const next = await this.options.source.watch(this.options.connectionId, this.options.owner, this.options.label, true);
        previous?.dispose();
        if (this.isDisposed) next.dispose();
        else this.watch = next;
      } catch (err) {
        this.options.log.warn(`Monitor of ${this.key}: ${errorMessage(err)}`);
      } finally {
        this.starting = undefined;
        this.post({ type: 'status', status: this.status() });
      }
    })();
  }

  private arrived(row: MonitorRow): void {
    this.received++;
    this.recent.push(row);
    if (this.recent.length > REPLAY_ROWS) this.recent.splice(0, this.recent.length - REPLAY_ROWS);
    this.batch.push(row);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const rows = this.batch;
      this.batch = [];
      this.post({ type: 'messages', rows });
    }, BATCH_MS);
  }
}
