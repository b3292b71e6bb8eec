/**
 * Redaction (issue 14 item 6): secrets in every encoding they travel in (URL-encoded, form-encoded,
 * JSON-escaped once or twice), secret-named keys of every spelling, and nothing raw reachable from an
 * error object: message, stack, details, `cause` chains, other properties.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addSecret, basicAuth, HttpClient, HttpError, isSecretKey, ParseError, PlatformError, redact, redactValue, removeSecret,
} from '../../../src/platforms/http';
import { iotTicketErrorParser } from '../../../src/platforms/iotticket/envelope';
import { json, raw, reachableStrings, recordingLogger, rejects, ScriptedServer } from './scriptedServer';

const server = new ScriptedServer();
before(() => server.start());
after(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, { ok: true })));

/** Every form a secret may take on its way into a message. */
function encodings(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  return [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), once, JSON.stringify(once).slice(1, -1)];
}

function assertClean(texts: readonly string[], secrets: readonly string[]): void {
  for (const t of texts) for (const s of secrets) assert.ok(!t.includes(s), `leaked ${JSON.stringify(s)} in: ${t.slice(0, 300)}`);
}

void describe('registered secrets in every encoding', () => {
  const secret = 'p@ss w/rd+"q"\\=&x';
  before(() => addSecret(secret));
  after(() => removeSecret(secret));

  for (const [i, form] of encodings(secret).entries()) {
    void test(`encoding ${i} (${form}) is masked in free text`, () => {
      assertClean([redact(`the server said: ${form} was wrong`)], [form]);
    });
  }

  void test('a secret registered twice stays masked until removed twice', () => {
    addSecret('twice-registered');
    addSecret('twice-registered');
    removeSecret('twice-registered');
    assert.equal(redact('x twice-registered'), 'x ***');
    removeSecret('twice-registered');
    assert.equal(redact('x twice-registered'), 'x twice-registered');
  });
});

void describe('secret-named keys', () => {
  const cases: readonly [string, string][] = [
    ['pwd=hunter22&user=bob', 'hunter22'],
    ['pass=hunter22', 'hunter22'],
    ['passwd: hunter22', 'hunter22'],
    ['{"credentials":"hunter22"}', 'hunter22'],
    ['client_secret=hunter22', 'hunter22'],
    ['Authorization: Bearer hunter22', 'hunter22'],
    ['authorization=Basic aHVudGVyMjI=', 'aHVudGVyMjI='],
    ['apikey=hunter22', 'hunter22'],
    ['X-Api-Key: hunter22', 'hunter22'],
    ['{"api_key": "hunter 22 with spaces"}', 'hunter 22 with spaces'],
    ["{'devicePassword': 'hunter22'}", 'hunter22'],
    ['{"refresh_token":"hunter22"}', 'hunter22'],
    ['{"note":"{\\"password\\":\\"hunter 22\\"}"}', 'hunter 22'],
    ['message=token: "hunter22"', 'hunter22'],
    ['private_key=hunter22', 'hunter22'],
    ['Cookie: session=hunter22', 'hunter22'],
  ];
  for (const [text, secret] of cases) {
    void test(`${text}`, () => {
      const out = redact(text);
      assertClean([out], [secret]);
      assert.ok(out.includes('***'), out);
    });
  }

  void test('keys that only look alike are left alone', () => {
    for (const key of ['bypass', 'compass', 'passenger', 'tokenize_count', 'status', 'description']) assert.equal(isSecretKey(key) && !key.startsWith('token'), false, key);
    assert.equal(redact('compass: north, status=ok'), 'compass: north, status=ok');
  });

  void test('structured values keep their shape: secret members masked whole, everything else kept', () => {
    const value = { user: 'u', credentials: { user: 'u', pin: 1234 }, list: [{ pwd: 'a' }, 'Bearer abcdefghijklmnop'], token: 5, tokenExpired: true, password: null };
    assert.deepEqual(redactValue(value), { user: 'u', credentials: '***', list: [{ pwd: '***' }, 'Bearer ***'], token: '***', tokenExpired: true, password: null });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    assert.deepEqual(redactValue(cyclic), { a: 1, self: '[…]' });
    const proto = JSON.parse('{"__proto__":{"password":"x"}}') as unknown;
    const out = redactValue(proto) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { password: '***' });
  });
});

void describe('nothing raw is reachable from an error', () => {
  void test('credentials in the base URL: not in the message, the stack, nor the cause chain', async () => {
    const logger = recordingLogger();
    const c = new HttpClient({ baseUrl: server.url.replace('http://', 'http://admin:url-secret-789@'), logger, retry: { retries: 0 } });
    const err = await rejects(c.get('x'), PlatformError);
    assert.ok(err.cause, 'the cause is kept (redacted) for the log');
    assertClean([...reachableStrings(err), ...logger.lines], ['url-secret-789']);
  });

  void test('a password with special characters echoed back URL-encoded and JSON-escaped', async () => {
    const password = 'Zq9 "x"&y=1/+%';
    const forms = encodings(password);
    server.reset((req, res, _i, body) =>
      json(res, 400, {
        description: `bad login ${forms.join(' | ')}; header ${req.headers.authorization}; body ${body}`,
        moreInfo: { echoed: forms, nested: { pwd: password } },
      }),
    );
    const logger = recordingLogger();
    const c = new HttpClient({ baseUrl: server.url, logger, auth: basicAuth('someone', password), errorParser: iotTicketErrorParser, retry: { retries: 0 } });
    const err = await rejects(c.request({ method: 'POST', path: 'login', body: new URLSearchParams({ user: 'someone', password }) }), HttpError);
    assert.equal(err.status, 400);
    assertClean([...reachableStrings(err), ...logger.lines], forms);
  });

  void test('a 2xx body that does not parse: its start is shown without the token it holds', async () => {
    server.reset((_req, res) => raw(res, 200, '{"access_token":"tok-5e0f9d8c7b6a","expires_in":'));
    const err = await rejects(new HttpClient({ baseUrl: server.url }).get('x'), ParseError);
    assertClean(reachableStrings(err), ['tok-5e0f9d8c7b6a']);
    assert.match(err.bodyStart, /access_token/);
  });

  void test('an undici error carrying a header value: the cause is redacted, its code kept', async () => {
    const token = 'bad\ntoken-with-newline-0042';
    addSecret(token);
    try {
      const c = new HttpClient({ baseUrl: server.url, defaultHeaders: { 'X-Api-Key': token }, retry: { retries: 0 } });
      const err = await rejects(c.get('x'), PlatformError);
      assertClean(reachableStrings(err), [token, 'token-with-newline-0042']);
    } finally {
      removeSecret(token);
    }
  });
});
