/** What every tree node may use, handed down from the root (no global singletons). */
import type { ExplorerLog } from '../log';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SessionManager } from '../connections/sessionManager';
import type { TreeItemStateStore } from './treeItemState';
import type { TreeNode } from './treeNode';

export interface ExplorerServices {
  readonly log: ExplorerLog;
  readonly state: TreeItemStateStore;
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  /** Page size for a connection: its own `pageSize`, else the `iotExplorer.pageSize` setting. */
  pageSize(connectionId: string | undefined): number;
  /** Asks for a (debounced, visible-only) refresh of a node, or of the whole tree. */
  refresh(node?: TreeNode): void;
  /** Repaints one node right away (label, badge or state changed; children kept). */
  repaint(node: TreeNode): void;
  /** Registers a node whose values change on their own (auto-refresh re-reads it). */
  trackLive(node: TreeNode): void;
  /** Reports a connection's number of active events (summed into the view's badge). */
  reportActiveEvents(connectionId: string, count: number): void;
}
