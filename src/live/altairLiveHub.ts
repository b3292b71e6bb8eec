/**
 * One MQTT live client per Altair credential owner (a Thing or a Category) and connection, shared by
 * every consumer (tree values, hovers, pins, charts, Monitor Thing) and closed when the last one lets
 * go. Tells, per connection, whether values arrive over MQTT or are polled, and since when a broker
 * connection is down. vscode-free: sessions and credentials come in through `LiveHubDeps`.
 */
import { AltairLiveClient, Listeners, type BackoffOptions, type Disposable, type LiveMessage, type LiveStatus, type MqttOwner, type PropertyUpdate } from '../platforms/altair/mqtt';
import { errorMessage } from '../platforms/http';
import type { StoredMqttCredential } from './mqttCredentials';

export interface LiveSessionInfo {
  readonly space: string;
  readonly mqttUrl?: string;
  readonly tls?: { readonly verify?: boolean; readonly ca?: string };
}

export interface LiveHubDeps<S extends LiveSessionInfo> {
  session(connectionId: string): Promise<S>;
  /** The owner's credential; with `ask`, created after the user agreed. */
  credential(session: S, owner: MqttOwner, label: string, ask: boolean): Promise<StoredMqttCredential | undefined>;
  /** The broker refused the stored credential: drop it. */
  forget(session: S, owner: MqttOwner): Promise<void>;
  readonly log?: { info(message: string): void; warn(message: string): void };
  readonly backoff?: BackoffOptions;
}

/** Why an owner is not live. */
export type NotLive = 'no-broker' | 'no-credentials' | 'failed';

export interface OwnerState {
  readonly connectionId: string;
  readonly owner: MqttOwner;
  /** The client's status; undefined while it is not started (see `notLive`). */
  readonly status?: LiveStatus;
  readonly notLive?: NotLive;
  readonly error?: string;
}

export interface HubUpdate extends PropertyUpdate {
  readonly connectionId: string;
  readonly space: string;
}

export interface HubMessage {
  readonly connectionId: string;
  readonly ownerKey: string;
  readonly message: LiveMessage;
}

export interface LiveWatch extends Disposable {
  readonly state: () => OwnerState;
}

interface Entry {
  readonly key: string;
  readonly connectionId: string;
  readonly owner: MqttOwner;
  refs: number;
  client?: AltairLiveClient;
  starting?: Promise<void>;
  notLive?: NotLive;
  error?: string;
  subs: Disposable[];
}

export function ownerKey(connectionId: string, owner: MqttOwner): string {
  return `${connectionId}|${owner.space}|${owner.kind === 'thing' ? `thing:${owner.uid}` : `category:${owner.category}`}`;
}

export class AltairLiveHub<S extends LiveSessionInfo> {
  private readonly entries = new Map<string, Entry>();
  private readonly updates = new Listeners<HubUpdate>();
  private readonly messages = new Listeners<HubMessage>();
  private readonly changes = new Listeners<string>();
  /** Property values as they arrive. */
  readonly onUpdate = this.updates.event;
  /** Every message (Monitor Thing). */
  readonly onMessage = this.messages.event;
  /** The connection id whose live state changed. */
  readonly onDidChange = this.changes.event;
  private disposed = false;

  constructor(private readonly deps: LiveHubDeps<S>) {}

  /**
   * Keeps the owner's client running until the watch is disposed. With `ask`, a missing credential
   * is created after the user agreed; without, the owner stays polled until one exists.
   */
  async watch(connectionId: string, owner: MqttOwner, label: string, ask = false): Promise<LiveWatch> {
    const key = ownerKey(connectionId, owner);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, connectionId, owner, refs: 0, subs: [] };
      this.entries.set(key, entry);
    }
    entry.refs++;
    const e = entry;
    let released = false;
    const watch: LiveWatch = {
      state: () => this.stateOf(e),
      dispose: () => {
        if (released) return;
        released = true;
        this.release(e);
      },
    };
    if (e.client?.status.state === 'failed') await this.stop(e);
    // Whatever stopped it before (no broker, no credentials, a failure) may have changed since: try again.
    if (!e.client && !e.starting) {
      e.starting = this.start(e, label, ask).finally(() => (e.starting = undefined));
    }
    await e.starting;
    return watch;
  }

  /** Whether values of this Thing arrive over MQTT right now (its own credential or a Category's). */
  isLive(connectionId: string, uid: string): boolean {
    for (const e of this.entries.values()) {
      if (e.connectionId !== connectionId || e.client?.status.state !== 'connected') continue;
      if (e.owner.kind === 'thing' ? e.owner.uid === uid : true) return true;
    }
    return false;
  }

  /** The owners of a connection and their states. */
  states(connectionId?: string): OwnerState[] {
    return [...this.entries.values()].filter((e) => connectionId === undefined || e.connectionId === connectionId).map((e) => this.stateOf(e));
  }

  state(connectionId: string, owner: MqttOwner): OwnerState | undefined {
    const e = this.entries.get(ownerKey(connectionId, owner));
    return e && this.stateOf(e);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.stop(e)));
    this.updates.clear();
    this.messages.clear();
    this.changes.clear();
  }

  private stateOf(e: Entry): OwnerState {
    return { connectionId: e.connectionId, owner: e.owner, status: e.client?.status, notLive: e.notLive, error: e.error };
  }

  private async start(e: Entry, label: string, ask: boolean): Promise<void> {
    try {
      const session = await this.deps.session(e.connectionId);
      if (!session.mqttUrl) {
        e.notLive = 'no-broker';
        return;
      }
      const cred = await this.deps.credential(session, e.owner, label, ask);
      if (!cred) {
        e.notLive = 'no-credentials';
        return;
      }
      if (this.disposed || e.refs === 0) return;
      e.notLive = undefined;
      e.error = undefined;
      const client = new AltairLiveClient({
        url: session.mqttUrl,
        username: cred.username,
        password: cred.password,
        owner: e.owner,
        credential: { topics: cred.topics },
        tls: session.tls,
        backoff: this.deps.backoff,
      });
      e.client = client;
      e.subs.push(
        client.onUpdate((u) => this.updates.fire({ ...u, connectionId: e.connectionId, space: e.owner.space })),
        client.onMessage((message) => this.messages.fire({ connectionId: e.connectionId, ownerKey: e.key, message })),
        client.onStatus((s) => {
          if (s.state === 'failed') {
            e.notLive = 'failed';
            e.error = s.error;
            this.deps.log?.warn(`MQTT live values of ${e.key} stopped: ${s.error}`);
            // A refused login means the stored credential was deleted or renewed elsewhere: ask again next time.
            if (/refused the login/.test(s.error)) void this.deps.forget(session, e.owner).catch(() => undefined);
          } else if (s.state === 'connected') {
            this.deps.log?.info(`MQTT live values of ${e.key}: connected`);
          }
          this.changes.fire(e.connectionId);
        }),
      );
      client.start();
    } catch (err) {
      e.notLive = 'failed';
      e.error = errorMessage(err);
      this.deps.log?.warn(`MQTT live values of ${e.key} could not start: ${e.error}`);
    } finally {
      this.changes.fire(e.connectionId);
    }
  }

  private release(e: Entry): void {
    e.refs--;
    if (e.refs > 0) return;
    this.entries.delete(e.key);
    void this.stop(e).then(() => this.changes.fire(e.connectionId));
  }

  private async stop(e: Entry): Promise<void> {
    for (const s of e.subs.splice(0)) s.dispose();
    const c = e.client;
    e.client = undefined;
    await c?.dispose();
  }
}
