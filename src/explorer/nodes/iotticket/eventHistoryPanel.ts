/**
 * The event history of one or more assets as a filterable table in a webview: event type, time range
 * and acknowledged state are sent to the platform as query parameters; a text filter narrows the rows
 * in the page. Strict CSP with a nonce; the page never talks to the network.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExplorerLog } from '../../../log';
import { describeError } from '../../../log';
import type { AssetEvent } from '../../../platforms/iotticket/types';
import type { CoreAccess } from './coreAccess';

export type AckFilter = 'all' | 'acknowledged' | 'unacknowledged';

export interface HistoryQuery {
  readonly type?: 'Alarm' | 'Warning' | 'Notification';
  readonly start: number;
  readonly end: number;
  readonly ack: AckFilter;
}

interface Options {
  readonly title: string;
  readonly assetIds: readonly string[];
  readonly access: CoreAccess;
  readonly days: number;
  readonly log: ExplorerLog;
}

type FromView = { type: 'ready' } | { type: 'query'; query: HistoryQuery };

export class EventHistoryPanel implements vscode.Disposable {
  /** The last panel opened (tests read it). */
  static last: EventHistoryPanel | undefined;
  readonly panel: vscode.WebviewPanel;
  /** Events of the last query (tests and "Open JSON" read them). */
  events: readonly AssetEvent[] = [];
  query: HistoryQuery;
  private abort: AbortController | undefined;
  private readonly loaded: { resolve: () => void; promise: Promise<void> };

  private constructor(private readonly options: Options) {
    this.panel = vscode.window.createWebviewPanel('iotExplorer.eventHistory', vscode.l10n.t('Event history — {0}', options.title), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
    });
    const end = Date.now();
    this.query = { start: end - options.days * 86_400_000, end, ack: 'all' };
    let resolve!: () => void;
    this.loaded = { promise: new Promise<void>((r) => (resolve = r)), resolve };
    this.panel.webview.html = html(this.panel.webview, options.title);
    this.panel.webview.onDidReceiveMessage((m: FromView) => {
      // Messages sent before the page listened are lost: replay the current state once it is ready.
      if (m.type === 'ready') void this.whenLoaded().then(() => this.replay());
      else if (m.type === 'query') void this.run(m.query);
    });
    this.panel.onDidDispose(() => this.dispose());
  }

  static show(_extensionUri: vscode.Uri, options: Options): EventHistoryPanel {
    const panel = new EventHistoryPanel(options);
    EventHistoryPanel.last = panel;
    // The first query also runs without waiting for the page, so the data is there when it asks.
    void panel.run(panel.query);
    return panel;
  }

  private replay(): void {
    void this.panel.webview.postMessage({ type: 'loading', query: this.query });
    void this.panel.webview.postMessage({ type: 'events', query: this.query, events: this.events });
  }

  /** Resolves once the first query has answered. */
  whenLoaded(): Promise<void> {
    return this.loaded.promise;
  }

  /** Runs a query and sends the rows to the page. */
  async run(query: HistoryQuery): Promise<readonly AssetEvent[]> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.query = query;
    void this.panel.webview.postMessage({ type: 'loading', query });
    try {
      const events = await this.options.access.eventHistory({
        assetIds: this.options.assetIds,
        start: query.start,
        end: query.end,
        type: query.type,
        acknowledged: query.ack !== 'unacknowledged',
        onlyAcknowledged: query.ack === 'acknowledged',
        signal: abort.signal,
      });
      if (abort.signal.aborted) return this.events;
      // The platform's "include acknowledged" cannot ask for unacknowledged only: keep that filter exact here.
      this.events = query.ack === 'unacknowledged' ? events.filter((e) => !e.acknowledged) : events;
      void this.panel.webview.postMessage({ type: 'events', query, events: this.events });
      return this.events;
    } catch (err) {
      if (abort.signal.aborted) return this.events;
      this.options.log.error('Reading the event history failed', err);
      void this.panel.webview.postMessage({ type: 'error', message: describeError(err) });
      throw err;
    } finally {
      this.loaded.resolve();
    }
  }

  dispose(): void {
    this.abort?.abort();
    if (EventHistoryPanel.last === this) EventHistoryPanel.last = undefined;
  }
}

