/**
 * Every path the IoT-TICKET clients send, relative to each transport's base URL, in one place.
 * `v1Routes` and `adapterRoutes` are confirmed by public sources; `assetApiRoutes` (surface C, the API behind
 * das.iot_client) are INFERRED [I] from the das documentation: when the real routes are known, they are
 * replaced here and nowhere else (or, per connection, overridden by name: routeOverrides.ts).
 * docs/inferred-routes.md mirrors `CORE_ROUTE_TEMPLATES` (and the [I] adapter routes).
 */
const seg = encodeURIComponent;

/** Surface A, REST API v1 (base e.g. `https://my.iot-ticket.com/api/v1/`). Trailing slashes as Wapice's clients send them. */
export const v1Routes = {
  root: () => '',
  devices: () => 'devices/',
  device: (deviceId: string) => `devices/${seg(deviceId)}/`,
  datanodes: (deviceId: string) => `devices/${seg(deviceId)}/datanodes/`,
  write: (deviceId: string) => `process/write/${seg(deviceId)}/`,
  read: (deviceId: string) => `process/read/${seg(deviceId)}/`,
  statistics: (deviceId: string) => `stat/read/${seg(deviceId)}/`,
  enterprises: () => 'enterprises/',
  enterprise: (numericId: string) => `enterprises/${seg(numericId)}/`,
  quotaAll: () => 'quota/all/',
  quotaDevice: (deviceId: string) => `quota/${seg(deviceId)}/`,
} as const;

/** Surface B, device HTTP adapter (base e.g. `https://cloud.iot-ticket.com/http-adapter/`). */
export const adapterRoutes = {
  /** [C] `{"t":[…]}`, `{"t_set":[…]}`; [I] also `{"ts":[…]}` time signals. */
  telemetry: (tenant: string, deviceId: string) => `telemetry/${seg(tenant)}/${seg(deviceId)}`,
  /** [C] `{"e":[…]}`. */
  event: (tenant: string, deviceId: string) => `event/${seg(tenant)}/${seg(deviceId)}`,
  /** [I] the device polls its queued commands (the emulator's design of §4.7). */
  commands: (tenant: string, deviceId: string) => `command/${seg(tenant)}/${seg(deviceId)}`,
  /** [C-H] Hono command response route; status in `?hono-cmd-status=`. */
  commandResponse: (tenant: string, deviceId: string, requestId: string) => `command/res/${seg(tenant)}/${seg(deviceId)}/${seg(requestId)}`,
} as const;


/**
 * Surface C, all [I] (base e.g. the emulator's `/core/v1/`), as templates so that a user who knows the real
 * paths can replace any of them by name (`overrideAssetApiRoutes` in routeOverrides.ts). `{name}` placeholders
 * are filled URL-encoded; `{attribute}` is the attribute's base path, `assetAttribute` when the asset is
 * known (the spec's form), else `organizationAttribute` (attribute ids are unique in an organization, and
 * das methods take only `attribute_id`).
 */
export const CORE_ROUTE_TEMPLATES = {
  organizations: 'organizations',
  organization: 'organizations/{organizationId}',

  /** get_all_assets, paged; `includeTemplates`, `includeEventTypes`. */
  assets: 'assets',
  /** One tree level: `assetId | assetName | namesPath` (repeated), paged; `{asset, children, fullSize, limit, offset}`. */
  assetsTree: 'assets/tree',
  assetTemplates: 'asset-templates',
  assetTemplate: 'asset-templates/{templateId}',
  /** get_attributes; `types=` comma list. */
  attributes: 'assets/{assetId}/attributes',
  assetAttribute: 'assets/{assetId}/attributes/{attributeId}',
  organizationAttribute: 'attributes/{attributeId}',

  timeseries: '{attribute}/timeseries',
  statistics: '{attribute}/statistics',
  timesignal: '{attribute}/timesignal',
  staticValue: '{attribute}/value',
  calculatedValues: '{attribute}/values',

  /** Organization-wide events, filtered by `assetIds` / `assetNames`. */
  eventsActive: 'events/active',
  eventsActiveCount: 'events/active/count',
  eventsHistory: 'events/history',
  /** Per-asset active count (`includeChildren=true` adds sub-assets). */
  assetEventsActiveCount: 'assets/{assetId}/events/active/count',
  eventAcknowledge: 'events/{eventId}/acknowledge',

  /** Command attributes of an asset with their latest log entry; `identifierName=` filters. */
  assetCommands: 'assets/{assetId}/commands',
  command: 'assets/{assetId}/commands/{attributeId}',
  commandControl: 'assets/{assetId}/commands/{attributeId}/control',
  commandStatus: 'commands/{commandId}',

  devices: 'devices',
  device: 'devices/{deviceId}',

  credentials: 'credentials',
  /** get_credential_query: `organizationId`, `credentialId`, `credentialName`, `clientId`, `scope`. */
  credentialQuery: 'credentials/query',

  analyticsItems: 'analytics-items',
  mlModels: 'ml-models',
  mlModel: 'ml-models/{modelId}',
  mlServices: 'ml-services',
  mlService: 'ml-services/{serviceId}',
  onnxModels: 'onnx-models',
  onnxModel: 'onnx-models/{modelId}',
} as const;

