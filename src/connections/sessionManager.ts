/**
 * One signed-in session per connection: the platform clients built from the profile, its secrets and
 * TLS options (or, for demo connections, from the built-in emulator). Sessions are created on first
 * use, rebuilt when the profile changes, and dropped on sign-out (which revokes the Altair token).
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { AltairApi, ClientCredentialsStrategy } from '../platforms/altair';
import { errorMessage, PlatformError, type Logger, type TlsOptions } from '../platforms/http';
import { IotTicketClient } from '../platforms/iotticket/client';
import { IotTicketV1Client } from '../platforms/iotticket/v1Client';
import type { DemoService } from '../demo/demoService';
import { SecretOriginError, type ConnectionStore } from './connectionStore';
import type { HealthTracker } from './health';
import { defaultAltairScopes, primarySecret, type ConnectionProfile } from './profile';

export interface IotTicketSession {
  readonly platform: 'iotticket';
  readonly profile: ConnectionProfile;
  /** The asset API (das.iot_client surface); undefined when the profile has no coreBaseUrl. */
  readonly assetApi?: IotTicketClient;
  /** The REST API v1; undefined when the profile has no v1BaseUrl. */
  readonly v1?: IotTicketV1Client;
  readonly coreBaseUrl?: string;
  readonly v1BaseUrl?: string;
  readonly adapterBaseUrl?: string;
  readonly username: string;
}

export interface AltairSession {
  readonly platform: 'altair';
  readonly profile: ConnectionProfile;
  readonly api: AltairApi;
  readonly strategy: ClientCredentialsStrategy;
  readonly host: string;
  readonly space: string;
  readonly clientId: string;
}

export type Session = IotTicketSession | AltairSession;

/** No secret is stored for a connection yet. */
export class MissingCredentialError extends PlatformError {
  override readonly name = 'MissingCredentialError';
  constructor(readonly profile: ConnectionProfile) {
    super(
      vscode.l10n.t(
        'No {0} is stored for "{1}". Run "IoT Explorer: Set Credential Securely…" on it.',
        profile.platform === 'iotticket' ? vscode.l10n.t('password') : vscode.l10n.t('client secret'),
        profile.label,
      ),
      'validation',
    );
  }
}

export class SessionManager implements vscode.Disposable {
  private readonly sessions = new Map<string, { key: string; session: Promise<Session> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly demo: DemoService,
    private readonly log: Logger,
    readonly health: HealthTracker,
  ) {
    this.disposables.push(store.onDidChange(() => this.dropChanged()));
  }

  /** The session of a connection, created (and signed in lazily, on the first request) if needed. */
  get(connectionId: string): Promise<Session> {
    const profile = this.store.get(connectionId);
    if (!profile) return Promise.reject(new PlatformError(vscode.l10n.t('Unknown connection "{0}"', connectionId), 'validation'));
    const key = JSON.stringify(profile);
    const cached = this.sessions.get(connectionId);
    if (cached && cached.key === key) return cached.session;
    if (cached) void this.disposeSession(cached.session);
    const session = this.create(profile);
    this.sessions.set(connectionId, { key, session });
    session.catch((err: unknown) => {
      if (err instanceof MissingCredentialError) this.health.set(connectionId, 'noCredential', err.message);
      else if (err instanceof SecretOriginError) this.health.set(connectionId, 'failing', err.message);
      // A failed creation is not cached: the next use tries again (after the user fixed the cause).
      if (this.sessions.get(connectionId)?.session === session) this.sessions.delete(connectionId);
    });
    return session;
  }

  async iotticket(connectionId: string): Promise<IotTicketSession> {
    const s = await this.get(connectionId);
    if (s.platform !== 'iotticket') throw new PlatformError(`"${connectionId}" is not an IoT-TICKET connection`, 'validation');
    return s;
  }

  async altair(connectionId: string): Promise<AltairSession> {
    const s = await this.get(connectionId);
    if (s.platform !== 'altair') throw new PlatformError(`"${connectionId}" is not an Altair IoT Studio connection`, 'validation');
    return s;
  }

  /** Records the outcome of a request for the status bar. */
  report(connectionId: string | undefined, outcome: 'ok' | unknown): void {
    if (connectionId) this.health.report(connectionId, outcome);
  }

  /** Forgets a session (after its profile or secret changed). */
  async invalidate(connectionId: string): Promise<void> {
    const cached = this.sessions.get(connectionId);
    this.sessions.delete(connectionId);
    if (cached) await this.disposeSession(cached.session);
  }

  /** Sign-out: revokes the Altair token on the server and forgets the session. */
  async signOut(connectionId: string): Promise<void> {
    const cached = this.sessions.get(connectionId);
    this.sessions.delete(connectionId);
    if (cached) {
      const session = await cached.session.catch(() => undefined);
      if (session?.platform === 'altair') await session.api.dispose();
    }
    this.health.set(connectionId, 'signedOut');
  }

