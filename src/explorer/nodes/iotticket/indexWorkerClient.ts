/**
 * The extension host's side of the Go to… index worker (indexWorker.ts): one worker for every index,
 * started on first use and stopped when idle. Where no worker can start, pages are packed on this thread
 * and nothing is stored. The worker's file is `index-worker.js` beside the bundle (dist/, out/bench/) or
 * the transpiled `indexWorker.js` beside this file (the test tiers).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexReply, IndexRequest, StoredIndexHeader } from './indexWorkerProtocol';
import { buildIn, pageItems, type AssetItem, type BuildState, type PackedChunk, type PackedPage } from './packedChunk';

/** The worker ends after this long without a request (an index build sends one every few ms). */
const IDLE_MS = 15_000;

interface Pending {
  resolve(reply: IndexReply): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let unavailable = false;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function workerFile(): string | undefined {
  return ['index-worker.js', 'indexWorker.js'].map((f) => join(__dirname, f)).find((f) => existsSync(f));
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  for (const b of activeBuilds) brokenBuilds.add(b);
}

function onReply(reply: IndexReply): void {
  const p = pending.get(reply.id);
  if (!p) return;
  pending.delete(reply.id);
  if ('error' in reply) p.reject(new Error(reply.error));
  else p.resolve(reply);
}

function start(): Worker | undefined {
  if (worker || unavailable) return worker;
  const file = workerFile();
  if (!file) {
    unavailable = true;
    return undefined;
  }
  try {
    const w = new Worker(file);
    w.unref();
    w.on('message', onReply);
    // A worker stopped by stopIndexWorker had nothing pending; only the current one's end fails requests.
    w.on('error', (err) => {
      if (worker !== w) return;
      worker = undefined;
      failAll(err);
    });
    w.on('exit', () => {
      if (worker !== w) return;
      worker = undefined;
      failAll(new Error('the index worker stopped'));
    });
    worker = w;
  } catch {
    unavailable = true;
  }
  return worker;
}

/** (Re)starts the countdown after which an idle worker is stopped. */
function stopWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(stopIndexWorker, IDLE_MS);
  idleTimer.unref();
}

/** Sends a request (under a new id, or `id` to continue a load); resolves with its reply. Undefined when no worker runs. */
function send(request: (id: number) => IndexRequest, transfer: ArrayBuffer[] = [], id = nextId++): Promise<IndexReply> | undefined {
  const w = start();
  if (!w) return undefined;
  stopWhenIdle();
  return new Promise<IndexReply>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(request(id), transfer);
  });
}

/** Whether the worker runs requests (false once it could not start: pages are parsed on this thread). */
export function workerAvailable(): boolean {
  return !unavailable;
}

let nextBuild = 0;
/** Builds packed here because no worker runs. */
const localBuilds = new Map<number, BuildState>();
/** Builds whose positions live in the worker: it is not stopped while one runs, and one that ends with them breaks them. */
const activeBuilds = new Set<number>();
const brokenBuilds = new Set<number>();

/** A new index build: its pages get positions in the order they are packed. */
export function startBuild(): number {
  const build = nextBuild++;
  activeBuilds.add(build);
  return build;
}

/** Ends a build: the worker forgets its positions. */
export function endBuild(build: number): void {
  activeBuilds.delete(build);
  brokenBuilds.delete(build);
  localBuilds.delete(build);
  worker?.postMessage({ id: -1, kind: 'endBuild', build } satisfies IndexRequest);
}

function checkBuild(build: number): void {
  if (brokenBuilds.has(build)) throw new Error('the index worker stopped during the build');
}

function packHere(build: number, items: readonly AssetItem[], total: number): PackedPage {
  return buildIn(localBuilds, build).pack(items, total);
}

function packedOf(reply: IndexReply): PackedPage {
  if (!('chunk' in reply)) throw new Error('the index worker answered a page with something else');
  return reply;
}

/** One page's JSON body packed for `build`; the bytes' buffer is handed to the worker (unusable afterwards). */
export async function packPage(build: number, bytes: Uint8Array): Promise<PackedPage> {
  checkBuild(build);
  // A buffer shared with others (a pooled or sliced one) is copied rather than moved.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const sent = send((id) => ({ id, kind: 'page', build, bytes }), whole ? [bytes.buffer as ArrayBuffer] : []);
  if (!sent) {
    const { total, items } = pageItems(bytes);
    return packHere(build, items, total);
  }
  return packedOf(await sent);
}

/** A decoded page (the das bridge) packed for `build`. */
export async function packItems(build: number, items: readonly AssetItem[], total: number): Promise<PackedPage> {
  checkBuild(build);
  const sent = send((id) => ({ id, kind: 'items', build, items, total }));
  return sent ? packedOf(await sent) : packHere(build, items, total);
}

/**
 * Reads a stored index a chunk at a time, each to `onChunk` before the next is asked for (so each is a
 * task of its own on this thread); resolves with its header. Undefined without a worker.
 */
export async function loadStored(file: string, onChunk: (page: PackedPage) => void): Promise<StoredIndexHeader | undefined> {
  let load = -1;
  let reply = await send((id) => ((load = id), { id, kind: 'load', file }));
  if (!reply) return undefined;
  while ('chunk' in reply) {
    onChunk(reply);
    const next = send(() => ({ id: load, kind: 'loadNext' }), [], load);
    if (!next) throw new Error('the index worker stopped');
    reply = await next;
  }
  if (!('loaded' in reply)) throw new Error('the index worker answered a load with something else');
  return reply.loaded;
}

/**
 * Writes a stored index: the chunks one message each (each a short copy on this thread, with a turn of
 * the event loop between), then the header; the file replaces the old one only once complete.
 */
export async function saveStored(file: string, chunks: Iterable<PackedChunk>, header: StoredIndexHeader): Promise<boolean> {
  let session = -1;
  const done = send((id) => ((session = id), { id, kind: 'saveStart', file }));
  if (!done) return false;
  const w = worker;
  for (const chunk of chunks) {
    if (worker !== w || !w) break;
    w.postMessage({ id: session, kind: 'saveChunk', chunk } satisfies IndexRequest);
    await new Promise((resolve) => setImmediate(resolve));
  }
  w?.postMessage({ id: session, kind: 'saveEnd', header } satisfies IndexRequest);
  await done;
  return true;
}

/** Ends the worker once nothing waits for it; the next request starts another. */
export function stopIndexWorker(): void {
  if (pending.size > 0 || activeBuilds.size > 0) {
    stopWhenIdle();
    return;
  }
  const w = worker;
  worker = undefined;
  if (w) void w.terminate();
}
