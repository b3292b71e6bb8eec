/**
 * Reveal in Tree for a favourite: finds its entity in the connection's tree through the explorer's one
 * `locate` and selects it. Apart from the favourites node so that the node does not import the explorer.
 */
import * as vscode from 'vscode';
import { messageText } from '../shared/escape/message';
import type { Explorer } from './explorer';
import { isLocatable, NotInTreeError } from './locate';
import type { TreeNode } from './treeNode';

/** Reveals a favourite's entity in its connection's tree (assets, attributes, v1 datanodes, things, properties). */
export async function revealFavourite(explorer: Pick<Explorer, 'locate' | 'reveal'>, node: TreeNode): Promise<void> {
  const f = node.pinned ?? node.favourite?.();
  if (!f) return;
  const namesPath = f.snapshot?.namesPath;
  try {
    if (!isLocatable(f.ref)) throw new NotInTreeError(f.label);
    const target = await explorer.locate(f.ref, Array.isArray(namesPath) ? { namesPath: namesPath.map(String) } : {});
    await explorer.reveal(target, { select: true, focus: true });
  } catch (err) {
    if (!(err instanceof NotInTreeError)) throw err;
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" cannot be revealed in its connection; it stays available under Favourites.', messageText(f.label)));
  }
}
