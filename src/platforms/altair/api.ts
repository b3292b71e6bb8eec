/**
 * `AltairApi`: one object per Altair IoT Studio host, after the `iots` SDK's `API`. It owns the HTTP
 * client (errors read from Altair's envelopes, TLS verification on unless switched off) and the
 * security strategy, and is the root of the fluent resources:
 *   api.spaces('demo').categories('HVAC').things(uid).properties('temperature').get()
 */
import {
  HttpClient,
  ValidationError,
  type AuthStrategy,
  type HttpResponse,
  type Logger,
  type RequestOptions,
  type RetryPolicy,
  type TlsOptions,
} from '../http';
import { AccessTokenStrategy, ClientCredentialsStrategy, type AltairSecurityStrategy, type ClientCredentialsOptions } from './auth';
import { altairErrorParser } from './errorParser';
import { readPropertyHistory, readPropertyHistoryPage, type HistoryPage, type HistoryPageOptions, type HistoryReadOptions, type HistorySeries } from './historyReader';
import { joinPath, type AltairTransport } from './resource';
import { SpaceResource, SpacesResource } from './spaces';

import { DEFAULT_ALTAIR_HOST } from './defaults';

export { DEFAULT_ALTAIR_HOST };

export interface AltairApiOptions {
  /** Default `https://api.swx.altairone.com`; a bare host name gets `https://`. */
  readonly host?: string;
  readonly security?: AltairSecurityStrategy;
  /** Verification is on by default; `{ verify: false }` or a private `ca` (PEM). */
  readonly tls?: TlsOptions;
  /** Per-attempt timeout, token requests included. Default 30 s (the SDK's `make_request` default is 3 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: Logger;
  readonly userAgent?: string;
}

/** `api.example.com` → `https://api.example.com`; trailing slashes dropped. */
export function normalizeHost(host: string | undefined): string {
  const raw = (host ?? DEFAULT_ALTAIR_HOST).trim();
  if (!raw) throw new ValidationError('host', 'must not be empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ValidationError('host', `"${raw}" is not a host name or URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('host', 'must be an http or https URL');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class AltairApi implements AltairTransport {
  readonly host: string;
  readonly http: HttpClient;
  private security: AltairSecurityStrategy | undefined;

  constructor(options: AltairApiOptions = {}) {
    this.host = normalizeHost(options.host);
    // The HTTP client always talks to this delegate, so the strategy can be set or swapped later.
    const delegate: AuthStrategy = {
      apply: (headers, signal) => {
        if (!this.security) throw new ValidationError('security', 'no security strategy has been set: call setToken or setCredentials');
        return this.security.apply(headers, signal);
      },
      refreshAfterUnauthorized: async (signal) => (await this.security?.refreshAfterUnauthorized?.(signal)) ?? false,
    };
    this.http = new HttpClient({
      baseUrl: this.host,
      auth: delegate,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      logger: options.logger,
      userAgent: options.userAgent,
      errorParser: altairErrorParser,
    });
    // A constructor cannot wait: this strategy fetches its token on the first request. `AltairApi.connect`
    // (or `await api.withSecurity(strategy)`) fetches it at once, as the SDK does.
    if (options.security) this.useSecurity(options.security);
  }

  /** A new API whose security strategy has already fetched its token: a wrong secret fails here. */
  static async connect(options: AltairApiOptions & { readonly security: AltairSecurityStrategy }, signal?: AbortSignal): Promise<AltairApi> {
    const { security, ...rest } = options;
    return new AltairApi(rest).withSecurity(security, signal);
  }

  /**
   * SDK `with_security`: sets the strategy and, when it exchanges credentials for a token, fetches one at
   * once, so a wrong secret or scope fails here (HttpError from the token endpoint), not on a later request.
   * On failure the previous strategy stays in place.
   */
  async withSecurity(strategy: AltairSecurityStrategy, signal?: AbortSignal): Promise<this> {
    const previous = this.security;
    this.useSecurity(strategy);
    try {
      await strategy.getToken?.(signal);
    } catch (err) {
      this.security = previous;
      throw err;
    }
    return this;
  }

  /** Sets the strategy without any request; its token (if it needs one) is fetched on the first request. */
  useSecurity(strategy: AltairSecurityStrategy): this {
    strategy.attach?.(this.http);
    this.security = strategy;
    return this;
  }

  /** SDK `set_token`: an already exchanged token (nothing to fetch, so nothing is checked until a request). */
  setToken(token: string): this {
    return this.useSecurity(new AccessTokenStrategy(token));
  }

  /**
   * SDK `set_credentials`: OAuth2 client credentials, token URL `/oauth2/token` on this host unless given,
   * and a token fetched at once (see `withSecurity`).
   */
  setCredentials(options: ClientCredentialsOptions, signal?: AbortSignal): Promise<this> {
    return this.withSecurity(new ClientCredentialsStrategy(options), signal);
  }

  get securityStrategy(): AltairSecurityStrategy | undefined {
    return this.security;
  }

  /** SDK `revoke_token`. */
  async revokeToken(signal?: AbortSignal): Promise<void> {
    await this.security?.revoke?.(signal);
  }

  /** Sign-out: revokes the token and forgets the strategy. */
  async dispose(): Promise<void> {
    const security = this.security;
    this.security = undefined;
    await security?.dispose?.();
  }

  /**
   * SDK `make_request`: any request relative to the host (or an absolute URL on it). Resources use it
   * too. Every request gets its own AbortSignal, which the OAuth2 strategy uses to tell which token a
   * rejected request carried.
   */
  request<T>(opts: RequestOptions): Promise<HttpResponse<T>> {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(opts.path) && !opts.path.startsWith(`${new URL(this.host).origin}/`)) {
      return Promise.reject(new ValidationError('path', `must be on ${this.host}`));
    }
    const signal = opts.signal ? AbortSignal.any([opts.signal]) : new AbortController().signal;
    return this.http.request<T>({ ...opts, signal });
  }

  /** `makeRequest` under the SDK's name. */
  makeRequest<T>(opts: RequestOptions): Promise<HttpResponse<T>> {
    return this.request<T>(opts);
  }

  spaces(): SpacesResource;
  spaces(space: string): SpaceResource;
  spaces(space?: string): SpacesResource | SpaceResource {
    return space === undefined ? new SpacesResource(this, '/spaces') : new SpaceResource(this, space);
  }

  /** One property's history over a time range as typed arrays (for charts), 1000 points per request. */
  fetchPropertyHistory(space: string, thingId: string, property: string, opts: HistoryReadOptions = {}): Promise<HistorySeries> {
    return readPropertyHistory(this, this.historyPath(space, thingId, property), property, opts);
  }

  /** One page of a property's history as typed arrays (ascending) with its cursors, for callers that page in parallel. */
  fetchPropertyHistoryPage(space: string, thingId: string, property: string, opts: HistoryPageOptions = {}): Promise<HistoryPage> {
    return readPropertyHistoryPage(this, this.historyPath(space, thingId, property), property, opts);
  }

  private historyPath(space: string, thingId: string, property: string): string {
    return joinPath(this.spaces(space).things(thingId).path, 'properties-history', property);
  }
}
