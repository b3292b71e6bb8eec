/**
 * The shared HTTP core against a scripted `node:http` server on loopback: retries (idempotent requests
 * only), Retry-After, 401 refresh, timeouts, cancellation, malformed JSON and redaction.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  basicAuth,
  bearerToken,
  CancelledError,
  HttpClient,
  HttpError,
  ParseError,
  PlatformError,
  type AuthStrategy,
  type HttpClientOptions,
} from '../../../src/platforms/http';
import { json, recordingLogger, rejects, ScriptedServer, type Script } from './scriptedServer';

const server = new ScriptedServer();
before(() => server.start());
after(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, { ok: true })));

/** Fast retries so the tests do not wait on real backoff. */
function client(extra: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({ baseUrl: server.url, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 }, ...extra });
}

/** Answers `failures` requests with `status`, then 200 with the request index. */
function failThenOk(failures: number, status: number, headers: Record<string, string> = {}): Script {
  return (_req, res, i) => (i < failures ? json(res, status, { description: `failure ${i}` }, headers) : json(res, 200, { attempt: i }));
}

void describe('retries', () => {
  for (const status of [429, 502, 503, 504]) {
    void test(`GET is retried after ${status}`, async () => {
      server.reset(failThenOk(2, status));
      const data = await client().get<{ attempt: number }>('thing');
      assert.deepEqual(data, { attempt: 2 });
      assert.equal(server.seen.length, 3);
      assert.ok(server.seen.every((s) => s.method === 'GET' && s.url === '/base/thing'));
    });
  }

  for (const status of [400, 404, 500]) {
    void test(`GET is not retried after ${status}`, async () => {
      server.reset(failThenOk(5, status));
      const err = await rejects(client().get('thing'), HttpError);
      assert.equal(err.status, status);
      assert.equal(server.seen.length, 1);
    });
  }

  void test('GET is retried after a network error (socket destroyed before answering)', async () => {
    server.reset((req, res, i) => (i === 0 ? req.socket.destroy() : json(res, 200, { attempt: i })));
    assert.deepEqual(await client().get('x'), { attempt: 1 });
    assert.equal(server.seen.length, 2);
  });

  void test('GET is retried after a connection reset in the middle of the body', async () => {
    server.reset((_req, res, i) => {
      if (i > 0) return json(res, 200, { attempt: i });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"items":[1,2,');
      setTimeout(() => res.destroy(), 5);
    });
    assert.deepEqual(await client().get('x'), { attempt: 1 });
    assert.equal(server.seen.length, 2);
  });

  void test('gives up after the configured number of retries and surfaces the last error', async () => {
    server.reset(failThenOk(100, 503));
    const err = await rejects(client({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).get('x'), HttpError);
    assert.equal(err.status, 503);
    assert.equal(server.seen.length, 3);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    void test(`${method} is never retried after 503`, async () => {
      server.reset(failThenOk(5, 503));
      const err = await rejects(client().request({ method, path: 'w', json: { v: 1 } }), HttpError);
      assert.equal(err.status, 503);
      assert.equal(server.seen.length, 1);
      assert.equal(server.seen[0].body, '{"v":1}');
    });
  }

  void test('POST is never retried after the connection drops (its outcome is unknown)', async () => {
    server.reset((req) => req.socket.destroy());
    const err = await rejects(client().request({ method: 'POST', path: 'w', json: [1] }), PlatformError);
    assert.equal(err.kind, 'outcome-unknown');
    assert.equal(server.seen.length, 1);
  });

  void test('a POST marked idempotent is retried', async () => {
    server.reset(failThenOk(1, 503));
    const res = await client().request<{ attempt: number }>({ method: 'POST', path: 'q', json: {}, idempotent: true });
    assert.equal(res.data.attempt, 1);
    assert.equal(server.seen.length, 2);
  });
});

void describe('Retry-After', () => {
  /** The delay the core announced before each retry, read from its warn lines. */
  const announcedDelays = (lines: readonly string[]): number[] =>
    lines.filter((l) => l.startsWith('warn')).map((l) => Number(/in (\d+) ms/.exec(l)?.[1]));

  void test('delta-seconds from a 429 set the delay, overriding the backoff', async () => {
    server.reset(failThenOk(2, 429, { 'Retry-After': '0.05' }));
    const logger = recordingLogger();
    // A backoff this large would be visible in the announced delay if Retry-After were ignored.
    const c = client({ logger, retry: { retries: 3, baseDelayMs: 60_000, maxDelayMs: 120_000 } });
    assert.deepEqual(await c.get('x'), { attempt: 2 });
    assert.deepEqual(announcedDelays(logger.lines), [50, 50]);
  });

  void test('an HTTP date on a 503 is turned into a delay no longer than the wait it names', async () => {
    const logger = recordingLogger();
    server.reset((_req, res, i) =>
      i === 0 ? json(res, 503, {}, { 'Retry-After': new Date(Date.now() + 1000).toUTCString() }) : json(res, 200, { attempt: i }),
    );
    const c = client({ logger, retry: { retries: 1, baseDelayMs: 60_000, maxDelayMs: 120_000 } });
    assert.deepEqual(await c.get('x'), { attempt: 1 });
    const [delay] = announcedDelays(logger.lines);
    assert.ok(delay >= 0 && delay <= 1000, `announced delay ${delay}`);
  });

  void test('without Retry-After the backoff is used (bounded by maxDelayMs)', async () => {
    const logger = recordingLogger();
    server.reset(failThenOk(1, 502));
    const c = client({ logger, retry: { retries: 1, baseDelayMs: 4, maxDelayMs: 4 } });
    await c.get('x');
    const [delay] = announcedDelays(logger.lines);
    assert.ok(delay >= 2 && delay <= 4, `announced delay ${delay}`);
  });

  void test('the error carries Retry-After when retries run out', async () => {
    server.reset(failThenOk(100, 429, { 'Retry-After': '0.01' }));
    const err = await rejects(client({ retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } }).get('x'), HttpError);
    assert.equal(err.retryAfterSec, 0.01);
  });
});

void describe('401 refresh', () => {
  /** A token strategy that counts refreshes; the server accepts only `fresh`. */
  function refreshingAuth(refreshGives: boolean): AuthStrategy & { refreshes: number } {
    let token = 'stale-token-value';
    const auth = {
      refreshes: 0,
      apply: (h: Headers): void => h.set('Authorization', `Bearer ${token}`),
      refreshAfterUnauthorized: async (): Promise<boolean> => {
        auth.refreshes++;
        if (refreshGives) token = 'fresh-token-value';
        return refreshGives;
      },
    };
    return auth;
  }
  const acceptsFresh: Script = (req, res, i) =>
    req.headers.authorization === 'Bearer fresh-token-value' ? json(res, 200, { attempt: i }) : json(res, 401, { description: 'expired' });

  void test('a 401 refreshes once and the request is sent again with the new credentials', async () => {
    server.reset(acceptsFresh);
    const auth = refreshingAuth(true);
    assert.deepEqual(await client({ auth }).get('x'), { attempt: 1 });
    assert.equal(auth.refreshes, 1);
    assert.deepEqual(server.seen.map((s) => s.headers.authorization), ['Bearer stale-token-value', 'Bearer fresh-token-value']);
  });

  void test('a POST is also sent again after a successful refresh (a 401 means nothing was done)', async () => {
    server.reset(acceptsFresh);
    const auth = refreshingAuth(true);
    const res = await client({ auth }).request({ method: 'POST', path: 'w', json: { a: 1 } });
    assert.equal(res.status, 200);
    assert.equal(server.seen.length, 2);
  });

  void test('a second 401 is not refreshed again: the error surfaces', async () => {
    server.reset((_req, res) => json(res, 401, { description: 'no' }));
    const auth = refreshingAuth(true);
    const err = await rejects(client({ auth }).get('x'), HttpError);
    assert.equal(err.status, 401);
    assert.equal(auth.refreshes, 1);
    assert.equal(server.seen.length, 2);
  });

  void test('when the refresh fails the 401 surfaces without a second request', async () => {
    server.reset(acceptsFresh);
    const auth = refreshingAuth(false);
    const err = await rejects(client({ auth }).get('x'), HttpError);
    assert.equal(err.status, 401);
    assert.equal(auth.refreshes, 1);
    assert.equal(server.seen.length, 1);
  });
});

void describe('timeouts', () => {
  /** Never answers (the connection is closed when the server stops). */
  const hang: Script = () => undefined;

  void test('a request without an answer times out with kind "timeout"', async () => {
    server.reset(hang);
    const err = await rejects(client({ timeoutMs: 50, retry: { retries: 0 } }).get('slow'), PlatformError);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /GET \/base\/slow timed out/);
  });

  void test('a body that stalls after the headers times out too', async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
      res.write('{"a":');
    });
    const err = await rejects(client({ timeoutMs: 50, retry: { retries: 0 } }).get('x'), PlatformError);
    assert.equal(err.kind, 'timeout');
  });

  void test('a GET that timed out is retried', async () => {
    server.reset((_req, res, i) => (i === 0 ? undefined : json(res, 200, { attempt: i })));
    assert.deepEqual(await client({ timeoutMs: 100 }).get('x'), { attempt: 1 });
    assert.equal(server.seen.length, 2);
  });

  void test('a per-request timeout overrides the client default', async () => {
    server.reset(hang);
    const err = await rejects(client({ timeoutMs: 60_000, retry: { retries: 0 } }).get('x', { timeoutMs: 30 }), PlatformError);
    assert.equal(err.kind, 'timeout');
  });
});

