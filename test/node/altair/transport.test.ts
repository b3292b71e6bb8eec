// What happens between the client and the wire: malformed JSON, cancellation, retries of idempotent
// requests only, the error envelope of unknown routes, and the TLS options against a real HTTPS server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, SpacesResource } from '../../../src/platforms/altair';
import { CancelledError, HttpError, ParseError, PlatformError, collect } from '../../../src/platforms/http';

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  thing: { id: string };
}

void describe('against the emulator', () => {
  let emu: Emulator;
  let api: AltairApi;
  let info: AltairInfo;
  before(async () => {
    emu = await startEmulator();
    info = emu.info().altair as AltairInfo;
    api = await new AltairApi({ host: emu.url, retry: { baseDelayMs: 5, maxDelayMs: 20 } }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
    await api.spaces(info.space).things(info.thing.id).get(); // sign in before faults are set
  });
  after(async () => {
    emu.faults.clear();
    await api.dispose();
    await emu.close();
  });

  const thingsPath = (): string => `/spaces/${info.space}/things`;

  void test('malformed JSON from the server is a ParseError naming the request', async () => {
    emu.faults.set([{ kind: 'malformed', pathPrefix: thingsPath(), count: 2 }]);
    const list = await api.spaces(info.space).things().get().then(() => undefined, (e: unknown) => e);
    assert.ok(list instanceof ParseError, String(list));
    assert.match(list.message, /malformed response/);
    assert.equal(list.request?.path.startsWith(thingsPath()), true);
    await assert.rejects(api.spaces(info.space).things(info.thing.id).get(), (e: unknown) => e instanceof ParseError);
    emu.faults.clear();
  });

  void test('JSON that is not a list envelope is a ParseError too, not an empty page', async () => {
    // A list resource pointed at a single-object endpoint receives `{uid, …}` instead of `{data, paging}`.
    const misplaced = new SpacesResource(api, `${thingsPath()}/${info.thing.id}`);
    await assert.rejects(misplaced.get(), (e: unknown) => e instanceof ParseError && /list envelope/.test(e.message) && e.status === 200);
  });

  void test('an AbortController cancels a slow request and a paged read; an aborted signal sends nothing', async () => {
    emu.faults.set([{ kind: 'latency', ms: 2000, pathPrefix: thingsPath() }]);
    const ctrl = new AbortController();
    const pending = api.spaces(info.space).things().get({ signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    await assert.rejects(pending, (e: unknown) => e instanceof CancelledError);
    emu.faults.clear();

    const ctrl2 = new AbortController();
    let seen = 0;
    const read = (async () => {
      for await (const _ of api.spaces(info.space).things().paginate({ limit: 10, signal: ctrl2.signal })) {
        if (++seen === 15) ctrl2.abort();
      }
    })();
    await assert.rejects(read, (e: unknown) => e instanceof CancelledError);
    assert.equal(seen, 20, 'the page in hand is finished, the next one is not fetched');

    const offline = new AltairApi({ host: 'http://127.0.0.1:9' }).setToken('never-sent-token');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(offline.spaces('s').things().get({ signal: aborted.signal }), (e: unknown) => e instanceof CancelledError);
  });

  void test('GETs are retried on 503 with Retry-After; writes are not, and carry the Altair message', async () => {
    emu.faults.set([{ kind: '503', pathPrefix: thingsPath(), method: 'GET', count: 2, retryAfterSec: 0.01 }]);
    const page = await api.spaces(info.space).things().get({ limit: 3 });
    assert.equal(page.items.length, 3);
    assert.equal(emu.faults.list()[0].count, 0, 'both faults were consumed by retries');

    emu.faults.set([{ kind: '503', pathPrefix: thingsPath(), method: 'POST', count: 1 }]);
    const err = await api.spaces(info.space).things().create({ title: 'not retried' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.equal(err.status, 503);
    assert.equal(err.code, 503);
    assert.equal(err.platformMessage, 'Service Unavailable');
    emu.faults.clear();
    const titles = (await collect(api.spaces(info.space).things().paginate({ title: 'not retried' }))).length;
    assert.equal(titles, 0, 'the failed create was not sent again');
  });

  void test('makeRequest reaches any path; unknown routes answer in the Altair envelope', async () => {
    const res = await api.makeRequest<{ uid: string }>({ path: `${thingsPath()}/${info.thing.id}` });
    assert.equal(res.status, 200);
    assert.equal(res.data.uid, info.thing.id);
    const err = await api.makeRequest({ path: `/spaces/${info.space}/nothing-here` }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError && err.status === 404 && err.platformMessage === 'Item not found', String(err));
    await assert.rejects(api.makeRequest({ path: 'https://elsewhere.example.com/x' }), (e: unknown) => e instanceof PlatformError && /must be on/.test(e.message));
  });
});

void describe('TLS options against an HTTPS server with a self-signed certificate', () => {
  let server: Server | undefined;
  let url = '';
  let certPem = '';
  let dir = '';
  const hasOpenssl = ((): boolean => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  before(async () => {
    if (!hasOpenssl) return;
    dir = mkdtempSync(join(tmpdir(), 'altair-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    certPem = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: certPem }, (req, res) => {
      const body = req.url === '/oauth2/token' ? { access_token: 'tls-token-123456', expires_in: 3600, scope: 'thing', token_type: 'bearer' } : { data: [{ name: 'tls-space' }], paging: { next_cursor: '', previous_cursor: '' } };
      const text = JSON.stringify(body);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  void test('verification is on by default, off with verify:false, and a private CA is accepted', async (t) => {
    if (!hasOpenssl) return t.skip('openssl is not installed');
    const credentials = { clientId: 'c', clientSecret: 'tls-secret-1', scopes: ['thing'] };
    const err = await new AltairApi({ host: url, retry: { retries: 0 } }).setCredentials(credentials).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PlatformError && err.kind === 'network', String(err));
    assert.equal(err.request?.path, '/oauth2/token', 'the token request is verified too');

    const insecure = await new AltairApi({ host: url, tls: { verify: false } }).setCredentials(credentials);
    assert.deepEqual((await insecure.spaces().get()).items, [{ name: 'tls-space' }]);

    const withCa = await new AltairApi({ host: url, tls: { ca: certPem } }).setCredentials(credentials);
    assert.deepEqual((await withCa.spaces().get()).items, [{ name: 'tls-space' }]);
  });
});
