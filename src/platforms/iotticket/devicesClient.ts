/** das DevicesClient: devices of the organization, optionally those linked to one asset. */
import type { DevicesApi } from './assetApi';
import { HttpError, ValidationError } from '../http';
import { ASSET_LOCATORS, type AssetLocator, type AssetApiContext, type AssetApiPage, type PageOptions } from './assetApiContext';
import * as shapes from './shapes';
import type { Device } from './types';
import { allowAtMostOne, checkNamesPath, checkText } from './validation';

export class DevicesClient implements DevicesApi {
  constructor(private readonly core: AssetApiContext) {}

  /** get_device. */
  async getDevice(deviceId: string, options: { signal?: AbortSignal } = {}): Promise<Device> {
    checkText('deviceId', deviceId, 1000);
    try {
      return await this.core.http.get<Device>(this.core.routes.device(deviceId), { signal: options.signal, expect: shapes.entity });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new ValidationError('deviceId', `no device with id "${deviceId}"`);
      throw err;
    }
  }

  /** get_devices: the ids of all devices, or of those linked to one asset (at most one locator). */
  async getDevices(options: AssetLocator & { signal?: AbortSignal } = {}): Promise<string[]> {
    const ids: string[] = [];
    for await (const d of this.devices(options)) ids.push(d.id);
    return ids;
  }

  /** get_devices with the devices' details, page by page. */
  devices(options: AssetLocator & { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<Device> {
    return this.core.list<Device>(this.core.routes.devices(), locatorQuery(options), { pageSize: options.pageSize, signal: options.signal });
  }

  /** One page of devices (for trees that page). */
  getDevicesPage(options: AssetLocator & PageOptions = {}): Promise<AssetApiPage<Device>> {
    return this.core.page<Device>(this.core.routes.devices(), locatorQuery(options), options);
  }
}

function locatorQuery(options: AssetLocator): Record<string, string | readonly string[] | undefined> {
  const which = allowAtMostOne(options, ASSET_LOCATORS);
  if (which === 'namesPath') return { namesPath: checkNamesPath('namesPath', options.namesPath!) };
  if (which) return { [which]: checkText(which, options[which] as string, 1000) };
  return {};
}
