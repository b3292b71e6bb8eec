/**
 * Error bodies of any shape give a typed HttpError with the status (issue 14 item 4): JSON that redaction
 * used to turn into invalid JSON, text, nothing, arrays, null, huge bodies and bytes that are not UTF-8.
 * The status then still drives the refresh after 401, the retries after 429/503 and the split-write reports.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient, HttpError, type AuthStrategy, type ErrorBodyParser } from '../../../src/platforms/http';
import { iotTicketErrorParser } from '../../../src/platforms/iotticket/envelope';
import { altairErrorParser } from '../../../src/platforms/altair/errorParser';
import { DeviceAdapterClient, PartialWriteError } from '../../../src/platforms/iotticket/adapterClient';
import { json, raw, rejects, ScriptedServer } from './scriptedServer';

const server = new ScriptedServer();
before(() => server.start());
after(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, { ok: true })));

/** Bodies that broke the error path, or might: each must end as an HttpError with the status. */
const ODD_BODIES: readonly [string, string | Uint8Array][] = [
  ['a secret-named key with a number', '{"token":123}'],
  ['a v1 description quoting a token', JSON.stringify({ description: 'token: "expired"', code: 8001, moreInfo: { token: 'abc', password: 7 } })],
  ['Altair details holding secrets of every type', JSON.stringify({ error: { status: 401, message: 'client_secret: "x y"', details: { token: 123, password: null, nested: [{ apikey: { a: 1 } }] } } })],
  ['an OAuth error with a numeric secret', JSON.stringify({ error: 'invalid_client', error_description: 'password=1234 "quoted"', client_secret: 99 })],
  ['a JSON array', '[1,"two",{"token":3}]'],
  ['JSON null', 'null'],
  ['a JSON number', '42'],
  ['a JSON string', '"just text: token: \\"x\\""'],
  ['an empty body', ''],
  ['whitespace', '  \n '],
  ['HTML from a proxy', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
  ['text with a secret-looking pair', 'token: "expired" and password=\'a b\''],
  ['deeply nested JSON', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['deeply nested details', JSON.stringify({ error: { message: 'deep', details: JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown } })],
  ['a huge body (3 MB)', JSON.stringify({ description: 'x'.repeat(3_000_000), code: 8000 })],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ['a parser-confusing shape', JSON.stringify({ error: { status: { nested: true }, message: ['not', 'a', 'string'], details: 'x' } })],
];

const PARSERS: readonly [string, ErrorBodyParser | undefined][] = [['IoT-TICKET', iotTicketErrorParser], ['Altair', altairErrorParser], ['no', undefined]];

function client(errorParser: ErrorBodyParser | undefined, auth?: AuthStrategy): HttpClient {
  return new HttpClient({ baseUrl: server.url, errorParser, auth, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
}

void describe('error bodies of any shape', () => {
  for (const [parserName, parser] of PARSERS) {
    for (const [name, body] of ODD_BODIES) {
      void test(`${parserName} parser, ${name}: HttpError with the status`, async () => {
        server.reset((_req, res) => raw(res, 400, body));
        const err = await rejects(client(parser).get('x'), HttpError);
        assert.equal(err.status, 400);
        assert.equal(err.kind, 'http');
        assert.ok(err.platformMessage.length <= 501, `message of ${err.platformMessage.length} characters`);
        assert.ok(err.code === undefined || typeof err.code === 'string' || typeof err.code === 'number');
        // The details are plain data that survive a round trip (they reach "show details" documents).
        assert.doesNotThrow(() => JSON.stringify(err.details));
      });
    }
  }

  void test('secrets inside details are masked value by value, and the shape is kept', async () => {
    server.reset((_req, res) => raw(res, 400, ODD_BODIES[2][1]));
    const err = await rejects(client(altairErrorParser).get('x'), HttpError);
    assert.deepEqual(err.details, { token: '***', password: null, nested: [{ apikey: '***' }] });
    assert.equal(err.code, 401);
    assert.equal(err.platformMessage, 'client_secret: "***"');
  });

  void test('a v1 message quoting a token keeps its code and says what it can', async () => {
    server.reset((_req, res) => raw(res, 403, ODD_BODIES[1][1]));
    const err = await rejects(client(iotTicketErrorParser).get('x'), HttpError);
    assert.equal(err.code, 8001);
    assert.equal(err.platformMessage, 'token: "***"');
    assert.deepEqual(err.details, { moreInfo: { token: '***', password: '***' } });
  });
});

void describe('the status keeps its meaning whatever the body', () => {
  void test('a 401 whose details are {"token":123} still refreshes the credentials and sends the request again', async () => {
    let refreshes = 0;
    const auth: AuthStrategy = { apply: () => undefined, refreshAfterUnauthorized: async () => ++refreshes > 0 };
    const body = JSON.stringify({ error: { status: 401, message: 'expired', details: { token: 123 } } });
    server.reset((_req, res, i) => (i === 0 ? raw(res, 401, body) : json(res, 200, { attempt: i })));
    assert.deepEqual(await client(altairErrorParser, auth).get('x'), { attempt: 1 });
    assert.equal(refreshes, 1);
  });

  for (const status of [429, 503]) {
    void test(`a ${status} with a message quoting a token is retried, honouring Retry-After`, async () => {
      server.reset((_req, res, i) => (i < 2 ? raw(res, status, JSON.stringify({ description: 'busy', moreInfo: 'token: "expired"' }), { 'Retry-After': '0.01' }) : json(res, 200, { attempt: i })));
      assert.deepEqual(await client(iotTicketErrorParser).get('x'), { attempt: 2 });
      assert.equal(server.seen.length, 3);
    });
  }

  void test('a split telemetry write whose second body meets an odd error body reports exactly what was written', async () => {
    const adapter = new DeviceAdapterClient({ baseUrl: server.url, tenant: 't' });
    server.reset((_req, res, i) => (i === 0 ? raw(res, 202, '') : raw(res, 500, '{"description":"token: \\"expired\\"","moreInfo":{"token":1}}')));
    const rows = Array.from({ length: 150 }, (_, k) => ({ timestamp: Date.UTC(2030, 0, 1) + k * 1000, flow: k }));
    const err = await rejects(adapter.writeTelemetry({ deviceId: 'd1', password: 'device-secret' }, rows), PartialWriteError);
    assert.deepEqual(err.report.batches.slice(0, 2).map((b) => [b.status, b.httpStatus]), [['written', 202], ['failed', 500]]);
    assert.ok(err.report.batches.slice(2).every((b) => b.status === 'not-sent'));
    assert.equal(err.report.itemsWritten, err.report.batches[0].items);
    assert.equal(server.seen.length, 2, 'nothing after the failure was sent, nothing was retried');
  });
});
