/**
 * `PythonAssetApi`: the asset API served by the user's own das.iot_client in a Python process, behind the
 * same `AssetApi` interface as the direct-HTTP `IotTicketClient`. One instance (one process) per connection.
 *
 *   const api = new PythonAssetApi({ interpreter, bridgeScript: join(extensionPath, 'python/iot_explorer_bridge.py'),
 *     factory?, factoryKwargs?, secrets?, tenant?, organizationId?, logger });
 *   await api.describe();            // Test Connection: interpreter, Python and SDK versions, organization
 *   api.python.onDidChangeStatus(…)  // idle | waiting | starting | ready | failed | disposed
 *   api.dispose();
 */
import { silentLogger } from '../../http';
import type { AssetApi } from '../assetApi';
import type { Organization } from '../types';
import { ORGANIZATION } from './objectSpecs';
import { PyModels, PyOnnx, PyServices } from './pyAnalytics';
import { PyAssets } from './pyAssets';
import { PyCommands } from './pyCommands';
import { PyContext, type PyContextOptions } from './pyContext';
import { PyData } from './pyData';
import { PyCredentials, PyDevices, PyOrganizations } from './pyDirectory';
import { PyEvents } from './pyEvents';
import { PythonBackend, type PythonBackendOptions } from './pythonBackend';

export interface PythonAssetApiOptions extends PythonBackendOptions, PyContextOptions {}

/** What Test Connection shows for a Python-backed connection. */
export interface BackendDescription {
  readonly backend: 'python';
  /** The interpreter as configured. */
  readonly interpreter: string;
  /** `sys.executable` of the running process. */
  readonly executable: string;
  readonly pythonVersion: string;
  readonly sdkVersion: string | null;
  readonly factory: string;
  /** The client's class name. */
  readonly client: string;
  readonly pid: number;
  /** The organization the SDK sees (its details, else the first of its list). */
  readonly organization?: Organization;
  /** Why the organization could not be read, when it could not. */
  readonly organizationError?: string;
}

export class PythonAssetApi implements AssetApi {
  readonly backend = 'python' as const;
  readonly python: PythonBackend;
  readonly assets: PyAssets;
  readonly commands: PyCommands;
  readonly credentials: PyCredentials;
  readonly data: PyData;
  readonly devices: PyDevices;
  readonly events: PyEvents;
  readonly models: PyModels;
  readonly services: PyServices;
  readonly onnx: PyOnnx;
  readonly organizations: PyOrganizations;
  private readonly py: PyContext;

  constructor(options: PythonAssetApiOptions) {
    const logger = options.logger ?? silentLogger;
    this.python = new PythonBackend({ ...options, logger });
    this.py = new PyContext(this.python, options, logger);
    this.assets = new PyAssets(this.py);
    this.commands = new PyCommands(this.py);
    this.credentials = new PyCredentials(this.py);
    this.data = new PyData(this.py);
    this.devices = new PyDevices(this.py);
    this.events = new PyEvents(this.py, this.assets);
    this.models = new PyModels(this.py);
    this.services = new PyServices(this.py);
    this.onnx = new PyOnnx(this.py);
    this.organizations = new PyOrganizations(this.py);
  }

  /** Starts the process if needed and says what serves the connection. Rejects with the typed setup error. */
  async describe(signal?: AbortSignal): Promise<BackendDescription> {
    const raw = await this.python.describeRaw(signal);
    const errors = Array.isArray(raw.organizationErrors) ? raw.organizationErrors.map(String) : [];
    return {
      backend: 'python',
      interpreter: this.python.interpreter,
      executable: String(raw.executable ?? ''),
      pythonVersion: String(raw.python ?? ''),
      sdkVersion: raw.sdkVersion === null || raw.sdkVersion === undefined ? null : String(raw.sdkVersion),
      factory: String(raw.factory ?? this.python.status.info?.factory ?? ''),
      client: String(raw.client ?? ''),
      pid: Number(raw.pid),
      ...(raw.organization !== undefined && raw.organization !== null ? { organization: this.py.mapper.object<Organization>(ORGANIZATION, raw.organization) } : {}),
      ...(errors.length > 0 && raw.organization === undefined ? { organizationError: errors.join('; ') } : {}),
    };
  }

  dispose(): void {
    this.python.dispose();
  }
}
