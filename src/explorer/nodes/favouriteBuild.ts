/**
 * The node a favourite stands for, built from its reference (and the snapshot kept with it) with the
 * platforms' node classes; loaded with the first favourite shown (src/explorer/nodes/favouritesNode.ts).
 */
import * as vscode from 'vscode';
import type { Asset, AssetAttribute, Device } from '../../platforms/iotticket/types';
import type { V1Datanode, V1Device } from '../../platforms/iotticket/v1Types';
import { CONTEXT } from '../contextValues';
import type { Favourite } from '../favourite';
import { TreeNode, idPart } from '../treeNode';
import { CategoryNode } from './altair/altairRoots';
import { PropertyNode, ThingNode } from './altair/thingNodes';
import { AssetNode, AttributeNode } from './iotticket/assetNodes';
import { DeviceNode } from './iotticket/organizationNodes';
import { DatanodeNode, V1DeviceNode } from './iotticket/v1Nodes';

/** A detached parent for nodes that need one of a kind (a thing for a pinned property, an asset for a pinned attribute). */
/** `parent` is the Favourites node. */
export async function build(parent: TreeNode, f: Favourite, signal: AbortSignal): Promise<TreeNode> {
  const services = parent.services;
  const { ref } = f;
  if (!services.store.get(ref.connectionId)) throw new Error(vscode.l10n.t('connection "{0}" was removed', ref.connectionId));
  const holder = new ConnectionHolder(parent, ref.connectionId);
  const snap = f.snapshot ?? {};
  switch (ref.kind) {
    case 'iotticket-asset': {
      const asset = snap.asset as Asset;
      return new AssetNode(holder, asset, (snap.namesPath as string[] | undefined) ?? asset.namesPath);
    }
    case 'iotticket-attribute': {
      const a = snap.asset as { id: string; name: string; namesPath: string[] };
      const asset = new AssetNode(holder, { id: a.id, name: a.name, parentId: null, namesPath: a.namesPath }, a.namesPath);
      return new AttributeNode(holder, asset, snap.attribute as AssetAttribute);
    }
    case 'iotticket-device':
      return new DeviceNode(holder, snap.device as Device);
    case 'v1-device':
      return new V1DeviceNode(holder, snap.device as V1Device);
    case 'v1-datanode': {
      const device = new V1DeviceNode(holder, snap.device as V1Device);
      return new DatanodeNode(device, snap.datanode as V1Datanode);
    }
    case 'altair-thing': {
      const session = await services.sessions.altair(ref.connectionId);
      const thing = await session.api.spaces(ref.space).things(ref.thingId).get({ signal });
      return new ThingNode(holder, ref.space, thing);
    }
    case 'altair-property': {
      const session = await services.sessions.altair(ref.connectionId);
      const res = session.api.spaces(ref.space).things(ref.thingId);
      const [thing, values] = await Promise.all([res.get({ signal }), res.properties().get({ signal })]);
      const thingNode = new ThingNode(holder, ref.space, thing);
      return new PropertyNode(holder, thingNode, ref.property, thing.properties?.[ref.property], values[ref.property]);
    }
    case 'altair-category': {
      const session = await services.sessions.altair(ref.connectionId);
      const category = await session.api.spaces(ref.space).categories(ref.category).get({ signal });
      return new CategoryNode(holder, ref.space, category);
    }
    default:
      throw new Error(vscode.l10n.t('unknown favourite type "{0}"', ref.kind));
  }
}

/**
 * An invisible link between the Favourites root and a pinned node: it carries the connection id (so
 * the node reaches its session) and gives the node an id unique to this favourite.
 */
class ConnectionHolder extends TreeNode {
  readonly contextValue = CONTEXT.favouriteHolder;
  readonly label = '';

  constructor(
    readonly favourites: TreeNode,
    private readonly connection: string,
  ) {
    super(favourites, idPart('fav', connection));
  }

  override get connectionId(): string {
    return this.connection;
  }

  treeItem(): vscode.TreeItem {
    return new vscode.TreeItem('');
  }
}
