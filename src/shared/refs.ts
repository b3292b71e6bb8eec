/**
 * Typed references to every platform entity the UI names: a connection, IoT-TICKET organizations,
 * assets, attributes, devices, templates, analytics items and credentials, REST API v1 enterprises,
 * devices and datanodes, and Altair spaces, categories, models, things, properties, actions and events.
 * A reference is identity only (ids, no names or values), JSON-serializable and stable across reloads,
 * so tree nodes (`node.ref`), chart series, inline values, favourites and "reveal" all speak the same
 * language. Pure: no `vscode`, no DOM (the chart webview imports it).
 */

interface Base {
  /** Id of the connection profile the entity is reached through. */
  readonly connectionId: string;
}

export interface ConnectionRef extends Base {
  readonly kind: 'connection';
}

// IoT-TICKET asset API.
export interface IotTicketOrganizationRef extends Base {
  readonly kind: 'iotticket-organization';
  readonly organizationId: string;
}
export interface IotTicketAssetRef extends Base {
  readonly kind: 'iotticket-asset';
  readonly assetId: string;
}
export interface IotTicketAttributeRef extends Base {
  readonly kind: 'iotticket-attribute';
  /** The attribute's asset, when known (attribute ids are unique without it; requests through the asset are batched). */
  readonly assetId?: string;
  readonly attributeId: string;
}
export interface IotTicketDeviceRef extends Base {
  readonly kind: 'iotticket-device';
  readonly deviceId: string;
}
export interface IotTicketTemplateRef extends Base {
  readonly kind: 'iotticket-template';
  readonly templateId: string;
}
export type AnalyticsKind = 'MLModel' | 'MLService' | 'OnnxModel';
export const ANALYTICS_KINDS: readonly AnalyticsKind[] = ['MLModel', 'MLService', 'OnnxModel'];
export interface IotTicketAnalyticsRef extends Base {
  readonly kind: 'iotticket-analytics';
  readonly analyticsKind: AnalyticsKind;
  readonly itemId: string;
}
export interface IotTicketCredentialRef extends Base {
  readonly kind: 'iotticket-credential';
  readonly credentialId: string;
}
/** One occurrence of an asset event (active or past), by the occurrence's id: what acknowledging takes. */
export interface IotTicketEventRef extends Base {
  readonly kind: 'iotticket-event';
  readonly eventId: string;
}

// IoT-TICKET REST API v1.
export interface V1EnterpriseRef extends Base {
  readonly kind: 'v1-enterprise';
  readonly enterpriseId: string;
}
export interface V1DeviceRef extends Base {
  readonly kind: 'v1-device';
  readonly deviceId: string;
}
export interface V1DatanodeRef extends Base {
  readonly kind: 'v1-datanode';
  readonly deviceId: string;
  /** Full datanode path including its name (`/Engine/Primary/Airflow`), or a bare name. */
  readonly path: string;
}

// Altair IoT Studio.
interface InSpace extends Base {
  readonly space: string;
}
export interface AltairSpaceRef extends InSpace {
  readonly kind: 'altair-space';
}
export interface AltairCategoryRef extends InSpace {
  readonly kind: 'altair-category';
  readonly category: string;
}
export interface AltairModelRef extends InSpace {
  readonly kind: 'altair-model';
  readonly model: string;
}
export interface AltairThingRef extends InSpace {
  readonly kind: 'altair-thing';
  readonly thingId: string;
}
export interface AltairPropertyRef extends InSpace {
  readonly kind: 'altair-property';
  readonly thingId: string;
  readonly property: string;
}
export interface AltairActionRef extends InSpace {
  readonly kind: 'altair-action';
  readonly thingId: string;
  readonly action: string;
}
export interface AltairEventRef extends InSpace {
  readonly kind: 'altair-event';
  readonly thingId: string;
  readonly event: string;
}
/** One request of a Thing's action (its id from the response's `href`). */
export interface AltairActionRequestRef extends InSpace {
  readonly kind: 'altair-action-request';
  readonly thingId: string;
  readonly action: string;
  readonly requestId: string;
}
/** One recorded occurrence of a Thing's event. */
export interface AltairEventRecordRef extends InSpace {
  readonly kind: 'altair-event-record';
  readonly thingId: string;
  readonly event: string;
  readonly eventId: string;
}

export type EntityRef =
  | ConnectionRef
  | IotTicketOrganizationRef
  | IotTicketAssetRef
  | IotTicketAttributeRef
  | IotTicketDeviceRef
  | IotTicketTemplateRef
  | IotTicketAnalyticsRef
  | IotTicketCredentialRef
  | IotTicketEventRef
  | V1EnterpriseRef
  | V1DeviceRef
  | V1DatanodeRef
  | AltairSpaceRef
  | AltairCategoryRef
  | AltairModelRef
  | AltairThingRef
  | AltairPropertyRef
  | AltairActionRef
  | AltairEventRef
  | AltairActionRequestRef
  | AltairEventRecordRef;

