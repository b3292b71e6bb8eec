/**
 * Security strategies of the Altair client, after the `iots` SDK: a fixed access token, or OAuth2
 * client credentials with refresh before expiry, a single refresh in flight however many requests
 * wait on it, one refresh after a 401, and revocation on sign-out. Tokens and secrets are registered
 * for redaction the moment they are seen.
 */
import {
  CancelledError,
  raceAbort,
  HttpClient,
  PlatformError,
  ValidationError,
  addSecret,
  type AuthStrategy,
  type Logger,
  type TlsOptions,
} from '../http';
import { altairErrorParser } from './errorParser';

/** A strategy the API object can hand its HTTP client to (for token requests against the same host). */
export interface AltairSecurityStrategy extends AuthStrategy {
  attach?(http: HttpClient): void;
  /** Exchanges credentials for a token now (strategies with a token exchange); `withSecurity` calls it. */
  getToken?(signal?: AbortSignal): Promise<string>;
  /** Revokes the token on the server, if the strategy has one. */
  revoke?(signal?: AbortSignal): Promise<void>;
  /** Forgets (and revokes, where possible) all credentials; later requests fail. */
  dispose?(): Promise<void>;
}

/** SDK `AccessToken`: an already exchanged token sent as a bearer token. */
export class AccessTokenStrategy implements AltairSecurityStrategy {
  private token: string | undefined;

  constructor(token: string) {
    if (!token) throw new ValidationError('token', 'an access token is required');
    addSecret(token);
    this.token = token;
  }

  apply(headers: Headers): void {
    if (this.token === undefined) throw new PlatformError('The access token was cleared; set a new one', 'validation');
    headers.set('Authorization', `Bearer ${this.token}`);
  }

  /** SDK `clean()`. */
  clean(): void {
    this.token = undefined;
  }

  async dispose(): Promise<void> {
    this.clean();
  }
}

export interface ClientCredentialsOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sent space-separated; left out when empty. */
  readonly scopes?: readonly string[];
  /** Relative to the API host, or absolute. Default `/oauth2/token`. */
  readonly tokenUrl?: string;
  /** Relative or absolute; null or '' disables revocation. Default `/oauth2/revoke`. */
  readonly revokeUrl?: string | null;
  /**
   * Whether `revoke()` / sign-out revokes the token on the server. Default true: a signed-out token should
   * not stay usable (the SDK's `OAuth2ClientCredentials` revokes only when given a revoke URL, default none).
   */
  readonly revoke?: boolean;
  /** Refresh this many seconds before expiry. Default 10, as the SDK (capped at half the token's lifetime). */
  readonly refreshThresholdSec?: number;
  /** Used only when the strategy is not attached to an AltairApi (an absolute tokenUrl is then required). */
  readonly tls?: TlsOptions;
  /** Per-attempt timeout of token requests when not attached to an AltairApi (attached: the API's). Default 30 s. */
  readonly timeoutMs?: number;
  /** The clock token lifetimes are measured on (epoch ms); default `Date.now`. Tests share one with the emulator. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

interface Token {
  readonly value: string;
  readonly scope: string | undefined;
  /** When to fetch a new one, epoch ms. */
  readonly refreshAt: number;
  readonly expiresAt: number;
}

/** The SDK's default when a token response has no `expires_in`. */
const DEFAULT_EXPIRES_IN_SEC = 3600;


/** SDK `OAuth2ClientCredentials`. */
export class ClientCredentialsStrategy implements AltairSecurityStrategy {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly tokenUrl: string;
  readonly revokeUrl: string | null;
  readonly refreshThresholdSec: number;
  private readonly clientSecret: string;
  private http: HttpClient | undefined;
  private token: Token | undefined;
  private inflight: Promise<Token> | undefined;
  private disposed = false;
  private tokenRequests = 0;
  /**
   * Which token each request carried, keyed by the request's AbortSignal (AltairApi gives every
   * request its own): after a 401 we refresh only if the rejected token is still the current one,
   * so N requests failing together with the same old token cause one refresh, not N.
   */
  private readonly applied = new WeakMap<AbortSignal, string>();
  /** Requests whose token fetch itself failed: a 401 there is bad credentials, not an expired token. */
  private readonly failed = new WeakSet<AbortSignal>();

  constructor(private readonly options: ClientCredentialsOptions) {
    if (!options.clientId) throw new ValidationError('clientId', 'a client ID is required');
    if (!options.clientSecret) throw new ValidationError('clientSecret', 'a client secret is required');
    const threshold = options.refreshThresholdSec ?? 10;
    if (!(threshold >= 0)) throw new ValidationError('refreshThresholdSec', 'must be zero or more');
    addSecret(options.clientSecret);
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.scopes = [...(options.scopes ?? [])];
    this.tokenUrl = options.tokenUrl ?? '/oauth2/token';
    this.revokeUrl = options.revoke === false || options.revokeUrl === null || options.revokeUrl === '' ? null : (options.revokeUrl ?? '/oauth2/revoke');
    this.refreshThresholdSec = threshold;
  }

