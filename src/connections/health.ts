/**
 * Health of each connection as the explorer sees it (the last request's outcome), and the status bar
 * item that summarises it: "$(pass) 2 connections", "$(warning) 1 of 3 failing" with a tooltip per
 * connection. Clicking it tests the connections again.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../platforms/http';
import { markdownLines } from '../shared/escape/markdown';
import { isTransientFailure } from './recovery';
import { adviceFor } from './errorAdvice';

export type HealthState = 'unknown' | 'ok' | 'failing' | 'signedOut' | 'noCredential';

export interface Health {
  readonly state: HealthState;
  readonly message?: string;
  readonly at: number;
  /** A failure that may pass by itself (server unreachable, busy): recovery tries again with backoff. */
  readonly transient?: boolean;
  /** Since when the connection fails (the first failure of this run of failures). */
  readonly since?: number;
}

export class HealthTracker implements vscode.Disposable {
  private readonly health = new Map<string, Health>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(id: string): Health {
    return this.health.get(id) ?? { state: 'unknown', at: 0 };
  }

  set(id: string, state: HealthState, message?: string, transient = false): void {
    const before = this.health.get(id);
    const now = Date.now();
    const since = state === 'ok' ? undefined : before?.state === state ? (before.since ?? now) : now;
    this.health.set(id, { state, message, at: now, transient, since });
    if (before?.state !== state || before?.message !== message) this.changed.fire(id);
  }

  /** Records the outcome of a request made for a connection. */
  report(id: string, outcome: 'ok' | unknown): void {
    if (outcome === 'ok') this.set(id, 'ok');
    else if (outcome instanceof Error && outcome.name === 'MissingCredentialError') this.set(id, 'noCredential', errorMessage(outcome));
    else if (outcome instanceof Error && outcome.name === 'CancelledError') return;
    else this.set(id, 'failing', adviceFor(outcome).text, isTransientFailure(outcome));
  }

  forget(id: string): void {
    if (this.health.delete(id)) this.changed.fire(id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function healthIcon(state: HealthState): string {
  switch (state) {
    case 'ok':
      return 'pass';
    case 'failing':
      return 'error';
    case 'signedOut':
      return 'sign-out';
    case 'noCredential':
      return 'key';
    default:
      return 'circle-outline';
  }
}

export class HealthStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tracker: HealthTracker,
    private readonly connections: () => readonly { id: string; label: string }[],
    /** When a failing connection is tried again (recovery), for the tooltip. */
    private readonly nextTry: (id: string) => number | undefined = () => undefined,
  ) {
    this.item = vscode.window.createStatusBarItem('iotExplorer.health', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('IoT Explorer connections');
    this.item.command = 'iotExplorer.testConnection';
    this.disposables.push(tracker.onDidChange(() => this.update()));
    this.update();
  }

  /** The text shown now (tests read it). */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration('iotExplorer').get<boolean>('statusBar.enabled', true);
    const list = this.connections();
    if (!enabled || list.length === 0) {
      this.item.hide();
      return;
    }
    const states = list.map((c) => ({ ...c, health: this.tracker.get(c.id) }));
    const failing = states.filter((s) => s.health.state === 'failing' || s.health.state === 'noCredential');
    const ok = states.filter((s) => s.health.state === 'ok').length;
    if (failing.length > 0) {
      this.item.text = `$(warning) ${vscode.l10n.t('IoT: {0} of {1} failing', failing.length, list.length)}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `$(radio-tower) ${vscode.l10n.t('IoT: {0} of {1} OK', ok, list.length)}`;
      this.item.backgroundColor = undefined;
    }
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${vscode.l10n.t('IoT Explorer connections')}**\n\n`);
    for (const s of states) {
      const when = s.health.at ? ` (${new Date(s.health.at).toLocaleTimeString()})` : '';
      tip.appendMarkdown(`$(${healthIcon(s.health.state)}) `);
      const next = s.health.state === 'failing' ? this.nextTry(s.id) : undefined;
      const retry = next ? ` — ${vscode.l10n.t('trying again at {0}', new Date(next).toLocaleTimeString())}` : '';
      tip.appendMarkdown(markdownLines(`${s.label}: ${stateLabel(s.health.state)}${when}${s.health.message ? ` — ${s.health.message.slice(0, 160)}` : ''}${retry}`));
      tip.appendMarkdown('\n\n');
    }
    tip.appendMarkdown(vscode.l10n.t('Click to test the connections.'));
    this.item.tooltip = tip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function stateLabel(state: HealthState): string {
  switch (state) {
    case 'ok':
      return vscode.l10n.t('connected');
    case 'failing':
      return vscode.l10n.t('failing');
    case 'signedOut':
      return vscode.l10n.t('signed out');
    case 'noCredential':
      return vscode.l10n.t('no credential stored');
    default:
      return vscode.l10n.t('not used yet');
  }
}
