/**
 * The emulator is a boundary (issue 14 item 15): bounded request bodies (413), loopback Host names only,
 * no cross-origin requests to its control routes, 400 (never 500) on over-deep or malformed bodies on
 * every route, and no write lost to concurrency on either platform. Raw node:http requests, so the test
 * sets Host, Origin and Sec-Fetch-Site itself.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startEmulator, type Emulator } from '../../../src/emulator/server';

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

let emu: Emulator;
let port: number;
let info: {
  iotticket: { user: string; password: string; tenant: string; device: { id: string; password: string; username: string }; asset: { id: string; telemetryAttributeId: string; commandAttributeId: string }; v1: { deviceId: string } };
  altair: { clientId: string; clientSecret: string; space: string; scopes: string[]; thing: { id: string; numericProperty: string; actionName: string; eventName: string }; category: string };
};
let bearer = '';
const FIXED_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** One raw request: any headers (Host included), any body. */
function call(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: `127.0.0.1:${port}`, ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    // The server may answer 413 before the whole body is sent and close: that is an answer, not a failure.
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A request whose headers go now and whose body goes when `finish` is called; resolves once connected. */
async function lateBody(method: string, path: string, headers: Record<string, string>, body: string): Promise<{ finish(): Promise<Answer> }> {
  const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers, 'content-length': Buffer.byteLength(body) } });
  const answered = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), json: undefined }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  await new Promise<void>((resolve) => req.once('socket', (socket) => (socket.connecting ? socket.once('connect', () => resolve()) : resolve())));
  return {
    finish: () => {
      req.end(body);
      return answered;
    },
  };
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The credentials a path needs, so a body reaches the code that reads it. */
function authFor(path: string): Record<string, string> {
  if (path.startsWith('/spaces')) return { authorization: `Bearer ${bearer}` };
  if (path.startsWith('/http-adapter')) return { authorization: basic(info.iotticket.device.username, info.iotticket.device.password) };
  return { authorization: basic(info.iotticket.user, info.iotticket.password) };
}

before(async () => {
  emu = await startEmulator({ now: () => FIXED_NOW });
  port = emu.port;
  info = emu.info() as unknown as typeof info;
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: info.altair.clientId, client_secret: info.altair.clientSecret, scope: info.altair.scopes.join(' ') });
  const token = await call('POST', '/oauth2/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  bearer = (token.json as { access_token: string }).access_token;
});
after(() => emu.close());

