/**
 * The Connections view: tree provider, tree view (multi-select, drag source), refresh manager and the
 * services nodes use. Commands and tests go through this object.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SessionManager } from '../connections/sessionManager';
import type { ExplorerLog } from '../log';
import { errorMessage } from '../platforms/http/errorText';
import { SeriesDragController } from './dragAndDrop';
import { ExplorerProvider } from './explorerProvider';
import { FavouritesStore } from './favourites';
import { FilterStore } from './filter';
import { isLocatable, locate, NotInTreeError, type LocatableRef, type LocateLookups } from './locate';
import type { EntityRef } from '../shared/refs';
import { EmptyNode, ErrorNode, LoadMoreNode } from './nodes/placeholderNodes';
import type { ConnectionNode } from './nodes/connectionNode';
import { RefreshManager } from './refreshManager';
import type { ExplorerServices } from './treeNode';
import { TreeItemStateStore } from './treeItemState';
import type { TreeNode } from './treeNode';

export const VIEW_ID = 'iotExplorer.connections';

/** How long a reveal waits for VS Code to report the node selected, and how often it reveals at most. */
const REVEAL_SELECT_MS = 3000;
const REVEAL_ATTEMPTS = 3;

export class Explorer implements vscode.Disposable {
  readonly provider: ExplorerProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly dragAndDrop = new SeriesDragController();
  readonly refreshManager: RefreshManager<TreeNode>;
  readonly state = new TreeItemStateStore();
  readonly favourites: FavouritesStore;
  readonly filters: FilterStore;
  readonly services: ExplorerServices;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly activeEvents = new Map<string, number>();

