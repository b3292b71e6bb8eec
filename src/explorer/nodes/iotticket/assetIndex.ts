/**
 * The Go to… index of each IoT-TICKET session (sessionIndex.ts holds its life: restored, built,
 * refreshed, stored; assetIndexCore.ts the index and its scan). Searches read it while it grows, later
 * searches reuse it; a cancelled search does not cancel the build others use. With
 * `iotExplorer.goTo.storeIndex` the index is kept in the extension's global storage between sessions.
 */
import * as vscode from 'vscode';
import type { IotTicketSession } from '../../../connections/sessionManager';
import type { ExplorerLog } from '../../../log';
import type { AssetIndex } from './assetIndexCore';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';
import { storedIndexFile } from './indexStore';
import { SessionIndex } from './sessionIndex';

export { AssetIndex, type IndexedAsset } from './assetIndexCore';

const cache = new WeakMap<IotTicketSession, SessionIndex>();

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('iotExplorer');
}

/** `iotExplorer.goTo.storeIndex`, read when a session's index starts and again before each store. */
function storing(): boolean {
  return config().get<boolean>('goTo.storeIndex', true);
}

/**
 * The session's index as it is now, possibly still growing (see `AssetIndex.complete`); starts its
 * build (or restore), or its refresh when it is older than the configured age. `storeDir` is where
 * stored indexes live (undefined: memory only).
 */
export function liveAssetIndex(session: IotTicketSession, log: ExplorerLog, storeDir: string | undefined): AssetIndex {
  let entry = cache.get(session);
  if (!entry) {
    const { profile } = session;
    const store = storeDir !== undefined && storing();
    entry = new SessionIndex({
      access: new AssetApiAccess(assetApiOf(session)),
      label: profile.label,
      log,
      storeFile: store ? storedIndexFile(storeDir, { connectionId: profile.id, source: profile.assetApi === 'python' ? 'python' : (session.coreBaseUrl ?? ''), username: session.username }) : undefined,
      keepStoring: storing,
      maxAgeMs: () => config().get<number>('goTo.indexMaxAgeMinutes', 10) * 60_000,
    });
    cache.set(session, entry);
  }
  return entry.live();
}