export type EntityKind = EntityRef['kind'];
/** The reference of one kind. */
export type RefOf<K extends EntityKind> = Extract<EntityRef, { kind: K }>;

/** The string fields each kind carries besides `connectionId` (`assetId` of an attribute is optional). */
const FIELDS: { readonly [K in EntityKind]: readonly (keyof RefOf<K> & string)[] } = {
  connection: [],
  'iotticket-organization': ['organizationId'],
  'iotticket-asset': ['assetId'],
  'iotticket-attribute': ['attributeId'],
  'iotticket-device': ['deviceId'],
  'iotticket-template': ['templateId'],
  'iotticket-analytics': ['analyticsKind', 'itemId'],
  'iotticket-credential': ['credentialId'],
  'iotticket-event': ['eventId'],
  'v1-enterprise': ['enterpriseId'],
  'v1-device': ['deviceId'],
  'v1-datanode': ['deviceId', 'path'],
  'altair-space': ['space'],
  'altair-category': ['space', 'category'],
  'altair-model': ['space', 'model'],
  'altair-thing': ['space', 'thingId'],
  'altair-property': ['space', 'thingId', 'property'],
  'altair-action': ['space', 'thingId', 'action'],
  'altair-event': ['space', 'thingId', 'event'],
  'altair-action-request': ['space', 'thingId', 'action', 'requestId'],
  'altair-event-record': ['space', 'thingId', 'event', 'eventId'],
};
const OPTIONAL: Partial<Record<EntityKind, readonly string[]>> = { 'iotticket-attribute': ['assetId'] };

/** The identity fields of a kind. */
function fieldsOf(kind: EntityKind): readonly string[] {
  return FIELDS[kind];
}

function isKind(kind: unknown): kind is EntityKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, kind);
}

/**
 * True for a well-formed reference read back from JSON (a command argument, a drag, saved state): a
 * known kind, the connection and every id of that kind as strings. Other fields (a label) may come along.
 */
export function isEntityRef(x: unknown): x is EntityRef {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  if (!isKind(r.kind) || typeof r.connectionId !== 'string') return false;
  if (!fieldsOf(r.kind).every((f) => typeof r[f] === 'string')) return false;
  if ((OPTIONAL[r.kind] ?? []).some((f) => r[f] !== undefined && typeof r[f] !== 'string')) return false;
  return r.kind !== 'iotticket-analytics' || (ANALYTICS_KINDS as readonly unknown[]).includes(r.analyticsKind);
}

/** The reference in a value from outside (undefined when malformed). */
export function parseEntityRef(x: unknown): EntityRef | undefined {
  return isEntityRef(x) ? x : undefined;
}

/** The reference if it is of one of `kinds`. */
export function refAs<K extends EntityKind>(ref: EntityRef | undefined, ...kinds: K[]): RefOf<K> | undefined {
  return ref && (kinds as string[]).includes(ref.kind) ? (ref as RefOf<K>) : undefined;
}

/** Stable identity of the entity (an attribute's optional asset id is not part of it). */
export function refKey(ref: EntityRef): string {
  return [ref.kind, ref.connectionId, ...fieldsOf(ref.kind).map((f) => String(Reflect.get(ref, f)))].join('/');
}

export function sameRef(a: EntityRef, b: EntityRef): boolean {
  return refKey(a) === refKey(b);
}

// ---- series: the entities with values over time ------------------------------------------------------

export type SeriesRef = IotTicketAttributeRef | V1DatanodeRef | AltairPropertyRef;
export type SeriesKind = SeriesRef['kind'];
export const SERIES_KINDS: readonly SeriesKind[] = ['iotticket-attribute', 'v1-datanode', 'altair-property'];

export function isSeriesRef(ref: EntityRef | undefined): ref is SeriesRef {
  return !!ref && (SERIES_KINDS as readonly string[]).includes(ref.kind);
}

/** How a series is shown: its name and unit. */
export interface SeriesLabel {
  readonly label: string;
  readonly unit?: string;
}

/** A chart series: the reference and how to show it; JSON-serializable, kept in the webview state for the serializer. */
export type SeriesDescriptor = SeriesRef & SeriesLabel;

export function isSeriesDescriptor(x: unknown): x is SeriesDescriptor {
  if (!isSeriesRef(parseEntityRef(x))) return false;
  const { label, unit } = x as { label?: unknown; unit?: unknown };
  return typeof label === 'string' && (unit === undefined || typeof unit === 'string');
}

/**
 * The chart's id of a series. It includes an attribute's asset id (as it always did): saved charts
 * remember their hidden series by it. Label and unit are not part of it.
 */
export function seriesKey(d: SeriesRef | SeriesDescriptor): string {
  switch (d.kind) {
    case 'iotticket-attribute': return `${d.kind}/${d.connectionId}/${d.assetId ?? ''}/${d.attributeId}`;
    case 'v1-datanode': return `${d.kind}/${d.connectionId}/${d.deviceId}/${d.path}`;
    case 'altair-property': return `${d.kind}/${d.connectionId}/${d.space}/${d.thingId}/${d.property}`;
  }
}
