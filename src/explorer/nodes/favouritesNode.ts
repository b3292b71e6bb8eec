/**
 * "Favourites": pinned nodes shown at the top of the view, recreated from their descriptors (fetching
 * the entity when the descriptor alone is not enough). "Reveal in connection" finds the same entity
 * in its connection's tree.
 */
import * as vscode from 'vscode';
import type { Asset, AssetAttribute, Device } from '../../platforms/iotticket/types';
import type { V1Datanode, V1Device } from '../../platforms/iotticket/v1Types';
import { errorMessage } from '../../platforms/http';
import { ChildLoader, singlePage } from '../childLoader';
import type { Explorer } from '../explorer';
import { descriptorKey, type FavouritesStore } from '../favourites';
import type { ExplorerServices } from '../services';
import { TreeNode, idPart, type NodeDescriptor } from '../treeNode';
import { CategoryNode } from './altair/altairRoots';
import { PropertyNode, ThingNode } from './altair/thingNodes';
import { AssetNode, AttributeNode } from './iotticket/assetNodes';
import { locateAsset } from './iotticket/iotticketRoots';
import { DeviceNode } from './iotticket/organizationNodes';
import { DatanodeNode, V1DeviceNode } from './iotticket/v1Nodes';
import { InfoNode } from './placeholderNodes';
import { messageText } from '../../shared/escape/message';

export class FavouritesNode extends TreeNode {
  readonly contextValue = 'iot.favourites';
  readonly label = vscode.l10n.t('Favourites');

  constructor(
    services: ExplorerServices,
    readonly store: FavouritesStore,
  ) {
    super(undefined, 'favourites', services);
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => Promise.all(store.list().map((d) => favouriteNode(this, d, signal)))),
      { emptyLabel: vscode.l10n.t('Pin nodes with "Pin to Favourites"') },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon('star-full');
    item.description = String(this.store.list().length);
    return item;
  }
}

/** Marks a node as a favourite entry: its contextValue gets `.favourite`, and unpin knows its descriptor. */
function asFavourite<T extends TreeNode>(node: T, descriptor: NodeDescriptor): T {
  const base = node.contextValue;
  Object.defineProperty(node, 'contextValue', { value: `${base}.favourite`, configurable: true });
  (node as unknown as { favourite: () => NodeDescriptor }).favourite = () => descriptor;
  return node;
}

class BrokenFavourite extends InfoNode {}

async function favouriteNode(parent: FavouritesNode, d: NodeDescriptor, signal: AbortSignal): Promise<TreeNode> {
  try {
    return asFavourite(await build(parent, d, signal), d);
  } catch (err) {
    parent.services.log.warn(`Favourite "${d.label}" is not available: ${errorMessage(err)}`);
    return asFavourite(
      new BrokenFavourite(parent, idPart('broken', descriptorKey(d)), d.label, {
        icon: 'warning',
        description: vscode.l10n.t('not available: {0}', errorMessage(err).slice(0, 80)),
        contextValue: 'iot.brokenFavourite',
        value: d,
      }),
      d,
    );
  }
}

/** A detached parent for nodes that need one of a kind (a thing for a pinned property, an asset for a pinned attribute). */
async function build(parent: FavouritesNode, d: NodeDescriptor, signal: AbortSignal): Promise<TreeNode> {
  const services = parent.services;
  if (!services.store.get(d.connectionId)) throw new Error(vscode.l10n.t('connection "{0}" was removed', d.connectionId));
  const holder = new ConnectionHolder(parent, d.connectionId);
  switch (d.type) {
    case 'iot.asset':
      return new AssetNode(holder, d.asset as Asset, (d.asset as Asset).namesPath);
    case 'iot.attribute': {
      const asset = new AssetNode(holder, d.asset as Asset, (d.asset as Asset).namesPath);
      return new AttributeNode(holder, asset, d.attribute as AssetAttribute);
    }
    case 'iot.device':
      return new DeviceNode(holder, d.device as Device);
    case 'v1.device':
      return new V1DeviceNode(holder, d.device as V1Device);
    case 'v1.datanode': {
      const device = new V1DeviceNode(holder, d.device as V1Device);
      return new DatanodeNode(device, d.datanode as V1Datanode);
    }
    case 'altair.thing': {
      const session = await services.sessions.altair(d.connectionId);
      const thing = await session.api.spaces(d.space as string).things(d.thingId as string).get({ signal });
      return new ThingNode(holder, d.space as string, thing);
    }
    case 'altair.property': {
      const session = await services.sessions.altair(d.connectionId);
      const res = session.api.spaces(d.space as string).things(d.thingId as string);
      const [thing, values] = await Promise.all([res.get({ signal }), res.properties().get({ signal })]);
      const thingNode = new ThingNode(holder, d.space as string, thing);
      const name = d.property as string;
      return new PropertyNode(holder, thingNode, name, thing.properties?.[name], values[name]);
    }
    case 'altair.category': {
      const session = await services.sessions.altair(d.connectionId);
      const category = await session.api.spaces(d.space as string).categories(d.category as string).get({ signal });
      return new CategoryNode(holder, d.space as string, category);
    }
    default:
      throw new Error(vscode.l10n.t('unknown favourite type "{0}"', d.type));
  }
}

/**
 * An invisible link between the Favourites root and a pinned node: it carries the connection id (so
 * the node reaches its session) and gives the node an id unique to this favourite.
 */
class ConnectionHolder extends TreeNode {
  readonly contextValue = 'iot.favouriteHolder';
  readonly label = '';

  constructor(
    readonly favourites: FavouritesNode,
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

/** Reveals a favourite's entity in its connection's tree (assets, attributes, things, properties). */
export async function revealFavourite(explorer: Explorer, node: TreeNode): Promise<void> {
  const d = (node as unknown as { favourite?: () => NodeDescriptor }).favourite?.() ?? node.descriptor?.();
  const connection = d && explorer.connection(d.connectionId);
  if (!d || !connection) return;
  const signal = new AbortController().signal;
  let target: TreeNode | undefined;
  if (d.type === 'iot.asset' || d.type === 'iot.attribute') {
    const session = await explorer.sessions.iotticket(d.connectionId);
    const { assetIndex } = await import('./iotticket/assetIndex');
    const index = await assetIndex(session, explorer.log, signal);
    const asset = await locateAsset(connection, index.chain((d.asset as Asset).id));
    target = asset;
    if (d.type === 'iot.attribute') {
      const attr = d.attribute as AssetAttribute;
      const groups = await asset.children();
      for (const g of groups) {
        if (!g.loader) continue;
        const found = (await g.children()).find((n) => n instanceof AttributeNode && n.attribute.id === attr.id);
        if (found) target = found;
      }
    }
  } else if (d.type === 'altair.thing' || d.type === 'altair.property') {
    const { altairSearch } = await import('./altair/altairRoots');
    const hits = await altairSearch(connection, d.thingId as string, signal);
    const hit = hits.hits.find((h) => h.key === d.thingId);
    if (hit) target = await hit.locate(connection, signal);
    if (target && d.type === 'altair.property') {
      const props = (await target.children())[0];
      target = (await props.children()).find((n) => n instanceof PropertyNode && n.name === d.property) ?? target;
    }
  }
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" cannot be revealed in its connection; it stays available under Favourites.', messageText(d.label)));
    return;
  }
  await explorer.reveal(target, { select: true, focus: true });
}