void describe('cancellation', () => {
  void test('an already aborted signal sends nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await rejects(client().get('x', { signal: ac.signal }), CancelledError);
    assert.equal(server.seen.length, 0);
  });

  void test('aborting while the server is working cancels the fetch and does not retry', async () => {
    server.reset(() => undefined);
    const ac = new AbortController();
    const arrived = server.nextArrival();
    const pending = client().get('x', { signal: ac.signal });
    await arrived;
    ac.abort();
    const err = await rejects(pending, CancelledError);
    assert.match(err.message, /GET \/base\/x was cancelled/);
    assert.equal(server.seen.length, 1);
  });

  void test('aborting in the middle of the body cancels', async () => {
    const ac = new AbortController();
    server.reset((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"items":[', () => setTimeout(() => ac.abort(), 10));
    });
    await rejects(client().get('x', { signal: ac.signal }), CancelledError);
    assert.equal(server.seen.length, 1);
  });

  void test('aborting during the wait before a retry cancels without a second request', async () => {
    // Retry-After of a minute: the test only finishes early because the abort ends the wait.
    server.reset(failThenOk(5, 503, { 'Retry-After': '60' }));
    const ac = new AbortController();
    const logger = recordingLogger();
    const arrived = server.nextArrival();
    const pending = client({ logger, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 120_000 } }).get('x', { signal: ac.signal });
    await arrived;
    // Wait until the core has announced its retry, so the abort lands in the backoff sleep.
    while (!logger.lines.some((l) => l.startsWith('warn'))) await new Promise((r) => setImmediate(r));
    ac.abort();
    await rejects(pending, CancelledError);
    assert.equal(server.seen.length, 1);
  });
});

