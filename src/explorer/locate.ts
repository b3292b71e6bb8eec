/**
 * Finds the tree node of a platform entity, loading the levels and pages on the way: the walk "Reveal
 * in tree" from the editor takes (IoT-TICKET asset path → attribute, v1 device → datanode, Altair space →
 * thing → property). Nodes are matched by their `ref`; the folders on the way by their context value,
 * which only the explorer knows.
 */
import { PlatformError } from '../platforms/http';
import type { AltairPropertyRef, AltairThingRef, EntityRef, IotTicketAssetRef, IotTicketAttributeRef, V1DatanodeRef } from '../shared/refs';
import { attributeGroupContext, CONTEXT } from './contextValues';
import type { TreeNode } from './treeNode';

export type LocatableRef = IotTicketAssetRef | IotTicketAttributeRef | V1DatanodeRef | AltairThingRef | AltairPropertyRef;

const LOCATABLE: ReadonlySet<EntityRef['kind']> = new Set<LocatableRef['kind']>(['iotticket-asset', 'iotticket-attribute', 'v1-datanode', 'altair-thing', 'altair-property']);

/** Whether the tree walk can find entities of this kind. */
export function isLocatable(ref: EntityRef): ref is LocatableRef {
  return LOCATABLE.has(ref.kind);
}

/** The entity is not (or no longer) where the tree would show it. */
export class NotInTreeError extends PlatformError {
  override readonly name = 'NotInTreeError';
  constructor(what: string) {
    super(`${what} was not found in the IoT Explorer tree`, 'validation');
  }
}

/** What the walk may ask outside the tree: where an attribute lives and an asset's names path. */
export interface LocateLookups {
  attributeAsset(connectionId: string, attributeId: string): Promise<string | undefined>;
  assetPath(connectionId: string, assetId: string): Promise<readonly string[] | undefined>;
}

/** Pages of one level walked at most when looking for a child (100 pages of 100 = 10,000 children). */
const MAX_PAGES = 100;

/** The node of `ref` under the connection node `conn`; `namesPath` spares a lookup for an asset. */
export async function locate(conn: TreeNode, ref: LocatableRef, lookups: LocateLookups, namesPath?: readonly string[]): Promise<TreeNode> {
  switch (ref.kind) {
    case 'iotticket-attribute': {
      const assetId = ref.assetId ?? (await lookups.attributeAsset(ref.connectionId, ref.attributeId));
      if (!assetId) throw notFound(`attribute ${ref.attributeId}`);
      const asset = await assetNode(conn, ref.connectionId, assetId, undefined, lookups);
      for (const group of (await asset.children()).filter((n) => n.contextValue.startsWith(attributeGroupContext('')))) {
        const hit = await findChild(group, (n) => n.ref?.kind === 'iotticket-attribute' && n.ref.attributeId === ref.attributeId);
        if (hit) return hit;
      }
      throw notFound(`attribute ${ref.attributeId}`);
    }
    case 'iotticket-asset':
      return assetNode(conn, ref.connectionId, ref.assetId, namesPath, lookups);
    case 'v1-datanode': {
      const device = await v1Device(conn, ref.deviceId);
      // A bare name matches the datanode's name; a path matches its full path ("/group/name").
      const bare = !ref.path.includes('/');
      const wanted = `/${ref.path.replace(/^\/+|\/+$/g, '')}`;
      const hit = await findChild(device, (n) => n.ref?.kind === 'v1-datanode' && (bare ? n.label === ref.path : n.ref.path === wanted));
      if (!hit) throw notFound(`datanode ${ref.path}`);
      return hit;
    }
    case 'altair-property': {
      const thing = await altairThing(conn, ref.thingId);
      const props = await findChild(thing, (n) => n.contextValue === CONTEXT.properties);
      const hit = props && (await findChild(props, (n) => n.ref?.kind === 'altair-property' && n.ref.property === ref.property));
      if (!hit) throw notFound(`property ${ref.property}`);
      return hit;
    }
    case 'altair-thing':
      return altairThing(conn, ref.thingId);
  }
}

/** The asset's node, walking its names path from the root of the asset tree. */
async function assetNode(conn: TreeNode, connectionId: string, assetId: string, knownPath: readonly string[] | undefined, lookups: LocateLookups): Promise<TreeNode> {
  const path = knownPath ?? (await lookups.assetPath(connectionId, assetId));
  if (!path?.length) throw notFound(`the names path of asset ${assetId}`);
  const org = await findChild(conn, (n) => n.contextValue === CONTEXT.organization);
  let level = org && (await findChild(org, (n) => n.contextValue === CONTEXT.assets));
  if (!level) throw notFound('the asset tree');
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    const last = i === path.length - 1;
    const next: TreeNode | undefined = await findChild(level, (n) => n.ref?.kind === 'iotticket-asset' && (last ? n.ref.assetId === assetId : n.label === name));
    if (!next) throw notFound(`asset "${path.slice(0, i + 1).join(' / ')}"`);
    level = next;
  }
  return level;
}

async function v1Device(conn: TreeNode, deviceId: string): Promise<TreeNode> {
  const root = await findChild(conn, (n) => n.contextValue === CONTEXT.v1root);
  const all = root && (await findChild(root, (n) => n.contextValue === CONTEXT.v1devices));
  const device = all && (await findChild(all, (n) => n.ref?.kind === 'v1-device' && n.ref.deviceId === deviceId));
  if (!device) throw notFound(`REST API v1 device ${deviceId}`);
  return device;
}

async function altairThing(conn: TreeNode, thingId: string): Promise<TreeNode> {
  const space = await findChild(conn, (n) => n.contextValue === CONTEXT.space);
  const things = space && (await findChild(space, (n) => n.contextValue === CONTEXT.things));
  const thing = things && (await findChild(things, (n) => n.ref?.kind === 'altair-thing' && n.ref.thingId === thingId));
  if (!thing) throw notFound(`thing ${thingId}`);
  return thing;
}

/** A child matching `pred`, loading further pages of the level while it has more. */
async function findChild(node: TreeNode, pred: (n: TreeNode) => boolean): Promise<TreeNode | undefined> {
  let children = await node.children();
  for (let page = 0; ; page++) {
    const hit = children.find(pred);
    if (hit) return hit;
    if (!node.loader?.hasMore || page >= MAX_PAGES) return undefined;
    await node.loader.loadMore();
    children = await node.children();
  }
}

function notFound(what: string): NotInTreeError {
  return new NotInTreeError(what);
}
