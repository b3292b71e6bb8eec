/**
 * Parses get_all_assets pages in a worker thread (assetPageWorker.ts), one worker shared by every index
 * build and stopped when it has been idle a while. Where no worker can start, pages are parsed here.
 * The worker's file is `asset-page-worker.js` beside the bundle (dist/, out/bench/) or the transpiled
 * `assetPageWorker.js` beside this file (the test tiers).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { columnsOf, type PageColumns, type PageReply, type PageRequest } from './assetPageColumns';

/** The worker ends after this long without a page (an index build asks for one every few ms). */
const IDLE_MS = 15_000;

interface Pending {
  resolve(columns: PageColumns): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let unavailable = false;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function workerFile(): string | undefined {
  return ['asset-page-worker.js', 'assetPageWorker.js'].map((f) => join(__dirname, f)).find((f) => existsSync(f));
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
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
    w.on('message', (reply: PageReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (!p) return;
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.columns);
    });
    // A worker stopped by stopPageParser had nothing pending; only the current one's end fails pages.
    w.on('error', (err) => {
      if (worker !== w) return;
      worker = undefined;
      failAll(err);
    });
    w.on('exit', () => {
      if (worker !== w) return;
      worker = undefined;
      failAll(new Error('the page parser stopped'));
    });
    worker = w;
  } catch {
    unavailable = true;
  }
  return worker;
}

/** Whether pages go to the worker (false once it could not start: they are parsed on this thread). */
export function parsesInWorker(): boolean {
  return !unavailable;
}

/** The columns of one page's JSON body; the bytes' buffer is handed to the worker (unusable afterwards). */
export function parsePage(bytes: Uint8Array): Promise<PageColumns> {
  const w = start();
  if (!w) return Promise.resolve().then(() => columnsOf(JSON.parse(new TextDecoder().decode(bytes))));
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(stopPageParser, IDLE_MS);
  idleTimer.unref();
  const id = nextId++;
  return new Promise<PageColumns>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: PageRequest = { id, bytes };
    // A buffer shared with others (a pooled or sliced one) is copied rather than moved.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    w.postMessage(request, whole ? [bytes.buffer as ArrayBuffer] : []);
  });
}

/** Ends the worker once no page is waiting for it; the next page starts another. */
export function stopPageParser(): void {
  if (pending.size > 0) {
    idleTimer = setTimeout(stopPageParser, IDLE_MS);
    idleTimer.unref();
    return;
  }
  const w = worker;
  worker = undefined;
  if (w) void w.terminate();
}
