/**
 * The asset tree behind the asset API. Two stores implement it: an explicit one (the demo plant, a few hundred
 * assets held as objects) and a computed one (the large dataset, where ids, names and attributes follow from an
 * asset's position, so 1,000,000 assets cost no memory). The routes only see this interface.
 */
import type { AssetRecord, AttributeRecord } from './types';

export interface AssetStore {
  readonly size: number;
  get(id: string): AssetRecord | undefined;
  /** Number of children; `null` = the root level. */
  childCount(parentId: string | null): number;
  children(parentId: string | null, offset: number, limit: number): AssetRecord[];
  /** All assets in tree order (get_all_assets pages through this). */
  slice(offset: number, limit: number): AssetRecord[];
  /** Assets with exactly this name. */
  byName(name: string): AssetRecord[];
  attributes(assetId: string): AttributeRecord[];
  attribute(attributeId: string): AttributeRecord | undefined;
  /** Attributes that receive a device's events (DeviceEvent) — the device's "own" assets. */
  deviceAttributes(deviceId: string): AttributeRecord[];
  /** Calls `visit` for the asset and every descendant, stopping when it returns false. */
  visitSubtree(id: string, visit: (asset: AssetRecord) => boolean): void;
}

export function namesPathOf(store: AssetStore, id: string): string[] {
  const names: string[] = [];
  for (let a = store.get(id); a; a = a.parentId === null ? undefined : store.get(a.parentId)) names.unshift(a.name);
  return names;
}

export function byNamesPath(store: AssetStore, path: readonly string[]): AssetRecord | undefined {
  if (path.length === 0) return undefined;
  return store.byName(path[path.length - 1]).find((a) => sameNames(namesPathOf(store, a.id), path));
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export function isAncestorOrSelf(store: AssetStore, ancestorId: string, id: string): boolean {
  for (let a = store.get(id); a; a = a.parentId === null ? undefined : store.get(a.parentId)) if (a.id === ancestorId) return true;
  return false;
}

/** A store of explicit records (demo dataset). */
export class ExplicitAssetStore implements AssetStore {
  private readonly order: AssetRecord[] = [];
  private readonly byId = new Map<string, AssetRecord>();
  private readonly kids = new Map<string | null, AssetRecord[]>();
  private readonly names = new Map<string, AssetRecord[]>();
  private readonly attrsByAsset = new Map<string, AttributeRecord[]>();
  private readonly attrsById = new Map<string, AttributeRecord>();
  private readonly attrsByDevice = new Map<string, AttributeRecord[]>();

  get size(): number {
    return this.order.length;
  }

  add(asset: AssetRecord, attributes: readonly AttributeRecord[]): void {
    this.order.push(asset);
    this.byId.set(asset.id, asset);
    push(this.kids, asset.parentId, asset);
    push(this.names, asset.name, asset);
    this.attrsByAsset.set(asset.id, [...attributes]);
    for (const attr of attributes) {
      this.attrsById.set(attr.id, attr);
      if (attr.deviceId && attr.type === 'DeviceEvent') push(this.attrsByDevice, attr.deviceId, attr);
    }
  }

  get(id: string): AssetRecord | undefined {
    return this.byId.get(id);
  }

  childCount(parentId: string | null): number {
    return this.kids.get(parentId)?.length ?? 0;
  }

  children(parentId: string | null, offset: number, limit: number): AssetRecord[] {
    return (this.kids.get(parentId) ?? []).slice(offset, offset + limit);
  }

  slice(offset: number, limit: number): AssetRecord[] {
    return this.order.slice(offset, offset + limit);
  }

  byName(name: string): AssetRecord[] {
    return this.names.get(name) ?? [];
  }

  attributes(assetId: string): AttributeRecord[] {
    return this.attrsByAsset.get(assetId) ?? [];
  }

  attribute(attributeId: string): AttributeRecord | undefined {
    return this.attrsById.get(attributeId);
  }

  deviceAttributes(deviceId: string): AttributeRecord[] {
    return this.attrsByDevice.get(deviceId) ?? [];
  }

  visitSubtree(id: string, visit: (asset: AssetRecord) => boolean): void {
    const start = this.byId.get(id);
    if (!start) return;
    const stack = [start];
    while (stack.length > 0) {
      const a = stack.pop()!;
      if (!visit(a)) return;
      const kids = this.kids.get(a.id);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
