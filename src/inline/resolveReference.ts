/**
 * From a reference in the text to what it points at on a connection (pure: no `vscode`): a value
 * (attribute, datanode, property) as a `ValueRef`, an asset, a v1 device, an Altair thing, or the
 * reason it does not exist. Bare lists of strings count only when their first name is a root asset.
 */
import type { Platform } from '../connections/profile';
import type { Asset } from '../platforms/iotticket/types';
import type { NamesResolver } from './namesResolver';
import type { Reference } from './references';
import type { SessionSource } from './valueBackend';
import type { ValueRef } from './valueRef';

export type Target =
  | { readonly kind: 'value'; readonly ref: ValueRef; readonly title: string; readonly subtitle?: string; readonly namesPath?: readonly string[] }
  | { readonly kind: 'asset'; readonly connectionId: string; readonly asset: Asset; readonly namesPath: readonly string[] }
  | { readonly kind: 'device'; readonly connectionId: string; readonly deviceId: string }
  | { readonly kind: 'thing'; readonly connectionId: string; readonly space: string; readonly thingId: string }
  | { readonly kind: 'missing'; readonly message: string; readonly segment?: number; readonly available: readonly string[] };

export interface ResolveDeps {
  readonly names: NamesResolver;
  readonly sessions: SessionSource;
}

export function platformOf(r: Reference): Platform {
  return r.kind === 'altair' ? 'altair' : 'iotticket';
}

/** Whether a reference points at a value (rather than a device or thing as a whole). */
export function isValueReference(r: Reference): boolean {
  return r.kind === 'namesPath' || r.kind === 'attributeId' || (r.kind === 'v1' && !!r.datanode) || (r.kind === 'altair' && !!r.property);
}

/** What a reference points at; undefined for a bare list of strings that is not a names path. */
export async function resolveReference(r: Reference, connectionId: string, deps: ResolveDeps, signal?: AbortSignal): Promise<Target | undefined> {
  switch (r.kind) {
    case 'namesPath': {
      if (!r.explicit && !(await deps.names.isRootName(connectionId, r.path[0], signal))) return undefined;
      const res = await deps.names.resolve(connectionId, r.path, signal);
      if (res.kind === 'missing') return { kind: 'missing', message: res.message, segment: res.segment, available: res.available };
      if (res.kind === 'asset') return { kind: 'asset', connectionId, asset: res.asset, namesPath: res.path };
      const a = res.attribute;
      return {
        kind: 'value',
        ref: { kind: 'iotticket-attribute', connectionId, assetId: res.asset.id, attributeId: a.id, label: `${res.asset.name} · ${a.name}`, unit: a.unit || undefined },
        title: a.name,
        subtitle: `${a.type} · ${res.assetPath.join(' / ')}`,
        namesPath: r.path,
      };
    }
    case 'attributeId': {
      const a = await deps.names.attributeById(connectionId, r.attributeId, signal);
      if (!a) return { kind: 'missing', message: `no attribute with id "${r.attributeId}"`, available: [] };
      const assetPath = a.namesPath?.slice(0, -1);
      return {
        kind: 'value',
        ref: {
          kind: 'iotticket-attribute',
          connectionId,
          assetId: a.assetId,
          attributeId: a.id,
          label: assetPath?.length ? `${assetPath[assetPath.length - 1]} · ${a.name}` : a.name,
          unit: a.unit || undefined,
        },
        title: a.name,
        subtitle: [a.type, assetPath?.join(' / ')].filter(Boolean).join(' · '),
        namesPath: a.namesPath,
      };
    }
    case 'v1':
      if (!r.datanode) return { kind: 'device', connectionId, deviceId: r.deviceId };
      return {
        kind: 'value',
        ref: { kind: 'v1-datanode', connectionId, deviceId: r.deviceId, path: r.datanode, label: r.datanode },
        title: r.datanode,
        subtitle: `REST API v1 · device ${r.deviceId}`,
      };
    case 'altair': {
      const space = r.space ?? (await deps.sessions.altair(connectionId)).space;
      if (!r.property) return { kind: 'thing', connectionId, space, thingId: r.thingId };
      return {
        kind: 'value',
        ref: { kind: 'altair-property', connectionId, space, thingId: r.thingId, property: r.property, label: r.property },
        title: r.property,
        subtitle: `thing ${r.thingId} · space ${space}`,
      };
    }
  }
}
