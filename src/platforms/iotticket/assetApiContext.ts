/**
 * What every asset-API sub-client shares: the HTTP client, paging over `{fullSize, limit, offset, items}`,
 * the device adapter for device-side writes, and the resolution of asset and attribute locators
 * (id, unique name or names path) with clear errors for unknown and ambiguous names.
 */
import { HttpError, paginate, ValidationError, type HttpClient, type QueryValue } from '../http';
import type { DeviceAdapterClient } from './adapterClient';
import type { AttributeType } from './enums';
import type { PagedEnvelope } from './envelope';
import { assetApiRoutes, type AssetApiRoutes } from './routes';
import * as shapes from './shapes';
import type { Asset, AssetAttribute, AssetLevel } from './types';
import { allowAtMostOne, checkInteger, checkNamesPath, checkText, requireExactlyOne } from './validation';

/** Largest page the asset API serves. */
export const CORE_MAX_PAGE = 1000;

export type Query = Readonly<Record<string, QueryValue>>;

export interface PageOptions {
  /** 1–1000; default 100. */
  readonly limit?: number;
  readonly offset?: number;
  readonly signal?: AbortSignal;
}

export interface AssetApiPage<T> {
  readonly items: readonly T[];
  readonly fullSize: number;
  readonly limit: number;
  readonly offset: number;
}

/** Where an asset is: by id, by a name unique in the whole tree, or by its names path from the root. */
export interface AssetLocator {
  readonly assetId?: string;
  readonly assetName?: string;
  readonly namesPath?: readonly string[];
}

export const ASSET_LOCATORS = ['assetId', 'assetName', 'namesPath'] as const;

export class AssetApiContext {
  constructor(
    readonly http: HttpClient,
    private readonly adapterClient: DeviceAdapterClient | undefined,
    /** The organization calls default to (das' IoTClient default organization). */
    readonly organizationId: string | undefined,
    /** The asset-API paths (the inferred ones, or with the connection's overrides). */
    readonly routes: AssetApiRoutes = assetApiRoutes,
  ) {}

  /** The device adapter, for writes that go out with a device's credentials. */
  adapter(): DeviceAdapterClient {
    if (!this.adapterClient) throw new ValidationError('adapterBaseUrl', 'device writes go through the device HTTP adapter: give adapterBaseUrl when creating the client');
    return this.adapterClient;
  }

  async page<T>(path: string, query: Query, options: PageOptions = {}): Promise<AssetApiPage<T>> {
    const limit = checkInteger('limit', options.limit, 1, CORE_MAX_PAGE, 100);
    const offset = checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const env = await this.http.get<PagedEnvelope<T>>(path, { query: { ...query, limit, offset }, signal: options.signal, expect: shapes.paged() });
    return { items: env.items ?? [], fullSize: env.fullSize, limit: env.limit, offset: env.offset };
  }

  /** One page's body as it came, undecoded (for callers that parse it elsewhere: see AssetsClient.getAllAssetsPageBytes). */
  async pageBytes(path: string, query: Query, options: PageOptions = {}): Promise<Uint8Array> {
    const limit = checkInteger('limit', options.limit, 1, CORE_MAX_PAGE, 100);
    const offset = checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    return this.http.get<Uint8Array>(path, { query: { ...query, limit, offset }, signal: options.signal, responseType: 'bytes' });
  }

