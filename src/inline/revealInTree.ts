/**
 * "Reveal in tree" from the editor: turns what a CodeLens, hover or pin names into an entity reference
 * and lets the explorer find its node (`explorer/locate.ts`), then reveals it.
 */
import type { Explorer } from '../explorer/explorer';
import { locate, type LocatableRef } from '../explorer/locate';
import type { TreeNode } from '../explorer/treeNode';
import { PlatformError } from '../platforms/http';
import type { NamesResolver } from './namesResolver';
import type { SessionSource } from './valueBackend';
import type { ValueRef } from './valueRef';

export type RevealTarget =
  | ValueRef
  | { readonly kind: 'asset'; readonly connectionId: string; readonly assetId: string; readonly namesPath?: readonly string[] }
  | { readonly kind: 'thing'; readonly connectionId: string; readonly space: string; readonly thingId: string };

export interface RevealDeps {
  readonly explorer: Pick<Explorer, 'connection' | 'reveal'>;
  readonly names: NamesResolver;
  readonly sessions: SessionSource;
}

/** Finds the node of a target and reveals it; resolves with the node. */
export async function revealInTree(target: RevealTarget, deps: RevealDeps, assetIdHint?: string): Promise<TreeNode> {
  const conn = deps.explorer.connection(target.connectionId);
  if (!conn) throw new PlatformError(`the connection "${target.connectionId}" is not in the tree`, 'validation');
  const node = await locate(conn, refOf(target, assetIdHint), {
    attributeAsset: async (connectionId, attributeId) => (await deps.names.attributeById(connectionId, attributeId))?.assetId,
    assetPath: async (connectionId, assetId) => {
      const core = (await deps.sessions.iotticket(connectionId)).assetApi;
      const level = core ? await core.assets.getAssetLevel({ assetId, limit: 1 }) : undefined;
      return level?.asset?.namesPath;
    },
  }, target.kind === 'asset' ? target.namesPath : undefined);
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
