/**
 * Writes whose outcome cannot be known (issue 14 item 7, the HTTP core's part): a timeout or a dropped
 * connection after the request may have arrived, or a 2xx whose body cannot be read, is an
 * OutcomeUnknownError, never a plain failure, and is never repeated. A request that provably never left
 * (connection refused) stays a network error; reads keep their retries.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import {
  CancelledError, HttpClient, HttpError, isOutcomeUnknown, OutcomeUnknownError, ParseError, PlatformError,
} from '../../../src/platforms/http';
import { looseObject, string } from 'valibot';
import { json, raw, rejects, ScriptedServer } from './scriptedServer';

const server = new ScriptedServer();
before(() => server.start());
after(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, { ok: true })));

function client(timeoutMs = 30_000): HttpClient {
  return new HttpClient({ baseUrl: server.url, timeoutMs, retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 2 } });
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

void describe('writes whose outcome is unknown', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    void test(`${method}: the connection drops after the request arrived`, async () => {
      server.reset((req) => req.socket.destroy());
      const err = await rejects(client().request({ method, path: 'w', json: { v: 1 } }), OutcomeUnknownError);
      assert.equal(err.reason, 'connection');
      assert.equal(err.kind, 'outcome-unknown');
      assert.equal(err.transient, false);
      assert.match(err.message, /outcome unknown.*may or may not have been applied and was not sent again/);
      assert.equal(server.seen.length, 1, 'never repeated');
    });
  }

  void test('no answer in time', async () => {
    server.reset(() => undefined);
    const err = await rejects(client(60).request({ method: 'POST', path: 'w', json: {} }), OutcomeUnknownError);
    assert.equal(err.reason, 'timeout');
    // Client and server share this event loop: on a loaded machine the client's timer can fire before the
    // request reached the server at all (then it never will: waiting for it hung the suite). Either way the
    // outcome is unknown to the client, and the write was sent at most once.
    assert.ok(server.seen.length <= 1, `sent ${server.seen.length} times`);
  });

  void test('a 2xx that breaks off in the middle of its body', async () => {
    server.reset((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"id":"a', () => setTimeout(() => res.destroy(), 5));
    });
    const err = await rejects(client().request({ method: 'POST', path: 'w', json: {} }), OutcomeUnknownError);
    assert.equal(err.reason, 'connection');
  });

  void test('a 2xx with malformed JSON', async () => {
    server.reset((_req, res) => raw(res, 200, '{"items":[{"ts":1'));
    const err = await rejects(client().request({ method: 'PUT', path: 'w', json: {} }), OutcomeUnknownError);
    assert.equal(err.reason, 'response');
    assert.equal(err.status, 200);
    assert.equal(server.seen.length, 1);
  });

  void test('a 2xx whose JSON is not the shape the endpoint sends', async () => {
    server.reset((_req, res) => raw(res, 201, 'null'));
    const err = await rejects(client().request({ method: 'POST', path: 'w', json: {}, expect: looseObject({ id: string() }) }), OutcomeUnknownError);
    assert.equal(err.status, 201);
    assert.match(err.message, /unexpected shape/);
  });

  void test('a write cancelled in flight may have been applied; one cancelled before sending was not', async () => {
    server.reset(() => undefined);
    const ac = new AbortController();
    const arrived = server.nextArrival();
    const pending = client().request({ method: 'POST', path: 'w', json: {}, signal: ac.signal });
    await arrived;
    ac.abort();
    const inFlight = await rejects(pending, CancelledError);
    assert.equal(inFlight.mayHaveBeenApplied, true);
    assert.equal(isOutcomeUnknown(inFlight), true);
    const before = await rejects(client().request({ method: 'POST', path: 'w', json: {}, signal: AbortSignal.abort() }), CancelledError);
    assert.equal(before.mayHaveBeenApplied, false);
    assert.equal(isOutcomeUnknown(before), false);
  });
});

void describe('what is known stays known', () => {
  void test('a refused connection: the write never left, a plain network error', async () => {
    const c = new HttpClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/`, retry: { retries: 0 } });
    const err = await rejects(c.request({ method: 'POST', path: 'w', json: {} }), PlatformError);
    assert.equal(err.kind, 'network');
    assert.equal(isOutcomeUnknown(err), false);
  });

  void test('an error status is an HttpError even when its body breaks off', async () => {
    server.reset((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"description":"bus', () => setTimeout(() => res.destroy(), 5));
    });
    const err = await rejects(client().request({ method: 'POST', path: 'w', json: {} }), HttpError);
    assert.equal(err.status, 503);
  });

  void test('reads keep their kinds and their retries', async () => {
    server.reset((req, res, i) => (i === 0 ? req.socket.destroy() : raw(res, 200, '{"items":[{"ts":1')));
    const err = await rejects(client().get('r'), ParseError);
    assert.equal(server.seen.length, 2, 'the dropped connection was retried, the malformed body was not');
    assert.equal(isOutcomeUnknown(err), false);
  });
});
