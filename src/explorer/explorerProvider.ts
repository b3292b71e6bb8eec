/**
 * The VS Code adapter of the Connections tree: roots (pinned favourites, then one node per
 * connection), tree items with their temporary state, `getParent` for `reveal`, and the change event.
 */
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../connections/profile';
import { ConnectionNode } from './nodes/connectionNode';
import { FavouritesNode } from './nodes/favouritesNode';
import type { ExplorerServices } from './treeNode';
import type { FavouritesStore } from './favourites';
import type { FilterStore } from './filter';
import type { TreeNode } from './treeNode';
import { safeTreeItem } from './treeItemText';
import { CONTEXT } from './contextValues';
import { markCached } from './cacheMark';
import { leafCommand } from './leafAction';

/** What a feature adds to value nodes' tree items (live values). */
export interface ValueDecorator {
  decorate(node: TreeNode, item: vscode.TreeItem): void;
  resolveTreeItem(node: TreeNode, item: vscode.TreeItem, token?: vscode.CancellationToken): Promise<vscode.TreeItem>;
}

export class ExplorerProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly firstListing = new vscode.EventEmitter<void>();
  /** Fires once, as the tree is first asked for rows (before it gets them): their menus' commands are registered then. */
  readonly onFirstListing = this.firstListing.event;
  private everListed = false;
  private connectionNodes = new Map<string, ConnectionNode>();
  private favouritesNode: FavouritesNode | undefined;
  /** The roots the workbench was last given: VS Code resolves a reveal against them until the tree refreshes. */
  private givenRoots = new Set<TreeNode>();
  private services!: ExplorerServices;
  /** Adds live values (description, sparkline tooltip) to value nodes: the inline previews feature registers it. */
  private valueDecorator: ValueDecorator | undefined;

  constructor(
    private readonly favourites: FavouritesStore,
    private readonly filters: FilterStore,
  ) {}

  /** The decorator of value nodes until the returned Disposable is disposed (one at a time). */
  registerDecorator(decorator: ValueDecorator): vscode.Disposable {
    this.valueDecorator = decorator;
    return new vscode.Disposable(() => {
      if (this.valueDecorator === decorator) this.valueDecorator = undefined;
    });
  }

  /** Set once the services exist (they refer back to this provider for refreshes). */
  attach(services: ExplorerServices): void {
    this.services = services;
  }

  fire(nodes: readonly TreeNode[] | undefined): void {
    if (!nodes) this.changed.fire(undefined);
    else for (const n of nodes) this.changed.fire(n);
  }

  /** Drops everything loaded below the roots (cancelling loads in flight); the root nodes stay. */
  resetRoots(): void {
    for (const node of this.connectionNodes.values()) node.reset();
    this.favouritesNode?.reset();
  }

  roots(): TreeNode[] {
    const out: TreeNode[] = [];
    if (this.favourites.list().length > 0) {
      this.favouritesNode ??= new FavouritesNode(this.services, this.favourites);
      out.push(this.favouritesNode);
    } else {
      this.favouritesNode = undefined;
    }
    const profiles = this.services.store.list();
    const next = new Map<string, ConnectionNode>();
    for (const profile of profiles) {
      const existing = this.connectionNodes.get(profile.id);
      next.set(profile.id, existing && sameProfile(existing.profile, profile) ? existing : new ConnectionNode(this.services, profile, this.filters));
    }
    this.connectionNodes = next;
    out.push(...next.values());
    return out;
  }

  /**
   * The node of a connection, also when its profile was saved after the workbench last asked for the roots
   * or changed or removed since (the whole-tree refresh is debounced and waits for a visible view): the roots
   * are computed again then, keeping the nodes of unchanged profiles, so a reveal right after a save finds
   * the node the tree will show.
   */
  connectionNode(id: string): ConnectionNode | undefined {
    const profile = this.services.store.get(id);
    const node = this.connectionNodes.get(id);
    if (profile ? !node || !sameProfile(node.profile, profile) : node) this.roots();
    return this.connectionNodes.get(id);
  }

  favouritesRoot(): FavouritesNode | undefined {
    if (!this.favouritesNode) this.roots();
    return this.favouritesNode;
  }

  async getChildren(element?: TreeNode): Promise<TreeNode[]> {
    if (!this.everListed) {
      this.everListed = true;
      this.firstListing.fire();
    }
    if (!element) {
      const roots = this.roots();
      this.givenRoots = new Set(roots);
      return roots;
    }
    const children = await element.children();
    // Under a filtered connection only the matches and their ancestors show (pinned copies are not under it).
    const conn = element.connectionId === undefined ? undefined : this.connectionNodes.get(element.connectionId);
    const result = conn && (element === conn || element.id.startsWith(`${conn.id}/`)) ? await conn.narrowed() : undefined;
    if (!conn || !result) return children;
    if (element !== conn) return result instanceof Error ? children : result.narrow(element, children);
    return [conn.filterSummary(result), ...(result instanceof Error ? children : result.narrow(conn, children))];
  }

  /**
   * Before a reveal: when the node's root is not among the roots the workbench has (a connection saved
   * while the view's refresh waits), the roots are refreshed now. VS Code's reveal waits for a refresh
   * fired before it, then finds the node; otherwise it fails with "Cannot resolve tree item".
   */
  refreshRootsFor(node: TreeNode): void {
    let root = node;
    for (let up = this.getParent(root); up; up = this.getParent(root)) root = up;
    if (!this.givenRoots.has(root)) this.changed.fire(undefined);
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    const item = element.treeItem();
    item.id = element.id;
    item.contextValue ??= element.contextValue;
    if (element.expandable && item.collapsibleState === undefined) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    item.command ??= leafCommand(element);
    this.valueDecorator?.decorate(element, item);
    markCached(element, item);
    return this.services.state.apply(element.id, safeTreeItem(item));
  }

  resolveTreeItem(item: vscode.TreeItem, element: TreeNode, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.valueDecorator ? this.valueDecorator.resolveTreeItem(element, item, token) : item;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    // Pinned nodes hang on an invisible holder that carries their connection; the tree parent is above it.
    let parent = element.parent;
    while (parent && parent.contextValue === CONTEXT.favouriteHolder) parent = parent.parent;
    return parent;
  }

  /** Whether the tree has been asked for rows. */
  get listed(): boolean {
    return this.everListed;
  }

  dispose(): void {
    this.changed.dispose();
    this.firstListing.dispose();
  }
}

function sameProfile(a: ConnectionProfile, b: ConnectionProfile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
