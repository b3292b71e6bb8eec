// The OAuth2 client-credentials strategy against a tiny token server of its own (node:http), where
// every detail of the exchange can be observed: the form, the single refresh, the 401 path, revocation.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AltairApi, ClientCredentialsStrategy, AccessTokenStrategy } from '../../../src/platforms/altair';
import { CancelledError, HttpError, PlatformError, ValidationError } from '../../../src/platforms/http';

interface TokenServer {
  url: string;
  tokenForms: URLSearchParams[];
  tokenContentTypes: string[];
  revokeForms: URLSearchParams[];
  apiAuthHeaders: string[];
  valid: Set<string>;
  expiresIn: number | undefined;
  /** Delay of token answers in ms (to keep a refresh in flight). */
  tokenDelayMs: number;
  /** Next token answers to send instead of a token. */
  tokenFailures: Array<{ status: number; body: unknown }>;
  /** When set, the API answers 500 with a body that echoes the caller's token. */
  echoTokenInError: boolean;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startTokenServer(): Promise<TokenServer> {
  let counter = 0;
  const state: Omit<TokenServer, 'url' | 'close'> = {
    tokenForms: [], tokenContentTypes: [], revokeForms: [], apiAuthHeaders: [], valid: new Set(), expiresIn: 3600, tokenDelayMs: 0, tokenFailures: [], echoTokenInError: false,
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const send = (status: number, json: unknown): void => {
        const text = json === undefined ? '' : JSON.stringify(json);
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (req.url === '/oauth2/token') {
        state.tokenForms.push(new URLSearchParams(body));
        state.tokenContentTypes.push(String(req.headers['content-type']));
        if (state.tokenDelayMs) await new Promise((r) => setTimeout(r, state.tokenDelayMs));
        const failure = state.tokenFailures.shift();
        if (failure) return send(failure.status, failure.body);
        const token = `tok-${++counter}-${'x'.repeat(20)}`;
        state.valid.add(token);
        return send(200, { access_token: token, token_type: 'bearer', scope: new URLSearchParams(body).get('scope') ?? '', ...(state.expiresIn === undefined ? {} : { expires_in: state.expiresIn }) });
      }
      if (req.url === '/oauth2/revoke') {
        const form = new URLSearchParams(body);
        state.revokeForms.push(form);
        state.valid.delete(form.get('token') ?? '');
        res.writeHead(200, { 'Content-Length': 0 });
        return res.end();
      }
      const auth = String(req.headers.authorization ?? '');
      state.apiAuthHeaders.push(auth);
      // `/slow…` answers late, so its 401 can arrive after another request already refreshed.
      if (req.url?.startsWith('/slow')) await new Promise((r) => setTimeout(r, 80));
      const token = auth.replace(/^Bearer /, '');
      if (!state.valid.has(token)) return send(401, { error: { status: 401, message: 'Unauthenticated' } });
      if (state.echoTokenInError) return send(500, { error: { status: 500, message: `internal failure for token ${token}` } });
      return send(200, { ok: true, token });
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  });
}

void describe('ClientCredentialsStrategy against a token server', () => {
  let srv: TokenServer;
  before(async () => {
    srv = await startTokenServer();
  });
  after(() => srv.close());
  beforeEach(() => {
    srv.tokenForms.length = 0;
    srv.tokenContentTypes.length = 0;
    srv.revokeForms.length = 0;
    srv.apiAuthHeaders.length = 0;
    srv.valid.clear();
    srv.expiresIn = 3600;
    srv.tokenDelayMs = 0;
    srv.tokenFailures.length = 0;
    srv.echoTokenInError = false;
  });

  const api = (extra: Partial<ConstructorParameters<typeof ClientCredentialsStrategy>[0]> = {}): { api: AltairApi; strategy: ClientCredentialsStrategy } => {
    const strategy = new ClientCredentialsStrategy({ clientId: 'app::01', clientSecret: 'very-secret-value', scopes: ['thing.read', 'category.read'], ...extra });
    return { api: new AltairApi({ host: srv.url, security: strategy, retry: { retries: 0 } }), strategy };
  };

  void test('sends a form-encoded client-credentials request with space-separated scopes and uses the token as bearer', async () => {
    const { api: a } = api();
    const res = await a.request<{ ok: boolean; token: string }>({ path: '/spaces/x/things' });
    assert.equal(srv.tokenForms.length, 1);
    const form = srv.tokenForms[0];
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('client_id'), 'app::01');
    assert.equal(form.get('client_secret'), 'very-secret-value');
    assert.equal(form.get('scope'), 'thing.read category.read');
    assert.match(srv.tokenContentTypes[0], /^application\/x-www-form-urlencoded/);
    assert.equal(srv.apiAuthHeaders[0], `Bearer ${res.data.token}`);
  });

  void test('leaves scope out when no scopes are given, and reports the granted scope', async () => {
    const { api: a, strategy } = api({ scopes: [] });
    await a.request({ path: '/a' });
    assert.equal(srv.tokenForms[0].has('scope'), false);
    assert.equal(strategy.grantedScope, '');
  });

  void test('reuses a valid token and exchanges one token for many concurrent requests', async () => {
    const { api: a, strategy } = api();
    srv.tokenDelayMs = 30;
    const results = await Promise.all(Array.from({ length: 12 }, () => a.request<{ token: string }>({ path: '/a' })));
    await a.request({ path: '/b' });
    assert.equal(srv.tokenForms.length, 1);
    assert.equal(strategy.tokenRequestCount, 1);
    assert.equal(new Set(results.map((r) => r.data.token)).size, 1);
  });

  void test('refreshes before expiry (threshold capped at half the lifetime)', async () => {
    srv.expiresIn = 0.02; // 20 ms: with the default 10 s threshold the token is due for refresh after 10 ms
    const { api: a } = api();
    const first = await a.request<{ token: string }>({ path: '/a' });
    await new Promise((r) => setTimeout(r, 40));
    const second = await a.request<{ token: string }>({ path: '/a' });
    assert.equal(srv.tokenForms.length, 2);
    assert.notEqual(first.data.token, second.data.token);
  });

  void test('assumes 3600 s when the token response has no expires_in', async () => {
    srv.expiresIn = undefined;
    const { api: a, strategy } = api();
    const before = Date.now();
    await a.request({ path: '/a' });
    const expiresAt = strategy.tokenExpiresAt ?? 0;
    assert.ok(expiresAt >= before + 3_599_000 && expiresAt <= Date.now() + 3_600_000, `expiresAt ${expiresAt}`);
  });

  void test('after a 401, many requests holding the same rejected token share one refresh and all succeed', async () => {
    const { api: a } = api();
    await a.request({ path: '/warm-up' });
    srv.valid.clear(); // the server forgets every token (expiry or revocation on its side)
    srv.tokenDelayMs = 20;
    const results = await Promise.all(Array.from({ length: 8 }, () => a.request<{ ok: boolean }>({ path: '/a' })));
    assert.ok(results.every((r) => r.data.ok));
    assert.equal(srv.tokenForms.length, 2, 'the warm-up token and exactly one refresh');
  });

  void test('a request rejected with an old token does not refresh again when a newer token exists', async () => {
    const { api: a } = api();
    await a.request({ path: '/warm-up' });
    srv.valid.clear();
    // Both carry the old token; the fast one refreshes, the slow one's 401 comes after that refresh.
    const [slow, fast] = await Promise.all([a.request<{ token: string }>({ path: '/slow' }), a.request<{ token: string }>({ path: '/fast' })]);
    assert.equal(slow.data.token, fast.data.token);
    assert.equal(srv.tokenForms.length, 2, 'the warm-up token and one refresh');
    await a.request({ path: '/b' });
    assert.equal(srv.tokenForms.length, 2);
  });

  void test('bad client credentials: one token request, HttpError with the OAuth2 error and description', async () => {
    srv.tokenFailures.push({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.', status_code: 401 } });
    const { api: a } = api();
    const err = await a.request({ path: '/a' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 401);
    assert.equal(err.code, 'invalid_client');
    assert.equal(err.platformMessage, 'Client authentication failed.');
    assert.equal(err.request?.path, '/oauth2/token');
    assert.equal(srv.tokenForms.length, 1);
    assert.equal(srv.apiAuthHeaders.length, 0);
  });

  void test('a token response without access_token is an error, not an undefined bearer', async () => {
    srv.tokenFailures.push({ status: 200, body: { token_type: 'bearer' } });
    const { api: a } = api();
    await assert.rejects(a.request({ path: '/a' }), (e: unknown) => e instanceof PlatformError && e.kind === 'parse' && /access_token/.test(e.message));
    assert.equal(srv.apiAuthHeaders.length, 0);
  });

  void test('revoke posts token, client_id and client_secret; the next request exchanges a new token', async () => {
    const { api: a } = api();
    const first = await a.request<{ token: string }>({ path: '/a' });
    await a.revokeToken();
    assert.equal(srv.revokeForms.length, 1);
    assert.equal(srv.revokeForms[0].get('token'), first.data.token);
    assert.equal(srv.revokeForms[0].get('client_id'), 'app::01');
    assert.equal(srv.revokeForms[0].get('client_secret'), 'very-secret-value');
    assert.equal(srv.valid.has(first.data.token), false);
    const second = await a.request<{ token: string }>({ path: '/a' });
    assert.notEqual(second.data.token, first.data.token);
  });

  void test('dispose revokes and refuses later requests; revokeUrl null never calls revoke', async () => {
    const { api: a, strategy } = api();
    await a.request({ path: '/a' });
    await strategy.dispose();
    assert.equal(srv.revokeForms.length, 1);
    await assert.rejects(a.request({ path: '/a' }), (e: unknown) => e instanceof PlatformError && /signed out/.test(e.message));

    const { api: b } = api({ revokeUrl: null });
    await b.request({ path: '/a' });
    await b.revokeToken();
    assert.equal(srv.revokeForms.length, 1);
  });

  void test('security options (16.6): revocation off by flag or empty URL, a custom revoke URL, timeouts on token requests', async () => {
    const { api: off } = api({ revoke: false });
    await off.request({ path: '/a' });
    await off.dispose();
    const { api: empty } = api({ revokeUrl: '' });
    await empty.request({ path: '/a' });
    await empty.revokeToken();
    assert.equal(srv.revokeForms.length, 0, 'revocation switched off sends nothing');
    assert.equal(api({ revoke: false }).strategy.revokeUrl, null);
    assert.equal(api({ revokeUrl: `${srv.url}/oauth2/revoke` }).strategy.revokeUrl, `${srv.url}/oauth2/revoke`);

    // The API's request timeout covers the token request that withSecurity sends at once.
    srv.tokenDelayMs = 400;
    const strategy = new ClientCredentialsStrategy({ clientId: 'app::01', clientSecret: 'very-secret-value' });
    const slow = new AltairApi({ host: srv.url, timeoutMs: 40, retry: { retries: 0 } });
    await assert.rejects(slow.withSecurity(strategy), (e: unknown) => e instanceof PlatformError && e.kind === 'timeout' && e.request?.path === '/oauth2/token');
    // Standalone, the strategy's own timeoutMs applies.
    const standalone = new ClientCredentialsStrategy({ clientId: 'c', clientSecret: 'standalone-secret', tokenUrl: `${srv.url}/oauth2/token`, timeoutMs: 40 });
    await assert.rejects(standalone.getToken(), (e: unknown) => e instanceof PlatformError && e.kind === 'timeout');
  });

  void test('a cancelled waiter leaves the shared token exchange running for the others', async () => {
    const { api: a } = api();
    srv.tokenDelayMs = 60;
    const ctrl = new AbortController();
    const cancelled = a.request({ path: '/a', signal: ctrl.signal });
    const other = a.request<{ ok: boolean }>({ path: '/b' });
    setTimeout(() => ctrl.abort(), 10);
    await assert.rejects(cancelled, (e: unknown) => e instanceof CancelledError);
    assert.equal((await other).data.ok, true);
    assert.equal(srv.tokenForms.length, 1);
  });

  void test('secrets and tokens never appear in error messages', async () => {
    const { api: a, strategy } = api();
    const token = await strategy.getToken();
    srv.echoTokenInError = true;
    const err = await a.request({ path: '/a' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 500);
    assert.ok(!err.message.includes(token) && !err.platformMessage.includes(token), err.message);
    assert.match(err.platformMessage, /internal failure for token \*\*\*/);
  });

  void test('works without an AltairApi when the token URL is absolute', async () => {
    const strategy = new ClientCredentialsStrategy({ clientId: 'c', clientSecret: 'standalone-secret', tokenUrl: `${srv.url}/oauth2/token`, revokeUrl: `${srv.url}/oauth2/revoke` });
    const token = await strategy.getToken();
    assert.ok(srv.valid.has(token));
    const headers = new Headers();
    await strategy.apply(headers);
    assert.equal(headers.get('authorization'), `Bearer ${token}`);
    await strategy.revoke();
    assert.equal(srv.valid.has(token), false);
    const relative = new ClientCredentialsStrategy({ clientId: 'c', clientSecret: 'standalone-secret' });
    await assert.rejects(relative.getToken(), (e: unknown) => e instanceof ValidationError && e.parameter === 'tokenUrl');
  });

  void test('AccessTokenStrategy sends the fixed token; clean() stops it; no strategy is a ValidationError', async () => {
    const a = new AltairApi({ host: srv.url, retry: { retries: 0 } });
    await assert.rejects(a.request({ path: '/a' }), (e: unknown) => e instanceof ValidationError && e.parameter === 'security');
    srv.valid.add('fixed-token-abcdef');
    const strategy = new AccessTokenStrategy('fixed-token-abcdef');
    await a.withSecurity(strategy);
    const res = await a.request<{ token: string }>({ path: '/a' });
    assert.equal(res.data.token, 'fixed-token-abcdef');
    strategy.clean();
    await assert.rejects(a.request({ path: '/a' }), (e: unknown) => e instanceof PlatformError && /cleared/.test(e.message));
    // A fixed token that the server rejects is a 401, with no refresh possible.
    a.setToken('unknown-token-123456');
    await assert.rejects(a.request({ path: '/a' }), (e: unknown) => e instanceof HttpError && e.status === 401 && e.platformMessage === 'Unauthenticated');
  });
});

void describe('AltairApi host handling', () => {
  void test('a bare host gets https://, trailing slashes go, the default is the Altair cloud', () => {
    assert.equal(new AltairApi({ host: 'api.example.com' }).host, 'https://api.example.com');
    assert.equal(new AltairApi({ host: 'http://127.0.0.1:8080/' }).host, 'http://127.0.0.1:8080');
    assert.equal(new AltairApi().host, 'https://api.swx.altairone.com');
    assert.throws(() => new AltairApi({ host: 'ftp://x' }), (e: unknown) => e instanceof ValidationError && e.parameter === 'host');
  });
});