export type AssetApiRouteName = keyof typeof CORE_ROUTE_TEMPLATES;
export type AssetApiRouteTemplates = Readonly<Record<AssetApiRouteName, string>>;

/** The placeholders of a template, in order of appearance. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
}

/** Fills `{name}` placeholders: values URL-encoded, except `attribute`, which is a path built from a template. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => (name === 'attribute' ? values[name] : seg(values[name])));
}

/** The asset-API paths of one client, built from its route table. */
export function buildAssetApiRoutes(t: AssetApiRouteTemplates = CORE_ROUTE_TEMPLATES) {
  const attribute = (assetId: string | undefined, attributeId: string): string =>
    assetId === undefined ? fill(t.organizationAttribute, { attributeId }) : fill(t.assetAttribute, { assetId, attributeId });
  const onAttribute = (name: AssetApiRouteName) => (assetId: string | undefined, attributeId: string): string => fill(t[name], { attribute: attribute(assetId, attributeId) });
  const plain = (name: AssetApiRouteName) => (): string => t[name];
  const one = <K extends string>(name: AssetApiRouteName, key: K) => (value: string): string => fill(t[name], { [key]: value });
  return {
    organizations: plain('organizations'),
    organization: one('organization', 'organizationId'),
    assets: plain('assets'),
    assetsTree: plain('assetsTree'),
    assetTemplates: plain('assetTemplates'),
    assetTemplate: one('assetTemplate', 'templateId'),
    attributes: one('attributes', 'assetId'),
    attribute,
    timeseries: onAttribute('timeseries'),
    statistics: onAttribute('statistics'),
    timesignal: onAttribute('timesignal'),
    staticValue: onAttribute('staticValue'),
    calculatedValues: onAttribute('calculatedValues'),
    eventsActive: plain('eventsActive'),
    eventsActiveCount: plain('eventsActiveCount'),
    eventsHistory: plain('eventsHistory'),
    assetEventsActiveCount: one('assetEventsActiveCount', 'assetId'),
    eventAcknowledge: one('eventAcknowledge', 'eventId'),
    assetCommands: one('assetCommands', 'assetId'),
    command: (assetId: string, attributeId: string): string => fill(t.command, { assetId, attributeId }),
    commandControl: (assetId: string, attributeId: string): string => fill(t.commandControl, { assetId, attributeId }),
    commandStatus: one('commandStatus', 'commandId'),
    devices: plain('devices'),
    device: one('device', 'deviceId'),
    credentials: plain('credentials'),
    credentialQuery: plain('credentialQuery'),
    analyticsItems: plain('analyticsItems'),
    mlModels: plain('mlModels'),
    mlModel: one('mlModel', 'modelId'),
    mlServices: plain('mlServices'),
    mlService: one('mlService', 'serviceId'),
    onnxModels: plain('onnxModels'),
    onnxModel: one('onnxModel', 'modelId'),
  } as const;
}

export type AssetApiRoutes = ReturnType<typeof buildAssetApiRoutes>;

/** The default (inferred) asset-API paths. */
export const assetApiRoutes: AssetApiRoutes = buildAssetApiRoutes();
