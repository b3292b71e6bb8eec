/** The IoT-TICKET part of the Connections tree: organizations and the REST API v1 below a connection, and search. */
import * as vscode from 'vscode';
import { iotTicketConnectionChildren, iotTicketSearch } from '../../nodes/iotticket/iotticketRoots';
import type { PlatformTree } from '../platformTree';

export const iotTicketTree: PlatformTree = {
  rootChildren: iotTicketConnectionChildren,
  search: iotTicketSearch,
  searchPlaceholder: () => vscode.l10n.t('Type part of an asset name (words in any order)'),
};
