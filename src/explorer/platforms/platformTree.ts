/** What each platform module gives the Connections tree: the children of a connection and its search. */
import type { ConnectionContext } from '../connectionContext';
import type { PlatformSearch } from '../search';
import type { TreeNode } from '../treeNode';

export interface PlatformTree {
  /** The nodes right below a connection. */
  rootChildren(connection: ConnectionContext, signal: AbortSignal): Promise<TreeNode[]>;
  /** "Go to…" and connection filters. */
  readonly search: PlatformSearch;
  /** The Go to… box's placeholder. */
  searchPlaceholder(): string;
}
