/**
 * Which series a chart shows: a view of the entity references (src/shared/refs.ts). A descriptor is a
 * series reference (an IoT-TICKET attribute, a v1 datanode or an Altair property) with its label and unit.
 */
import type { SeriesRef } from '../refs';

export { isSeriesDescriptor, seriesKey, SERIES_KINDS } from '../refs';
export type { SeriesDescriptor, SeriesKind } from '../refs';

/**
 * The platform's own identity of a series as exports show it beside the name: `assetId/attributeId`
 * (IoT-TICKET), `deviceId/datanode path` (REST API v1), `thingId/property` (Altair). Unique within a
 * connection, so two assets with the same name never merge in a pivot or a group-by.
 */
export function seriesExportKey(d: SeriesRef): string {
  switch (d.kind) {
    case 'iotticket-attribute': return d.assetId ? `${d.assetId}/${d.attributeId}` : d.attributeId;
    case 'v1-datanode': return `${d.deviceId}/${d.path.replace(/^\/+/, '')}`;
    case 'altair-property': return `${d.thingId}/${d.property}`;
  }
}
