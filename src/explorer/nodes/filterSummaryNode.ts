/** The first row under a filtered connection: what the filter is and how many matches it found. */
import * as vscode from 'vscode';
import { errorMessage } from '../../platforms/http';
import { CONTEXT } from '../contextValues';
import type { Narrowing } from '../narrowing';
import { TreeNode } from '../treeNode';

export class FilterSummaryNode extends TreeNode {
  readonly contextValue = CONTEXT.matches;
  readonly label: string;
  private readonly description: string;

  constructor(
    parent: TreeNode,
    readonly text: string,
    readonly result: Narrowing | Error,
  ) {
    super(parent, '~filter');
    this.label = vscode.l10n.t('Filter "{0}"', text);
    const count = (n: number): string => n.toLocaleString('en-US');
    if (result instanceof Error) this.description = vscode.l10n.t('failed: {0} (see the log)', errorMessage(result));
    else if (result.total === 0) this.description = vscode.l10n.t('no matches');
    else if (result.placed < result.total) this.description = vscode.l10n.t('{0} of {1} matches shown — refine the filter to see the rest', count(result.placed), count(result.total));
    else this.description = result.total === 1 ? vscode.l10n.t('1 match') : vscode.l10n.t('{0} matches', count(result.total));
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.description = this.description;
    item.iconPath = new vscode.ThemeIcon(this.result instanceof Error ? 'error' : 'filter');
    item.tooltip = vscode.l10n.t('Only the matches and the levels above them are shown. Clear Filter on the connection shows everything again.');
    item.command = { command: 'iotExplorer.setFilter', title: vscode.l10n.t('Change the filter'), arguments: [this.parent] };
    return item;
  }
}
