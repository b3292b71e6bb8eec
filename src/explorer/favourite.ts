/**
 * A pinned favourite: the entity's reference, the label shown for it, and, for entities rebuilt
 * without a request after a restart (IoT-TICKET assets, attributes, devices, v1 devices and
 * datanodes), a snapshot of what the tree had read. Favourites saved by earlier versions (a `type`
 * string and the entity's fields) are read as well. Pure: no `vscode`.
 */
import { isEntityRef, refKey, type EntityRef } from '../shared/refs';

export interface Favourite {
  readonly ref: EntityRef;
  readonly label: string;
  /** The node's data to rebuild it from (its `resource()` without the ref); absent when it is fetched again. */
  readonly snapshot?: Readonly<Record<string, unknown>>;
}

type Legacy = Readonly<Record<string, unknown>> & { readonly type: string; readonly connectionId: string; readonly label: string };

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}
function obj(x: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : undefined;
}

/** A v1 datanode's full path (`/path/name`), as the tree computes it. */
export function datanodePath(datanode: { readonly name: string; readonly path?: string }): string {
  const name = datanode.name.replace(/^\/+/, '');
  const path = datanode.path?.replace(/^\/+|\/+$/g, '');
  // Servers list either `name: "Engine/isRunning"` or `name: "isRunning", path: "Engine"`.
  return path && !name.toLowerCase().startsWith(`${path.toLowerCase()}/`) ? `/${path}/${name}` : `/${name}`;
}

/** A favourite saved by an earlier version (`{ type: 'iot.asset', connectionId, label, asset }`…). */
function fromLegacy(d: Legacy): Favourite | undefined {
  const connectionId = d.connectionId;
  const asset = obj(d.asset);
  const device = obj(d.device);
  const space = str(d.space);
  const thingId = str(d.thingId);
  const at = (ref: EntityRef, snapshot?: Readonly<Record<string, unknown>>): Favourite => ({ ref, label: d.label, ...(snapshot ? { snapshot } : {}) });
  switch (d.type) {
    case 'iot.asset': {
      const id = str(asset?.id);
      const namesPath = Array.isArray(asset?.namesPath) ? asset.namesPath : [d.label];
      return id ? at({ kind: 'iotticket-asset', connectionId, assetId: id }, { asset, namesPath }) : undefined;
    }
    case 'iot.attribute': {
      const attribute = obj(d.attribute);
      const id = str(attribute?.id);
      const assetId = str(asset?.id);
      if (!id || !assetId) return undefined;
      const namesPath = Array.isArray(asset?.namesPath) ? asset.namesPath : [];
      return at({ kind: 'iotticket-attribute', connectionId, assetId, attributeId: id }, { attribute, asset: { id: assetId, name: str(asset?.name) ?? assetId, namesPath } });
    }
    case 'iot.device': {
      const id = str(device?.id);
      return id ? at({ kind: 'iotticket-device', connectionId, deviceId: id }, { device }) : undefined;
    }
    case 'v1.device': {
      const id = str(device?.deviceId);
      return id ? at({ kind: 'v1-device', connectionId, deviceId: id }, { device }) : undefined;
    }
    case 'v1.datanode': {
      const id = str(device?.deviceId);
      const datanode = obj(d.datanode);
      const name = str(datanode?.name);
      return id && name ? at({ kind: 'v1-datanode', connectionId, deviceId: id, path: datanodePath({ name, path: str(datanode?.path) }) }, { device, datanode }) : undefined;
    }
    case 'altair.thing':
      return space && thingId ? at({ kind: 'altair-thing', connectionId, space, thingId }) : undefined;
    case 'altair.property': {
      const property = str(d.property);
      return space && thingId && property ? at({ kind: 'altair-property', connectionId, space, thingId, property }) : undefined;
    }
    case 'altair.category': {
      const category = str(d.category);
      return space && category ? at({ kind: 'altair-category', connectionId, space, category }) : undefined;
    }
    default:
      return undefined;
  }
}

/** A stored favourite (this version's or an earlier one's); undefined when it cannot be read. */
export function parseFavourite(x: unknown): Favourite | undefined {
  const o = obj(x);
  if (!o || typeof o.label !== 'string') return undefined;
  if (isEntityRef(o.ref)) return { ref: o.ref, label: o.label, ...(obj(o.snapshot) ? { snapshot: obj(o.snapshot) } : {}) };
  if (typeof o.type === 'string' && typeof o.connectionId === 'string') return fromLegacy(o as Legacy);
  return undefined;
}

export function favouriteKey(f: Favourite): string {
  return refKey(f.ref);
}
