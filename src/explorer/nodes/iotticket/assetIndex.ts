/**
 * Index of the IoT-TICKET asset tree for "Go to…" and filters (assetIndexCore.ts holds the index and
 * its scan). One per session: searches read it while it is being built (matches stream in as pages
 * arrive), later searches reuse it, and once it is older than `iotExplorer.goTo.indexMaxAgeMinutes` a
 * new one is built in the background while the old one keeps answering. A cancelled search does not
 * cancel the build others use.
 */
import * as vscode from 'vscode';
import type { IotTicketSession } from '../../../connections/sessionManager';
import type { ExplorerLog } from '../../../log';
import { errorMessage, raceAbort } from '../../../platforms/http';
import { AssetIndex, buildIndex } from './assetIndexCore';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';

export { AssetIndex, type IndexedAsset } from './assetIndexCore';

interface Entry {
  /** The index searches use: complete, or the first one while it is built. */
  current: AssetIndex;
  /** A newer index being built to replace `current`. */
  refreshing?: AssetIndex;
}

const cache = new WeakMap<IotTicketSession, Entry>();

/**
 * The session's index as it is now, possibly still growing (see `AssetIndex.complete`); starts its
 * build, or its refresh when it is older than the configured age.
 */
export function liveAssetIndex(session: IotTicketSession, log: ExplorerLog): AssetIndex {
  const maxAgeMs = vscode.workspace.getConfiguration('iotExplorer').get<number>('goTo.indexMaxAgeMinutes', 10) * 60_000;
  const entry = cache.get(session);
  if (!entry || entry.current.failed !== undefined) {
    const index = start(session, log);
    cache.set(session, { current: index });
    return index;
  }
  if (entry.current.complete && !entry.refreshing && Date.now() - entry.current.builtAt > maxAgeMs) {
    const fresh = start(session, log);
    entry.refreshing = fresh;
    void fresh.grown().then(async function swap(): Promise<void> {
      if (fresh.failed !== undefined) entry.refreshing = undefined;
      else if (fresh.complete) Object.assign(entry, { current: fresh, refreshing: undefined });
      else return fresh.grown().then(swap);
    });
  }
  return entry.current;
}

/** The complete index (built, or waited for). */
export async function assetIndex(session: IotTicketSession, log: ExplorerLog, signal: AbortSignal): Promise<AssetIndex> {
  const index = liveAssetIndex(session, log);
  while (!index.complete) {
    if (index.failed !== undefined) throw index.failed;
    await raceAbort(index.grown(), signal);
  }
  return index;
}

/** Forgets the index of a session (after a refresh of the tree). */
export function dropAssetIndex(session: IotTicketSession): void {
  cache.delete(session);
}

function start(session: IotTicketSession, log: ExplorerLog): AssetIndex {
  const index = new AssetIndex();
  buildIndex(new AssetApiAccess(assetApiOf(session)), index, log, session.profile.label).catch((err: unknown) => {
    log.warn(`Indexing the assets of "${session.profile.label}" failed: ${errorMessage(err)}`);
  });
  return index;
}
