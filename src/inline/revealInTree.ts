/**
 * "Reveal in tree" from the editor: turns what a CodeLens, hover or pin names into an entity reference
 * and lets the explorer find its node (`Explorer.locate`), then reveals it.
 */
import type { Explorer } from '../explorer/explorer';
import type { LocatableRef } from '../explorer/locate';
import type { TreeNode } from '../explorer/treeNode';
import type { NamesResolver } from './namesResolver';
import type { ValueRef } from './valueRef';

export type RevealTarget =
  | ValueRef
  | { readonly kind: 'asset'; readonly connectionId: string; readonly assetId: string; readonly namesPath?: readonly string[] }
  | { readonly kind: 'thing'; readonly connectionId: string; readonly space: string; readonly thingId: string };

export interface RevealDeps {
  readonly explorer: Pick<Explorer, 'locate' | 'reveal'>;
  readonly names: NamesResolver;
}

/** Finds the node of a target and reveals it; resolves with the node. */
export async function revealInTree(target: RevealTarget, deps: RevealDeps, assetIdHint?: string): Promise<TreeNode> {
  const node = await deps.explorer.locate(refOf(target, assetIdHint), {
    attributeAsset: async (connectionId, attributeId) => (await deps.names.attributeById(connectionId, attributeId))?.assetId,
    ...(target.kind === 'asset' && target.namesPath ? { namesPath: target.namesPath } : {}),
  });
  await deps.explorer.reveal(node, { select: true, focus: true, expand: false });
  return node;
}

function refOf(target: RevealTarget, assetIdHint: string | undefined): LocatableRef {
  switch (target.kind) {
    case 'asset':
      return { kind: 'iotticket-asset', connectionId: target.connectionId, assetId: target.assetId };
    case 'thing':
      return { kind: 'altair-thing', connectionId: target.connectionId, space: target.space, thingId: target.thingId };
    case 'iotticket-attribute': {
      const assetId = target.assetId ?? assetIdHint;
      return { kind: target.kind, connectionId: target.connectionId, attributeId: target.attributeId, ...(assetId ? { assetId } : {}) };
    }
    case 'v1-datanode':
      return { kind: target.kind, connectionId: target.connectionId, deviceId: target.deviceId, path: target.path };
    case 'altair-property':
      return { kind: target.kind, connectionId: target.connectionId, space: target.space, thingId: target.thingId, property: target.property };
  }
}
