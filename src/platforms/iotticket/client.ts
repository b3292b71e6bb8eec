/**
 * `IotTicketClient`: the TypeScript counterpart of das.iot_client's IoTClient. One sub-client per das
 * interface (assets, commands, credentials, data, devices, events, models, services, onnx, organizations)
 * over the asset API (surface C, inferred routes in `routes.ts`); device-side writes (telemetry, time
 * signals, device events) go through the device HTTP adapter (surface B) with the device's credentials.
 */
import { basicAuth, bearerToken, HttpClient, type AuthStrategy, type HttpClientOptions } from '../http';
import { DeviceAdapterClient } from './adapterClient';
import { AssetsClient } from './assetsClient';
import { CommandsClient } from './commandsClient';
import { AssetApiContext } from './assetApiContext';
import { CredentialsClient } from './credentialsClient';
import { DataClient } from './dataClient';
import { DevicesClient } from './devicesClient';
import type { AssetApi } from './assetApi';
import { iotTicketErrorParser } from './envelope';
import { EventsClient } from './eventsClient';
import { ModelsClient } from './modelsClient';
import { OnnxClient } from './onnxClient';
import { OrganizationsClient } from './organizationsClient';
import { overrideAssetApiRoutes, type RouteOverrides } from './routeOverrides';
import type { AssetApiRoutes } from './routes';
import { ServicesClient } from './servicesClient';

export interface IotTicketClientOptions extends Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'errorParser'> {
  /** Base URL of the asset API, e.g. the emulator's `http://127.0.0.1:PORT/core/v1/`. */
  readonly coreBaseUrl: string;
  /** User credentials (HTTP Basic)… */
  readonly username?: string;
  readonly password?: string;
  /** …or a bearer token… */
  readonly token?: string;
  /** …or any strategy (e.g. one that refreshes a UAA token after a 401). */
  readonly auth?: AuthStrategy;
  /** Device HTTP adapter, e.g. `https://cloud.iot-ticket.com/http-adapter/`; needed for device writes. */
  readonly adapterBaseUrl?: string;
  /** Tenant for device writes when a device's user name does not carry it (`deviceId@tenant`). */
  readonly tenant?: string;
  /** The organization calls default to (das' default organization). */
  readonly organizationId?: string;
  /**
   * Replacements of inferred asset-API route templates by name (`{ timeseries: '{attribute}/data' }`);
   * validated here, so an invalid table throws a ValidationError before any request (see routeOverrides.ts).
   */
  readonly routeOverrides?: RouteOverrides;
}

export class IotTicketClient implements AssetApi {
  readonly backend = 'http' as const;
  readonly http: HttpClient;
  /** The asset-API paths this client sends (the inferred ones with the connection's overrides). */
  readonly routes: AssetApiRoutes;
  /** The device adapter, when `adapterBaseUrl` was given. */
  readonly adapter?: DeviceAdapterClient;
  readonly assets: AssetsClient;
  readonly commands: CommandsClient;
  readonly credentials: CredentialsClient;
  readonly data: DataClient;
  readonly devices: DevicesClient;
  readonly events: EventsClient;
  readonly models: ModelsClient;
  readonly services: ServicesClient;
  readonly onnx: OnnxClient;
  readonly organizations: OrganizationsClient;

  constructor(options: IotTicketClientOptions) {
    const { coreBaseUrl, username, password, token, auth, adapterBaseUrl, tenant, organizationId, routeOverrides, ...http } = options;
    this.routes = overrideAssetApiRoutes(routeOverrides);
    this.http = new HttpClient({ ...http, baseUrl: coreBaseUrl, auth: authFor(auth, token, username, password), errorParser: iotTicketErrorParser });
    this.adapter = adapterBaseUrl ? new DeviceAdapterClient({ ...http, baseUrl: adapterBaseUrl, tenant }) : undefined;
    const core = new AssetApiContext(this.http, this.adapter, organizationId, this.routes);
    this.assets = new AssetsClient(core);
    this.commands = new CommandsClient(core);
    this.credentials = new CredentialsClient(core);
    this.data = new DataClient(core);
    this.devices = new DevicesClient(core);
    this.events = new EventsClient(core);
    this.models = new ModelsClient(core);
    this.services = new ServicesClient(core);
    this.onnx = new OnnxClient(core);
    this.organizations = new OrganizationsClient(core);
  }
}

function authFor(auth: AuthStrategy | undefined, token: string | undefined, username: string | undefined, password: string | undefined): AuthStrategy | undefined {
  if (auth) return auth;
  if (token) return bearerToken(token);
  if (username !== undefined && password !== undefined) return basicAuth(username, password);
  return undefined;
}
