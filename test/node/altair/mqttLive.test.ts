/**
 * The Altair MQTT live client against the emulator's broker over loopback: the credential's topics,
 * decoded property updates from API writes, ACL refusals, a refused login, reconnecting with backoff
 * after the broker restarts, and disposal.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, type MqttCredentials } from '../../../src/platforms/altair';
import { AltairLiveClient, backoffDelay, decodeMessage, parseTopic, subscriptionFilters, type LiveClientOptions, type PropertyUpdate } from '../../../src/platforms/altair/mqtt';
import { redact } from '../../../src/platforms/http';

interface Info {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  category: string;
  thing: { id: string };
}

let emu: Emulator;
let api: AltairApi;
let info: Info;
let thing: string;
const clients: AltairLiveClient[] = [];
const fast = { initialMs: 20, maxMs: 200 };

const space = () => api.spaces(info.space);

async function broker(up: boolean): Promise<void> {
  const r = await fetch(`${emu.url}/_emulator/altair/mqtt`, { method: 'PUT', body: JSON.stringify({ up }), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 200, await r.text());
}

function live(creds: MqttCredentials, extra: Partial<LiveClientOptions> = {}): AltairLiveClient {
  const c = new AltairLiveClient({
    url: emu.mqttUrl,
    username: creds.username!,
    password: creds.password!,
    owner: { kind: 'thing', space: info.space, uid: thing },
    credential: creds,
    backoff: fast,
    ...extra,
  });
  clients.push(c);
  return c.start();
}

/** Collects updates; `next(n)` waits until n have arrived. */
function updates(c: AltairLiveClient): { all: PropertyUpdate[]; next(n: number): Promise<PropertyUpdate[]> } {
  const all: PropertyUpdate[] = [];
  const waiters: Array<() => void> = [];
  c.onUpdate((u) => {
    all.push(u);
    for (const w of waiters.splice(0)) w();
  });
  return {
    all,
    async next(n) {
      while (all.length < n) await new Promise<void>((r) => waiters.push(r));
      return all.slice(0, n);
    },
  };
}

const connected = (c: AltairLiveClient) => c.waitFor((s) => s.state === 'connected');

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as Info;
  thing = info.thing.id;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
});
beforeEach(async () => {
  for (const c of clients.splice(0)) await c.dispose();
  await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' });
});
after(async () => {
  for (const c of clients.splice(0)) await c.dispose();
  await api.dispose();
  await emu.close();
});

void describe('Altair MQTT: topics and decoding', () => {
  void test('the credential\'s patterns win; without them the current layout', () => {
    const owner = { kind: 'thing', space: 'demo', uid: 'T1' } as const;
    assert.deepEqual(subscriptionFilters(owner, { topics: { acl: { subscribe: [{ pattern: 'a/things/T1/properties/+' }, { pattern: 'bad/#/x' }] } } }), ['a/things/T1/properties/+']);
    assert.deepEqual(subscriptionFilters(owner), ['spaces/demo/things/T1/properties/+', 'spaces/demo/things/T1/actions/+', 'spaces/demo/things/T1/events/+']);
    assert.deepEqual(subscriptionFilters({ kind: 'category', space: 'demo', category: 'HVAC' })[0], 'spaces/demo/categories/HVAC/things/+/properties/+');
    assert.throws(() => subscriptionFilters({ kind: 'thing', space: 'demo', uid: 'a/#' }), /cannot be part of an MQTT topic/);
  });

  void test('topics name the thing, the interaction and the name', () => {
    assert.deepEqual(parseTopic('spaces/s/categories/C/things/T/events/overheat'), { space: 's', category: 'C', uid: 'T', interaction: 'events', name: 'overheat' });
    assert.deepEqual(parseTopic('spaces/s/things/T/properties'), { space: 's', category: undefined, uid: 'T', interaction: 'properties', name: undefined });
    assert.equal(parseTopic('altair/collections/c/things/T/data')?.uid, 'T');
    assert.equal(parseTopic('elsewhere/x'), undefined);
  });

  void test('property messages decode to typed updates; other payloads stay data', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    const one = decodeMessage('spaces/s/things/T/properties/temp', bytes('{"temp": 21.5}'), 7);
    assert.deepEqual(one.updates, [{ uid: 'T', property: 'temp', value: 21.5, receivedAt: 7, topic: 'spaces/s/things/T/properties/temp' }]);
    const map = decodeMessage('spaces/s/things/T/properties', bytes('{"a": 1, "b": "x"}'), 8);
    assert.deepEqual(map.updates.map((u) => [u.property, u.value]), [['a', 1], ['b', 'x']]);
    const bare = decodeMessage('spaces/s/things/T/properties/on', bytes('true'), 9);
    assert.equal(bare.updates[0].value, true);
    const text = decodeMessage('spaces/s/things/T/properties/name', bytes('<b>not json'), 9);
    assert.equal(text.body, undefined);
    assert.equal(text.updates[0].value, '<b>not json');
    const event = decodeMessage('spaces/s/things/T/events/e', bytes('{"e": {"data": 1}}'), 10);
    assert.deepEqual([event.interaction, event.name, event.updates.length], ['events', 'e', 0]);
  });

  void test('backoff doubles up to its cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n)), [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    assert.equal(backoffDelay(3, { initialMs: 10, factor: 3, maxMs: 50 }), 50);
  });
});

