/**
 * What a live value is read from: a series reference (src/shared/refs.ts: IoT-TICKET attributes, v1
 * datanodes, Altair properties) with an optional label and unit. It also covers values that are not
 * series (IoT-TICKET Number and String attributes, non-numeric Altair properties).
 */
import { isEntityRef, isSeriesRef, refKey, type AltairPropertyRef, type IotTicketAttributeRef, type SeriesDescriptor, type SeriesRef, type V1DatanodeRef } from '../shared/refs';

export type { AltairPropertyRef, IotTicketAttributeRef, V1DatanodeRef };

/** A value's reference with how to show it; the label is optional (a default comes from the ids). */
export type ValueRef = SeriesRef & { readonly label?: string; readonly unit?: string };

/** Stable identity of the value a ref points at (label, unit and the optional asset id are not part of it). */
export function valueKey(ref: ValueRef): string {
  return refKey(ref);
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
  return { ...ref, label: ref.label ?? defaultLabel(ref), unit: ref.unit || undefined };
}

/** A ValueRef read back from JSON (command arguments, workspace state); undefined when malformed. */
export function parseValueRef(x: unknown): ValueRef | undefined {
  if (!isEntityRef(x) || !isSeriesRef(x)) return undefined;
  const { label, unit } = x as { label?: unknown; unit?: unknown };
  return (label === undefined || typeof label === 'string') && (unit === undefined || typeof unit === 'string') ? (x as ValueRef) : undefined;
}

/** The arguments of the "Open Chart" command for a ref (the asset id known from its latest value fills a gap). */
export function chartArgs(ref: ValueRef, assetId?: string): [SeriesDescriptor] {
  return [descriptorOfRef(ref.kind === 'iotticket-attribute' && !ref.assetId && assetId ? { ...ref, assetId } : ref)];
}
