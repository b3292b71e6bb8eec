/** Which attributes of an IoT-TICKET asset are series a chart can draw, as chart descriptors. Pure. */
import type { AssetAttribute } from '../../platforms/iotticket/types';
import type { SeriesDescriptor } from '../../shared/refs';

/** The attributes a chart can draw: TelemetryData and Calculated values that are not text. Pure. */
export function seriesAttributes(attributes: readonly AssetAttribute[]): AssetAttribute[] {
  return attributes.filter((a) => (a.type === 'TelemetryData' || a.type === 'Calculated') && !/^(string|binary|text)$/i.test(a.dataType ?? ''));
}

/** The chart descriptors of an asset's series attributes, in the asset's order. Pure. */
export function seriesDescriptors(connectionId: string, asset: { id: string; name: string }, attributes: readonly AssetAttribute[]): SeriesDescriptor[] {
  return seriesAttributes(attributes).map((a) => ({
    kind: 'iotticket-attribute',
    connectionId,
    assetId: asset.id,
    attributeId: a.id,
    label: `${asset.name} · ${a.name}`,
    ...(a.unit ? { unit: a.unit } : {}),
  }));
}
