/**
 * Latest values and short histories of many refs, read efficiently (pure: no `vscode`):
 * - batched: refs asked for within a few milliseconds are grouped by what one request can read (an
 *   asset's attributes, a device's datanodes, a thing's properties);
 * - rate-limited: at most `maxConcurrent` requests at once and `maxRequestsPerSecond` started per second;
 * - cached for a short time to live (errors too, so a broken ref is not asked for in a loop);
 * - cancellable: each caller passes its own AbortSignal; a request is aborted once nobody waits for it.
 * `onDidChange` reports the keys whose value changed after a read.
 */
import { CancelledError, isCancellation } from '../platforms/http';
import { batchKey, valueKey, type ValueRef } from './valueRef';
import type { LatestValue } from './valueFormat';

export interface SeriesWindow {
  /** Epoch ms, ascending. */
  readonly timestamps: Float64Array;
  /** NaN for gaps and values that are not numbers. */
  readonly values: Float64Array;
  readonly from: number;
  readonly to: number;
}

/** Where the values come from (the platform clients, or anything else in tests). */
export interface ValueBackend {
  /** Latest values of refs that share one `batchKey`, by `valueKey`; a ref missing from the map does not exist. */
  latest(refs: readonly ValueRef[], signal: AbortSignal): Promise<Map<string, LatestValue>>;
  /** Points of [from, to], ascending. */
  history(ref: ValueRef, from: number, to: number, signal: AbortSignal): Promise<{ timestamps: Float64Array; values: Float64Array }>;
}

export interface LatestValuesOptions {
  /** How long a value stays fresh (read per call so settings apply at once). */
  readonly ttlMs: () => number;
  /** How long a history window stays fresh; default twice the value TTL, at least 30 s. */
  readonly historyTtlMs?: () => number;
  /** How long requests wait for others to join their batch. */
  readonly batchWindowMs?: number;
  readonly maxConcurrent?: number;
  readonly maxRequestsPerSecond?: number;
  /** Most refs in one request. */
  readonly maxBatchSize?: number;
  readonly now?: () => number;
  /** Told the monotonic time (performance.now) at which the rate limit let each request go (the log and tests read it). */
  readonly onRequestStart?: (at: number) => void;
  /** Refs whose values are pushed (MQTT) right now: their cached value counts as fresh at any age. */
  readonly isLive?: (ref: ValueRef) => boolean;
}

export type Reading =
  | { readonly ok: true; readonly value: LatestValue; readonly at: number }
  | { readonly ok: false; readonly error: Error; readonly at: number };

export interface GetOptions {
  readonly signal?: AbortSignal;
  /** Accept a cached value younger than this; default the TTL (0 forces a read). */
  readonly maxAgeMs?: number;
}

export interface Disposable {
  dispose(): void;
}

/** A ref that does not exist on the platform (deleted attribute, wrong datanode path). */
export class ValueNotFoundError extends Error {
  override readonly name = 'ValueNotFoundError';
}

interface Pending {
  readonly key: string;
  readonly ref: ValueRef;
  readonly promise: Promise<LatestValue>;
  resolve(v: LatestValue): void;
  reject(e: Error): void;
  waiters: number;
  job?: Job;
}

interface Job {
  readonly controller: AbortController;
  started: boolean;
  /** Whether anybody still waits for the result. */
  wanted(): boolean;
  run(signal: AbortSignal): Promise<void>;
}

export class LatestValues implements Disposable {
  private readonly cache = new Map<string, Reading>();
  private readonly histories = new Map<string, { at: number; window: SeriesWindow }>();
  private readonly inflight = new Map<string, Pending>();
  private readonly historyInflight = new Map<string, { promise: Promise<SeriesWindow>; waiters: number; job: Job }>();
  private queued = new Map<string, Pending[]>();
  private readonly jobs: Job[] = [];
  private readonly starts: number[] = [];
  private running = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(keys: readonly string[]) => void>();
  private disposed = false;
  /** Requests made to the backend (tests and the log read them). */
  readonly counters = { latestRequests: 0, historyRequests: 0, refsRead: 0 };

  private readonly batchWindowMs: number;
  private readonly maxConcurrent: number;
  private readonly maxPerSecond: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  constructor(
    private readonly backend: ValueBackend,
    private readonly options: LatestValuesOptions,
  ) {
    this.batchWindowMs = options.batchWindowMs ?? 15;
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.maxPerSecond = options.maxRequestsPerSecond ?? 8;
    this.maxBatch = options.maxBatchSize ?? 100;
    this.now = options.now ?? Date.now;
  }

