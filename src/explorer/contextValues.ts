/**
 * The context values of the Connections tree's nodes: what package.json's menus match
 * (`viewItem =~ /^iot\.asset/`), in one place. Code outside the explorer never tests them: it reads
 * `node.ref` and the node's capabilities, and the few structural questions go through the helpers here.
 */
import type { ConnectionProfile } from '../connections/profile';
import { ANALYTICS_KINDS, type AnalyticsKind } from '../shared/refs';

export const CONTEXT = {
  // Structure.
  favourites: 'iot.favourites',
  favouriteHolder: 'iot.favouriteHolder',
  brokenFavourite: 'iot.brokenFavourite',
  matches: 'iot.matches',
  loadMore: 'iot.loadMore',
  error: 'iot.error',
  /** A Python backend that cannot start or keeps crashing: Show Log and Select Interpreter. */
  errorPython: 'iot.error.python',
  empty: 'iot.empty',
  info: 'iot.info',
  quota: 'iot.quota',
  // IoT-TICKET asset API.
  organization: 'iot.organization',
  assets: 'iot.assets',
  asset: 'iot.asset',
  templates: 'iot.templates',
  template: 'iot.template',
  templateAttribute: 'iot.templateAttribute',
  devices: 'iot.devices',
  device: 'iot.device',
  activeEvents: 'iot.activeEvents',
  activeEvent: 'iot.event.active',
  analytics: 'iot.analytics',
  mlModel: 'iot.mlModel',
  mlService: 'iot.mlService',
  onnxModel: 'iot.onnxModel',
  credentials: 'iot.credentials',
  credential: 'iot.credential',
  subOrganizations: 'iot.subOrganizations',
  subOrganization: 'iot.subOrganization',
  // IoT-TICKET REST API v1.
  v1root: 'iot.v1root',
  enterprises: 'iot.enterprises',
  enterprise: 'iot.enterprise',
  v1devices: 'iot.v1devices',
  v1device: 'iot.v1device',
  // Altair IoT Studio.
  space: 'iot.space',
  categories: 'iot.categories',
  category: 'iot.category',
  things: 'iot.things',
  thing: 'iot.thing',
  models: 'iot.models',
  model: 'iot.model',
  modelVersion: 'iot.modelVersion',
  properties: 'iot.properties',
  actions: 'iot.actions',
  events: 'iot.events',
  action: 'iot.action',
  event: 'iot.event',
  actionItem: 'iot.actionItem',
  eventItem: 'iot.eventItem',
  mqtt: 'iot.mqtt',
} as const;

/** `iot.connection.<platform>[.demo][.production][.filtered]`. */
export function connectionContext(profile: ConnectionProfile, filtered: boolean): string {
  return `iot.connection.${profile.platform}${profile.demo ? '.demo' : ''}${profile.production ? '.production' : ''}${filtered ? '.filtered' : ''}`;
}

/** An attribute group or attribute: `iot.attributeGroup.<type>`, `iot.attribute.<type>[Text]` (text series are not chartable). */
export function attributeGroupContext(type: string): string {
  return `iot.attributeGroup.${type}`;
}
export function attributeContext(type: string, textSeries: boolean): string {
  return `iot.attribute.${type}${textSeries ? 'Text' : ''}`;
}

/** The "ML models" / "ML services" / "ONNX models" folder of a kind. */
export function analyticsFolderContext(kind: AnalyticsKind): string {
  return `${CONTEXT.analytics}.${kind}`;
}

/** `iot.datanode.numeric` / `iot.property.numeric` (chartable) or `.other`. */
export function datanodeContext(numeric: boolean): string {
  return `iot.datanode.${numeric ? 'numeric' : 'other'}`;
}
export function propertyContext(numeric: boolean): string {
  return `iot.property.${numeric ? 'numeric' : 'other'}`;
}

/** A pinned copy under Favourites: its own context value plus `.favourite`. */
export function favouriteContext(base: string): string {
  return `${base}.favourite`;
}

interface HasContext {
  readonly contextValue: string;
}

/** The Analytics folder (kind undefined) or the folder of one analytics kind; undefined for other nodes. */
export function analyticsFolderOf(node: HasContext | undefined): { readonly kind?: AnalyticsKind } | undefined {
  if (!node) return undefined;
  if (node.contextValue === CONTEXT.analytics) return {};
  const kind = ANALYTICS_KINDS.find((k) => node.contextValue === analyticsFolderContext(k));
  return kind ? { kind } : undefined;
}

/** Load more, error and empty rows: not entities. */
export function isPlaceholder(node: HasContext): boolean {
  return node.contextValue === CONTEXT.loadMore || isErrorRow(node) || node.contextValue === CONTEXT.empty;
}

/** An error row (any kind). */
export function isErrorRow(node: HasContext): boolean {
  return node.contextValue === CONTEXT.error || node.contextValue === CONTEXT.errorPython;
}
