/** A grouping node ("Templates", "Devices", "Categories"…) whose children come from a page fetcher. */
import * as vscode from 'vscode';
import { ChildLoader, type ChildLoaderOptions, type PageFetcher } from '../childLoader';
import { TreeNode } from '../treeNode';

export interface FolderOptions extends ChildLoaderOptions<TreeNode> {
  readonly icon: string;
  readonly contextValue: string;
  readonly description?: string | (() => string | undefined);
  readonly tooltip?: string;
  readonly expanded?: boolean;
  /** What "Open JSON" shows for the folder (default: its loaded children's labels). */
  readonly json?: (signal: AbortSignal) => Promise<unknown>;
  /** Re-read by auto-refresh (current values). */
  readonly live?: boolean;
}

export class FolderNode<C = unknown> extends TreeNode {
  readonly contextValue: string;

  constructor(
    parent: TreeNode,
    localId: string,
    readonly label: string,
    fetch: PageFetcher<C, TreeNode>,
    private readonly options: FolderOptions,
  ) {
    super(parent, localId);
    this.contextValue = options.contextValue;
    this.loader = new ChildLoader(this, fetch, options);
    if (options.live) this.services.trackLive(this);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.label,
      this.options.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.iconPath = new vscode.ThemeIcon(this.options.icon);
    const d = this.options.description;
    item.description = typeof d === 'function' ? d() : d;
    if (item.description === undefined && this.loader?.total !== undefined) item.description = this.loader.total.toLocaleString('en-US');
    item.tooltip = this.options.tooltip;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    if (this.options.json) return this.options.json(signal);
    const children = await this.children();
    return { [this.label]: children.map((c) => c.label) };
  }
}
