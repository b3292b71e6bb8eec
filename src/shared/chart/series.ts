/**
 * Which series a chart shows: a view of the entity references (src/shared/refs.ts). A descriptor is a
 * series reference (an IoT-TICKET attribute, a v1 datanode or an Altair property) with its label and unit.
 */
export { isSeriesDescriptor, seriesKey, SERIES_KINDS } from '../refs';
export type { SeriesDescriptor, SeriesKind } from '../refs';