  constructor(
    context: vscode.ExtensionContext,
    readonly store: ConnectionStore,
    readonly sessions: SessionManager,
    readonly log: ExplorerLog,
  ) {
    this.favourites = new FavouritesStore(context.globalState);
    this.filters = new FilterStore(context.globalState);
    this.provider = new ExplorerProvider(this.favourites, this.filters);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iotExplorer');
    this.treeView = vscode.window.createTreeView(VIEW_ID, {
      treeDataProvider: this.provider,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: this.dragAndDrop,
    });
    this.refreshManager = new RefreshManager<TreeNode>(
      {
        fire: (nodes) => this.provider.fire(nodes),
        resetRoots: () => this.provider.resetRoots(),
        visible: () => this.treeView.visible,
      },
      () => config().get<number>('refresh.debounceMs', 250),
      () => config().get<number>('refresh.autoRefreshSeconds', 0),
    );
    // Asked for when Go to… stores or prunes an index: making the storage path costs activation a few ms.
    const indexDir = (): string => join(context.globalStorageUri.fsPath, 'goto-index');
    this.services = {
      log,
      get indexDir() {
        return indexDir();
      },
      state: this.state,
      store,
      sessions,
      placeholders: {
        more: (owner) => new LoadMoreNode(owner),
        error: (owner, entry, err) => new ErrorNode(owner, entry, err),
        empty: (owner, label) => new EmptyNode(owner, label),
      },
      pageSize: (connectionId) => {
        const own = connectionId ? store.get(connectionId)?.pageSize : undefined;
        return Math.max(1, Math.min(1000, own ?? config().get<number>('pageSize', 100)));
      },
      refresh: (node) => this.refreshManager.request(node),
      repaint: (node) => this.refreshManager.repaint(node),
      trackLive: (node) => this.refreshManager.trackLive(node),
      reportActiveEvents: (connectionId, count) => {
        this.activeEvents.set(connectionId, count);
        this.updateBadge();
      },
    };
    this.provider.attach(this.services);
    this.disposables.push(
      this.treeView,
      this.provider,
      this.refreshManager,
      this.state,
      this.favourites,
      this.filters,
      this.treeView.onDidChangeVisibility(() => this.refreshManager.visibilityChanged()),
      this.state.onDidChange((node) => this.provider.fire([node])),
      store.onDidChange(() => {
        // A removed connection's stored Go to… index goes with it.
        const ids = store.list().map((p) => p.id);
        void import('./nodes/iotticket/indexStore').then((m) => m.pruneStoredIndexes(indexDir(), ids));
        // Roots follow the profiles; connections whose profile did not change keep what they loaded.
        this.refreshManager.request(undefined, false);
        this.updateDescription();
        this.updateBadge();
      }),
      sessions.health.onDidChange((id) => {
        const node = this.provider.connectionNode(id);
        if (node) this.provider.fire([node]);
      }),
      this.favourites.onDidChange(() => {
        this.provider.favouritesRoot()?.reset();
        this.refreshManager.request(undefined, false);
      }),
      this.filters.onDidChange((id) => {
        const node = this.provider.connectionNode(id);
        if (node) this.refreshManager.request(node);
        this.updateDescription();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('iotExplorer.refresh.autoRefreshSeconds')) this.refreshManager.settingsChanged();
        if (e.affectsConfiguration('iotExplorer.pageSize')) this.refreshManager.request();
        // Turning the stored Go to… index off deletes what was stored (the sessions' indexes stay in memory).
        if (e.affectsConfiguration('iotExplorer.goTo.storeIndex') && !config().get<boolean>('goTo.storeIndex', true)) {
          void import('./nodes/iotticket/indexStore').then((m) => m.pruneStoredIndexes(indexDir(), []));
        }
      }),
    );
    this.updateDescription();
  }

  /**
   * Shows the active filters in the view's description. Only a change is sent to the workbench: with no
   * filters at activation, the view's default description and an unset context key already say so.
   */
  updateDescription(): void {
    const description = this.filters.describe((id) => this.store.get(id)?.label);
    if (description === this.treeView.description) return;
    this.treeView.description = description;
    void vscode.commands.executeCommand('setContext', 'iotExplorer.hasFilters', description !== undefined);
  }

  /** The view's badge: active events over every connection that reported them. */
  private updateBadge(): void {
    for (const id of [...this.activeEvents.keys()]) if (!this.store.get(id)) this.activeEvents.delete(id);
    const total = [...this.activeEvents.values()].reduce((a, b) => a + b, 0);
    const badge = total > 0 ? { value: total, tooltip: vscode.l10n.t('{0} active events', total) } : undefined;
    this.treeView.badge = badge;
  }

  connection(id: string): ConnectionNode | undefined {
    return this.provider.connectionNode(id);
  }

  /**
   * The one way to find an entity's node (Reveal in Tree, favourites): walks down from its connection,
   * loading levels and pages on the way. `namesPath` spares a lookup for an asset; `attributeAsset`
   * tells an attribute's asset when the reference lacks it.
   */
  async locate(ref: LocatableRef, options: { readonly namesPath?: readonly string[]; readonly attributeAsset?: LocateLookups['attributeAsset'] } = {}): Promise<TreeNode> {
    const conn = this.connection(ref.connectionId);
    if (!conn) throw new NotInTreeError(`the connection "${ref.connectionId}"`);
    return locate(conn, ref, {
      attributeAsset: options.attributeAsset ?? (() => Promise.resolve(undefined)),
      assetPath: async (connectionId, assetId) => {
        const api = (await this.sessions.iotticket(connectionId)).assetApi;
        const level = api ? await api.assets.getAssetLevel({ assetId, limit: 1 }) : undefined;
        return level?.asset?.namesPath;
      },
    }, options.namesPath);
  }

  /** Reveals an entity: its node when the tree walk can find that kind, else its connection. */
  async revealRef(ref: EntityRef): Promise<void> {
    const node = isLocatable(ref) ? await this.locate(ref) : this.connection(ref.connectionId);
    if (!node) throw new NotInTreeError(`the connection "${ref.connectionId}"`);
    await this.reveal(node, { select: true, focus: true, expand: false });
  }

  /** Refresh of a node (or everything), debounced and only while visible. */
  refresh(node?: TreeNode): void {
    this.refreshManager.request(node);
  }

  /** Reveals a node, expanding it when asked (the parents are expanded by VS Code). */
  async reveal(node: TreeNode, options: { expand?: boolean | number; select?: boolean; focus?: boolean } = {}): Promise<void> {
    if (!this.treeView.visible) await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const select = options.select ?? true;
    this.provider.refreshRootsFor(node);
    for (let attempt = 1; ; attempt++) {
      const selected = select ? this.selectionReaches(node.id, REVEAL_SELECT_MS) : Promise.resolve(true);
      await this.revealOnce(node, { expand: options.expand ?? false, select, focus: options.focus ?? false });
      // VS Code can drop a reveal's selection when a refresh of an ancestor lands while it expands the
      // levels above (health or value repaints): the user asked to see this node, so reveal it again.
      if (!select || this.treeView.selection.some((n) => n.id === node.id) || (await selected) || attempt === REVEAL_ATTEMPTS) return;
    }
  }

  /**
   * One reveal by VS Code. A view shown a moment ago may not hold its roots yet: its tree then answers "Data
   * tree node not found" (or the host "Cannot resolve tree item"), so the reveal is tried again a few times
   * while the workbench loads them (about 3 s in all) before the error goes to the caller.
   */
  private async revealOnce(node: TreeNode, options: { expand: boolean | number; select: boolean; focus: boolean }): Promise<void> {
    for (let wait = 100; ; wait *= 2) {
      try {
        return await this.treeView.reveal(node, options);
      } catch (err) {
        if (wait > 1600 || !/node not found|Cannot resolve tree item/.test(errorMessage(err))) throw err;
        this.services.log.debug(`Revealing ${node.id} waits for the view to load its rows (${errorMessage(err)})`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** Resolves true once the view's selection holds `id` (checked at once and on every change), false after `ms`. */
  private selectionReaches(id: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const has = (): boolean => this.treeView.selection.some((n) => n.id === id);
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve(ok);
      };
      const sub = this.treeView.onDidChangeSelection(() => {
        if (has()) done(true);
      });
      const timer = setTimeout(() => done(has()), ms);
    });
  }

  /** A node already loaded in the tree, found by id (for state repaints). */
  findLoaded(id: string): TreeNode | undefined {
    const walk = (nodes: readonly TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        if (id.startsWith(`${n.id}/`) && n.loader) {
          const found = walk(n.loader.loaded());
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(this.provider.roots());
  }

  /** The selected nodes (for commands run from the palette or a keybinding). */
  get selection(): readonly TreeNode[] {
    return this.treeView.selection;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
