/**
 * The tree part of each platform module, by platform id (see ./index.ts for the connection part). Loaded on
 * a connection's first expansion or search: the node classes and the clients they use are chunks of their
 * own, not part of what activation loads (issue 17 §1).
 */
import type { Platform } from '../../connections/profile';
import type { PlatformTree } from './platformTree';

const trees: Record<Platform, () => Promise<PlatformTree>> = {
  iotticket: async () => (await import('./iotticket/tree')).iotTicketTree,
  altair: async () => (await import('./altair/tree')).altairTree,
};

export function platformTree(platform: Platform): Promise<PlatformTree> {
  return trees[platform]();
}
