/**
 * What the Python-backed sub-clients share: das calls with snake_case keyword arguments (undefined ones
 * left out, so the SDK's defaults apply), the tolerant mapper, short-lived copies of whole lists that
 * pages are cut from (das returns lists whole), and the assets seen so far (das has no asset-by-id call).
 */
import { CancelledError, type Logger } from '../../http';
import { formatIso, toEpochMs, type TimeInput } from '../time';
import type { Asset } from '../types';
import { Mapper } from './mapping';
import type { PythonBackend } from './pythonBackend';
import { encodeArgument } from './wire';

export interface PyContextOptions {
  /** The organization calls default to (das' default organization otherwise). */
  readonly organizationId?: string;
  /** Tenant for device user names (`deviceId@tenant`) when a write gives none. */
  readonly tenant?: string;
  /** How long a whole list fetched for paging is reused for the next pages; default 30 s. Page 0 always refetches. */
  readonly listCacheMs?: number;
}

const KNOWN_ASSETS_MAX = 100_000;

export class PyContext {
  readonly mapper: Mapper;
  private readonly lists = new Map<string, { at: number; value: Promise<unknown> }>();
  private readonly assets = new Map<string, Asset>();

  constructor(readonly backend: PythonBackend, readonly options: PyContextOptions, readonly logger: Logger) {
    this.mapper = new Mapper(logger);
  }

  /** `client.method(**kwargs)` of das; undefined keyword arguments are left out. */
  call(group: string, method: string, kwargs: Readonly<Record<string, unknown>> = {}, options: { signal?: AbortSignal; args?: readonly unknown[]; capture?: boolean; timeoutMs?: number } = {}): Promise<unknown> {
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(kwargs)) if (v !== undefined) clean[k] = encodeArgument(v);
    return this.backend.call(method, { group, kwargs: clean, args: options.args?.map(encodeArgument), capture: options.capture, signal: options.signal, timeoutMs: options.timeoutMs });
  }

  /** A property of das (`asset_event_active_count`, `analytics_items_count`). */
  property(group: string, name: string, signal?: AbortSignal): Promise<unknown> {
    return this.backend.call(name, { group, property: true, signal });
  }

  /**
   * A whole list for paging: page 0 (`fresh`) fetches it; later pages reuse it for `listCacheMs`, so a
   * level of 10,000 children is fetched once, not once per page.
   */
  async cachedList<T>(key: string, fresh: boolean, load: () => Promise<T[]>, signal?: AbortSignal): Promise<T[]> {
    const hit = this.lists.get(key);
    const maxAge = this.options.listCacheMs ?? 30_000;
    if (!fresh && hit && Date.now() - hit.at < maxAge) return abortable(hit.value as Promise<T[]>, signal);
    const value = load();
    this.lists.set(key, { at: Date.now(), value });
    value.catch(() => this.lists.delete(key));
    return value;
  }

  /** Remembers assets by id, so that a level below an asset id can say which asset it is. */
  remember(assets: readonly Asset[]): void {
    for (const a of assets) {
      if (!a.id) continue;
      if (this.assets.size >= KNOWN_ASSETS_MAX && !this.assets.has(a.id)) this.assets.delete(this.assets.keys().next().value!);
      this.assets.set(a.id, a);
    }
  }

  knownAsset(id: string): Asset | undefined {
    return this.assets.get(id);
  }
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return promise;
}

/** A time for das: ISO-8601 UTC text, which the reference accepts everywhere ("If str, given in ISO8601 format"). */
export function sdkTime(value: TimeInput | undefined, parameter: string): string | undefined {
  return value === undefined ? undefined : formatIso(toEpochMs(value, parameter));
}
