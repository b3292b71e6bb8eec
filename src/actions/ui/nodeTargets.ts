/**
 * What a write needs from the tree node it was started on, read by shape rather than by class, so the
 * commands work on every node that carries the data (asset and attribute nodes, devices, things and
 * their properties, actions and events) without depending on the explorer's class layout.
 */
import type { ActionAffordance, EventAffordance, PropertyAffordance, Thing } from '../../platforms/altair';
import type { AssetAttribute } from '../../platforms/iotticket/types';
import type { TreeNode } from '../../explorer/treeNode';
import type { CommandAttribute } from '../writes/iotticketWrites';

type Loose = Record<string, unknown> & Partial<TreeNode>;

function loose(node: unknown): Loose | undefined {
  return node && typeof node === 'object' ? (node as Loose) : undefined;
}

export function connectionIdOf(node: unknown): string | undefined {
  const n = loose(node);
  const profile = n?.profile as { id?: string } | undefined;
  return (typeof n?.connectionId === 'string' ? n.connectionId : undefined) ?? profile?.id;
}

export interface IotAttributeTarget {
  readonly connectionId: string;
  readonly assetId: string;
  readonly assetName?: string;
  readonly attribute: CommandAttribute;
  readonly node: TreeNode;
}

/** An IoT-TICKET attribute node (it carries `attribute` and its asset). */
export function iotAttributeOf(node: unknown): IotAttributeTarget | undefined {
  const n = loose(node);
  const attribute = n?.attribute as AssetAttribute | undefined;
  const asset = (n?.asset as { asset?: { id?: string; name?: string } } | undefined)?.asset;
  const connectionId = connectionIdOf(node);
  if (!attribute?.id || !attribute.type || !connectionId) return undefined;
  const assetId = asset?.id ?? attribute.assetId;
  if (!assetId) return undefined;
  return { connectionId, assetId, assetName: asset?.name, attribute: attribute as CommandAttribute, node: node as TreeNode };
}

/** An IoT-TICKET asset node, or the asset of an attribute node. */
export function iotAssetOf(node: unknown): { connectionId: string; assetId: string; name: string } | undefined {
  const n = loose(node);
  const connectionId = connectionIdOf(node);
  if (!connectionId) return undefined;
  if (n?.contextValue === 'iot.asset') {
    const asset = n.asset as { id: string; name: string } | undefined;
    if (asset?.id) return { connectionId, assetId: asset.id, name: asset.name };
  }
  const attr = iotAttributeOf(node);
  return attr ? { connectionId, assetId: attr.assetId, name: attr.assetName ?? attr.assetId } : undefined;
}

/** A device: a device node, or the device an attribute is bound to. */
export function iotDeviceOf(node: unknown): { connectionId: string; deviceId: string; attribute?: CommandAttribute } | undefined {
  const n = loose(node);
  const connectionId = connectionIdOf(node);
  if (!connectionId) return undefined;
  const device = n?.device as { id?: string } | undefined;
  if (n?.contextValue === 'iot.device' && device?.id) return { connectionId, deviceId: device.id };
  const attr = iotAttributeOf(node);
  if (attr?.attribute.deviceId) return { connectionId, deviceId: attr.attribute.deviceId, attribute: attr.attribute };
  return undefined;
}

export interface AltairThingTarget {
  readonly connectionId: string;
  readonly thingId: string;
  readonly title: string;
  readonly thing: Thing;
}

/** A thing node, or the thing any node below it belongs to (their `thing` is the thing node, whose `thing` is the description). */
export function altairThingOf(node: unknown): AltairThingTarget | undefined {
  const connectionId = connectionIdOf(node);
  let n = loose(node);
  for (let depth = 0; n && connectionId && depth < 5; depth++) {
    const candidate = loose(n.thing);
    if (candidate && !('services' in candidate) && typeof candidate.uid === 'string') {
      const thing = candidate as unknown as Thing;
      return { connectionId, thingId: thing.uid, title: thing.title || thing.uid, thing };
    }
    n = candidate ?? loose(n.parent);
  }
  return undefined;
}

/** An action or event node: its kind and name. */
export function altairAffordanceOf(node: unknown): { kind: 'actions' | 'events'; name: string } | undefined {
  const n = loose(node);
  if (n?.contextValue === 'iot.action' || n?.contextValue === 'iot.event') {
    const name = typeof n.name === 'string' ? n.name : typeof n.label === 'string' ? n.label : undefined;
    return name ? { kind: n.contextValue === 'iot.action' ? 'actions' : 'events', name } : undefined;
  }
  return undefined;
}

export function actionAffordance(thing: Thing, name: string): ActionAffordance | undefined {
  return thing.actions?.[name];
}

export function eventAffordance(thing: Thing, name: string): EventAffordance | undefined {
  return thing.events?.[name];
}

/** A property node: name, schema and the value the tree shows. */
export function altairPropertyOf(node: unknown): { name: string; schema?: PropertyAffordance; value: unknown } | undefined {
  const n = loose(node);
  if (typeof n?.contextValue !== 'string' || !n.contextValue.startsWith('iot.property.') || typeof n.name !== 'string') return undefined;
  return { name: n.name, schema: n.schema as PropertyAffordance | undefined, value: n.value };
}
