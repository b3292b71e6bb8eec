/**
 * Every path the IoT-TICKET clients send, relative to each transport's base URL, in one place.
 * `v1Routes` and `adapterRoutes` are confirmed by public sources; `coreRoutes` (surface C, the API behind
 * das.iot_client) are INFERRED [I] from the das documentation: when the real routes are known, they are
 * replaced here and nowhere else. docs/inferred-routes.md mirrors `coreRoutes` (and the [I] adapter routes).
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
 * An attribute's base path: under its asset when the asset is known (the spec's form), else by attribute id
 * alone (attribute ids are unique in an organization, and das methods take only `attribute_id`).
 */
const attribute = (assetId: string | undefined, attributeId: string): string =>
  assetId === undefined ? `attributes/${seg(attributeId)}` : `assets/${seg(assetId)}/attributes/${seg(attributeId)}`;

/** Surface C, all [I] (base e.g. the emulator's `/core/v1/`). */
export const coreRoutes = {
  organizations: () => 'organizations',
  organization: (organizationId: string) => `organizations/${seg(organizationId)}`,

  /** get_all_assets, paged; `includeTemplates`, `includeEventTypes`. */
  assets: () => 'assets',
  /** One tree level: `assetId | assetName | namesPath` (repeated), paged; `{asset, children, fullSize, limit, offset}`. */
  assetsTree: () => 'assets/tree',
  assetTemplates: () => 'asset-templates',
  assetTemplate: (templateId: string) => `asset-templates/${seg(templateId)}`,
  /** get_attributes; `types=` comma list. */
  attributes: (assetId: string) => `assets/${seg(assetId)}/attributes`,
  attribute: (assetId: string | undefined, attributeId: string) => attribute(assetId, attributeId),

  timeseries: (assetId: string | undefined, attributeId: string) => `${attribute(assetId, attributeId)}/timeseries`,
  statistics: (assetId: string | undefined, attributeId: string) => `${attribute(assetId, attributeId)}/statistics`,
  timesignal: (assetId: string | undefined, attributeId: string) => `${attribute(assetId, attributeId)}/timesignal`,
  staticValue: (assetId: string | undefined, attributeId: string) => `${attribute(assetId, attributeId)}/value`,
  calculatedValues: (assetId: string | undefined, attributeId: string) => `${attribute(assetId, attributeId)}/values`,

  /** Organization-wide events, filtered by `assetIds` / `assetNames`. */
  eventsActive: () => 'events/active',
  eventsActiveCount: () => 'events/active/count',
  eventsHistory: () => 'events/history',
  /** Per-asset active count (`includeChildren=true` adds sub-assets). */
  assetEventsActiveCount: (assetId: string) => `assets/${seg(assetId)}/events/active/count`,
  eventAcknowledge: (eventId: string) => `events/${seg(eventId)}/acknowledge`,

  /** Command attributes of an asset with their latest log entry; `identifierName=` filters. */
  assetCommands: (assetId: string) => `assets/${seg(assetId)}/commands`,
  command: (assetId: string, attributeId: string) => `assets/${seg(assetId)}/commands/${seg(attributeId)}`,
  commandControl: (assetId: string, attributeId: string) => `assets/${seg(assetId)}/commands/${seg(attributeId)}/control`,
  commandStatus: (commandId: string) => `commands/${seg(commandId)}`,

  devices: () => 'devices',
  device: (deviceId: string) => `devices/${seg(deviceId)}`,

  credentials: () => 'credentials',
  /** get_credential_query: `organizationId`, `credentialId`, `credentialName`, `clientId`, `scope`. */
  credentialQuery: () => 'credentials/query',

  analyticsItems: () => 'analytics-items',
  mlModels: () => 'ml-models',
  mlModel: (modelId: string) => `ml-models/${seg(modelId)}`,
  mlServices: () => 'ml-services',
  mlService: (serviceId: string) => `ml-services/${seg(serviceId)}`,
  onnxModels: () => 'onnx-models',
  onnxModel: (modelId: string) => `onnx-models/${seg(modelId)}`,
} as const;

export type CoreRoute = keyof typeof coreRoutes;
