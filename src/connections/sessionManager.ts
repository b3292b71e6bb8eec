/**
 * One signed-in session per connection: the platform's clients built by its module
 * (`PlatformConnections.createSession`) from the profile, its secret and TLS options (or, for demo
 * connections, from the built-in emulator). Sessions are created on first use, rebuilt when the profile
 * changes, and dropped on sign-out (which ends what the platform holds on the server: an Altair token).
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { errorMessage, PlatformError, type TlsOptions, type Logger } from '../platforms/http';
import type { DemoService } from '../demo/demoService';
import { SecretOriginError, type ConnectionStore } from './connectionStore';
import type { HealthTracker } from './health';
import type { PlatformDirectory, PythonEnv } from './platform';
import { primarySecret, type ConnectionProfile } from './profile';
import { MissingCredentialError, type AltairSession, type IotTicketSession, type Session } from './session';

export { MissingCredentialError, type AltairSession, type IotTicketSession, type Session };

export class SessionManager implements vscode.Disposable {
  private readonly sessions = new Map<string, { key: string; session: Promise<Session> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly demo: DemoService,
    private readonly log: Logger,
    readonly health: HealthTracker,
    private readonly platforms: PlatformDirectory,
    private readonly python: PythonEnv & { readonly onDidChange?: vscode.Event<void> },
  ) {
    this.disposables.push(store.onDidChange(() => this.dropChanged()));
    // A change of interpreter restarts the Python processes: their sessions are rebuilt on next use.
    if (python.onDidChange) this.disposables.push(python.onDidChange(() => void this.restartPython()));
  }

  /** Ends every Python-backed session: the next use starts a new process (with the interpreter as it is now). */
  async restartPython(): Promise<void> {
    for (const id of [...this.sessions.keys()]) {
      if (this.store.get(id)?.assetApi !== 'python') continue;
      this.log.info(`Restarting the Python backend of "${id}"`);
      await this.invalidate(id);
      this.health.forget(id);
    }
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

  iotticket(connectionId: string): Promise<IotTicketSession> {
    return this.of(connectionId, 'iotticket');
  }

  altair(connectionId: string): Promise<AltairSession> {
    return this.of(connectionId, 'altair');
  }

  /** The session of a connection that must be of `platform` (a command made for one platform). */
  private async of<P extends Session['platform']>(connectionId: string, platform: P): Promise<Extract<Session, { platform: P }>> {
    const s = await this.get(connectionId);
    if (s.platform !== platform) throw new PlatformError(`"${connectionId}" is not an ${this.platforms.get(platform).label} connection`, 'validation');
    return s as Extract<Session, { platform: P }>;
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
      const platform = session && this.platforms.get(session.platform);
      if (session && platform) await (platform.signOut ?? platform.disposeSession)(session);
    }
    this.health.set(connectionId, 'signedOut');
  }

  /** Checks a connection with cheap calls on every surface it has; resolves with what was reached. */
  async test(connectionId: string, signal?: AbortSignal): Promise<string[]> {
    await this.invalidate(connectionId);
    const session = await this.get(connectionId);
    try {
      const reached = await this.platforms.get(session.platform).testSession(session, signal);
      this.health.set(connectionId, 'ok');
      return reached;
    } catch (err) {
      this.health.report(connectionId, err);
      throw err;
    }
  }

  /**
   * Tests a profile that is not saved yet (the wizard's answers) with the secret just typed, or the
   * stored one when `secret` is undefined; the session is disposed afterwards.
   */
  async testProfile(profile: ConnectionProfile, secret: string | undefined, signal?: AbortSignal): Promise<string[]> {
    const platform = this.platforms.get(profile.platform);
    const session = await this.create(profile, secret, signal);
    try {
      return await platform.testSession(session, signal);
    } finally {
      // A session made only for the test: what it holds on the server goes now (an Altair token is revoked).
      await (platform.signOut ?? platform.disposeSession)(session).catch(() => undefined);
    }
  }

  private async create(profile: ConnectionProfile, typedSecret?: string, signal?: AbortSignal): Promise<Session> {
    const platform = this.platforms.get(profile.platform);
    const tls = await this.tlsFor(profile);
    return platform.createSession(profile, {
      tls,
      log: this.log,
      signal,
      python: this.python,
      secret: async () => typedSecret ?? (await this.store.getSecret(profile, primarySecret(profile))),
      demo: () => this.demo.start(),
    });
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
    if (s) await this.platforms.get(s.platform).disposeSession(s).catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const cached of this.sessions.values()) void this.disposeSession(cached.session);
    this.sessions.clear();
  }
}
