/**
 * IoT-TICKET names paths against the live asset tree (pure: no `vscode`): what a path points at (an
 * attribute, an asset, or which name does not exist), and the names that may come next (completion).
 * Lookups are cached for a short while and shared by concurrent callers; a caller's signal only stops
 * its own wait.
 */
import { isNotFound, raceAbort, ValidationError } from '../platforms/http';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import { IotTicketClient } from '../platforms/iotticket/client';
import type { Asset, AssetAttribute } from '../platforms/iotticket/types';
import type { SessionSource } from './valueBackend';

export type Resolution =
  | { readonly kind: 'attribute'; readonly asset: Asset; readonly assetPath: readonly string[]; readonly attribute: AssetAttribute }
  | { readonly kind: 'asset'; readonly asset: Asset; readonly path: readonly string[] }
  | {
      readonly kind: 'missing';
      /** Index of the first name that does not exist. */
      readonly segment: number;
      readonly message: string;
      /** Names that do exist at that position (a few). */
      readonly available: readonly string[];
    };

export interface NextNames {
  /** Child assets of the position (first page). */
  readonly assets: readonly Asset[];
  /** Attributes of the asset at the position (none at the root). */
  readonly attributes: readonly AssetAttribute[];
  /** How many child assets there are in all. */
  readonly totalAssets: number;
}

/** Most children one level lists for completion and suggestions. */
const LEVEL_PAGE = 1000;

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

export class NamesResolver {
  private readonly cache = new Map<string, Entry<unknown>>();
  /** Requests made (tests read it). */
  requests = 0;

  constructor(
    private readonly sessions: SessionSource,
    private readonly ttlMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** What `path` points at: `[...assetPath, attributeName]`, or an asset's own path. */
  async resolve(connectionId: string, path: readonly string[], signal?: AbortSignal): Promise<Resolution> {
    if (path.length === 0) return { kind: 'missing', segment: 0, message: 'the names path is empty', available: [] };
    if (path.length >= 2) {
      const parent = await this.assetAt(connectionId, path.slice(0, -1), signal);
      if (parent) {
        const attrs = await this.attributes(connectionId, parent.id, signal);
        const name = path[path.length - 1];
        const attribute = attrs.find((a) => a.name === name);
        if (attribute) return { kind: 'attribute', asset: parent, assetPath: path.slice(0, -1), attribute };
        const asset = await this.assetAt(connectionId, path, signal);
        if (asset) return { kind: 'asset', asset, path };
        const children = await this.level(connectionId, parent.id, signal);
        const available = [...attrs.map((a) => a.name), ...children.assets.map((a) => a.name)];
        return {
          kind: 'missing',
          segment: path.length - 1,
          message: `"${path.slice(0, -1).join(' / ')}" has no attribute or child asset named "${name}"`,
          available: available.slice(0, 20),
        };
      }
    } else {
      const asset = await this.assetAt(connectionId, path, signal);
      if (asset) return { kind: 'asset', asset, path };
    }
    // Find the first name that does not exist, walking down from the root.
    let parentId: string | null = null;
    for (let k = 0; k < path.length; k++) {
      const asset = await this.assetAt(connectionId, path.slice(0, k + 1), signal);
      if (asset) {
        parentId = asset.id;
        continue;
      }
      const level = await this.level(connectionId, parentId, signal);
      const where = k === 0 ? 'at the root of the asset tree' : `under "${path.slice(0, k).join(' / ')}"`;
      return { kind: 'missing', segment: k, message: `no asset named "${path[k]}" ${where}`, available: level.assets.map((a) => a.name).slice(0, 20) };
    }
    return { kind: 'missing', segment: path.length - 1, message: `nothing at "${path.join(' / ')}"`, available: [] };
  }

  /** The names that may follow `path` (root assets for an empty path). */
  async next(connectionId: string, path: readonly string[], signal?: AbortSignal): Promise<NextNames> {
    if (path.length === 0) {
      const level = await this.level(connectionId, null, signal);
      return { assets: level.assets, attributes: [], totalAssets: level.total };
    }
    const asset = await this.assetAt(connectionId, path, signal);
    if (!asset) return { assets: [], attributes: [], totalAssets: 0 };
    const [level, attributes] = await Promise.all([this.level(connectionId, asset.id, signal), this.attributes(connectionId, asset.id, signal)]);
    return { assets: level.assets, attributes, totalAssets: level.total };
  }

  /** Whether `name` is a root asset (bare lists of strings count as names paths only then). */
  async isRootName(connectionId: string, name: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.assetAt(connectionId, [name], signal)) !== null;
  }

  /** An attribute by its id alone, with its names path when the platform gives it. */
  attributeById(connectionId: string, attributeId: string, signal?: AbortSignal): Promise<(AssetAttribute & { namesPath?: string[] }) | null> {
    return this.cached(`attr\u0000${connectionId}\u0000${attributeId}`, signal, async () => {
      const core = await this.core(connectionId);
      // An attribute by its id alone is a route of the HTTP asset API; das reads attributes with their asset.
      if (!(core instanceof IotTicketClient)) return null;
      try {
        return await core.http.get<AssetAttribute & { namesPath?: string[] }>(core.routes.attribute(undefined, attributeId));
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    });
  }

  /** Forgets everything (after a refresh of the tree). */
  invalidate(): void {
    this.cache.clear();
  }

  /** The asset at a names path, or null when there is none. */
  assetAt(connectionId: string, path: readonly string[], signal?: AbortSignal): Promise<Asset | null> {
    return this.cached(`asset\u0000${connectionId}\u0000${path.join('\u0000')}`, signal, async () => {
      const core = await this.core(connectionId);
      try {
        const level = await core.assets.getAssetLevel({ namesPath: [...path], limit: 1 });
        return level.asset;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    });
  }

  attributes(connectionId: string, assetId: string, signal?: AbortSignal): Promise<readonly AssetAttribute[]> {
    return this.cached(`attrs\u0000${connectionId}\u0000${assetId}`, signal, async () => (await this.core(connectionId)).assets.getAttributes({ assetId }));
  }

  private level(connectionId: string, parentId: string | null, signal?: AbortSignal): Promise<{ assets: readonly Asset[]; total: number }> {
    return this.cached(`level\u0000${connectionId}\u0000${parentId ?? ''}`, signal, async () => {
      const core = await this.core(connectionId);
      const level = await core.assets.getAssetLevel({ ...(parentId === null ? {} : { assetId: parentId }), limit: LEVEL_PAGE });
      return { assets: level.children, total: level.fullSize };
    });
  }

  private cached<T>(key: string, signal: AbortSignal | undefined, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key) as Entry<T> | undefined;
    if (hit && this.now() - hit.at <= this.ttlMs()) return raceAbort(hit.value, signal);
    this.requests++;
    // Shared by everyone who asks meanwhile, so it runs without any one caller's signal.
    const value = load();
    this.cache.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return raceAbort(value, signal);
  }

  private async core(connectionId: string): Promise<AssetApi> {
    const s = await this.sessions.iotticket(connectionId);
    if (!s.assetApi) throw new ValidationError('coreBaseUrl', 'this connection has no asset API base URL');
    return s.assetApi;
  }
}
