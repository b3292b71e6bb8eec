/**
 * The Activity view (`iotExplorer.activity`): one row per thing the user did to a platform or a file —
 * writes, commands, actions, saved Things, exports, ONNX and analytics registrations — with its time,
 * connection and outcome, newest first, and a way back to what it touched (the tree node, the file).
 * Kept in workspace state so the results are still there after a reload; capped so it never grows
 * without bound.
 */
import * as vscode from 'vscode';
import { safeTreeItem } from '../explorer/treeItemText';
import { markdownLines, markdownText } from '../shared/escape/markdown';
import type { EntityRef } from '../shared/refs';

export type ActivityOutcome = 'succeeded' | 'failed' | 'cancelled' | 'refused';

export interface ActivityEntry {
  readonly id: number;
  /** Epoch ms. */
  readonly time: number;
  readonly connectionId: string;
  readonly connectionLabel: string;
  /** What was done, e.g. "Register ONNX model". */
  readonly action: string;
  /** What it was done to (a model name, a file). */
  readonly target: string;
  readonly outcome: ActivityOutcome;
  /** The platform's id of the item, when known. */
  readonly itemId?: string;
  /** Extra lines for the tooltip (sha256, size, the platform's message). */
  readonly detail?: string;
  /** The entity it was done to, for "Reveal in Connections". */
  readonly ref?: EntityRef;
  /** The file it wrote (a URI string), for "Open File". */
  readonly file?: string;
}

/** The command a click on an entry runs (registered by activityView.ts). */
export const OPEN_ACTIVITY = 'iotExplorer.activity.open';

const STATE_KEY = 'iotExplorer.activity';
const KEEP = 200;

const ICONS: Readonly<Record<ActivityOutcome, [string, string]>> = {
  succeeded: ['pass', 'testing.iconPassed'],
  failed: ['error', 'list.errorForeground'],
  cancelled: ['circle-slash', 'disabledForeground'],
  refused: ['warning', 'list.warningForeground'],
};

export class ActivityLog implements vscode.TreeDataProvider<ActivityEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private entries: ActivityEntry[];
  private nextId: number;

  constructor(private readonly memento: vscode.Memento) {
    this.entries = memento.get<ActivityEntry[]>(STATE_KEY, []);
    this.nextId = this.entries.reduce((n, e) => Math.max(n, e.id), 0) + 1;
  }

  /** Adds an entry (newest first) and returns it. */
  add(entry: Omit<ActivityEntry, 'id' | 'time'> & { time?: number }): ActivityEntry {
    const full: ActivityEntry = { ...entry, id: this.nextId++, time: entry.time ?? Date.now() };
    this.entries = [full, ...this.entries].slice(0, KEEP);
    void this.memento.update(STATE_KEY, this.entries);
    this.changed.fire();
    return full;
  }

  list(): readonly ActivityEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
    void this.memento.update(STATE_KEY, this.entries);
    this.changed.fire();
  }

  getChildren(element?: ActivityEntry): ActivityEntry[] {
    return element ? [] : this.entries;
  }

  getTreeItem(e: ActivityEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(`${e.action}: ${e.target}`, vscode.TreeItemCollapsibleState.None);
    item.id = `activity:${e.id}`;
    item.description = `${formatTime(e.time)} · ${e.connectionLabel}`;
    const [icon, color] = ICONS[e.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = `iot.activity.${e.outcome}${e.itemId ? '.withItem' : ''}${e.ref ? '.withRef' : ''}${e.file ? '.withFile' : ''}`;
    if (e.ref || e.file) item.command = { command: OPEN_ACTIVITY, title: vscode.l10n.t('Open'), arguments: [e] };
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(e.action)}** — ${markdownText(e.target)}\n\n`);
    tip.appendMarkdown(markdownLines(`${new Date(e.time).toLocaleString()} · ${e.connectionLabel} · ${outcomeLabel(e.outcome)}\n\n`));
    if (e.itemId) tip.appendMarkdown(markdownLines(vscode.l10n.t('Id: {0}', e.itemId) + '\n\n'));
    if (e.file) tip.appendMarkdown(markdownLines(vscode.Uri.parse(e.file).fsPath) + '\n\n');
    if (e.detail) tip.appendMarkdown(markdownLines(e.detail));
    item.tooltip = tip;
    return safeTreeItem(item);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function outcomeLabel(outcome: ActivityOutcome): string {
  switch (outcome) {
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
    case 'refused':
      return vscode.l10n.t('refused');
  }
}

/** `14:05:09` today, `2024-11-21 14:05` on other days. */
function formatTime(time: number): string {
  const d = new Date(time);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return d.toDateString() === new Date().toDateString() ? clock : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock.slice(0, 5)}`;
}
