/** The Altair IoT Studio part of the Connections tree: the space below a connection, and search. */
import * as vscode from 'vscode';
import { altairConnectionChildren, altairSearch } from '../../nodes/altair/altairRoots';
import type { PlatformTree } from '../platformTree';

export const altairTree: PlatformTree = {
  rootChildren: altairConnectionChildren,
  search: altairSearch,
  searchPlaceholder: () => vscode.l10n.t('Type part of a thing title, or a thing id'),
};
