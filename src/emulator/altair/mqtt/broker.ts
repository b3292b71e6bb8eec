/**
 * The emulator's MQTT broker (aedes on its own TCP port): logins with the MQTT credentials the API
 * issued, each session held to its credential's topic ACL, every change of the model published on the
 * thing's topics, and devices' publishes (`…/properties`, `…/events`) fed back into the model.
 * A session lasts only while its credential does: once it is deleted, disabled or given another
 * password, the next packet to or from the session closes it.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import { filterCovers, topicMatches } from '../../../shared/mqtt/topicFilter';
import type { ChangeFeed, ThingChange } from './feed';
import type { MqttCredentials } from '../types';
import { aclOf, changeTopics, parseDeviceTopic, watchedBy, type Acl, type CredentialOwner, type DeviceTopic, type Watched } from './topics';

/** What the broker asks of the model. */
export interface BrokerModel {
  /** The enabled credential with this username and password, and its owner; why not otherwise. */
  login(username: string, password: string): { owner: CredentialOwner; credential: MqttCredentials } | 'bad-credentials' | 'disabled';
  /** The owner's credential as it is now. */
  credential(owner: CredentialOwner): MqttCredentials | undefined;
  /** A device's publish on one of its topics (already allowed by its ACL). */
  ingest(topic: DeviceTopic, payload: unknown): void;
}

export interface BrokerStats {
  connects: number;
  refusedLogins: number;
  refusedSubscriptions: number;
  refusedPublishes: number;
  published: number;
  /** Device publishes whose payload was not a JSON object, dropped. */
  malformed: number;
}

interface Session {
  readonly owner: CredentialOwner;
  /** The credential as it was at login. */
  readonly credential: MqttCredentials;
  readonly acl: Acl;
  readonly filters: Set<string>;
}

function authError(message: string, returnCode: number): Error & { returnCode: number } {
  return Object.assign(new Error(message), { returnCode });
}

export class AltairBroker {
  readonly stats: BrokerStats = { connects: 0, refusedLogins: 0, refusedSubscriptions: 0, refusedPublishes: 0, published: 0, malformed: 0 };
  private readonly sessions = new Map<Client, Session>();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private aedes: Aedes | undefined;
  private unlisten: (() => void) | undefined;
  private address: AddressInfo | undefined;

  private constructor(private readonly model: BrokerModel) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      this.aedes?.handle(socket);
    });
  }

  /** Starts the broker on `host:port` (0 picks a free port), publishing what `feed` reports. */
  static async start(model: BrokerModel, feed: ChangeFeed, host: string, port = 0): Promise<AltairBroker> {
    const broker = new AltairBroker(model);
    broker.aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const refused = broker.authenticate(client, username ?? '', password?.toString('utf8') ?? '');
        done(refused ?? null, refused ? null : true);
      },
      authorizeSubscribe: (client, sub, done) => done(null, broker.mayUse(client, 'subscribe', sub.topic) ? sub : null),
      authorizePublish: (client, packet, done) => done(!client || broker.mayUse(client, 'publish', packet.topic) ? null : new Error(`not allowed to publish on ${packet.topic}`)),
      authorizeForward: (client, packet) => (broker.live(client) ? packet : null),
    });
    broker.wire(feed);
    await new Promise<void>((resolve, reject) => {
      broker.server.once('error', reject);
      broker.server.listen(port, host, () => resolve());
    });
    broker.address = broker.server.address() as AddressInfo;
    return broker;
  }

  get host(): string {
    return this.address?.address ?? '';
  }

  get port(): number {
    return this.address?.port ?? 0;
  }

  get url(): string {
    return `mqtt://${this.host}:${this.port}`;
  }

  get connectedClients(): number {
    return this.aedes?.connectedClients ?? 0;
  }

  /** The things some session is subscribed to right now (for the live generator). */
  watched(): Watched[] {
    const out: Watched[] = [];
    for (const s of this.sessions.values()) for (const f of s.filters) {
      const w = watchedBy(f);
      if (w) out.push(w);
    }
    return out;
  }

  /** Ends every session (the model was reset, so no credential it used exists any more). */
  disconnectAll(): void {
    for (const client of this.sessions.keys()) client.close();
  }

  async close(): Promise<void> {
    this.unlisten?.();
    await new Promise<void>((resolve) => (this.aedes ? this.aedes.close(() => resolve()) : resolve()));
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Opens a session for the client, or gives the refusal. */
  private authenticate(client: Client, username: string, password: string): (Error & { returnCode: number }) | undefined {
    const found = this.model.login(username, password);
    if (found === 'bad-credentials' || found === 'disabled') {
      this.stats.refusedLogins++;
      return found === 'disabled' ? authError('Not authorized: the credentials are disabled', 5) : authError('Bad user name or password', 4);
    }
    this.stats.connects++;
    this.sessions.set(client, { ...found, acl: aclOf(found.owner), filters: new Set() });
    return undefined;
  }

  /** Whether the client's credential still stands as it did at login; if not, its session ends. */
  private live(client: Client): boolean {
    const s = this.sessions.get(client);
    const now = s && this.model.credential(s.owner);
    const ok = now !== undefined && now.enabled && now.id === s!.credential.id && now.username === s!.credential.username && now.password === s!.credential.password;
    if (!ok) {
      this.sessions.delete(client);
      client.close();
    }
    return ok;
  }

  private mayUse(client: Client, what: 'publish' | 'subscribe', topic: string): boolean {
    if (!this.live(client)) return false;
    const acl = this.sessions.get(client)!.acl;
    const ok = what === 'subscribe' ? acl.subscribe.some((p) => filterCovers(p, topic)) : acl.publish.some((p) => topicMatches(p, topic));
    if (!ok) this.stats[what === 'subscribe' ? 'refusedSubscriptions' : 'refusedPublishes']++;
    return ok;
  }

  private wire(feed: ChangeFeed): void {
    const aedes = this.aedes!;
    aedes.on('subscribe', (subs, client) => {
      const s = this.sessions.get(client);
      // Refused subscriptions come back with the failure code 128 as their QoS.
      for (const sub of subs) if ((sub.qos as number) !== 128) s?.filters.add(sub.topic);
    });
    aedes.on('unsubscribe', (topics, client) => {
      const s = this.sessions.get(client);
      for (const t of topics) s?.filters.delete(t);
    });
    aedes.on('clientDisconnect', (client) => this.sessions.delete(client));
    aedes.on('publish', (packet, client) => {
      if (client) this.ingest(packet.topic, packet.payload);
    });
    this.unlisten = feed.listen((change) => this.publishChange(change));
  }

  /** A device's publish on its `…/properties` or `…/events` topic goes into the model. */
  private ingest(topicName: string, raw: string | Buffer): void {
    const topic = parseDeviceTopic(topicName);
    if (!topic) return;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(raw).toString('utf8'));
    } catch {
      payload = undefined;
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      this.stats.malformed++;
      return;
    }
    this.model.ingest(topic, payload);
  }

  private publishChange(change: ThingChange): void {
    const payload = Buffer.from(JSON.stringify(change.payload), 'utf8');
    for (const topic of changeTopics(change.space, change.uid, change.categories, change.kind, change.name)) {
      const packet = { cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false } as PublishPacket;
      this.stats.published++;
      this.aedes?.publish(packet, () => undefined);
    }
  }
}
