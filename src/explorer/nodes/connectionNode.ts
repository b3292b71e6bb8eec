/**
 * A connection root. Its children come from the platform's node module; when the user set a filter on
 * it, the tree below shows only the matches and their ancestors (`narrowed()`, applied by the provider)
 * under a summary row.
 */
import * as vscode from 'vscode';
import { markdownLines, markdownText } from '../../shared/escape/markdown';
import type { ConnectionProfile } from '../../connections/profile';
import { healthIcon, stateLabel } from '../../connections/health';
import { ChildLoader, singlePage } from '../childLoader';
import type { FilterStore } from '../filter';
import type { ExplorerServices } from '../treeNode';
import type { ConnectionRef } from '../../shared/refs';
import { connectionContext } from '../contextValues';
import { TreeNode, idPart } from '../treeNode';
import { platformModules } from '../platforms';
import { platformTree } from '../platforms/trees';
import { isCancellation } from '../../platforms/http';
import { narrowTo, type Narrowing } from '../narrowing';
import { FilterSummaryNode } from './filterSummaryNode';

export class ConnectionNode extends TreeNode {
  readonly label: string;
  override readonly ref: ConnectionRef;
  /** Expanded on the next render (demo start-up reveals it open). */
  expandOnce = false;

  constructor(
    services: ExplorerServices,
    readonly profile: ConnectionProfile,
    private readonly filters: FilterStore,
  ) {
    super(undefined, idPart('conn', profile.id), services);
    this.label = profile.label;
    this.ref = { kind: 'connection', connectionId: profile.id };
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => (await platformTree(profile.platform)).rootChildren(this, signal)),
      { emptyLabel: vscode.l10n.t('Nothing to show') },
    );
  }

  private narrowing: { text: string; result: Promise<Narrowing | Error> } | undefined;
  private narrowingAbort: AbortController | undefined;

  /**
   * The filter's matches placed in the tree (searched and located once per filter text, again after a
   * reset); undefined without a filter. Call after this node's children loaded: locating walks them.
   */
  async narrowed(): Promise<Narrowing | Error | undefined> {
    for (;;) {
      const text = this.filter;
      if (!text) return undefined;
      if (this.narrowing?.text !== text) {
        this.narrowingAbort?.abort();
        const abort = (this.narrowingAbort = new AbortController());
        this.narrowing = { text, result: this.narrow(text, abort.signal) };
      }
      const current = this.narrowing.result;
      try {
        return await current;
      } catch (err) {
        // Cancelled by a reset or a new filter text: answer with the one that replaced it.
        if (!isCancellation(err) || this.narrowing?.result === current) throw err;
      }
    }
  }

  private async narrow(text: string, signal: AbortSignal): Promise<Narrowing | Error> {
    try {
      const tree = await platformTree(this.profile.platform);
      const { hits } = await tree.search(this, text, signal);
      return await narrowTo(hits, async (hit) => {
        try {
          return await hit.locate(this, signal);
        } catch (err) {
          if (isCancellation(err)) throw err;
          this.services.log.error(`The filter match "${hit.label}" could not be placed in the tree`, err);
          return undefined;
        }
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      this.services.log.error(`Filtering "${this.label}" failed`, err);
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  /** The summary row shown first while a filter is set. */
  filterSummary(result: Narrowing | Error): FilterSummaryNode {
    return new FilterSummaryNode(this, this.filter ?? '', result);
  }

  override reset(): void {
    this.narrowingAbort?.abort();
    this.narrowing = undefined;
    super.reset();
  }

  override get connectionId(): string {
    return this.profile.id;
  }

  get filter(): string | undefined {
    return this.filters.get(this.profile.id);
  }

  get contextValue(): string {
    return connectionContext(this.profile, !!this.filter);
  }

  treeItem(): vscode.TreeItem {
    const p = this.profile;
    const state = this.expandOnce ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    this.expandOnce = false;
    const item = new vscode.TreeItem(this.label, state);
    const health = this.services.sessions.health.get(p.id);
    const platform = platformModules.get(p.platform);
    const parts = [platform.label];
    if (p.demo) parts.push(vscode.l10n.t('demo'));
    if (p.production) parts.push(vscode.l10n.t('production'));
    if (this.filter) parts.push(vscode.l10n.t('filter: "{0}"', this.filter));
    if (health.state === 'failing' || health.state === 'signedOut' || health.state === 'noCredential') parts.push(stateLabel(health.state));
    item.description = parts.join(' · ');
    item.iconPath =
      health.state === 'failing'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : new vscode.ThemeIcon(platform.icon, p.production ? new vscode.ThemeColor('charts.red') : undefined);
    // Icons on from the start: appendText then escapes `$(…)` in the texts it is given.
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${markdownText(this.label)}** — ${parts[0]}\n\n`);
    for (const line of platform.describe(p)) tip.appendMarkdown(markdownLines(`${line}\n\n`));
    if (p.demo) tip.appendMarkdown(markdownLines(vscode.l10n.t('Built-in emulator on a loopback port (no account).') + '\n\n'));
    tip.appendMarkdown(`$(${healthIcon(health.state)}) `);
    tip.appendMarkdown(markdownLines(stateLabel(health.state) + (health.message ? ` — ${health.message}` : '')));
    item.tooltip = tip;
    return item;
  }

  override async json(): Promise<unknown> {
    return { ...this.profile, health: this.services.sessions.health.get(this.profile.id) };
  }
}