  /** Token requests go through the API's HTTP client (same host, TLS settings, logger, retries). */
  attach(http: HttpClient): void {
    this.http = http;
  }

  /** The scopes the server granted with the current token (space-separated), if any. */
  get grantedScope(): string | undefined {
    return this.token?.scope;
  }

  /** When the current token expires (epoch ms), if there is one. */
  get tokenExpiresAt(): number | undefined {
    return this.token?.expiresAt;
  }

  /** How many token requests this strategy has sent (for diagnostics and tests). */
  get tokenRequestCount(): number {
    return this.tokenRequests;
  }

  async apply(headers: Headers, signal?: AbortSignal): Promise<void> {
    let token: Token;
    try {
      token = await this.validToken(signal);
    } catch (err) {
      if (signal) this.failed.add(signal);
      throw err;
    }
    if (signal) {
      this.failed.delete(signal);
      this.applied.set(signal, token.value);
    }
    headers.set('Authorization', `Bearer ${token.value}`);
  }

  async refreshAfterUnauthorized(signal?: AbortSignal): Promise<boolean> {
    if (this.disposed || (signal && this.failed.has(signal))) return false;
    const rejected = signal ? this.applied.get(signal) : undefined;
    try {
      if (this.inflight) await raceAbort(this.inflight, signal);
      else if (!this.token || rejected === undefined || rejected === this.token.value) await raceAbort(this.refresh(), signal);
      // else: another request already replaced the rejected token; just retry with the new one.
      return true;
    } catch (err) {
      if (err instanceof CancelledError) throw err;
      return false;
    }
  }

  /** SDK `get_token()`: a valid access token, exchanged now if needed. */
  async getToken(signal?: AbortSignal): Promise<string> {
    return (await this.validToken(signal)).value;
  }

  /** SDK `revoke_token()`: revokes the current token (if any) and forgets it; the next request gets a new one. */
  async revoke(signal?: AbortSignal): Promise<void> {
    const token = this.token;
    this.token = undefined;
    if (!token || this.revokeUrl === null) return;
    const form = new URLSearchParams({ token: token.value, client_id: this.clientId, client_secret: this.clientSecret });
    await this.client().request({
      method: 'POST',
      path: this.revokeUrl,
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      auth: null,
      idempotent: true,
      // The body (empty on success) is not needed; 'text' still lets an error body reach the HttpError.
      responseType: 'text',
      signal,
    });
  }

  /** Sign-out: revokes the token (best effort) and refuses any later request. */
  async dispose(): Promise<void> {
    this.disposed = true;
    try {
      await this.revoke();
    } catch (err) {
      this.options.logger?.warn(`Altair token revocation failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async validToken(signal?: AbortSignal): Promise<Token> {
    if (this.disposed) throw new PlatformError('This Altair connection was signed out', 'validation');
    const token = this.token;
    if (token && (this.options.now ?? Date.now)() < token.refreshAt) return token;
    return raceAbort(this.refresh(), signal);
  }

  /** Starts a token request unless one is already running; everybody waits on the same one. */
  private refresh(): Promise<Token> {
    this.inflight ??= this.requestToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private client(): HttpClient {
    if (this.http) return this.http;
    if (!/^https?:\/\//i.test(this.tokenUrl)) {
      throw new ValidationError('tokenUrl', 'must be absolute when the strategy is used without an AltairApi');
    }
    this.http = new HttpClient({
      baseUrl: new URL(this.tokenUrl).origin,
      tls: this.options.tls,
      timeoutMs: this.options.timeoutMs,
      logger: this.options.logger,
      errorParser: altairErrorParser,
    });
    return this.http;
  }

  private async requestToken(): Promise<Token> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret });
    if (this.scopes.length) form.set('scope', this.scopes.join(' '));
    this.tokenRequests++;
    const started = (this.options.now ?? Date.now)();
    const response = await this.client().request<unknown>({
      method: 'POST',
      path: this.tokenUrl,
      body: form.toString(),
      contentType: 'application/x-www-form-urlencoded',
      auth: null,
      // Asking for a token twice is harmless, so transient failures are retried.
      idempotent: true,
    });
    const body = response.data as { access_token?: unknown; expires_in?: unknown; scope?: unknown } | undefined;
    if (!body || typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PlatformError(`POST ${this.tokenUrl}: the token response has no access_token`, 'parse', { method: 'POST', path: this.tokenUrl });
    }
    addSecret(body.access_token);
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_IN_SEC;
    // Lifetime counts from when we asked; a threshold longer than half the lifetime would refresh on every request.
    const margin = Math.min(this.refreshThresholdSec, expiresIn / 2);
    const token: Token = {
      value: body.access_token,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
      refreshAt: started + (expiresIn - margin) * 1000,
      expiresAt: started + expiresIn * 1000,
    };
    if (!this.disposed) this.token = token;
    return token;
  }
}
