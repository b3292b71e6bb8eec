/**
 * `AssetApi`: what the extension calls on the IoT-TICKET asset API, one interface per das client. Two
 * backends implement it: `IotTicketClient` (direct HTTP over the inferred routes) and `PythonAssetApi`
 * (the user's own das.iot_client in a Python process). UI code takes an `AssetApi` and does not know
 * which one serves it; options and results are the same, and so is the validation of options.
 */
import type { WriteReport } from './adapterClient';
import type { TelemetryRow, Timesignal, DeviceEvent } from './adapterPayloads';
import type { AssetLocator, AssetApiPage, PageOptions } from './assetApiContext';
import type {
  ActiveEventsOptions, AllAssetsOptions, CommandLocator, ControlValue, CredentialQuery, DeviceWriteOptions, EventHistoryOptions, ModelSpec,
  MultipleTimeseriesOptions, OnnxFile, PagedSeriesOptions, PrintTreeOptions, ServiceSpec, StatisticsOptions, TimeseriesOptions, TimesignalOptions,
  TimesignalResult,
} from './assetApiOptions';
import type { Series } from './series';
import type { JsonPoint } from './seriesExport';
import type { TimeInput } from './time';
import type {
  AnalyticsDetails, AnalyticsItem, Asset, AssetAttribute, AssetEvent, AssetLevel, AssetTemplate, AssetTemplateSummary, CommandLogEntry,
  CommandReceipt, Credential, Device, Organization, OrganizationDetails, StatisticsBucket,
} from './types';

type Signal = { readonly signal?: AbortSignal };

/** das AssetsClient. */
export interface AssetsApi {
  getAllAssets(options?: AllAssetsOptions): AsyncIterable<Asset>;
  getAllAssetsPage(options?: PageOptions & { templates?: boolean; eventTypes?: boolean }): Promise<AssetApiPage<Asset>>;
  /** A page of get_all_assets undecoded, where the backend has one (HTTP; the das bridge parses its own). */
  getAllAssetsPageBytes?(options?: PageOptions): Promise<Uint8Array>;
  getAssetTemplate(options: { templateId?: string; templateName?: string } & Signal): Promise<AssetTemplate>;
  getAssetTemplates(options?: Signal): Promise<AssetTemplateSummary[]>;
  getAssets(locator?: AssetLocator & { pageSize?: number } & Signal): AsyncIterable<Asset>;
  getAssetLevel(options?: AssetLocator & PageOptions & { includeEventTypes?: boolean }): Promise<AssetLevel>;
  getAttributes(options: AssetLocator & { attributeType?: string } & Signal): Promise<AssetAttribute[]>;
  printAssetTree(options?: AssetLocator & PrintTreeOptions): Promise<string>;
}

/** das CommandsClient (and the status of a sent command, beyond das). */
export interface CommandsApi {
  getCommandDetails(options: AssetLocator & { identifierName?: string; timestamp?: 'datetime' | 'epoch'; tz?: string } & Signal): Promise<CommandLogEntry[]>;
  sendCommand(options: CommandLocator & { payload?: unknown; templateVariables?: Readonly<Record<string, unknown>>; aggregated?: boolean } & Signal): Promise<CommandReceipt>;
  sendControlCommand(desiredValue: ControlValue, options?: CommandLocator & { skipFirstCommand?: boolean } & Signal): Promise<CommandReceipt>;
  getCommandStatus(commandId: string, options?: Signal): Promise<Record<string, unknown>>;
}

/** das CredentialsClient. */
export interface CredentialsApi {
  getCredentials(options?: { organizationId?: string } & Signal): Promise<Credential[]>;
  getCredentialQuery(query?: CredentialQuery): Promise<Credential>;
}