function html(webview: vscode.Webview, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const t = {
    type: vscode.l10n.t('Type'),
    all: vscode.l10n.t('All'),
    from: vscode.l10n.t('From'),
    to: vscode.l10n.t('To'),
    ack: vscode.l10n.t('Acknowledged'),
    ackOnly: vscode.l10n.t('Acknowledged only'),
    unackOnly: vscode.l10n.t('Not acknowledged'),
    text: vscode.l10n.t('Filter rows'),
    apply: vscode.l10n.t('Apply'),
    loading: vscode.l10n.t('Loading…'),
    none: vscode.l10n.t('No events in this range.'),
    activated: vscode.l10n.t('Activated'),
    cleared: vscode.l10n.t('Cleared'),
    severity: vscode.l10n.t('Severity'),
    message: vscode.l10n.t('Message'),
    asset: vscode.l10n.t('Asset'),
    group: vscode.l10n.t('Group'),
    rows: vscode.l10n.t('{0} events'),
  };
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
form { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 12px 0; }
label { display: flex; flex-direction: column; gap: 2px; font-size: 90%; color: var(--vscode-descriptionForeground); }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 4px; }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-editorWidget-border, #8884); vertical-align: top; }
th { position: sticky; top: 0; background: var(--vscode-editor-background); }
.sev-Critical { color: var(--vscode-errorForeground); font-weight: bold; }
.sev-High { color: var(--vscode-editorWarning-foreground); }
#status { margin: 6px 0; color: var(--vscode-descriptionForeground); }
</style></head>
<body>
<form id="filters">
  <label>${t.type}<select id="type"><option value="">${t.all}</option><option>Alarm</option><option>Warning</option><option>Notification</option></select></label>
  <label>${t.from}<input id="from" type="datetime-local"></label>
  <label>${t.to}<input id="to" type="datetime-local"></label>
  <label>${t.ack}<select id="ack"><option value="all">${t.all}</option><option value="acknowledged">${t.ackOnly}</option><option value="unacknowledged">${t.unackOnly}</option></select></label>
  <button type="submit">${t.apply}</button>
  <label>${t.text}<input id="text" type="search"></label>
</form>
<div id="status">${t.loading}</div>
<table><thead><tr><th>${t.activated}</th><th>${t.cleared}</th><th>${t.severity}</th><th>${t.type}</th><th>${t.message}</th><th>${t.asset}</th><th>${t.group}</th><th>${t.ack}</th></tr></thead><tbody id="rows"></tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const $ = (id) => document.getElementById(id);
const T = ${JSON.stringify(t)};
let events = [];
const local = (ms) => { const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000); return d.toISOString().slice(0, 16); };
const fromLocal = (v) => new Date(v).getTime();
function render() {
  const text = $('text').value.toLowerCase();
  const rows = events.filter((e) => !text || JSON.stringify(e).toLowerCase().includes(text));
  const tbody = $('rows');
  tbody.textContent = '';
  for (const e of rows) {
    const tr = document.createElement('tr');
    for (const [v, cls] of [[e.activatedAt], [e.clearedAt || (e.active ? '—' : '')], [e.severity, 'sev-' + e.severity], [e.type], [e.message], [e.assetId], [e.group || ''], [e.acknowledged ? '✓' : '']]) {
      const td = document.createElement('td');
      td.textContent = v == null ? '' : String(v);
      if (cls) td.className = cls;
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
  }
  $('status').textContent = rows.length ? T.rows.replace('{0}', rows.length) : T.none;
}
window.addEventListener('message', (ev) => {
  const m = ev.data;
  if (m.type === 'loading') { $('status').textContent = T.loading; $('from').value = local(m.query.start); $('to').value = local(m.query.end); $('type').value = m.query.type || ''; $('ack').value = m.query.ack; }
  else if (m.type === 'events') { events = m.events; render(); }
  else if (m.type === 'error') { $('status').textContent = m.message; }
});
$('filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  vscode.postMessage({ type: 'query', query: { type: $('type').value || undefined, start: fromLocal($('from').value), end: fromLocal($('to').value), ack: $('ack').value } });
});
$('text').addEventListener('input', render);
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}
