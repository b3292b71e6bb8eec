/** OrganizationsApi, CredentialsApi and DevicesApi over das. */
import { mapConcurrent } from '../../http';
import type { CredentialsApi, DevicesApi, OrganizationsApi } from '../assetApi';
import { ASSET_LOCATORS, type AssetLocator, type AssetApiPage, type PageOptions } from '../assetApiContext';
import type { CredentialQuery } from '../credentialsClient';
import type { Credential, Device, Organization, OrganizationDetails } from '../types';
import { allowAtMostOne, checkInteger, checkText } from '../validation';
import { text } from './mapping';
import { CREDENTIAL, DEVICE, ORGANIZATION } from './objectSpecs';
import { locatorKwargs, pageBounds } from './pyAssets';
import type { PyContext } from './pyContext';

type Signal = { readonly signal?: AbortSignal };

export class PyOrganizations implements OrganizationsApi {
  constructor(private readonly py: PyContext) {}

  async getOrganizations(options: Signal = {}): Promise<Organization[]> {
    const raw = await this.py.call('organizations', 'get_organizations', {}, options);
    return this.py.mapper.list<Organization>(ORGANIZATION, raw).map((o) => ({ ...o, id: text(o.id), name: text(o.name) }));
  }

  async getOrganizationDetails(options: { organizationId?: string } & Signal = {}): Promise<OrganizationDetails> {
    const organizationId = checkText('organizationId', options.organizationId ?? this.py.options.organizationId, 255, false);
    const raw = await this.py.call('organizations', 'get_organization_details', { organization_id: organizationId }, options);
    const o = this.py.mapper.object<OrganizationDetails>(ORGANIZATION, raw);
    return { ...o, id: text(o.id), name: text(o.name) };
  }

  async currentOrganizationId(signal?: AbortSignal): Promise<string> {
    return this.py.options.organizationId ?? (await this.getOrganizationDetails({ signal })).id;
  }
}

export class PyCredentials implements CredentialsApi {
  constructor(private readonly py: PyContext) {}

  async getCredentials(options: { organizationId?: string } & Signal = {}): Promise<Credential[]> {
    const organizationId = checkText('organizationId', options.organizationId ?? this.py.options.organizationId, 255, false);
    const raw = await this.py.call('credentials', 'get_credentials', { organization_id: organizationId }, options);
    return this.py.mapper.list<Credential>(CREDENTIAL, raw).map((c) => ({ ...c, id: text(c.id), name: text(c.name) }));
  }

  async getCredentialQuery(query: CredentialQuery = {}): Promise<Credential> {
    const kwargs: Record<string, string | undefined> = {};
    for (const key of ['organizationId', 'credentialId', 'credentialName', 'clientId', 'scope'] as const) {
      kwargs[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = checkText(key, query[key], 1000, false);
    }
    const c = this.py.mapper.object<Credential>(CREDENTIAL, await this.py.call('credentials', 'get_credential_query', kwargs, query));
    return { ...c, id: text(c.id), name: text(c.name) };
  }
}

export class PyDevices implements DevicesApi {
  constructor(private readonly py: PyContext) {}

  async getDevice(deviceId: string, options: Signal = {}): Promise<Device> {
    checkText('deviceId', deviceId, 1000);
    const d = this.py.mapper.object<Device>(DEVICE, await this.py.call('devices', 'get_device', { device_id: deviceId }, options));
    return { ...d, id: text(d.id) || deviceId };
  }

  private async ids(options: AssetLocator & Signal, fresh: boolean): Promise<string[]> {
    allowAtMostOne(options, ASSET_LOCATORS);
    const kwargs = locatorKwargs({ assetId: options.assetId, assetName: options.assetName, namesPath: options.namesPath });
    return this.py.cachedList(`devices:${JSON.stringify(kwargs)}`, fresh, async () => {
      const raw = await this.py.call('devices', 'get_devices', kwargs, options);
      return (Array.isArray(raw) ? raw : []).map((d) => (typeof d === 'object' && d !== null ? text((d as Record<string, unknown>).id ?? (d as Record<string, unknown>).deviceId) : text(d)));
    }, options.signal);
  }

  async getDevices(options: AssetLocator & Signal = {}): Promise<string[]> {
    return this.ids(options, true);
  }

  /** das lists ids only: the details come from get_device, four at a time. */
  async *devices(options: AssetLocator & { pageSize?: number } & Signal = {}): AsyncIterable<Device> {
    const pageSize = checkInteger('pageSize', options.pageSize, 1, 1000, 100);
    const ids = await this.ids(options, true);
    for (let at = 0; at < ids.length; at += pageSize) {
      yield* await mapConcurrent(ids.slice(at, at + pageSize), 4, (id) => this.getDevice(id, options));
    }
  }

  async getDevicesPage(options: AssetLocator & PageOptions = {}): Promise<AssetApiPage<Device>> {
    const { limit, offset } = pageBounds(options);
    const ids = await this.ids(options, offset === 0);
    const items = await mapConcurrent(ids.slice(offset, offset + limit), 4, (id) => this.getDevice(id, options));
    return { items, fullSize: ids.length, limit, offset };
  }
}
