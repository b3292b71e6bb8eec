/**
 * What the platform roots, searches and the Matches node need from a connection's tree node. The
 * `ConnectionNode` class satisfies it; they name this contract instead of the class, which imports them
 * (that import would otherwise close a cycle).
 */
import type { ConnectionProfile } from '../connections/profile';
import type { TreeNode } from './treeNode';

export type ConnectionContext = TreeNode & {
  readonly profile: ConnectionProfile;
  readonly label: string;
};
