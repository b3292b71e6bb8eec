/**
 * Live mode on the host: polls every series at an interval for points after the last one seen, starting
 * "from now" or "from time T"; pause and resume; on failure reports "disconnected since …" and keeps
 * polling (with a capped back-off) until a poll succeeds again. vscode-free.
 */
import type { LiveState } from '../shared/chart/protocol';
import type { SeriesDescriptor } from '../shared/chart/series';
import type { SeriesSource } from './seriesSource';
import { errorMessage } from '../platforms/http';

export interface LiveSeries {
  readonly id: string;
  readonly source: Pick<SeriesSource, 'fetchRange'>;
  /** What the series is, for pushed points (Altair over MQTT). */
  readonly descriptor?: SeriesDescriptor;
}

/** One series' pushed points (src/live/chartPush.ts). */
export interface PushSubscription {
  /** Whether points arrive by push right now (then the series is not polled). */
  isLive(): boolean;
  dispose(): void;
}

/** Points pushed instead of polled; polling stays the fallback whenever a push is not live. */
export interface LivePush {
  /** Undefined when the series cannot be pushed. */
  subscribe(descriptor: SeriesDescriptor, onPoint: (ts: number, value: number) => void): PushSubscription | undefined;
  /** The status line: "live · MQTT", "polling every 5 s", since when MQTT is disconnected. */
  statusText(intervalMs: number, descriptors: readonly SeriesDescriptor[]): string | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface LiveAppend {
  readonly seriesId: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export interface LiveStatus {
  readonly state: LiveState;
  /** When the connection was lost (state 'disconnected'). */
  readonly since?: number;
  readonly lastPollAt?: number;
  readonly startedAt: number;
  readonly message?: string;
}

export interface LiveSink {
  append(now: number, series: readonly LiveAppend[]): void;
  status(status: LiveStatus): void;
}

export interface LiveSessionOptions {
  readonly intervalMs: number;
  /** First timestamp wanted: the start time ("from now" passes the current time). */
  readonly startAt: number;
  readonly now?: () => number;
  /** Upper bound of the back-off while disconnected (default max(interval, 30 s)). */
  readonly maxBackoffMs?: number;
  readonly push?: LivePush;
}

export class LiveSession {
  private readonly cursors = new Map<string, number>();
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private current: LiveStatus;
  private stopped = false;
  private readonly pushed = new Map<string, PushSubscription>();
  private pushChanged: { dispose(): void } | undefined;

  constructor(
    private readonly series: () => readonly LiveSeries[],
    private readonly sink: LiveSink,
    private readonly options: LiveSessionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.current = { state: 'off', startedAt: options.startAt };
  }

  get status(): LiveStatus {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.pushChanged ??= this.options.push?.onDidChange(() => {
      if (this.current.state === 'connected') this.setStatus({ ...this.current, message: this.pushText() });
    });
    this.setStatus({ state: 'connected', startedAt: this.options.startAt, message: this.pushText() });
    this.schedule(0);
  }

  pause(): void {
    this.clearTimer();
    this.abort?.abort();
    this.setStatus({ ...this.current, state: 'paused', since: undefined, message: undefined });
  }

  /** Continues from where it stopped: the points of the pause are fetched by the next poll. */
  resume(): void {
    if (this.stopped) return;
    this.resumed = true;
    this.setStatus({ ...this.current, state: 'connected' });
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.abort?.abort();
    for (const s of this.pushed.values()) s.dispose();
    this.pushed.clear();
    this.pushChanged?.dispose();
    this.pushChanged = undefined;
    this.setStatus({ state: 'off', startedAt: this.options.startAt });
  }

  /** One poll right now (tests and the first back-fill); resolves when it finished. */
  async pollNow(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async poll(): Promise<void> {
    const ac = new AbortController();
    this.abort = ac;
    const to = this.now();
    // The first poll (and the one after a pause) back-fills every series; later ones skip pushed series.
    const backfill = this.current.lastPollAt === undefined || this.resumed;
    this.resumed = false;
    try {
      const appended: LiveAppend[] = [];
      const series = this.series();
      this.subscribePush(series);
      const polled = backfill ? series : series.filter((s) => !this.pushed.get(s.id)?.isLive());
      // Every polled series is; one failing series marks the whole session disconnected.
      await Promise.all(polled.map(async ({ id, source }) => {
        const from = this.cursors.get(id) ?? this.options.startAt;
        if (from > to) return;
        const data = await source.fetchRange({ from, to, signal: ac.signal });
        const t = data.timestamps;
        let a = 0;
        while (a < t.length && t[a] < from) a++;
        if (a >= t.length) return;
        this.cursors.set(id, Math.floor(t[t.length - 1]) + 1);
        appended.push({ seriesId: id, timestamps: t.slice(a), values: data.values.slice(a) });
      }));
      if (ac.signal.aborted) return;
      this.failures = 0;
      if (appended.length > 0) this.sink.append(to, appended);
      this.setStatus({ state: 'connected', startedAt: this.options.startAt, lastPollAt: to, message: this.pushText() });
    } catch (err) {
      if (ac.signal.aborted) return;
      this.failures++;
      const since = this.current.state === 'disconnected' ? this.current.since : to;
      this.setStatus({ state: 'disconnected', since, startedAt: this.options.startAt, lastPollAt: this.current.lastPollAt, message: errorMessage(err) });
    }
  }

  private resumed = false;

  private pushText(): string | undefined {
    return this.options.push?.statusText(this.options.intervalMs, this.series().flatMap((s) => (s.descriptor ? [s.descriptor] : [])));
  }

  /** Pushed points of series added since the last poll; a point is appended at once, after the series' cursor. */
  private subscribePush(series: readonly LiveSeries[]): void {
    const push = this.options.push;
    if (!push) return;
    for (const s of series) {
      if (this.pushed.has(s.id) || !s.descriptor) continue;
      const sub = push.subscribe(s.descriptor, (ts, value) => {
        // Paused or stopped: the next poll fetches what was missed.
        if (this.current.state !== 'connected' || this.stopped) return;
        const from = this.cursors.get(s.id) ?? this.options.startAt;
        if (ts < from) return;
        this.cursors.set(s.id, Math.floor(ts) + 1);
        this.sink.append(this.now(), [{ seriesId: s.id, timestamps: Float64Array.of(ts), values: Float64Array.of(value) }]);
      });
      if (sub) this.pushed.set(s.id, sub);
    }
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow().then(() => {
        if (this.current.state !== 'connected' && this.current.state !== 'disconnected') return;
        const backoffCap = this.options.maxBackoffMs ?? Math.max(this.options.intervalMs, 30_000);
        const delay = this.failures === 0 ? this.options.intervalMs : Math.min(backoffCap, this.options.intervalMs * 2 ** Math.min(this.failures - 1, 10));
        this.schedule(delay);
      });
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(status: LiveStatus): void {
    if (this.stopped && status.state !== 'off') return;
    this.current = status;
    this.sink.status(status);
  }
}
