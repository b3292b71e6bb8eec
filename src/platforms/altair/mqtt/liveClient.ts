/**
 * A live connection to an Altair MQTT broker with one Thing or Category credential: subscribes to the
 * topics the credential allows, decodes what arrives, and reconnects with exponential backoff when the
 * connection drops. A refused login (wrong or disabled credential) ends in `failed`: retrying would only
 * be refused again. Plain Node: no `vscode`, the status and messages are events.
 */
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { addSecret } from '../../http';
import { backoffDelay, type BackoffOptions } from './backoff';
import { decodeMessage, type LiveMessage, type PropertyUpdate } from './decode';
import { Listeners, type Disposable } from './listeners';
import { subscriptionFilters, type MqttOwner } from './topics';
import type { MqttCredentials } from '../types';

export type LiveStatus =
  | { readonly state: 'connecting'; readonly since: number }
  /** `refused`: filters the broker did not grant (the others are live). */
  | { readonly state: 'connected'; readonly since: number; readonly refused: readonly string[] }
  /** `since`: when the connection was lost; `retryAt`: when the next attempt starts. */
  | { readonly state: 'reconnecting'; readonly since: number; readonly attempt: number; readonly retryAt: number; readonly error?: string }
  | { readonly state: 'failed'; readonly since: number; readonly error: string }
  | { readonly state: 'closed'; readonly since: number };

export interface LiveClientOptions {
  /** `mqtt://host:port` or `mqtts://host:port`. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly owner: MqttOwner;
  /** The credential document, for its topic patterns. */
  readonly credential?: Pick<MqttCredentials, 'topics'>;
  /** Subscribe to these instead of what the credential lists. */
  readonly filters?: readonly string[];
  readonly tls?: { readonly verify?: boolean; readonly ca?: string };
  readonly backoff?: BackoffOptions;
  /** Per attempt, default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Give up after this many failed attempts in a row (default: keep trying). */
  readonly maxAttempts?: number;
  readonly now?: () => number;
}

