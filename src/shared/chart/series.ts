/**
 * Which series a chart shows: the descriptor that names one platform series across reloads, and its
 * stable key. Kept alone so that it can become a view of the explorer's entity references later.
 */

export type SeriesKind = 'iotticket-attribute' | 'v1-datanode' | 'altair-property';

interface DescriptorBase {
  /** Id of the connection profile the series belongs to. */
  readonly connectionId: string;
  readonly label: string;
  readonly unit?: string;
}
export interface IotTicketAttributeDescriptor extends DescriptorBase {
  readonly kind: 'iotticket-attribute';
  readonly assetId: string;
  readonly attributeId: string;
}
export interface V1DatanodeDescriptor extends DescriptorBase {
  readonly kind: 'v1-datanode';
  readonly deviceId: string;
  /** Full datanode path including its name, e.g. `/Engine/Primary/Airflow`. */
  readonly path: string;
}
export interface AltairPropertyDescriptor extends DescriptorBase {
  readonly kind: 'altair-property';
  readonly space: string;
  readonly thingId: string;
  readonly property: string;
}
/** What identifies a series across reloads: JSON-serializable, kept in the webview state for the serializer. */
export type SeriesDescriptor = IotTicketAttributeDescriptor | V1DatanodeDescriptor | AltairPropertyDescriptor;

export const SERIES_KINDS: readonly SeriesKind[] = ['iotticket-attribute', 'v1-datanode', 'altair-property'];

export function isSeriesDescriptor(x: unknown): x is SeriesDescriptor {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  if (!SERIES_KINDS.includes(d.kind as SeriesKind) || typeof d.connectionId !== 'string' || typeof d.label !== 'string') return false;
  if (d.unit !== undefined && typeof d.unit !== 'string') return false;
  switch (d.kind as SeriesKind) {
    case 'iotticket-attribute': return typeof d.assetId === 'string' && typeof d.attributeId === 'string';
    case 'v1-datanode': return typeof d.deviceId === 'string' && typeof d.path === 'string';
    case 'altair-property': return typeof d.space === 'string' && typeof d.thingId === 'string' && typeof d.property === 'string';
  }
}

/** A stable key of the series a descriptor points at (the label and unit are not part of it). */
export function seriesKey(d: SeriesDescriptor): string {
  switch (d.kind) {
    case 'iotticket-attribute': return `${d.kind}/${d.connectionId}/${d.assetId}/${d.attributeId}`;
    case 'v1-datanode': return `${d.kind}/${d.connectionId}/${d.deviceId}/${d.path}`;
    case 'altair-property': return `${d.kind}/${d.connectionId}/${d.space}/${d.thingId}/${d.property}`;
  }
}
