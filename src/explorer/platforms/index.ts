/**
 * The platform modules: one per platform, each owning what differs between platforms (connection
 * fields, session creation, root children, search, series sources, latest values, write endpoints).
 * Adding a platform adds a folder here and one entry below.
 */
import type { PlatformConnections, PlatformDirectory } from '../../connections/platform';
import type { Platform } from '../../connections/profile';
import { altairConnections } from './altair/connection';
import { iotTicketConnections } from './iotticket/connection';

const modules: Record<Platform, PlatformConnections> = { iotticket: iotTicketConnections, altair: altairConnections };

export const platformModules: PlatformDirectory = {
  get: (platform) => modules[platform],
  all: () => Object.values(modules),
};
