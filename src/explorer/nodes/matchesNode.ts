/** "Matches for …": the results of a connection's filter, paged like any other level. */
import * as vscode from 'vscode';
import { ChildLoader, offsetPages } from '../childLoader';
import type { PlatformSearch, SearchHit } from '../search';
import { TreeNode } from '../treeNode';
import type { ConnectionContext } from '../connectionContext';
import { CONTEXT } from '../contextValues';

export class MatchesNode extends TreeNode {
  readonly contextValue = CONTEXT.matches;
  readonly label: string;
  private hits: readonly SearchHit[] | undefined;

  constructor(
    readonly connection: ConnectionContext,
    readonly text: string,
    search: PlatformSearch,
  ) {
    super(connection, 'matches');
    this.label = vscode.l10n.t('Matches for "{0}"', text);
    this.loader = new ChildLoader(
      this,
      offsetPages(async (offset, limit, signal) => {
        this.hits ??= (await search(connection, text, signal)).hits;
        return { nodes: this.hits.slice(offset, offset + limit).map((h) => h.node(this)), total: this.hits.length };
      }),
      { emptyLabel: vscode.l10n.t('No matches for "{0}"', text) },
    );
  }

  override reset(): void {
    this.hits = undefined;
    super.reset();
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon('filter');
    if (this.hits) item.description = this.hits.length.toLocaleString('en-US');
    item.tooltip = vscode.l10n.t('Filter set on this connection. Use "Clear Filter" on the connection to remove it.');
    return item;
  }
}