/** das DataClient (series as typed arrays). */
export interface DataApi {
  getTimeseries(options: TimeseriesOptions & { readonly form: 'json' }): Promise<JsonPoint[]>;
  getTimeseries(options: TimeseriesOptions): Promise<Series>;
  getMultipleTimeseries(options: MultipleTimeseriesOptions & { readonly form: 'json' }): Promise<Record<string, JsonPoint[]>>;
  getMultipleTimeseries(options: MultipleTimeseriesOptions): Promise<Series[]>;
  fetchSeriesPaged(options: PagedSeriesOptions): Promise<Series>;
  getStatistics(options: StatisticsOptions): Promise<StatisticsBucket[]>;
  getTimesignal(timesignalId: string, options: TimesignalOptions): Promise<TimesignalResult>;
  writeCalculated(data: readonly TelemetryRow[], options: { namesPath?: readonly string[]; attributeIds?: readonly string[]; tz?: string } & Signal): Promise<boolean>;
  writeStatic(data: readonly (string | number)[], options: { attributeIds?: readonly string[]; namesPath?: readonly string[]; attributeNames?: readonly string[] } & Signal): Promise<boolean[]>;
  writeTelemetry(data: readonly TelemetryRow[], options: DeviceWriteOptions & { units?: readonly string[]; setId?: string; tz?: string }): Promise<WriteReport>;
  writeTimesignal(options: DeviceWriteOptions & { attributeName: string; timestamp: TimeInput; timesignalId: string; value: unknown; tz?: string }): Promise<WriteReport>;
  writeTimesignals(payload: { readonly ts: readonly Timesignal[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport>;
}

/** das DevicesClient (and pages of device details, beyond das). */
export interface DevicesApi {
  getDevice(deviceId: string, options?: Signal): Promise<Device>;
  getDevices(options?: AssetLocator & Signal): Promise<string[]>;
  devices(options?: AssetLocator & { pageSize?: number } & Signal): AsyncIterable<Device>;
  getDevicesPage(options?: AssetLocator & PageOptions): Promise<AssetApiPage<Device>>;
}

/** das EventsClient (and acknowledging an event, beyond das). */
export interface EventsApi {
  getAssetEventHistory(options: EventHistoryOptions): Promise<AssetEvent[]>;
  getAssetEventsActive(options?: ActiveEventsOptions): Promise<AssetEvent[]>;
  assetEventActiveCount(options?: { assetId?: string; includeChildren?: boolean } & Signal): Promise<number>;
  acknowledgeEvent(id: string, options?: Signal): Promise<AssetEvent>;
  writeDeviceEvent(options: DeviceWriteOptions & {
    eventId: string; message: string; timestamp: TimeInput; eventGroupName?: string; eventType?: string; severity?: string; isActive?: boolean; tz?: string;
  }): Promise<WriteReport>;
  writeDeviceEvents(payload: { readonly e: readonly DeviceEvent[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport>;
}

/** das ModelsClient. */
export interface ModelsApi {
  analyticsItemsCount(options?: Signal): Promise<number>;
  getAllAnalyticsItems(options?: Signal): Promise<AnalyticsItem[]>;
  getModelList(options?: Signal): Promise<AnalyticsItem[]>;
  getModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails>;
  registerModel(model: ModelSpec, options?: Signal): Promise<string>;
  updateModel(model: ModelSpec, options?: Signal): Promise<boolean>;
  deleteModel(options: { modelName?: string; modelId?: string } & Signal): Promise<boolean>;
}

/** das ServicesClient. */
export interface ServicesApi {
  getServiceList(options?: Signal): Promise<AnalyticsItem[]>;
  getServiceDetails(options: { serviceName?: string; serviceId?: string } & Signal): Promise<AnalyticsDetails>;
  registerService(service: ServiceSpec, options?: Signal): Promise<string>;
  updateService(service: ServiceSpec, options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean>;
  deleteService(options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean>;
}

/** das OnnxClient. */
export interface OnnxApi {
  getOnnxModelList(options?: Signal): Promise<AnalyticsItem[]>;
  getOnnxModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails>;
  registerOnnxModel(name: string, fileLocation: OnnxFile, options?: { description?: string; helpText?: string } & Signal): Promise<string>;
  updateOnnxModel(payload: Readonly<Record<string, unknown>>, options?: { modelId?: string } & Signal): Promise<boolean>;
  deleteOnnxModel(options: { modelName?: string; modelId?: string } & Signal): Promise<boolean>;
}

/** das OrganizationsClient (and the organization calls default to, beyond das). */
export interface OrganizationsApi {
  getOrganizations(options?: Signal): Promise<Organization[]>;
  getOrganizationDetails(options?: { organizationId?: string } & Signal): Promise<OrganizationDetails>;
  currentOrganizationId(signal?: AbortSignal): Promise<string>;
}

/** The IoT-TICKET asset API as the UI uses it: das.iot_client's IoTClient, one member per das client. */
export interface AssetApi {
  /** Which implementation serves the calls (for logs and Test Connection; the UI does not branch on it). */
  readonly backend: 'http' | 'python';
  readonly assets: AssetsApi;
  readonly commands: CommandsApi;
  readonly credentials: CredentialsApi;
  readonly data: DataApi;
  readonly devices: DevicesApi;
  readonly events: EventsApi;
  readonly models: ModelsApi;
  readonly services: ServicesApi;
  readonly onnx: OnnxApi;
  readonly organizations: OrganizationsApi;
}
