/**
 * What a live value is read from: the same shapes as the chart's series descriptors (so a reference
 * opens a chart as it is), with the label optional and also covering values that are not series
 * (IoT-TICKET Number and String attributes, non-numeric Altair properties).
 */
import type { SeriesDescriptor } from '../shared/chart/series';

export interface IotTicketAttributeRef {
  readonly kind: 'iotticket-attribute';
  readonly connectionId: string;
  /** Known when the reference was resolved through its asset: the values then come in one request per asset. */
  readonly assetId?: string;
  readonly attributeId: string;
  readonly label?: string;
  readonly unit?: string;
}

export interface V1DatanodeRef {
  readonly kind: 'v1-datanode';
  readonly connectionId: string;
  readonly deviceId: string;
  /** Full datanode path (`/temperature`) or a bare name. */
  readonly path: string;
  readonly label?: string;
  readonly unit?: string;
}

export interface AltairPropertyRef {
  readonly kind: 'altair-property';
  readonly connectionId: string;
  readonly space: string;
  readonly thingId: string;
  readonly property: string;
  readonly label?: string;
  readonly unit?: string;
}

export type ValueRef = IotTicketAttributeRef | V1DatanodeRef | AltairPropertyRef;

/** Stable identity of the value a ref points at (label, unit and the optional asset id are not part of it). */
export function valueKey(ref: ValueRef): string {
  switch (ref.kind) {
    case 'iotticket-attribute':
      return `${ref.kind}/${ref.connectionId}/${ref.attributeId}`;
    case 'v1-datanode':
      return `${ref.kind}/${ref.connectionId}/${ref.deviceId}/${ref.path}`;
    case 'altair-property':
      return `${ref.kind}/${ref.connectionId}/${ref.space}/${ref.thingId}/${ref.property}`;
  }
}

/** Refs that one request can read together: an asset's attributes, a device's datanodes, a thing's properties. */
export function batchKey(ref: ValueRef): string {
  switch (ref.kind) {
    case 'iotticket-attribute':
      return ref.assetId ? `asset/${ref.connectionId}/${ref.assetId}` : `attribute/${ref.connectionId}/${ref.attributeId}`;
    case 'v1-datanode':
      return `device/${ref.connectionId}/${ref.deviceId}`;
    case 'altair-property':
      return `thing/${ref.connectionId}/${ref.space}/${ref.thingId}`;
  }
}

export function defaultLabel(ref: ValueRef): string {
  switch (ref.kind) {
    case 'iotticket-attribute':
      return ref.attributeId;
    case 'v1-datanode':
      return ref.path;
    case 'altair-property':
      return ref.property;
  }
}

/** The chart descriptor of a ref. */
export function descriptorOfRef(ref: ValueRef): SeriesDescriptor {
  const label = ref.label ?? defaultLabel(ref);
  const unit = ref.unit || undefined;
  switch (ref.kind) {
    case 'iotticket-attribute':
      return { kind: ref.kind, connectionId: ref.connectionId, label, unit, assetId: ref.assetId ?? '', attributeId: ref.attributeId };
    case 'v1-datanode':
      return { kind: ref.kind, connectionId: ref.connectionId, label, unit, deviceId: ref.deviceId, path: ref.path };
    case 'altair-property':
      return { kind: ref.kind, connectionId: ref.connectionId, label, unit, space: ref.space, thingId: ref.thingId, property: ref.property };
  }
}

/** A ValueRef read back from JSON (command arguments, workspace state); undefined when malformed. */
export function parseValueRef(x: unknown): ValueRef | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const r = x as Record<string, unknown>;
  const str = (k: string): boolean => typeof r[k] === 'string';
  if (!str('connectionId')) return undefined;
  switch (r.kind) {
    case 'iotticket-attribute':
      return str('attributeId') ? (r as unknown as ValueRef) : undefined;
    case 'v1-datanode':
      return str('deviceId') && str('path') ? (r as unknown as ValueRef) : undefined;
    case 'altair-property':
      return str('space') && str('thingId') && str('property') ? (r as unknown as ValueRef) : undefined;
    default:
      return undefined;
  }
}

/** The arguments of the "Open Chart" command for a ref (the asset id known from its latest value fills a gap). */
export function chartArgs(ref: ValueRef, assetId?: string): [SeriesDescriptor] {
  return [descriptorOfRef(ref.kind === 'iotticket-attribute' && !ref.assetId && assetId ? { ...ref, assetId } : ref)];
}
