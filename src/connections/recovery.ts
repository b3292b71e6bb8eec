/**
 * Connection recovery without a click: a connection that failed with a transient error (server gone,
 * timeout, 429/5xx) is probed again with exponential backoff until a probe succeeds; a connection in
 * use is checked now and then (and on demand, throttled) so that a server that went away is noticed
 * before the user acts on what the tree shows from cache. No `vscode` import: tested in plain Node.
 */

export interface RecoveryOptions {
  /** One cheap request to the connection; resolves when it answered, rejects with the failure. */
  probe(connectionId: string, signal: AbortSignal): Promise<void>;
  /** Told the outcome of every probe (the health tracker records it). */
  report(connectionId: string, outcome: 'ok' | unknown): void;
  /** First delay before trying a failing connection again; doubles up to `maxDelayMs`. */
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  /** `check` probes at most this often per connection. */
  readonly throttleMs?: number;
}

interface Retry {
  attempt: number;
  timer: NodeJS.Timeout;
  at: number;
}

export class Recovery {
  private readonly retries = new Map<string, Retry>();
  private readonly lastCheck = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private readonly abort = new AbortController();
  private readonly first: number;
  private readonly max: number;

  constructor(private readonly options: RecoveryOptions) {
    this.first = options.firstDelayMs ?? 2000;
    this.max = Math.max(this.first, options.maxDelayMs ?? 60_000);
  }

  /** The connection failed: try it again later, with backoff, unless a try is planned already. */
  failed(connectionId: string): void {
    if (this.abort.signal.aborted || this.retries.has(connectionId)) return;
    this.plan(connectionId, 0);
  }

  /** The connection answered (by any request): no more retries. */
  recovered(connectionId: string): void {
    const retry = this.retries.get(connectionId);
    if (retry) clearTimeout(retry.timer);
    this.retries.delete(connectionId);
  }

  /** When the next try of a failing connection is due (epoch ms), if one is planned. */
  nextTry(connectionId: string): number | undefined {
    return this.retries.get(connectionId)?.at;
  }

  /**
   * Probes a connection now, unless it was probed within the throttle (or is being probed): what the
   * tree shows from cache is confirmed or marked as soon as the user looks at it. Resolves true when
   * it answered (or was not probed).
   */
  check(connectionId: string, force = false): Promise<boolean> {
    const running = this.inFlight.get(connectionId);
    if (running) return running;
    const last = this.lastCheck.get(connectionId) ?? 0;
    if (!force && Date.now() - last < (this.options.throttleMs ?? 5000)) return Promise.resolve(true);
    return this.run(connectionId);
  }

  /** Forgets a connection (removed). */
  forget(connectionId: string): void {
    this.recovered(connectionId);
    this.lastCheck.delete(connectionId);
  }

  private plan(connectionId: string, attempt: number): void {
    const delay = Math.min(this.max, this.first * 2 ** attempt);
    const timer = setTimeout(() => {
      void this.run(connectionId).then((ok) => {
        const retry = this.retries.get(connectionId);
        if (!retry || retry.timer !== timer) return; // recovered (or forgotten) meanwhile
        this.retries.delete(connectionId);
        if (!ok) this.plan(connectionId, attempt + 1);
      });
    }, delay);
    timer.unref?.();
    this.retries.set(connectionId, { attempt, timer, at: Date.now() + delay });
  }

  private run(connectionId: string): Promise<boolean> {
    if (this.abort.signal.aborted) return Promise.resolve(false);
    this.lastCheck.set(connectionId, Date.now());
    const promise = this.options.probe(connectionId, this.abort.signal).then(
      () => {
        this.recovered(connectionId);
        this.options.report(connectionId, 'ok');
        return true;
      },
      (err: unknown) => {
        if (!this.abort.signal.aborted) this.options.report(connectionId, err);
        return false;
      },
    );
    const tracked = promise.finally(() => {
      if (this.inFlight.get(connectionId) === tracked) this.inFlight.delete(connectionId);
    });
    this.inFlight.set(connectionId, tracked);
    return tracked;
  }

  dispose(): void {
    this.abort.abort();
    for (const r of this.retries.values()) clearTimeout(r.timer);
    this.retries.clear();
  }
}

/** Whether repeating a failed request may succeed later: the server was unreachable, slow, busy or broken. */
export function isTransientFailure(err: unknown): boolean {
  const e = err as { kind?: unknown; status?: unknown; name?: unknown } | null | undefined;
  if (!e) return false;
  if (e.kind === 'network' || e.kind === 'timeout') return true;
  if (e.name === 'HttpError' && typeof e.status === 'number') return e.status === 408 || e.status === 429 || e.status >= 500;
  return e.name === 'TypeError'; // fetch's own "fetch failed" when nothing wrapped it
}
