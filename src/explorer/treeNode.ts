/**
 * The base of every node in the Connections tree. A node knows its parent (for `reveal`), has a stable
 * id built from its parent's id and its own entity id (never from volatile values such as a last
 * value), names the platform entity it stands for (`ref`) with what was read of it (`resource()`),
 * and offers optional capabilities that commands look for: JSON, ids, names paths, Python snippets,
 * chart series and favourites. Features read these, never the node classes' own fields.
 */
import type * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SessionManager } from '../connections/sessionManager';
import type { ExplorerLog } from '../log';
import type { EntityRef, SeriesDescriptor } from '../shared/refs';
import type { SnippetParts } from '../snippets/pythonSnippet';
import type { Loader, Placeholders } from './childLoader';
import type { Favourite } from './favourite';
import type { Resource } from './resources';

export type { SeriesDescriptor };

/** Temporary states of tree items while an action runs on them (`TreeItemStateStore`). */
export interface NodeStates {
  run<T>(node: TreeNode, description: string, action: () => Promise<T>): Promise<T>;
  isBusy(nodeId: string): boolean;
  apply(nodeId: string, item: vscode.TreeItem): vscode.TreeItem;
}

/** What every tree node may use, handed down from the root (no global singletons). */
export interface ExplorerServices {
  readonly log: ExplorerLog;
  readonly state: NodeStates;
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  /** The Load more, error and empty rows of child loaders. */
  readonly placeholders: Placeholders<TreeNode>;
  /** Page size for a connection: its own `pageSize`, else the `iotExplorer.pageSize` setting. */
  pageSize(connectionId: string | undefined): number;
  /** Asks for a (debounced, visible-only) refresh of a node, or of the whole tree. */
  refresh(node?: TreeNode): void;
  /** Repaints one node right away (label, badge or state changed; children kept). */
  repaint(node: TreeNode): void;
  /** Registers a node whose values change on their own (auto-refresh re-reads it). */
  trackLive(node: TreeNode): void;
  /** Where Go to… indexes are stored between sessions (the extension's global storage); undefined: not stored. */
  readonly indexDir?: string;
  /** Reports a connection's number of active events (summed into the view's badge). */
  reportActiveEvents(connectionId: string, count: number): void;
}

export abstract class TreeNode {
  readonly id: string;
  readonly services: ExplorerServices;
  /** Children of expandable nodes; leaves have none. */
  loader?: Loader<TreeNode>;
  /** The platform entity this node stands for; undefined for folders, placeholders and other structure. */
  declare readonly ref?: EntityRef;
  /** Set on the copies shown under Favourites: what unpinning removes. */
  pinned?: Favourite;

  constructor(
    readonly parent: TreeNode | undefined,
    localId: string,
    services?: ExplorerServices,
  ) {
    this.id = parent ? `${parent.id}/${localId}` : localId;
    const s = services ?? parent?.services;
    if (!s) throw new Error('a root node needs the explorer services');
    this.services = s;
  }

  /** Matched by menus (`viewItem =~ /^iot\.asset/`). */
  abstract readonly contextValue: string;
  /** The label shown in the tree (also used by filters, Go to and favourites). */
  abstract readonly label: string;

  /** Builds the tree item; the provider adds the id, the state (spinner) and the collapsible state. */
  abstract treeItem(): vscode.TreeItem;

  get expandable(): boolean {
    return this.loader !== undefined;
  }

  async children(): Promise<TreeNode[]> {
    return this.loader ? this.loader.children() : [];
  }

  /** Drops cached children (and cancels their loads) so the next expansion fetches again. */
  reset(): void {
    this.loader?.reset();
  }

  /** The id of the connection this node belongs to (undefined for nodes outside connections). */
  get connectionId(): string | undefined {
    return this.parent?.connectionId;
  }

  // Optional capabilities, looked up by commands.
  /** What the tree read of the entity (an attribute's type and template, a thing's description…). */
  resource?(): Resource;
  json?(signal: AbortSignal): Promise<unknown>;
  /** The platform id to copy. */
  platformId?(): string | undefined;
  namesPath?(): string[] | undefined;
  pythonSnippet?(): SnippetParts | undefined;
  /** A chart series, when the node is one (numeric values over time). */
  series?(): SeriesDescriptor | undefined;
  /** What pinning stores to show the node again after a restart. */
  favourite?(): Favourite | undefined;
}

/** Encodes an entity id for use inside a node id (ids are joined with `/`). */
export function idPart(...parts: (string | number)[]): string {
  return parts.map((p) => encodeURIComponent(String(p))).join(':');
}