  /** The latest value of a ref: from the cache while fresh, else read (batched with the others). */
  get(ref: ValueRef, options: GetOptions = {}): Promise<LatestValue> {
    if (this.disposed) return Promise.reject(new CancelledError());
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    const key = valueKey(ref);
    const cached = this.cache.get(key);
    const maxAge = options.maxAgeMs ?? this.options.ttlMs();
    if (cached?.ok && maxAge > 0 && this.options.isLive?.(ref)) return Promise.resolve(cached.value);
    if (cached && this.now() - cached.at < maxAge) return cached.ok ? Promise.resolve(cached.value) : Promise.reject(cached.error);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.createPending(key, ref);
      this.inflight.set(key, pending);
      const bk = batchKey(ref);
      const list = this.queued.get(bk) ?? [];
      list.push(pending);
      this.queued.set(bk, list);
      this.scheduleFlush();
    }
    return this.wait(pending, options.signal);
  }

  /** What the cache holds for a ref, fresh or not (for synchronous rendering). */
  peek(ref: ValueRef): Reading | undefined {
    return this.cache.get(valueKey(ref));
  }

  /** Whether the cached value is younger than the TTL. */
  isFresh(ref: ValueRef): boolean {
    const r = this.cache.get(valueKey(ref));
    return !!r && ((r.ok && !!this.options.isLive?.(ref)) || this.now() - r.at < this.options.ttlMs());
  }

  /** A value that was pushed (not read): cached as read now, and reported as a change. */
  push(ref: ValueRef, value: LatestValue): void {
    if (this.disposed) return;
    const key = valueKey(ref);
    const reading: Reading = { ok: true, value, at: this.now() };
    const before = this.cache.get(key);
    this.cache.set(key, reading);
    if (!sameReading(before, reading)) for (const l of [...this.listeners]) l([key]);
  }

  /** The points of the last `windowMs` (cached like values, one request per ref, rate-limited with the rest). */
  history(ref: ValueRef, windowMs: number, options: { signal?: AbortSignal } = {}): Promise<SeriesWindow> {
    if (this.disposed || options.signal?.aborted) return Promise.reject(new CancelledError());
    const key = `${valueKey(ref)}#${windowMs}`;
    const ttl = this.options.historyTtlMs?.() ?? Math.max(30_000, 2 * this.options.ttlMs());
    const cached = this.histories.get(key);
    if (cached && this.now() - cached.at < ttl) return Promise.resolve(cached.window);
    let entry = this.historyInflight.get(key);
    if (!entry) {
      let resolve!: (w: SeriesWindow) => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<SeriesWindow>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined);
      const job: Job = {
        controller: new AbortController(),
        started: false,
        wanted: () => (this.historyInflight.get(key)?.waiters ?? 0) > 0,
        run: async (signal) => {
          if (signal.aborted) {
            this.historyInflight.delete(key);
            reject(new CancelledError());
            return;
          }
          const to = this.now();
          const from = to - windowMs;
          this.counters.historyRequests++;
          try {
            const s = await this.backend.history(ref, from, to, signal);
            const window = { timestamps: s.timestamps, values: s.values, from, to };
            this.histories.set(key, { at: this.now(), window });
            resolve(window);
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          } finally {
            this.historyInflight.delete(key);
          }
        },
      };
      entry = { promise, waiters: 0, job };
      this.historyInflight.set(key, entry);
      this.jobs.push(job);
    }
    const e = entry;
    e.waiters++;
    this.pump();
    return new Promise<SeriesWindow>((resolve, reject) => {
      const onAbort = (): void => {
        e.waiters--;
        reject(new CancelledError());
        if (e.waiters === 0) this.abandon(e.job);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      e.promise.then(
        (w) => {
          options.signal?.removeEventListener('abort', onAbort);
          e.waiters--;
          resolve(w);
        },
        (err: Error) => {
          options.signal?.removeEventListener('abort', onAbort);
          e.waiters--;
          reject(err);
        },
      );
    });
  }

  /** Forgets cached values (all, or some keys) so the next `get` reads again. */
  invalidate(keys?: Iterable<string>): void {
    if (!keys) {
      this.cache.clear();
      this.histories.clear();
      return;
    }
    for (const k of keys) {
      this.cache.delete(k);
      for (const h of [...this.histories.keys()]) if (h.startsWith(`${k}#`)) this.histories.delete(h);
    }
  }

  onDidChange(listener: (keys: readonly string[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    for (const job of this.jobs) job.controller.abort();
    for (const p of this.inflight.values()) {
      p.job?.controller.abort();
      p.reject(new CancelledError());
    }
    this.inflight.clear();
    this.queued.clear();
    this.jobs.length = 0;
    this.listeners.clear();
  }

  private createPending(key: string, ref: ValueRef): Pending {
    let resolve!: (v: LatestValue) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<LatestValue>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting any more when it settles.
    promise.catch(() => undefined);
    return { key, ref, promise, resolve, reject, waiters: 0 };
  }

  private wait(pending: Pending, signal: AbortSignal | undefined): Promise<LatestValue> {
    pending.waiters++;
    return new Promise<LatestValue>((resolve, reject) => {
      const onAbort = (): void => {
        pending.waiters--;
        reject(new CancelledError());
        if (pending.waiters === 0) this.release(pending);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.promise.then(
        (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (err: Error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }

  /** Nobody waits for a value any more: drop it from its batch, or abort the request when the whole batch is unwanted. */
  private release(pending: Pending): void {
    if (!pending.job) {
      const bk = batchKey(pending.ref);
      const list = (this.queued.get(bk) ?? []).filter((p) => p !== pending);
      if (list.length) this.queued.set(bk, list);
      else this.queued.delete(bk);
      this.inflight.delete(pending.key);
      pending.reject(new CancelledError());
      return;
    }
    this.abandon(pending.job);
  }

  private abandon(job: Job): void {
    if (job.wanted()) return;
    if (job.started) job.controller.abort();
    else {
      const i = this.jobs.indexOf(job);
      if (i >= 0) this.jobs.splice(i, 1);
      job.controller.abort();
      void job.run(job.controller.signal).catch(() => undefined);
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.batchWindowMs);
  }

  /** Turns the queued refs into one job per batch key (split at `maxBatch`). */
  private flush(): void {
    const queued = this.queued;
    this.queued = new Map();
    for (const pendings of queued.values()) {
      for (let i = 0; i < pendings.length; i += this.maxBatch) this.jobs.push(this.batchJob(pendings.slice(i, i + this.maxBatch)));
    }
    this.pump();
  }

  private batchJob(pendings: Pending[]): Job {
    const job: Job = {
      controller: new AbortController(),
      started: false,
      wanted: () => pendings.some((p) => p.waiters > 0),
      run: async (signal) => {
        const live = pendings.filter((p) => this.inflight.get(p.key) === p);
        if (signal.aborted || live.length === 0) {
          for (const p of live) this.settleCancelled(p);
          return;
        }
        this.counters.latestRequests++;
        this.counters.refsRead += live.length;
        let result: Map<string, LatestValue>;
        try {
          result = await this.backend.latest(live.map((p) => p.ref), signal);
        } catch (err) {
          if (signal.aborted || isCancellation(err)) {
            for (const p of live) this.settleCancelled(p);
            return;
          }
          const error = err instanceof Error ? err : new Error(String(err));
          this.settle(live.map((p) => [p, { ok: false, error, at: this.now() }]));
          return;
        }
        this.settle(
          live.map((p) => {
            const value = result.get(p.key);
            const reading: Reading = value
              ? { ok: true, value, at: this.now() }
              : { ok: false, error: new ValueNotFoundError(`not found: ${p.key}`), at: this.now() };
            return [p, reading];
          }),
        );
      },
    };
    for (const p of pendings) p.job = job;
    return job;
  }

  private settleCancelled(p: Pending): void {
    if (this.inflight.get(p.key) === p) this.inflight.delete(p.key);
    p.reject(new CancelledError());
  }

  private settle(entries: [Pending, Reading][]): void {
    const changed: string[] = [];
    for (const [p, reading] of entries) {
      const before = this.cache.get(p.key);
      if (!sameReading(before, reading)) changed.push(p.key);
      this.cache.set(p.key, reading);
      if (this.inflight.get(p.key) === p) this.inflight.delete(p.key);
      if (reading.ok) p.resolve(reading.value);
      else p.reject(reading.error);
    }
    if (changed.length) for (const l of [...this.listeners]) l(changed);
  }

  /** Starts queued jobs while the concurrency and rate limits allow. */
  private pump(): void {
    if (this.disposed) return;
    while (this.jobs.length > 0 && this.running < this.maxConcurrent) {
      // The rate limit is about elapsed real time, whatever clock the cache uses: a monotonic clock, so that a
      // wall-clock step (a VM syncing its time) can neither let a burst through nor stall the queue.
      const now = performance.now();
      while (this.starts.length && now - this.starts[0] >= 1000) this.starts.shift();
      if (this.starts.length >= this.maxPerSecond) {
        if (!this.pumpTimer) {
          this.pumpTimer = setTimeout(() => {
            this.pumpTimer = undefined;
            this.pump();
          }, Math.max(1, 1000 - (now - this.starts[0])));
        }
        return;
      }
      const job = this.jobs.shift()!;
      if (!job.wanted()) {
        job.controller.abort();
        void job.run(job.controller.signal).catch(() => undefined);
        continue;
      }
      job.started = true;
      this.starts.push(now);
      this.options.onRequestStart?.(now);
      this.running++;
      void job
        .run(job.controller.signal)
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}

function sameReading(a: Reading | undefined, b: Reading): boolean {
  if (!a || a.ok !== b.ok) return false;
  if (a.ok && b.ok) return a.value.value === b.value.value && a.value.ts === b.value.ts && a.value.unit === b.value.unit;
  return !a.ok && !b.ok && a.error.message === b.error.message;
}