void describe('parsing', () => {
  void test('malformed JSON gives a ParseError naming the request and showing the body start', async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"items":[{"ts":1');
    });
    const err = await rejects(client().get('data?x=1'), ParseError);
    assert.equal(err.status, 200);
    assert.equal(err.kind, 'parse');
    assert.match(err.message, /^GET \/base\/data\?x=1: the server sent a malformed response \(.+\); it starts with "\{\\"items\\":\[\{\\"ts\\":1"$/);
    assert.equal(server.seen.length, 1, 'a parse error is not retried');
  });

  void test('an empty 2xx body gives undefined; text and bytes response types skip JSON', async () => {
    server.reset((_req, res) => {
      res.writeHead(202);
      res.end();
    });
    const empty = await client().request({ method: 'PUT', path: 'x', json: {} });
    assert.equal(empty.status, 202);
    assert.equal(empty.data, undefined);
    server.reset((_req, res) => res.end('not json'));
    assert.equal(await client().get('x', { responseType: 'text' }), 'not json');
    assert.deepEqual([...(await client().get<Uint8Array>('x', { responseType: 'bytes' }))], [...Buffer.from('not json')]);
  });

  void test('the error parser turns a platform envelope into code and message', async () => {
    server.reset((_req, res) => json(res, 400, { description: 'bad input', code: 8003, moreInfo: 'https://x/errorcodes' }));
    const c = client({
      errorParser: (_s, body) => {
        const b = body as { code?: number; description?: string; moreInfo?: string };
        return { code: b.code, message: b.description, details: { moreInfo: b.moreInfo } };
      },
    });
    const err = await rejects(c.get('x'), HttpError);
    assert.equal(err.code, 8003);
    assert.equal(err.platformMessage, 'bad input');
    assert.deepEqual(err.details, { moreInfo: 'https://x/errorcodes' });
    assert.equal(err.message, 'GET /base/x failed: 400 (8003) bad input');
  });

  void test('a non-JSON error body becomes the message', async () => {
    server.reset((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('upstream exploded');
    });
    const err = await rejects(client().get('x'), HttpError);
    assert.equal(err.platformMessage, 'upstream exploded');
  });
});