  /** Every item of a paged list, fetched page by page as the consumer iterates. */
  list<T>(path: string, query: Query = {}, options: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<T> {
    const limit = checkInteger('pageSize', options.pageSize, 1, CORE_MAX_PAGE, CORE_MAX_PAGE);
    return paginate(0, async (offset: number) => {
      const page = await this.page<T>(path, query, { limit, offset, signal: options.signal });
      const next = offset + page.items.length;
      return { items: page.items, total: page.fullSize, next: next < page.fullSize ? next : undefined };
    });
  }

  /** Every item of a paged list as an array (for lists that stay small: templates, credentials, models). */
  async all<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this.list<T>(path, query, { signal })) out.push(item);
    return out;
  }

  /** One level of the asset tree (root level without a locator), paged. */
  async level(locator: AssetLocator | undefined, options: PageOptions & { includeEventTypes?: boolean } = {}): Promise<AssetLevel> {
    const which = allowAtMostOne(locator ?? {}, ASSET_LOCATORS);
    const limit = checkInteger('limit', options.limit, 1, CORE_MAX_PAGE, 100);
    const offset = checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const query: Record<string, QueryValue> = { ...locatorQuery(locator, which), limit, offset };
    if (options.includeEventTypes) query.includeEventTypes = true;
    try {
      return await this.http.get<AssetLevel>(this.routes.assetsTree(), { query, signal: options.signal, expect: shapes.assetLevel });
    } catch (err) {
      throw which ? explainLocatorError(err, which, locator!) : err;
    }
  }

  /** Every child of a level, paged internally. */
  children(locator: AssetLocator | undefined, options: { pageSize?: number; signal?: AbortSignal; includeEventTypes?: boolean } = {}): AsyncIterable<Asset> {
    const limit = checkInteger('pageSize', options.pageSize, 1, CORE_MAX_PAGE, CORE_MAX_PAGE);
    allowAtMostOne(locator ?? {}, ASSET_LOCATORS);
    return paginate(0, async (offset: number) => {
      const level = await this.level(locator, { limit, offset, signal: options.signal, includeEventTypes: options.includeEventTypes });
      const next = offset + level.children.length;
      return { items: level.children, total: level.fullSize, next: next < level.fullSize ? next : undefined };
    });
  }

  /** The asset exactly one locator names; unknown and ambiguous names are ValidationErrors naming the locator. */
  async asset(locator: AssetLocator, signal?: AbortSignal): Promise<Asset> {
    requireExactlyOne(locator, ASSET_LOCATORS);
    const level = await this.level(locator, { limit: 1, signal });
    if (!level.asset) throw new ValidationError('assetId|assetName|namesPath', 'did not locate an asset');
    return level.asset;
  }

  /** The asset id for a locator (no request when the id is given). */
  async assetId(locator: AssetLocator, signal?: AbortSignal): Promise<string> {
    const which = requireExactlyOne(locator, ASSET_LOCATORS);
    if (which === 'assetId') return checkText('assetId', locator.assetId, 1000)!;
    return (await this.asset(locator, signal)).id;
  }

  /** All attributes of an asset, optionally of some types only. */
  async attributes(assetId: string, types?: readonly AttributeType[], signal?: AbortSignal): Promise<AssetAttribute[]> {
    try {
      return await this.all<AssetAttribute>(this.routes.attributes(assetId), { types: types?.join(',') }, signal);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new ValidationError('assetId', `no asset with id "${assetId}"`);
      throw err;
    }
  }

  /**
   * One attribute by name in an asset. Several attributes of the same name → error listing their ids;
   * none → error listing the names that exist (of the wanted types).
   */
  async attributeByName(assetId: string, name: string, parameter: string, types?: readonly AttributeType[], signal?: AbortSignal): Promise<AssetAttribute> {
    const all = await this.attributes(assetId, types, signal);
    const found = all.filter((a) => a.name === name);
    if (found.length === 1) return found[0];
    const kind = types ? `${types.join('/')} ` : '';
    if (found.length === 0) {
      const names = all.map((a) => a.name);
      throw new ValidationError(parameter, `no ${kind}attribute named "${name}" in asset ${assetId}${names.length ? `; it has: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}` : ' (it has none)'}`);
    }
    throw new ValidationError(parameter, `"${name}" names ${found.length} ${kind}attributes in asset ${assetId} (${found.map((a) => `${a.id}: ${a.type}`).join(', ')}); use the attribute id`);
  }

  /** An attribute by id alone (ids are unique in the organization). */
  async attributeById(attributeId: string, parameter = 'attributeId', signal?: AbortSignal): Promise<AssetAttribute & { namesPath?: string[] }> {
    checkText(parameter, attributeId, 1000);
    try {
      return await this.http.get(this.routes.attribute(undefined, attributeId), { signal, expect: shapes.entity });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new ValidationError(parameter, `no attribute with id "${attributeId}"`);
      throw err;
    }
  }

  /** `[...assetNamesPath, attributeName]` → the attribute (checked to be of `types` when given). */
  async attributeByPath(namesPath: readonly string[], types?: readonly AttributeType[], signal?: AbortSignal, parameter = 'namesPath'): Promise<AssetAttribute> {
    checkNamesPath(parameter, namesPath, 2);
    const asset = await this.asset({ namesPath: namesPath.slice(0, -1) }, signal).catch((err: unknown) => {
      throw err instanceof ValidationError ? new ValidationError(parameter, err.message.replace(/^[^:]+: /, '')) : err;
    });
    return this.attributeByName(asset.id, namesPath[namesPath.length - 1], parameter, types, signal);
  }
}

function locatorQuery(locator: AssetLocator | undefined, which: (typeof ASSET_LOCATORS)[number] | undefined): Record<string, QueryValue> {
  if (!locator || !which) return {};
  if (which === 'assetId') return { assetId: checkText('assetId', locator.assetId, 1000) };
  if (which === 'assetName') return { assetName: checkText('assetName', locator.assetName, 1000) };
  // Repeated parameters keep names containing "/" intact.
  return { namesPath: checkNamesPath('namesPath', locator.namesPath!) };
}

/** Turns the server's 404/400 for a locator into a ValidationError that names it (and keeps the candidates it lists). */
function explainLocatorError(err: unknown, which: (typeof ASSET_LOCATORS)[number], locator: AssetLocator): unknown {
  if (!(err instanceof HttpError)) return err;
  if (err.status === 404) {
    if (which === 'assetName') return new ValidationError('assetName', `no asset named "${locator.assetName}"`);
    if (which === 'namesPath') return new ValidationError('namesPath', `no asset at names path "${locator.namesPath!.join(' / ')}"`);
    return new ValidationError('assetId', `no asset with id "${locator.assetId}"`);
  }
  if (err.status === 400 && which === 'assetName') {
    return new ValidationError('assetName', `"${locator.assetName}" is ambiguous: ${err.platformMessage}`);
  }
  return err;
}
