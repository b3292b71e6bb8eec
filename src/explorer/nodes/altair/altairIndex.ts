/**
 * Index of thing titles of an Altair space for partial-name search (the API filters titles by exact
 * match only). Built by paging the things list at the largest page size, kept per session for
 * `iotExplorer.goTo.indexMaxAgeMinutes`, and shared by concurrent searches.
 */
import * as vscode from 'vscode';
import type { AltairSession } from '../../../connections/sessionManager';
import type { ConnectionContext } from '../../connectionContext';
import { raceAbort } from '../../../platforms/http';

export interface AltairIndexEntry {
  readonly uid: string;
  readonly title: string;
  readonly categories?: readonly string[];
}

interface AltairIndex {
  readonly entries: readonly AltairIndexEntry[];
  readonly builtAt: number;
  readonly ms: number;
}

const cache = new WeakMap<AltairSession, Promise<AltairIndex>>();

export async function altairIndex(connection: ConnectionContext, session: AltairSession, signal: AbortSignal): Promise<AltairIndex> {
  const maxAgeMs = vscode.workspace.getConfiguration('iotExplorer').get<number>('goTo.indexMaxAgeMinutes', 10) * 60_000;
  const cached = cache.get(session);
  if (cached) {
    const index = await cached.catch(() => undefined);
    if (index && Date.now() - index.builtAt <= maxAgeMs) return index;
  }
  // Built with its own signal: a cancelled quick pick must not poison the shared index.
  const build = (async (): Promise<AltairIndex> => {
    const started = Date.now();
    const entries: AltairIndexEntry[] = [];
    for await (const t of session.api.spaces(session.space).things().paginate({ limit: 1000 })) {
      entries.push({ uid: t.uid, title: t.title ?? t.uid, categories: t.categories });
    }
    const ms = Date.now() - started;
    connection.services.log.info(`Indexed ${entries.length} things of space "${session.space}" in ${ms} ms`);
    return { entries, builtAt: Date.now(), ms };
  })();
  cache.set(session, build);
  build.catch(() => cache.delete(session));
  return raceAbort(build, signal);
}
