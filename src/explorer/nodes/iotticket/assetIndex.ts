/**
 * Index of the IoT-TICKET asset tree for "Go to…" and filters: every asset's id, name and parent,
 * fetched once with get_all_assets at the largest page size, with names paths computed from the
 * parent links. Kept per session for `iotExplorer.goTo.indexMaxAgeMinutes`; concurrent searches share
 * one build, and a cancelled search does not cancel the build others wait on.
 */
import * as vscode from 'vscode';
import type { IotTicketSession } from '../../../connections/sessionManager';
import type { ExplorerLog } from '../../../log';
import { raceAbort } from '../../../platforms/http';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';
import { mapConcurrent } from '../../../platforms/http';

const PAGE = 1000;

export interface IndexedAsset {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

export class AssetIndex {
  private readonly byId = new Map<string, IndexedAsset>();
  private readonly pathTexts = new Map<string, string>();

  constructor(
    readonly assets: readonly IndexedAsset[],
    readonly builtAt: number,
    readonly buildMs: number,
  ) {
    for (const a of assets) this.byId.set(a.id, a);
  }

  get(id: string): IndexedAsset | undefined {
    return this.byId.get(id);
  }

  /** The chain from the root to the asset (inclusive). */
  chain(id: string): IndexedAsset[] {
    const out: IndexedAsset[] = [];
    const seen = new Set<string>();
    for (let a = this.byId.get(id); a && !seen.has(a.id); a = a.parentId ? this.byId.get(a.parentId) : undefined) {
      seen.add(a.id);
      out.unshift(a);
    }
    return out;
  }

  namesPath(id: string): string[] {
    return this.chain(id).map((a) => a.name);
  }

  /** "Plant / Line 1 / Pump 3", computed once per asset (searches match against it). */
  pathText(id: string): string {
    let text = this.pathTexts.get(id);
    if (text === undefined) {
      const a = this.byId.get(id);
      text = a?.parentId ? `${this.pathText(a.parentId)} / ${a.name}` : (a?.name ?? '');
      this.pathTexts.set(id, text);
    }
    return text;
  }
}

const cache = new WeakMap<IotTicketSession, Promise<AssetIndex>>();

export async function assetIndex(session: IotTicketSession, log: ExplorerLog, signal: AbortSignal): Promise<AssetIndex> {
  const maxAgeMs = vscode.workspace.getConfiguration('iotExplorer').get<number>('goTo.indexMaxAgeMinutes', 10) * 60_000;
  const cached = cache.get(session);
  if (cached) {
    const index = await raceAbort(cached, signal).catch((err: unknown) => {
      if (signal.aborted) throw err;
      return undefined;
    });
    if (index && Date.now() - index.builtAt <= maxAgeMs) return index;
  }
  const build = buildIndex(session, log);
  cache.set(session, build);
  build.catch(() => {
    if (cache.get(session) === build) cache.delete(session);
  });
  return raceAbort(build, signal);
}

/** Forgets the index of a session (after a refresh of the tree). */
export function dropAssetIndex(session: IotTicketSession): void {
  cache.delete(session);
}

async function buildIndex(session: IotTicketSession, log: ExplorerLog): Promise<AssetIndex> {
  const started = Date.now();
  const access = new AssetApiAccess(assetApiOf(session));
  // The first page tells the size; the rest are fetched a few at a time.
  const first = await access.allAssets(0, PAGE);
  const offsets: number[] = [];
  for (let o = first.items.length; o < first.total; o += PAGE) offsets.push(o);
  const rest = await mapConcurrent(offsets, 4, (offset) => access.allAssets(offset, PAGE));
  const assets: IndexedAsset[] = [];
  for (const page of [first, ...rest]) for (const a of page.items) assets.push({ id: a.id, name: a.name, parentId: a.parentId ?? null });
  const ms = Date.now() - started;
  log.info(`Indexed ${assets.length} assets of "${session.profile.label}" in ${ms} ms`);
  return new AssetIndex(assets, Date.now(), ms);
}