void describe('Host and Origin', () => {
  for (const host of ['127.0.0.1', 'localhost:8080', 'LOCALHOST', '[::1]:1234', '127.0.0.1:1']) {
    void test(`Host ${host} is served`, async () => {
      assert.equal((await call('GET', '/_emulator/info', { headers: { host } })).status, 200);
    });
  }
  for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', 'localhost.evil.example', '10.0.0.5']) {
    void test(`Host "${host}" is refused on control and platform routes`, async () => {
      const info = await call('GET', '/_emulator/info', { headers: { host } });
      assert.equal(info.status, 403, info.text);
      assert.doesNotMatch(info.text, /password|secret/i, 'no credentials in the refusal');
      assert.equal((await call('GET', '/api/v1/devices', { headers: { host, ...authFor('/api/v1') } })).status, 403);
    });
  }

  void test('a request without a Host header is refused', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('GET /_emulator/info HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.[01] 403/);
  });

  void test('cross-origin requests to control routes are refused; same-site ones are served', async () => {
    const evil = await call('POST', '/_emulator/reset', { headers: { origin: 'http://evil.example' } });
    assert.equal(evil.status, 403, evil.text);
    assert.equal((await call('GET', '/_emulator/info', { headers: { origin: 'https://rebind.example:443' } })).status, 403);
    assert.equal((await call('GET', '/_emulator/info', { headers: { 'sec-fetch-site': 'cross-site' } })).status, 403);
    assert.equal((await call('GET', '/_emulator/info', { headers: { origin: 'null' } })).status, 403);
    assert.equal((await call('GET', '/_emulator/info', { headers: { origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site' } })).status, 200);
    assert.equal((await call('GET', '/_emulator/faults', { headers: { origin: `http://127.0.0.1:${port}` } })).status, 200);
  });
});

void describe('request bodies', () => {
  const big = Buffer.alloc(6 * 1024 * 1024, 0x20);

  for (const [method, path] of [['POST', '/_emulator/faults'], ['POST', '/api/v1/process/write/x'], ['PUT', '/spaces/demo/things/x/properties'], ['POST', '/core/v1/ml-models']] as const) {
    void test(`${method} ${path}: 6 MiB is refused with 413 and the server keeps answering`, async () => {
      const res = await call(method, path, { headers: { 'content-type': 'application/json', ...authFor(path) }, body: big });
      assert.equal(res.status, 413, res.text);
      assert.equal((await call('GET', '/_emulator/info')).status, 200);
    });
  }

  void test('a multi-series query is bounded like every other read: series × limit ≤ 1,000,000 points', async () => {
    const i = info.iotticket;
    const items = Array.from({ length: 150 }, () => ({ assetId: i.asset.id, attributeId: i.asset.telemetryAttributeId }));
    const path = '/core/v1/timeseries/query';
    const tooMany = await call('POST', path, { headers: { 'content-type': 'application/json', ...authFor(path) }, body: JSON.stringify({ items }) });
    assert.equal(tooMany.status, 400, tooMany.text.slice(0, 200));
    assert.match(tooMany.text, /at most 1000000 per query/);
    const bounded = await call('POST', path, { headers: { 'content-type': 'application/json', ...authFor(path) }, body: JSON.stringify({ items, limit: 10 }) });
    assert.equal(bounded.status, 200);
    assert.equal((bounded.json as { results: unknown[] }).results.length, 150);
  });

  void test('sent e-mails are kept for tests up to a bound, not forever', async () => {
    const path = `/spaces/${info.altair.space}/communications/email`;
    for (let k = 0; k < 1005; k++) {
      const res = await call('POST', path, { headers: { 'content-type': 'application/json', ...authFor(path) }, body: JSON.stringify({ to: ['ops@example.test'], subject: `m${k}`, body: { text: 'x' } }) });
      assert.equal(res.status, 202, res.text);
    }
    const kept = ((await call('GET', '/_emulator/altair/emails')).json as { emails: { subject: string }[] }).emails;
    assert.equal(kept.length, 1000);
    assert.equal(kept[kept.length - 1].subject, 'm1004');
  });

  void test('an ONNX upload above the JSON limit (6 MiB) is within its own limit and accepted', async () => {
    const boundary = 'b0undary';
    const file = Buffer.concat([Buffer.from([0x08, 0x07]), Buffer.alloc(6 * 1024 * 1024 - 2, 1)]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbig-model-boundary-test\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.onnx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await call('POST', '/core/v1/onnx-models', { headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...authFor('/core') }, body });
    assert.equal(res.status, 201, res.text.slice(0, 300));
  });
});

void describe('malformed and over-deep bodies never give 500', () => {
  const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
  const BODIES: readonly [string, string | Buffer][] = [
    ['deep array', deepArray], ['deep object', deepObject], ['invalid JSON', '{"a":'], ['null', 'null'], ['array', '[]'], ['string', '"x"'],
    ['number', '1'], ['empty object', '{}'], ['nulls', '{"a":null,"properties":null,"rules":null,"values":null,"e":null,"t":null}'],
    ['proto', '{"__proto__":{"x":1},"constructor":{"prototype":{}}}'], ['not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['wrong types', '{"name":1,"title":[],"values":"x","rules":{},"description":{},"at":5,"properties":[1],"e":{},"t":"x","kind":7}'],
  ];

  /** Real ids for route parameters, so bodies reach their handlers. */
  function fill(pattern: string): string {
    const a = info.altair;
    const i = info.iotticket;
    const values: Record<string, string> = {
      space: a.space, thing: a.thing.id, property: a.thing.numericProperty, action: a.thing.actionName, event: a.thing.eventName, category: a.category,
      assetId: i.asset.id, attributeId: i.asset.telemetryAttributeId, deviceId: i.device.id, tenant: i.tenant,
    };
    return pattern.split('/').map((s) => (s.startsWith(':') ? encodeURIComponent(values[s.slice(1)] ?? 'x') : s.startsWith('*') ? 'x' : s)).join('/');
  }

  void test('every route with a body, every odd body', async () => {
    const routes = emu.routes.filter((r) => r.method !== 'GET' && !r.pattern.startsWith('/_emulator/iotticket/limits') && r.pattern !== '/_emulator/reset');
    assert.ok(routes.length > 40, `${routes.length} routes`);
    const failures: string[] = [];
    for (const route of routes) {
      const path = fill(route.pattern);
      for (const [name, body] of BODIES) {
        const res = await call(route.method, path, { headers: { 'content-type': 'application/json', ...authFor(path) }, body });
        if (res.status >= 500) failures.push(`${route.method} ${route.pattern} with ${name}: ${res.status} ${res.text.slice(0, 120)}`);
      }
      emu.faults.clear();
    }
    assert.deepEqual(failures, []);
  });

  void test('over-deep JSON is a 400 naming the depth', async () => {
    const res = await call('POST', '/_emulator/faults', { headers: { 'content-type': 'application/json' }, body: deepObject });
    assert.equal(res.status, 400);
    assert.match(res.text, /deeper than \d+ levels/);
  });
});

void describe('no write is lost to concurrency', () => {
  const a = (): typeof info.altair => info.altair;
  const thingPath = (): string => `/spaces/${a().space}/things/${a().thing.id}`;
  const json = (path: string): Record<string, string> => ({ 'content-type': 'application/json', ...authFor(path) });

  void test('20 Altair property writes in the same millisecond: all in the history, the last one is the value', async () => {
    const p = a().thing.numericProperty;
    const values = Array.from({ length: 20 }, (_, k) => 1000 + k);
    const answers = await Promise.all(values.map((v) => call('PUT', `${thingPath()}/properties/${p}`, { headers: json('/spaces'), body: JSON.stringify({ [p]: v }) })));
    assert.deepEqual(answers.map((r) => r.status), values.map(() => 200));
    const hist = await call('GET', `${thingPath()}/properties-history/${p}?at=${encodeURIComponent(`${new Date(FIXED_NOW - 1000).toISOString()}|${new Date(FIXED_NOW + 60_000).toISOString()}`)}&limit=100`, { headers: authFor('/spaces') });
    const items = (hist.json as { data: { at: string; properties: Record<string, number> }[] }).data;
    const written = items.map((i) => i.properties[p]).filter((v) => v >= 1000);
    assert.deepEqual([...written].sort((x, y) => x - y), values, JSON.stringify(items.slice(0, 5)));
    const newest = [...items].sort((x, y) => Date.parse(y.at) - Date.parse(x.at))[0];
    const latest = await call('GET', `${thingPath()}/properties/${p}`, { headers: authFor('/spaces') });
    assert.deepEqual(latest.json, { [p]: newest.properties[p] });
  });

  void test('concurrent writes of different properties and a thing update keep every change', async () => {
    const names = Array.from({ length: 10 }, (_, k) => `concurrent${k}`);
    const thing = (await call('GET', thingPath(), { headers: authFor('/spaces') })).json as Record<string, unknown>;
    await Promise.all([
      ...names.map((n, k) => call('PUT', `${thingPath()}/properties`, { headers: json('/spaces'), body: JSON.stringify({ [n]: k }) })),
      call('PUT', thingPath(), { headers: json('/spaces'), body: JSON.stringify({ ...thing, status: undefined, description: 'updated concurrently' }) }),
    ]);
    const props = (await call('GET', `${thingPath()}/properties`, { headers: authFor('/spaces') })).json as Record<string, unknown>;
    assert.deepEqual(names.map((n) => props[n]), names.map((_, k) => k));
    assert.equal(((await call('GET', thingPath(), { headers: authFor('/spaces') })).json as { description?: string }).description, 'updated concurrently');
  });

  void test('a property write whose body arrives late does not undo a thing update made meanwhile', async () => {
    const p = a().thing.numericProperty;
    const write = await lateBody('PUT', `${thingPath()}/properties`, json('/spaces'), JSON.stringify({ [p]: 55 }));
    const thing = (await call('GET', thingPath(), { headers: authFor('/spaces') })).json as Record<string, unknown>;
    const update = await call('PUT', thingPath(), { headers: json('/spaces'), body: JSON.stringify({ ...thing, status: undefined, description: 'changed while a write was open' }) });
    assert.equal(update.status, 200, update.text);
    assert.equal((await write.finish()).status, 200);
    const after = (await call('GET', thingPath(), { headers: authFor('/spaces') })).json as { description?: string; status: Record<string, unknown> };
    assert.equal(after.description, 'changed while a write was open');
    assert.equal(after.status[p], 55);
  });

  void test('IoT-TICKET: an update whose body arrives after the item was deleted is refused, not reported as done', async () => {
    const core = '/core/v1/ml-models';
    const created = await call('POST', core, {
      headers: json(core),
      body: JSON.stringify({ name: 'Late body model', trigger_url: 'https://example.test/run', method: 'POST', job_id: '1', inputs: [{ name: 'x', dataType: 'double' }], outputs: [{ name: 'y', dataType: 'double' }] }),
    });
    assert.equal(created.status, 201, created.text);
    const id = (created.json as { id: string }).id;
    const update = await lateBody('PATCH', `${core}/${id}`, json(core), JSON.stringify({ description: 'too late' }));
    assert.equal((await call('DELETE', `${core}/${id}`, { headers: authFor(core) })).status, 204);
    assert.equal((await update.finish()).status, 404);
    assert.equal((await call('GET', `${core}/${id}`, { headers: authFor(core) })).status, 404);
  });

  void test('IoT-TICKET: 20 concurrent v1 writes to different datanodes of one device are all stored', async () => {
    const device = info.iotticket.v1.deviceId;
    const names = Array.from({ length: 20 }, (_, k) => `conc${k}`);
    const answers = await Promise.all(names.map((n, k) => call('POST', `/api/v1/process/write/${device}`, { headers: json('/api'), body: JSON.stringify([{ name: n, v: String(k), dataType: 'long', ts: FIXED_NOW }]) })));
    assert.deepEqual(answers.map((r) => r.status), names.map(() => 200));
    const read = await call('GET', `/api/v1/process/read/${device}?datanodes=${names.join(',')}&fromdate=${FIXED_NOW}&todate=${FIXED_NOW}`, { headers: authFor('/api') });
    const reads = (read.json as { datanodeReads: { name: string; values: { v: string }[] }[] }).datanodeReads;
    assert.deepEqual(names.map((n) => reads.find((r) => r.name === n)?.values.map((v) => v.v)), names.map((_, k) => [String(k)]));
  });
});
