/** The tree part of each platform module, by platform id (see ./index.ts for the connection part). */
import type { Platform } from '../../connections/profile';
import { altairTree } from './altair/tree';
import { iotTicketTree } from './iotticket/tree';
import type { PlatformTree } from './platformTree';

const trees: Record<Platform, PlatformTree> = { iotticket: iotTicketTree, altair: altairTree };

export function platformTree(platform: Platform): PlatformTree {
  return trees[platform];
}