void describe('Altair MQTT: live client against the emulator broker', () => {
  void test('a Thing credential subscribes to its topics and receives API writes as typed updates', async () => {
    const creds = await space().things(thing).mqttCredentials().create({ enabled: true });
    assert.ok(creds.password && creds.password !== '<hidden_secret>');
    const c = live(creds);
    const status = await connected(c);
    assert.deepEqual(status.state === 'connected' && status.refused, []);
    assert.deepEqual(c.filters, creds.topics!.acl!.subscribe!.map((p) => p.pattern));
    const box = updates(c);
    const messages: string[] = [];
    c.onMessage((m) => messages.push(m.topic));
    await space().things(thing).properties().update({ temperature: 23.5, mode: 'cool' });
    const got = await box.next(2);
    assert.deepEqual(got.map((u) => [u.uid, u.property, u.value]), [[thing, 'temperature', 23.5], [thing, 'mode', 'cool']]);
    assert.deepEqual(messages, [`spaces/${info.space}/things/${thing}/properties/temperature`, `spaces/${info.space}/things/${thing}/properties/mode`]);
    // The password never reaches a log line.
    assert.ok(!redact(`login ${creds.password}`).includes(creds.password!));
  });

  void test('a Category credential sees every member\'s updates', async () => {
    const creds = await space().categories(info.category).mqttCredentials().create({ enabled: true });
    const c = live(creds, { owner: { kind: 'category', space: info.space, category: info.category } });
    await connected(c);
    const box = updates(c);
    await space().things(thing).properties().update({ temperature: 30 });
    const [u] = await box.next(1);
    assert.deepEqual([u.uid, u.property, u.value], [thing, 'temperature', 30]);
    assert.match(u.topic, new RegExp(`^spaces/${info.space}/categories/${info.category}/things/${thing}/`));
  });

  void test('ACL: topics the credential does not allow are refused; the allowed ones stay live', async () => {
    const creds = await space().things(thing).mqttCredentials().create({ enabled: true });
    const foreign = `spaces/${info.space}/things/01HZZZZZZZZZZZZZZZZZZZZZZZ/properties/+`;
    const own = `spaces/${info.space}/things/${thing}/properties/+`;
    const c = live(creds, { filters: [own, foreign] });
    const status = await connected(c);
    assert.deepEqual(status.state === 'connected' && status.refused, [foreign]);
    const box = updates(c);
    await space().things(thing).properties().update({ temperature: 19 });
    assert.equal((await box.next(1))[0].value, 19);
    // Nothing allowed at all: failed, with the reason, and no retrying.
    const none = live(creds, { filters: [foreign] });
    const failed = await none.waitFor((s) => s.state === 'failed');
    assert.match(failed.state === 'failed' ? failed.error : '', /refused every subscription/);
  });

  void test('a wrong password fails at once, without retrying', async () => {
    const creds = await space().things(thing).mqttCredentials().create({ enabled: true });
    const statuses: string[] = [];
    const c = live({ ...creds, password: `${creds.password}-wrong` });
    c.onStatus((s) => statuses.push(s.state));
    const s = await c.waitFor((x) => x.state !== 'connecting');
    assert.equal(s.state, 'failed');
    assert.match(s.state === 'failed' ? s.error : '', /refused the login/i);
    assert.deepEqual(statuses, ['failed']);
  });

  void test('after the broker restarts it reconnects with backoff, says since when it was down, and resubscribes', async () => {
    const creds = await space().things(thing).mqttCredentials().create({ enabled: true });
    const c = live(creds);
    await connected(c);
    const seen: Array<{ state: string; since: number; attempt?: number }> = [];
    c.onStatus((s) => seen.push({ state: s.state, since: s.since, ...('attempt' in s ? { attempt: s.attempt } : {}) }));
    await broker(false);
    const down = await c.waitFor((s) => s.state === 'reconnecting' && s.attempt >= 3);
    // Every retry keeps the moment the connection was lost, and the waits grow.
    const retries = seen.filter((s) => s.state === 'reconnecting');
    assert.ok(retries.every((r) => r.since === retries[0].since));
    assert.deepEqual(retries.slice(0, 3).map((r) => r.attempt), [1, 2, 3]);
    assert.ok(down.state === 'reconnecting' && down.retryAt - Date.now() <= fast.maxMs);
    await broker(true);
    await connected(c);
    const box = updates(c);
    await space().things(thing).properties().update({ temperature: 25 });
    assert.equal((await box.next(1))[0].value, 25);
  });

  void test('disposing closes the session and stops every event', async () => {
    const creds = await space().things(thing).mqttCredentials().create({ enabled: true });
    const c = live(creds);
    await connected(c);
    const box = updates(c);
    await c.dispose();
    assert.equal(c.status.state, 'closed');
    // A second client proves the write was published after the first one had gone.
    const witness = live(creds);
    await connected(witness);
    const w = updates(witness);
    await space().things(thing).properties().update({ temperature: 11 });
    await w.next(1);
    assert.equal(box.all.length, 0);
  });
});
