import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, requestToken, startSession, type AltairSession } from './helpers';

void describe('Altair emulator: OAuth2 and scopes', () => {
  let s: AltairSession;
  before(async () => {
    s = await startSession();
  });
  after(() => s.emu.close());

  void test('client credentials give an opaque bearer token echoing the granted scopes', async () => {
    const r = await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret', scope: 'thing category' });
    assert.equal(r.status, 200);
    const body = r.body as Record<string, unknown>;
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, 'thing category');
    assert.match(String(body.access_token), /^[\w-]+\.[\w-]+$/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  void test('HTTP Basic client authentication works as well', async () => {
    const basic = Buffer.from('demo-client:demo-secret').toString('base64');
    const r = await requestToken(s.emu.url, { grant_type: 'client_credentials', scope: 'thing.read' }, { authorization: `Basic ${basic}` });
    assert.equal(r.status, 200, r.text);
    assert.equal((r.body as { scope: string }).scope, 'thing.read');
  });

  void test('a bad secret or unknown client is a 401 OAuth2 error; a bad grant or scope a 400', async () => {
    const bad = await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'nope' });
    assert.equal(bad.status, 401);
    assert.equal((bad.body as { error: string }).error, 'invalid_client');
    assert.equal(typeof (bad.body as { error_description: string }).error_description, 'string');
    const unknown = await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' });
    assert.equal(unknown.status, 401);
    const grant = await requestToken(s.emu.url, { grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret' });
    assert.equal(grant.status, 400);
    assert.equal((grant.body as { error: string }).error, 'unsupported_grant_type');
    const scope = await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'readonly-client', client_secret: 'readonly-secret', scope: 'thing' });
    assert.equal(scope.status, 400);
    assert.equal((scope.body as { error: string }).error, 'invalid_scope');
  });

  void test('no header, a malformed header and an unknown token are 401 in the Altair envelope', async () => {
    const res = await fetch(`${s.emu.url}/spaces/demo/things`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: { status: 401, message: 'No token provided' } });
    const basic = await fetch(`${s.emu.url}/spaces/demo/things`, { headers: { authorization: 'Basic eDp5' } });
    assert.equal(basic.status, 401);
    const unknown = await fetch(`${s.emu.url}/spaces/demo/things`, { headers: { authorization: 'Bearer not.a-token' } });
    assert.deepEqual(await unknown.json(), { error: { status: 401, message: 'Unauthenticated' } });
  });

  void test('revoked tokens stop working; only their own client may revoke them', async () => {
    const token = (await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' })).body as { access_token: string };
    const use = (): Promise<Response> => fetch(`${s.emu.url}/spaces/demo/categories`, { headers: { authorization: `Bearer ${token.access_token}` } });
    assert.equal((await use()).status, 200);
    const revoke = (form: Record<string, string>): Promise<Response> => fetch(`${s.emu.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams(form) });
    const foreign = await revoke({ token: token.access_token, client_id: 'readonly-client', client_secret: 'readonly-secret' });
    assert.equal(foreign.status, 401);
    assert.equal((await use()).status, 200);
    const own = await revoke({ token: token.access_token, client_id: 'demo-client', client_secret: 'demo-secret' });
    assert.equal(own.status, 200);
    assert.equal(await own.text(), '');
    const after = await use();
    assert.equal(after.status, 401);
    assert.deepEqual(await after.json(), { error: { status: 401, message: 'Unauthenticated' } });
  });

  void test('fine-grained scopes: thing.read reads but may not write (403 Unauthorized)', async () => {
    const ro = await startSession({}, undefined);
    try {
      await ro.login('thing.read', 'readonly-client', 'readonly-secret');
      const thing = ro.info.thing.id;
      assert.equal((await ro.get(`/spaces/demo/things/${thing}`)).status, 200);
      assert.equal((await ro.get(`/spaces/demo/things/${thing}/properties-history?limit=1`)).status, 200);
      assertError(await ro.call('PUT', `/spaces/demo/things/${thing}/properties`, { setpoint: 21 }), 403, 'Unauthorized');
      assertError(await ro.call('POST', '/spaces/demo/things', { title: 'x' }), 403, 'Unauthorized');
      assertError(await ro.call('DELETE', `/spaces/demo/things/${thing}`), 403, 'Unauthorized');
      assertError(await ro.get('/spaces/demo/categories'), 403, 'Unauthorized');
      assertError(await ro.get('/spaces/demo/models'), 403, 'Unauthorized');
      // The write was refused: the value is unchanged.
      const props = await ro.ok<Record<string, unknown>>(`/spaces/demo/things/${thing}/properties`);
      assert.notEqual(props.setpoint, 21);
    } finally {
      await ro.emu.close();
    }
  });

  void test('a parent scope allows its children; a sibling scope does not', async () => {
    const other = await startSession({}, 'category.read');
    try {
      assert.equal((await other.get('/spaces/demo/categories')).status, 200);
      assertError(await other.call('POST', '/spaces/demo/categories', { name: 'X1' }), 403);
      assertError(await other.get('/spaces/demo/things'), 403);
      await other.login('category thing.create');
      const created = await other.call('POST', '/spaces/demo/categories', { name: 'X1' });
      assert.equal(created.status, 201, created.text);
      assert.equal((await other.call('POST', '/spaces/demo/things', { title: 'new' })).status, 201);
      assertError(await other.get('/spaces/demo/things'), 403);
    } finally {
      await other.emu.close();
    }
  });

  void test('tokens expire after tokenTtlSec', async () => {
    const short = await startSession({ tokenTtlSec: 1 });
    try {
      const r = await requestToken(short.emu.url, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' });
      assert.equal((r.body as { expires_in: number }).expires_in, 1);
      assert.equal((await short.get('/spaces/demo/categories')).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assertError(await short.get('/spaces/demo/categories'), 401, 'Unauthenticated');
      await short.login();
      assert.equal((await short.get('/spaces/demo/categories')).status, 200);
    } finally {
      await short.emu.close();
    }
  });

  void test('the token request counter is exposed for client tests', async () => {
    const before = (await (await fetch(`${s.emu.url}/_emulator/altair/stats`)).json()) as { tokenRequests: number };
    await requestToken(s.emu.url, { grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' });
    const afterStats = (await (await fetch(`${s.emu.url}/_emulator/altair/stats`)).json()) as { tokenRequests: number };
    assert.equal(afterStats.tokenRequests, before.tokenRequests + 1);
  });

  void test('injected faults on Altair paths use the Altair envelope', async () => {
    s.emu.faults.add({ kind: '503', count: 1, pathPrefix: '/spaces/', retryAfterSec: 0.05 });
    const r = await s.get('/spaces/demo/categories');
    assertError(r, 503, 'Service Unavailable');
    assert.equal(r.headers.get('retry-after'), '0.05');
    assert.equal((await s.get('/spaces/demo/categories')).status, 200);
  });

  void test('unknown paths and methods answer in the Altair envelope', async () => {
    assertError(await s.get('/spaces/demo/nothing/here'), 404, 'Item not found');
    assertError(await s.get('/spaces/nospace/things'), 404, 'Item not found');
    assertError(await s.call('PATCH', '/spaces/demo/categories'), 405);
  });
});