/** MQTT 3.1.1 CONNACK 4/5 and MQTT 5 reason codes 134/135: the broker refused the login. */
const LOGIN_REFUSED = new Set([4, 5, 134, 135]);

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class AltairLiveClient {
  private readonly statusEvents = new Listeners<LiveStatus>();
  private readonly messageEvents = new Listeners<LiveMessage>();
  private readonly updateEvents = new Listeners<PropertyUpdate>();
  /** Status changes: connected, reconnecting since when, failed, closed. */
  readonly onStatus = this.statusEvents.event;
  /** Every message as it arrived (for monitoring). */
  readonly onMessage = this.messageEvents.event;
  /** Every property value, decoded. */
  readonly onUpdate = this.updateEvents.event;
  readonly filters: readonly string[];
  private current: LiveStatus;
  private client: MqttClient | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private lastError: string | undefined;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly opts: LiveClientOptions) {
    this.now = opts.now ?? Date.now;
    addSecret(opts.password);
    this.filters = opts.filters ? [...opts.filters] : subscriptionFilters(opts.owner, opts.credential);
    this.current = { state: 'connecting', since: this.now() };
  }

  get status(): LiveStatus {
    return this.current;
  }

  /** Connects (once); the status events tell how it goes. */
  start(): this {
    if (!this.client && !this.timer && !this.disposed) this.attempt();
    return this;
  }

  /** Resolves with the first status that satisfies `test` (the current one included). */
  waitFor(test: (s: LiveStatus) => boolean): Promise<LiveStatus> {
    if (test(this.current)) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const sub: Disposable = this.onStatus((s) => {
        if (!test(s)) return;
        sub.dispose();
        resolve(s);
      });
    });
  }

  /** Closes the connection and stops reconnecting; no events after it. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const c = this.client;
    this.client = undefined;
    this.set({ state: 'closed', since: this.now() });
    this.statusEvents.clear();
    this.messageEvents.clear();
    this.updateEvents.clear();
    if (c) await c.endAsync(true).catch(() => undefined);
  }

  private set(s: LiveStatus): void {
    this.current = s;
    this.statusEvents.fire(s);
  }

  private options(): IClientOptions {
    const { tls } = this.opts;
    return {
      username: this.opts.username,
      password: this.opts.password,
      protocolVersion: 4,
      clean: true,
      // Reconnecting is ours (with backoff and fresh subscriptions), not the library's fixed period.
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: this.opts.connectTimeoutMs ?? 10_000,
      clientId: `iot-explorer-${Math.random().toString(16).slice(2, 12)}`,
      ...(tls ? { rejectUnauthorized: tls.verify !== false, ...(tls.ca ? { ca: tls.ca } : {}) } : {}),
    };
  }

  private attempt(): void {
    this.timer = undefined;
    let c: MqttClient;
    try {
      c = connect(this.opts.url, this.options());
    } catch (err) {
      // A malformed URL: nothing a retry would change.
      this.set({ state: 'failed', since: this.now(), error: describe(err) });
      return;
    }
    this.client = c;
    c.on('message', (topic, payload) => this.receive(topic, payload));
    c.on('error', (err) => {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'number' && LOGIN_REFUSED.has(code)) {
        this.stop(c, `The broker refused the login: ${describe(err)}`);
        return;
      }
      this.lastError = describe(err);
    });
    c.once('connect', () => void this.subscribe(c));
    c.on('close', () => this.lost(c));
  }

  private async subscribe(c: MqttClient): Promise<void> {
    const refused: string[] = [];
    // One SUBSCRIBE per filter, so that a refused one does not hide the others' grants.
    await Promise.all(this.filters.map(async (filter) => {
      try {
        const granted = await c.subscribeAsync(filter, { qos: 0 });
        if (granted.some((g) => g.qos === 128)) refused.push(filter);
      } catch {
        refused.push(filter);
      }
    }));
    if (c !== this.client || this.disposed) return;
    if (this.filters.length > 0 && refused.length === this.filters.length) {
      this.stop(c, `The broker refused every subscription (${refused.join(', ')}): the credential does not allow these topics`);
      return;
    }
    this.attempts = 0;
    this.lastError = undefined;
    this.set({ state: 'connected', since: this.now(), refused: this.filters.filter((f) => refused.includes(f)) });
  }

  private receive(topic: string, payload: Uint8Array): void {
    if (this.disposed) return;
    const message = decodeMessage(topic, payload, this.now());
    this.messageEvents.fire(message);
    for (const u of message.updates) this.updateEvents.fire(u);
  }

  /** Gives up on this credential: no more attempts. */
  private stop(c: MqttClient, error: string): void {
    if (c !== this.client) return;
    this.client = undefined;
    c.removeAllListeners('close');
    c.end(true);
    this.set({ state: 'failed', since: this.now(), error });
  }

  private lost(c: MqttClient): void {
    if (c !== this.client || this.disposed) return;
    this.client = undefined;
    c.removeAllListeners();
    c.on('error', () => undefined);
    c.end(true);
    this.attempts++;
    if (this.opts.maxAttempts !== undefined && this.attempts >= this.opts.maxAttempts) {
      this.set({ state: 'failed', since: this.now(), error: this.lastError ?? 'The connection to the broker was lost' });
      return;
    }
    // Disconnected since the first loss, not since the latest failed attempt.
    const since = this.current.state === 'reconnecting' || this.current.state === 'connecting' ? this.current.since : this.now();
    const delay = backoffDelay(this.attempts, this.opts.backoff);
    this.set({ state: 'reconnecting', since, attempt: this.attempts, retryAt: this.now() + delay, ...(this.lastError ? { error: this.lastError } : {}) });
    this.timer = setTimeout(() => this.attempt(), delay);
  }
}
