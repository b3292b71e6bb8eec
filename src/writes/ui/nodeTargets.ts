/**
 * What a write needs from the tree node it was started on, read from the node's reference and what the
 * tree read of the entity (`resourceOf`), so the commands work on every node of the right kind (asset
 * and attribute nodes, devices, things and their properties, actions and events, also when pinned)
 * without depending on the explorer's node classes.
 */
import type { PropertyAffordance, Thing } from '../../platforms/altair';
import { resourceOf } from '../../explorer/resources';
import type { TreeNode } from '../../explorer/treeNode';
import type { CommandAttribute } from '../send/iotticketWrites';

/** The node a command was started on (undefined from the palette). */
type Node = TreeNode | undefined;

export function connectionIdOf(node: Node): string | undefined {
  return node?.connectionId;
}

export interface IotAttributeTarget {
  readonly connectionId: string;
  readonly assetId: string;
  readonly assetName?: string;
  readonly attribute: CommandAttribute;
  readonly node: TreeNode;
}

/** An IoT-TICKET attribute node. */
export function iotAttributeOf(node: Node): IotAttributeTarget | undefined {
  const r = resourceOf(node, 'iotticket-attribute');
  if (!node || !r || !r.attribute.type) return undefined;
  return { connectionId: r.ref.connectionId, assetId: r.asset.id, assetName: r.asset.name, attribute: r.attribute as CommandAttribute, node };
}

/** An IoT-TICKET asset node, or the asset of an attribute node. */
export function iotAssetOf(node: Node): { connectionId: string; assetId: string; name: string } | undefined {
  const asset = resourceOf(node, 'iotticket-asset');
  if (asset) return { connectionId: asset.ref.connectionId, assetId: asset.ref.assetId, name: asset.asset.name };
  const attr = iotAttributeOf(node);
  return attr ? { connectionId: attr.connectionId, assetId: attr.assetId, name: attr.assetName ?? attr.assetId } : undefined;
}

/** A device: a device node, or the device an attribute is bound to. */
export function iotDeviceOf(node: Node): { connectionId: string; deviceId: string; attribute?: CommandAttribute } | undefined {
  const device = resourceOf(node, 'iotticket-device');
  if (device) return { connectionId: device.ref.connectionId, deviceId: device.ref.deviceId };
  const attr = iotAttributeOf(node);
  if (attr?.attribute.deviceId) return { connectionId: attr.connectionId, deviceId: attr.attribute.deviceId, attribute: attr.attribute };
  return undefined;
}

export interface AltairThingTarget {
  readonly connectionId: string;
  readonly thingId: string;
  readonly title: string;
  readonly thing: Thing;
}

/** A thing node, or the thing a node below it belongs to (its properties, actions, events and their folders). */
export function altairThingOf(node: Node): AltairThingTarget | undefined {
  for (let n = node; n; n = n.parent) {
    const r = resourceOf(n, 'altair-thing', 'altair-property', 'altair-action', 'altair-event');
    if (r) {
      const thing = r.thing as Thing;
      return { connectionId: r.ref.connectionId, thingId: r.ref.thingId, title: thing.title || thing.uid, thing };
    }
  }
  return undefined;
}

/** An action or event node: its kind and name. */
export function altairAffordanceOf(node: Node): { kind: 'actions' | 'events'; name: string } | undefined {
  const ref = node?.ref;
  if (ref?.kind === 'altair-action') return { kind: 'actions', name: ref.action };
  if (ref?.kind === 'altair-event') return { kind: 'events', name: ref.event };
  return undefined;
}

/** A property node: name, schema and the value the tree shows. */
export function altairPropertyOf(node: Node): { name: string; schema?: PropertyAffordance; value: unknown } | undefined {
  const r = resourceOf(node, 'altair-property');
  return r ? { name: r.ref.property, schema: r.schema, value: r.value } : undefined;
}
