/**
 * Worker thread of the Go to… index (indexWorkerClient.ts starts it): parses get_all_assets pages and
 * packs them for their index build (packedChunk.ts), and reads and writes the stored index
 * (indexStore.ts). Neither JSON.parse of a million short ids (V8 internalizes strings of up to 10
 * characters, and its string table's resizes block 30–90 ms), nor a build's id map, nor a 30 MB file
 * runs on the extension host's thread, which receives a few strings and typed arrays per page.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { IndexReply, IndexRequest, StoredIndexHeader } from './indexWorkerProtocol';
import { buildIn, checkStoredChunk, pageItems, storedLine, type BuildState, type PackedChunk, type PackedPage } from './packedChunk';

const builds = new Map<number, BuildState>();
/** Stores being written: request id → temporary file, its descriptor, the final name, the first error. */
const saving = new Map<number, { fd: number; tmp: string; file: string; error?: string }>();
/** Stored indexes being read: load id → the file, where each chunk line starts, its header, the next line, the next chunk (parsed ahead). */
const loading = new Map<number, { bytes: Buffer; starts: number[]; header: StoredIndexHeader; next: number; size: number; ahead?: PackedChunk }>();

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function reply(r: IndexReply): void {
  // The typed arrays move to the host rather than being copied.
  const moved = 'chunk' in r ? [r.chunk.idEnds.buffer, r.chunk.nameEnds.buffer, r.chunk.parents.buffer, r.fixups.buffer] : [];
  parentPort?.postMessage(r, moved as ArrayBuffer[]);
}

function checkHeader(value: unknown): StoredIndexHeader {
  const h = value as Partial<StoredIndexHeader> | null;
  if (!h || h.format !== 'iot-explorer-goto-index' || h.version !== 2 || typeof h.size !== 'number' || typeof h.total !== 'number' || typeof h.builtAt !== 'number') {
    throw new Error('the stored index is incomplete or of another version');
  }
  return h as StoredIndexHeader;
}

function chunkAt(l: { bytes: Buffer; starts: number[]; header: StoredIndexHeader }, at: number): PackedChunk {
  return checkStoredChunk(JSON.parse(l.bytes.toString('utf8', l.starts[at], l.starts[at + 1] - 1)), l.header.size);
}

/** Replies with the load's next chunk and parses the one after while the host adds it; the header at the end. */
function loadNext(id: number): void {
  const l = loading.get(id);
  if (!l) throw new Error('no stored index is being read');
  const lines = l.starts.length - 1;
  const chunk = l.ahead ?? (l.next < lines ? chunkAt(l, l.next) : undefined);
  l.ahead = undefined;
  if (!chunk) {
    loading.delete(id);
    if (l.size !== l.header.size) throw new Error(`the stored index holds ${l.size} assets, its header says ${l.header.size}`);
    reply({ id, loaded: l.header });
    return;
  }
  l.next++;
  const first = l.size;
  l.size += chunk.idEnds.length;
  reply({ id, chunk, fixups: new Int32Array(0), total: l.header.total, listed: chunk.idEnds.length, first });
  if (l.next < lines) {
    try {
      l.ahead = chunkAt(l, l.next);
    } catch {
      // Reported when asked for, by parsing it again.
    }
  }
}

/** Opens a stored index: its last line must be the header (a cut file has none). */
function load(id: number, file: string): void {
  const bytes = readFileSync(file);
  // Where each line starts; the last entry is one past the end of the chunk lines.
  const starts = [0];
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) starts.push(at + 1);
  if (starts.at(-1) !== bytes.length || starts.length < 2) throw new Error('the stored index is incomplete or of another version');
  const headerStart = starts[starts.length - 2];
  const header = checkHeader(JSON.parse(bytes.toString('utf8', headerStart, bytes.length - 1)));
  starts.pop();
  loading.set(id, { bytes, starts, header, next: 0, size: 0 });
  loadNext(id);
}

function packed(id: number, page: PackedPage): void {
  reply({ id, ...page });
}

function handle(request: IndexRequest): void {
  const { id } = request;
  switch (request.kind) {
    case 'page': {
      const { total, items } = pageItems(request.bytes);
      packed(id, buildIn(builds, request.build).pack(items, total));
      return;
    }
    case 'items':
      packed(id, buildIn(builds, request.build).pack(request.items, request.total));
      return;
    case 'endBuild':
      builds.delete(request.build);
      return;
    case 'load':
      load(id, request.file);
      return;
    case 'loadNext':
      loadNext(id);
      return;
    case 'saveStart': {
      const tmp = `${request.file}.${process.pid}-${id}.tmp`;
      mkdirSync(dirname(tmp), { recursive: true, mode: 0o700 });
      saving.set(id, { fd: openSync(tmp, 'w', 0o600), tmp, file: request.file });
      return;
    }
    case 'saveChunk': {
      const s = saving.get(id);
      if (!s || s.error) return;
      try {
        writeSync(s.fd, `${storedLine(request.chunk)}\n`);
      } catch (err) {
        s.error = messageOf(err);
      }
      return;
    }
    case 'saveEnd': {
      const s = saving.get(id);
      saving.delete(id);
      if (!s) throw new Error('no store is being written');
      let open = true;
      try {
        if (s.error) throw new Error(s.error);
        writeSync(s.fd, `${JSON.stringify(request.header)}\n`);
        closeSync(s.fd);
        open = false;
        renameSync(s.tmp, s.file);
      } catch (err) {
        if (open) closeSync(s.fd);
        rmSync(s.tmp, { force: true });
        throw err;
      }
      reply({ id, saved: true });
      return;
    }
  }
}

parentPort?.on('message', (request: IndexRequest) => {
  try {
    handle(request);
  } catch (err) {
    loading.delete(request.id);
    reply({ id: request.id, error: messageOf(err) });
  }
});
