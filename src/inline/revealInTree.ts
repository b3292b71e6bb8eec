/**
 * "Reveal in tree" from the editor: walks the Connections tree down to the attribute, datanode,
 * property, asset or thing (loading the levels and pages on the way) and reveals it. Nodes are found
 * by their context value and fields, not their classes.
 */
import type { Explorer } from '../explorer/explorer';
import type { TreeNode } from '../explorer/treeNode';
import { PlatformError } from '../platforms/http';
import type { NamesResolver } from './namesResolver';
import type { SessionSource } from './valueBackend';
import { normalizePath } from './valueBackend';
import type { ValueRef } from './valueRef';

export type RevealTarget =
  | ValueRef
  | { readonly kind: 'asset'; readonly connectionId: string; readonly assetId: string; readonly namesPath?: readonly string[] }
  | { readonly kind: 'thing'; readonly connectionId: string; readonly space: string; readonly thingId: string };

/** Pages of one level walked at most when looking for a child (100 pages of 100 = 10,000 children). */
const MAX_PAGES = 100;

type Dict = Record<string, unknown>;

export interface RevealDeps {
  readonly explorer: Pick<Explorer, 'connection' | 'reveal'>;
  readonly names: NamesResolver;
  readonly sessions: SessionSource;
}

/** Finds the node of a target and reveals it; resolves with the node. */
export async function revealInTree(target: RevealTarget, deps: RevealDeps, assetIdHint?: string): Promise<TreeNode> {
  const conn = deps.explorer.connection(target.connectionId) as TreeNode | undefined;
  if (!conn) throw new PlatformError(`the connection "${target.connectionId}" is not in the tree`, 'validation');
  const node = await locateNode(conn, target, deps, assetIdHint);
  await deps.explorer.reveal(node, { select: true, focus: true, expand: false });
  return node;
}

async function locateNode(conn: TreeNode, target: RevealTarget, deps: RevealDeps, assetIdHint?: string): Promise<TreeNode> {
  switch (target.kind) {
    case 'iotticket-attribute': {
      const assetId = target.assetId ?? assetIdHint ?? (await deps.names.attributeById(target.connectionId, target.attributeId))?.assetId;
      if (!assetId) throw notFound(`attribute ${target.attributeId}`);
      const asset = await assetNode(conn, target.connectionId, assetId, undefined, deps);
      for (const group of (await asset.children()).filter((n) => n.contextValue.startsWith('iot.attributeGroup'))) {
        const hit = await findChild(group, (n) => ((n as unknown as Dict).attribute as Dict | undefined)?.id === target.attributeId);
        if (hit) return hit;
      }
      throw notFound(`attribute ${target.attributeId}`);
    }
    case 'asset':
      return assetNode(conn, target.connectionId, target.assetId, target.namesPath, deps);
    case 'v1-datanode': {
      const device = await v1Device(conn, target.deviceId);
      const bare = !target.path.includes('/');
      const wanted = normalizePath(target.path);
      const hit = await findChild(device, (n) => n.contextValue.startsWith('iot.datanode') && (bare ? n.label === target.path : (n as unknown as Dict).fullPath === wanted));
      if (!hit) throw notFound(`datanode ${target.path}`);
      return hit;
    }
    case 'altair-property': {
      const thing = await altairThing(conn, target.thingId);
      const props = await findChild(thing, (n) => n.contextValue === 'iot.properties');
      const hit = props && (await findChild(props, (n) => (n as unknown as Dict).name === target.property));
      if (!hit) throw notFound(`property ${target.property}`);
      return hit;
    }
    case 'thing':
      return altairThing(conn, target.thingId);
  }
}

/** The asset's node, walking its names path from the root of the asset tree. */
async function assetNode(conn: TreeNode, connectionId: string, assetId: string, knownPath: readonly string[] | undefined, deps: RevealDeps): Promise<TreeNode> {
  let path = knownPath;
  if (!path) {
    const core = (await deps.sessions.iotticket(connectionId)).core;
    const level = core ? await core.assets.getAssetLevel({ assetId, limit: 1 }) : undefined;
    path = level?.asset?.namesPath;
  }
  if (!path?.length) throw notFound(`the names path of asset ${assetId}`);
  const org = await findChild(conn, (n) => n.contextValue === 'iot.organization');
  let level = org && (await findChild(org, (n) => n.contextValue === 'iot.assets'));
  if (!level) throw notFound('the asset tree');
  for (let i = 0; i < path.length; i++) {
    const name = path[i];
    const last = i === path.length - 1;
    const next: TreeNode | undefined = await findChild(level, (n) => n.contextValue.startsWith('iot.asset') && !n.contextValue.startsWith('iot.assets') && (last ? (n as unknown as Dict).assetId === assetId : n.label === name));
    if (!next) throw notFound(`asset "${path.slice(0, i + 1).join(' / ')}"`);
    level = next;
  }
  return level;
}

async function v1Device(conn: TreeNode, deviceId: string): Promise<TreeNode> {
  const root = await findChild(conn, (n) => n.contextValue === 'iot.v1root');
  const all = root && (await findChild(root, (n) => n.contextValue === 'iot.v1devices'));
  const device = all && (await findChild(all, (n) => ((n as unknown as Dict).device as Dict | undefined)?.deviceId === deviceId));
  if (!device) throw notFound(`REST API v1 device ${deviceId}`);
  return device;
}

async function altairThing(conn: TreeNode, thingId: string): Promise<TreeNode> {
  const space = await findChild(conn, (n) => n.contextValue === 'iot.space');
  const things = space && (await findChild(space, (n) => n.contextValue === 'iot.things'));
  const thing = things && (await findChild(things, (n) => n.contextValue.startsWith('iot.thing') && (n as unknown as Dict).uid === thingId));
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

function notFound(what: string): PlatformError {
  return new PlatformError(`${what} was not found in the IoT Explorer tree`, 'validation');
}
