/**
 * OAuth2 for the emulator (shaped like ORY Hydra, which Altair runs): client-credentials tokens
 * (`POST /oauth2/token`), revocation (`POST /oauth2/revoke`), and the bearer/scope checks of the API.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorHttpError, type RequestContext } from '../router';
import { sendJson } from '../respond';
import { altairError, forbidden } from './errors';

export interface OAuthClient {
  readonly id: string;
  readonly secret: string;
  /** Scopes this client may ask for; a parent scope (`thing`) allows its children (`thing.read`). */
  readonly scopes: readonly string[];
  /** Clients made at run time (thing credentials) disappear on reset. */
  readonly dynamic?: boolean;
}

export interface TokenInfo {
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
  readonly expiresAt: number;
}

export interface TokenStats {
  tokenRequests: number;
  tokensIssued: number;
  tokensRevoked: number;
}

/** True when the granted scopes include `required` or one of its parents (`thing` covers `thing.read`). */
export function hasScope(granted: ReadonlySet<string> | readonly string[], required: string): boolean {
  const set = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  const parts = required.split('.');
  for (let n = parts.length; n > 0; n--) if (set.has(parts.slice(0, n).join('.'))) return true;
  return false;
}

function oauthError(status: number, error: string, description: string): EmulatorHttpError {
  return new EmulatorHttpError(status, { error, error_description: description, status_code: status }, { 'Cache-Control': 'no-store' });
}

export class TokenStore {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly tokens = new Map<string, TokenInfo>();
  readonly stats: TokenStats = { tokenRequests: 0, tokensIssued: 0, tokensRevoked: 0 };

  constructor(private readonly now: () => number, private readonly ttlSec: number) {}

  addClient(client: OAuthClient): void {
    this.clients.set(client.id, client);
  }

  /** Drops run-time clients and their tokens (reset keeps the configured clients' tokens valid). */
  dropDynamicClients(): void {
    for (const [id, c] of this.clients) if (c.dynamic) this.clients.delete(id);
    for (const [token, info] of this.tokens) if (!this.clients.has(info.clientId)) this.tokens.delete(token);
  }

  /** Client authentication from the form fields or HTTP Basic; 401 `invalid_client` when wrong. */
  authenticate(ctx: RequestContext, form: URLSearchParams): OAuthClient {
    let id = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const header = ctx.req.headers.authorization;
    if (header && /^basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        id = decodeURIComponent(decoded.slice(0, colon));
        secret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    const client = id === undefined ? undefined : this.clients.get(id);
    if (!client || client.secret !== secret) {
      throw oauthError(401, 'invalid_client', 'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).');
    }
    return client;
  }

  issue(client: OAuthClient, requested: readonly string[]): { access_token: string; expires_in: number; scope: string; token_type: string } {
    for (const s of requested) {
      if (!hasScope(client.scopes, s)) {
        throw oauthError(400, 'invalid_scope', `The requested scope is invalid, unknown, or malformed. The OAuth 2.0 Client is not allowed to request scope '${s}'.`);
      }
    }
    // Choice: no `scope` field grants everything the client may ask for.
    const granted = requested.length > 0 ? requested : client.scopes;
    const token = `${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, { clientId: client.id, scopes: new Set(granted), expiresAt: this.now() + this.ttlSec * 1000 });
    this.stats.tokensIssued++;
    return { access_token: token, expires_in: this.ttlSec, scope: granted.join(' '), token_type: 'bearer' };
  }

  revoke(client: OAuthClient, token: string): void {
    const info = this.tokens.get(token);
    // RFC 7009: an unknown token is not an error. Only the client that obtained a token may revoke it.
    if (!info) return;
    if (info.clientId !== client.id) throw oauthError(401, 'unauthorized_client', 'The OAuth 2.0 Client is not allowed to revoke this token.');
    this.tokens.delete(token);
    this.stats.tokensRevoked++;
  }

  /** The token of a request; 401 in the Altair envelope when missing, unknown, revoked or expired. */
  verify(ctx: RequestContext): TokenInfo {
    const header = ctx.req.headers.authorization;
    if (!header) throw altairError(401, 'No token provided');
    const match = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw altairError(401, 'Unauthenticated');
    const info = this.tokens.get(match[1]);
    if (!info) throw altairError(401, 'Unauthenticated');
    if (info.expiresAt <= this.now()) {
      this.tokens.delete(match[1]);
      throw altairError(401, 'Unauthenticated');
    }
    return info;
  }

  /** 401 without a valid token; 403 unless the token has one of `anyOf` (or a parent of it). */
  authorize(ctx: RequestContext, anyOf: readonly string[]): TokenInfo {
    const info = this.verify(ctx);
    if (anyOf.length > 0 && !anyOf.some((s) => hasScope(info.scopes, s))) throw forbidden();
    return info;
  }
}

async function readForm(ctx: RequestContext): Promise<URLSearchParams> {
  return new URLSearchParams((await ctx.body()).toString('utf8'));
}

/** `POST /oauth2/token` (form-encoded client credentials) and `POST /oauth2/revoke`. */
export function oauthRoutes(tokens: TokenStore): Array<[string, string, (ctx: RequestContext) => Promise<void>]> {
  return [
    ['POST', '/oauth2/token', async (ctx) => {
      tokens.stats.tokenRequests++;
      const form = await readForm(ctx);
      const grant = form.get('grant_type');
      if (!grant) throw oauthError(400, 'invalid_request', 'The request is missing a required parameter: grant_type.');
      const client = tokens.authenticate(ctx, form);
      if (grant !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', `The authorization grant type '${grant}' is not supported by the emulator.`);
      const requested = (form.get('scope') ?? '').split(' ').filter((s) => s.length > 0);
      sendJson(ctx.res, 200, tokens.issue(client, requested), { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    }],
    ['POST', '/oauth2/revoke', async (ctx) => {
      const form = await readForm(ctx);
      const client = tokens.authenticate(ctx, form);
      const token = form.get('token');
      if (!token) throw oauthError(400, 'invalid_request', 'The request is missing a required parameter: token.');
      tokens.revoke(client, token);
      // 200 with an empty body, as Hydra answers.
      ctx.res.writeHead(200, { 'Content-Length': 0 });
      ctx.res.end();
    }],
  ];
}
