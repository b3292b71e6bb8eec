/**
 * The Go to… index kept on disk between sessions (issue 17 §4), so that the first search in a new
 * window answers from the last build while a fresh one runs. One file per connection, server and user,
 * in the extension's global storage: named by hashes (no connection name or host in a file name), owner-
 * only, replaced only once completely written, and deleted with its connection. Reading and writing run
 * in the index worker (indexWorkerClient.ts). vscode-free.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AssetIndex } from './assetIndexCore';
import { loadStored, saveStored } from './indexWorkerClient';

export interface StoredIndexKey {
  readonly connectionId: string;
  /** Where the assets come from: the asset API's URL (or the bridge) and the user. */
  readonly source: string;
  readonly username: string;
}

const EXT = '.goto-index';
const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** The file of a connection's stored index: `<hash of the connection id>-<hash of source and user>.goto-index`. */
export function storedIndexFile(dir: string, key: StoredIndexKey): string {
  return join(dir, `${hash(key.connectionId)}-${hash(JSON.stringify([key.source, key.username]))}${EXT}`);
}

/** The connection's part of a stored index's file name (the hash before the dash, see storedIndexFile). */
const connectionPart = (fileName: string): string => fileName.split('-')[0];

/** Whether a stored index exists for the file (a cheap check before choosing to restore). */
export function hasStoredIndex(file: string): boolean {
  return existsSync(file);
}

/**
 * Fills `index` from its stored file, chunk by chunk (searches see it grow as during a build); it ends
 * complete, with the stored build's time. A cut or unreadable file is deleted and the error thrown.
 */
export async function restoreIndex(file: string, index: AssetIndex): Promise<void> {
  let header;
  try {
    header = await loadStored(file, (page) => index.add(page));
  } catch (err) {
    index.finish(err);
    await rm(file, { force: true });
    throw err;
  }
  if (!header) {
    const err = new Error('no worker thread to read it');
    index.finish(err);
    throw err;
  }
  index.builtAt = header.builtAt;
  index.restoredFrom = header.builtAt;
  index.finish();
}

/** Writes a complete index, then deletes the connection's other stored indexes (another server or user). */
export async function storeIndex(file: string, index: AssetIndex): Promise<boolean> {
  const saved = await saveStored(file, index.storedChunks(), { format: 'iot-explorer-goto-index', version: 2, total: index.total ?? index.size, size: index.size, builtAt: index.builtAt });
  if (!saved) return false;
  const own = connectionPart(basename(file));
  const others = (await readdir(dirname(file))).filter((f) => connectionPart(f) === own && f.endsWith(EXT) && f !== basename(file));
  await Promise.all(others.map((f) => rm(join(dirname(file), f), { force: true })));
  return true;
}

/** A write older than this that never completed was cut (another window may be writing a newer one). */
const CUT_WRITE_MS = 24 * 3600_000;

/** Deletes the stored indexes of connections that no longer exist, and writes cut long ago. */
export async function pruneStoredIndexes(dir: string, connectionIds: readonly string[]): Promise<void> {
  const keep = new Set(connectionIds.map(hash));
  const files = await readdir(dir).catch(() => [] as string[]);
  const cut = async (f: string): Promise<boolean> => f.endsWith('.tmp') && Date.now() - (await stat(join(dir, f)).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > CUT_WRITE_MS;
  const stale = [];
  for (const f of files) if ((f.endsWith(EXT) && !keep.has(connectionPart(f))) || (await cut(f))) stale.push(f);
  await Promise.all(stale.map((f) => rm(join(dir, f), { force: true })));
}
