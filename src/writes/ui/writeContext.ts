/**
 * The extension's `WriteContext`: clients from the connection's session, device credentials from
 * SecretStorage (one entry per device, JSON `{username?, password}`), files from the workspace.
 */
import * as vscode from 'vscode';
import type { ExplorerServices } from '../../explorer/treeNode';
import { errorMessage, ValidationError, type Logger } from '../../platforms/http';
import { DeviceAdapterClient, type DeviceCredentials } from '../../platforms/iotticket/adapterClient';
import type { AssetApi } from '../../platforms/iotticket/assetApi';
import type { AltairEndpoints, IotTicketEndpoints, WriteContext } from '../send/context';

const INDEX_KEY = 'iotExplorer.deviceCredentials';

/**
 * Stores and reads a device's adapter credentials (never in settings). The ids of devices with stored
 * credentials are indexed per connection (not secret), so removing a connection removes them too.
 */
export class DeviceCredentialStore implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: ExplorerServices,
    private readonly state: vscode.Memento,
  ) {
    this.subscription = services.store.onDidChange(() => void this.dropRemovedConnections());
  }

  async get(connectionId: string, deviceId: string): Promise<DeviceCredentials | undefined> {
    const raw = await this.services.store.getSecret(connectionId, `device:${deviceId}`);
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as { username?: string; password?: string };
      return parsed.password ? { deviceId, username: parsed.username || undefined, password: parsed.password } : undefined;
    } catch {
      // A plain password stored by something else.
      return { deviceId, password: raw };
    }
  }

  async set(connectionId: string, deviceId: string, password: string, username?: string): Promise<void> {
    await this.services.store.setSecret(connectionId, `device:${deviceId}`, JSON.stringify({ username: username || undefined, password }));
    const index = this.index();
    await this.state.update(INDEX_KEY, { ...index, [connectionId]: [...new Set([...(index[connectionId] ?? []), deviceId])] });
  }

  async delete(connectionId: string, deviceId: string): Promise<void> {
    await this.services.store.deleteSecret(connectionId, `device:${deviceId}`);
    const index = this.index();
    await this.state.update(INDEX_KEY, { ...index, [connectionId]: (index[connectionId] ?? []).filter((d) => d !== deviceId) });
  }

  /** Devices of a connection with stored credentials. */
  devicesOf(connectionId: string): string[] {
    return this.index()[connectionId] ?? [];
  }

  private index(): Record<string, string[]> {
    return this.state.get<Record<string, string[]>>(INDEX_KEY) ?? {};
  }

  private async dropRemovedConnections(): Promise<void> {
    const live = new Set(this.services.store.list().map((p) => p.id));
    const index = this.index();
    const gone = Object.keys(index).filter((id) => !live.has(id));
    if (gone.length === 0) return;
    for (const id of gone) for (const device of index[id]) await this.services.store.deleteSecret(id, `device:${device}`);
    await this.state.update(INDEX_KEY, Object.fromEntries(Object.entries(index).filter(([id]) => live.has(id))));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export class ExtensionWriteContext implements WriteContext {
  constructor(
    private readonly services: ExplorerServices,
    readonly devices: DeviceCredentialStore,
    private readonly adapters: AdapterCache,
    /** Folder relative file paths resolve against (the command file's folder, else the workspace). */
    private readonly baseUri?: vscode.Uri,
  ) {}

  /** The same context, resolving files next to `uri` (a command file). */
  relativeTo(uri: vscode.Uri): ExtensionWriteContext {
    return new ExtensionWriteContext(this.services, this.devices, this.adapters, vscode.Uri.joinPath(uri, '..'));
  }

  async iotticket(connectionId: string): Promise<IotTicketEndpoints> {
    const session = await this.services.sessions.iotticket(connectionId);
    return {
      assetApi: session.assetApi,
      adapter: async (deviceId, signal) => {
        if (!session.adapterBaseUrl) return undefined;
        return this.adapters.get(session.adapterBaseUrl, await tenantOf(session.assetApi, (session.profile as { tenant?: string }).tenant, deviceId, signal), this.services.log);
      },
    };
  }

  async altair(connectionId: string): Promise<AltairEndpoints> {
    const session = await this.services.sessions.altair(connectionId);
    return { api: session.api, space: session.space };
  }

  deviceCredentials(connectionId: string, deviceId: string): Promise<DeviceCredentials | undefined> {
    return this.devices.get(connectionId, deviceId);
  }

  async readFile(path: string): Promise<{ text: string; name: string }> {
    const uri = this.resolve(path);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      throw new ValidationError('file', `cannot read ${uri.fsPath}: ${errorMessage(err)}`);
    }
    return { text: new TextDecoder().decode(bytes), name: vscode.workspace.asRelativePath(uri) };
  }

  private resolve(path: string): vscode.Uri {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return vscode.Uri.parse(path);
    if (path.startsWith('/') || /^[a-z]:[\\/]/i.test(path)) return vscode.Uri.file(path);
    const base = this.baseUri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!base) throw new ValidationError('file', `"${path}" is relative but no folder is open`);
    return vscode.Uri.joinPath(base, path);
  }
}

/** One adapter client per (adapter URL, tenant), reused across writes. */
export class AdapterCache {
  private readonly clients = new Map<string, DeviceAdapterClient>();

  get(baseUrl: string, tenant: string, logger: Logger): DeviceAdapterClient {
    const key = `${baseUrl}|${tenant}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new DeviceAdapterClient({ baseUrl, tenant, logger, userAgent: 'iot-explorer-vscode' });
      this.clients.set(key, client);
    }
    return client;
  }
}

/** The device's tenant (adapter paths carry it): the device's own, else the profile's, else the organization's. */
async function tenantOf(core: AssetApi | undefined, profileTenant: string | undefined, deviceId: string, signal?: AbortSignal): Promise<string> {
  if (core) {
    // An unknown device is a ValidationError naming deviceId, raised before anything is sent.
    const device = await core.devices.getDevice(deviceId, { signal });
    if (device.tenantId) return device.tenantId;
  }
  if (profileTenant) return profileTenant;
  const orgs = core ? await core.organizations.getOrganizations({ signal }) : [];
  const tenant = orgs.find((o) => o.tenantId)?.tenantId;
  if (!tenant) throw new ValidationError('tenant', 'cannot tell the tenant the device adapter expects');
  return tenant;
}