  /** Checks a connection with cheap calls on every surface it has; resolves with what was reached. */
  async test(connectionId: string, signal?: AbortSignal): Promise<string[]> {
    await this.invalidate(connectionId);
    const session = await this.get(connectionId);
    const reached: string[] = [];
    try {
      if (session.platform === 'iotticket') {
        if (session.assetApi) {
          const orgs = await session.assetApi.organizations.getOrganizations({ signal });
          reached.push(vscode.l10n.t('asset API: {0} organization(s)', orgs.length));
        }
        if (session.v1) {
          await session.v1.ping(signal);
          reached.push(vscode.l10n.t('REST API v1: signed in'));
        }
      } else {
        await session.strategy.getToken(signal);
        reached.push(vscode.l10n.t('token granted ({0})', session.strategy.grantedScope ?? session.strategy.scopes.join(' ')));
        const page = await session.api.spaces(session.space).things().get({ limit: 1, signal });
        reached.push(vscode.l10n.t('space "{0}": things readable ({1} on the first page)', session.space, page.items.length));
      }
      this.health.set(connectionId, 'ok');
      return reached;
    } catch (err) {
      this.health.report(connectionId, err);
      throw err;
    }
  }

  private async create(profile: ConnectionProfile): Promise<Session> {
    const tls = await this.tlsFor(profile);
    if (profile.platform === 'iotticket') return this.createIotTicket(profile, tls);
    return this.createAltair(profile, tls);
  }

  private async tlsFor(profile: ConnectionProfile): Promise<TlsOptions | undefined> {
    if (profile.tlsVerify !== false && !profile.caFile) return undefined;
    let ca: string | undefined;
    if (profile.caFile) {
      const file = profile.caFile.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
      try {
        ca = await fs.readFile(file, 'utf8');
      } catch (err) {
        throw new PlatformError(vscode.l10n.t('Cannot read the CA file "{0}" of "{1}": {2}', file, profile.label, errorMessage(err)), 'validation');
      }
    }
    return { verify: profile.tlsVerify !== false, ca };
  }

  private async createIotTicket(profile: ConnectionProfile, tls: TlsOptions | undefined): Promise<IotTicketSession> {
    let coreBaseUrl = profile.coreBaseUrl;
    let v1BaseUrl = profile.v1BaseUrl;
    let adapterBaseUrl = profile.adapterBaseUrl;
    let username = profile.username ?? '';
    let password: string | undefined;
    if (profile.demo) {
      const info = (await this.demo.start()).iotticket;
      ({ coreBaseUrl, v1BaseUrl, adapterBaseUrl } = info);
      username = info.user;
      password = info.password;
    } else {
      password = await this.store.getSecret(profile, primarySecret('iotticket'));
    }
    if (!password) throw new MissingCredentialError(profile);
    const common = { tls, logger: this.log, userAgent: 'iot-explorer-vscode' };
    return {
      platform: 'iotticket',
      profile,
      assetApi: coreBaseUrl ? new IotTicketClient({ ...common, coreBaseUrl, username, password, adapterBaseUrl }) : undefined,
      v1: v1BaseUrl ? new IotTicketV1Client({ ...common, baseUrl: v1BaseUrl, username, password }) : undefined,
      coreBaseUrl,
      v1BaseUrl,
      adapterBaseUrl,
      username,
    };
  }

  private async createAltair(profile: ConnectionProfile, tls: TlsOptions | undefined): Promise<AltairSession> {
    let host = profile.host;
    let space = profile.space ?? '';
    let clientId = profile.clientId ?? '';
    let scopes = profile.scopes ?? defaultAltairScopes;
    let secret: string | undefined;
    if (profile.demo) {
      const info = (await this.demo.start()).altair;
      host = info.baseUrl;
      space = info.space;
      clientId = info.clientId;
      secret = info.clientSecret;
      scopes = info.scopes;
    } else {
      secret = await this.store.getSecret(profile, primarySecret('altair'));
    }
    if (!secret) throw new MissingCredentialError(profile);
    const strategy = new ClientCredentialsStrategy({ clientId, clientSecret: secret, scopes });
    const api = new AltairApi({ host, tls, logger: this.log, userAgent: 'iot-explorer-vscode', security: strategy });
    return { platform: 'altair', profile, api, strategy, host: api.host, space, clientId };
  }

  private dropChanged(): void {
    for (const [id, cached] of this.sessions) {
      const profile = this.store.get(id);
      if (!profile || JSON.stringify(profile) !== cached.key) {
        this.sessions.delete(id);
        void this.disposeSession(cached.session);
      }
    }
  }

  private async disposeSession(session: Promise<Session>): Promise<void> {
    // Profiles changed or removed: the old Altair token is revoked rather than left to expire.
    const s = await session.catch(() => undefined);
    if (s?.platform === 'altair') await s.api.dispose().catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const cached of this.sessions.values()) void this.disposeSession(cached.session);
    this.sessions.clear();
  }
}
