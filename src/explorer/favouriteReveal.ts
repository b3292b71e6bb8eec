/**
 * Reveal in Tree for a favourite: finds its entity in the connection's tree (loading the levels above it)
 * and selects it. Apart from the favourites node so that the node does not import the explorer.
 */
import * as vscode from 'vscode';
import { messageText } from '../shared/escape/message';
import type { Explorer } from './explorer';
import type { TreeNode } from './treeNode';

/** Reveals a favourite's entity in its connection's tree (assets, attributes, things, properties). */
export async function revealFavourite(explorer: Explorer, node: TreeNode): Promise<void> {
  const f = node.pinned ?? node.favourite?.();
  const ref = f?.ref;
  const connection = ref && explorer.connection(ref.connectionId);
  if (!f || !ref || !connection) return;
  const signal = new AbortController().signal;
  let target: TreeNode | undefined;
  if (ref.kind === 'iotticket-asset' || ref.kind === 'iotticket-attribute') {
    const session = await explorer.sessions.iotticket(ref.connectionId);
    const { assetIndex } = await import('./nodes/iotticket/assetIndex');
    const { locateAsset } = await import('./nodes/iotticket/iotticketRoots');
    const index = await assetIndex(session, explorer.log, signal);
    const assetId = ref.kind === 'iotticket-asset' ? ref.assetId : (ref.assetId ?? '');
    const asset = await locateAsset(connection, index.chain(assetId));
    target = asset;
    if (ref.kind === 'iotticket-attribute') {
      const groups = await asset.children();
      for (const g of groups) {
        if (!g.loader) continue;
        const found = (await g.children()).find((n) => n.ref?.kind === 'iotticket-attribute' && n.ref.attributeId === ref.attributeId);
        if (found) target = found;
      }
    }
  } else if (ref.kind === 'altair-thing' || ref.kind === 'altair-property') {
    const { altairSearch } = await import('./nodes/altair/altairRoots');
    const hits = await altairSearch(connection, ref.thingId, signal);
    const hit = hits.hits.find((h) => h.key === ref.thingId);
    if (hit) target = await hit.locate(connection, signal);
    if (target && ref.kind === 'altair-property') {
      const props = (await target.children())[0];
      target = (await props.children()).find((n) => n.ref?.kind === 'altair-property' && n.ref.property === ref.property) ?? target;
    }
  }
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" cannot be revealed in its connection; it stays available under Favourites.', messageText(f.label)));
    return;
  }
  await explorer.reveal(target, { select: true, focus: true });
}
