/** Route registration and request helpers shared by the asset API (surface C, `/core/v1`) modules. */
import type { RequestContext, RouteOptions, Router } from '../router';
import { byNamesPath, namesPathOf } from './assets';
import { requireUser } from './auth';
import { badInput, notFound } from './envelope';
import type { IotTicketModel } from './model';
import type { AssetRecord, AttributeRecord, User } from './types';

export const CORE = '/core/v1';
/** Paging of asset API lists (spec §5.2). */
export const ASSET_API_PAGE = { default: 100, max: 1000 };

export type AssetApiHandler = (ctx: RequestContext, model: IotTicketModel, user: User) => Promise<void> | void;

export interface AssetApiRouter {
  readonly base: () => string;
  /** The current model (for limits a route needs before its handler runs). */
  readonly state: () => IotTicketModel;
  route(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, handler: AssetApiHandler, options?: RouteOptions): void;
}

export function coreApi(router: Router, state: () => IotTicketModel, base: () => string): AssetApiRouter {
  return {
    base,
    state,
    route(method, path, handler, options) {
      router[method](`${CORE}${path}`, (ctx) => {
        const model = state();
        return handler(ctx, model, requireUser(ctx, model));
      }, options);
    },
  };
}

/** A JSON object body or 400. */
export async function objectBody(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await ctx.json<unknown>();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badInput('Body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * `namesPath` as repeated parameters (`namesPath=Site&namesPath=Line 1`), a JSON array, or one "/"-separated
 * string (`Site/Line 1`) — the last cannot express names containing "/", the other two can.
 */
export function parseNamesPath(query: URLSearchParams): string[] | undefined {
  const all = query.getAll('namesPath');
  if (all.length === 0) return undefined;
  if (all.length > 1) return all;
  const raw = all[0];
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed;
    } catch {
      // fall through to the error below
    }
    throw badInput('namesPath as JSON must be an array of strings');
  }
  return raw.split('/').filter((s) => s.length > 0);
}

/** The asset a name must name uniquely; ambiguous → 400 listing the candidates, unknown → 404. */
export function assetByName(model: IotTicketModel, name: string): AssetRecord {
  const found = model.assets.byName(name);
  if (found.length === 0) throw notFound(`No asset named "${name}"`);
  if (found.length > 1) {
    const list = found.slice(0, 10).map((a) => `${a.id} (${namesPathOf(model.assets, a.id).join('/')})`).join(', ');
    throw badInput(`Asset name "${name}" is not unique (${found.length} assets: ${list}); use assetId or namesPath`);
  }
  return found[0];
}

export function assetById(model: IotTicketModel, id: string): AssetRecord {
  const asset = model.assets.get(id);
  if (!asset) throw notFound(`No asset with id "${id}"`);
  return asset;
}

/** At most one of assetId / assetName / namesPath; undefined when none is given. */
export function locateAsset(model: IotTicketModel, query: URLSearchParams): AssetRecord | undefined {
  const id = query.get('assetId');
  const name = query.get('assetName');
  const path = parseNamesPath(query);
  const given = [id, name, path].filter((v) => v !== null && v !== undefined).length;
  if (given > 1) throw badInput('Give at most one of assetId, assetName and namesPath');
  if (id !== null) return assetById(model, id);
  if (name !== null) return assetByName(model, name);
  if (path) {
    const asset = byNamesPath(model.assets, path);
    if (!asset) throw notFound(`No asset at names path "${path.join('/')}"`);
    return asset;
  }
  return undefined;
}

/**
 * An attribute from route params: `/assets/{assetId}/attributes/{attributeId}` (must belong to the asset) or
 * `/attributes/{attributeId}` (attribute ids are unique in the organization).
 */
export function routeAttribute(model: IotTicketModel, params: Record<string, string>): AttributeRecord {
  const attr = model.assets.attribute(params.attributeId);
  if (params.assetId !== undefined) assetById(model, params.assetId);
  if (!attr || (params.assetId !== undefined && attr.assetId !== params.assetId)) {
    throw notFound(`No attribute "${params.attributeId}"${params.assetId ? ` in asset ${params.assetId}` : ''}`);
  }
  return attr;
}

/** Both spellings of an attribute route (see routeAttribute). */
export const ATTRIBUTE_ROUTES = ['/assets/:assetId/attributes/:attributeId', '/attributes/:attributeId'] as const;