void describe('redaction', () => {
  const password = 'pa55-Word-for-tests';
  const token = 'tok-3f9a0c77e1d24b58a6e1';

  /** Echoes everything the client sent back inside an error body, the worst case for leaks. */
  const echoAsError = (status: number): Script => (req, res, _i, body) =>
    json(res, status, {
      description: `rejected: authorization: ${req.headers.authorization}; body ${body}; url ${req.url}`,
      details: { headers: { Authorization: req.headers.authorization }, password, token },
    });

  const descriptionParser = (_status: number, body: unknown): { message?: string; details?: unknown } => {
    const b = body as { description?: string; details?: unknown };
    return { message: b.description, details: b.details };
  };

  function assertClean(text: string, ...secrets: string[]): void {
    for (const s of secrets) assert.ok(!text.includes(s), `leaked ${s} in: ${text}`);
  }

  void test('Basic credentials never appear in the error or the log', async () => {
    server.reset(echoAsError(503));
    const logger = recordingLogger();
    const encoded = Buffer.from(`someone@example.com:${password}`).toString('base64');
    const c = client({ logger, auth: basicAuth('someone@example.com', password), errorParser: descriptionParser });
    const err = await rejects(c.get('x'), HttpError);
    assert.equal(server.seen[0].headers.authorization, `Basic ${encoded}`, 'the server did get the credentials');
    const all = [err.message, err.platformMessage, JSON.stringify(err.details), ...logger.lines].join('\n');
    assertClean(all, password, encoded);
    assert.match(err.platformMessage, /authorization: Basic \*\*\*/i);
    assert.ok(logger.lines.length >= 4, 'each attempt and retry was logged');
  });

  void test('bearer tokens, passwords in bodies and tokens in query strings are masked', async () => {
    server.reset(echoAsError(400));
    const logger = recordingLogger();
    const c = client({ logger, auth: bearerToken(token), errorParser: descriptionParser });
    const err = await rejects(
      c.request({ method: 'POST', path: 'login', query: { access_token: 'query-secret-123', page: 2 }, json: { user: 'u', password: 'body-secret-456' } }),
      HttpError,
    );
    const all = [err.message, err.platformMessage, err.request?.path ?? '', JSON.stringify(err.details), ...logger.lines].join('\n');
    assertClean(all, token, 'query-secret-123', 'body-secret-456', password);
    assert.match(err.platformMessage, /Bearer \*\*\*.*"password":"\*\*\*"/);
    assert.match(err.request?.path ?? '', /access_token=\*\*\*&page=2/);
  });

  void test('a network error message does not carry credentials from the URL', async () => {
    const logger = recordingLogger();
    const c = new HttpClient({ baseUrl: server.url.replace('http://', 'http://admin:url-secret-789@'), logger, retry: { retries: 0 } });
    const err = await rejects(c.get('x'), PlatformError);
    assertClean([err.message, ...logger.lines].join('\n'), 'url-secret-789');
    assert.match(err.message, /admin:\*\*\*@/, 'the message still shows where the request went');
  });
});
