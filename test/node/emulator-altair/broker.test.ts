/**
 * The emulator's MQTT broker over loopback, with the `mqtt` library as the device or monitor: logins
 * with API-issued credentials only, the topic ACL, and every change of the model on the topics.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { FIXED_NOW, startSession, type AltairSession } from './helpers';

interface Credentials {
  username: string;
  password: string;
  topics: { acl: { publish: Array<{ pattern: string }>; subscribe: Array<{ pattern: string }> } };
}

interface Message {
  topic: string;
  body: unknown;
}

const clients: MqttClient[] = [];

/** mqtt.js rejects a subscription the broker refused with the SUBACK packet attached. */
function refusedSubscription(err: unknown): boolean {
  return (err as { packet?: { granted?: number[] } }).packet?.granted?.[0] === 128;
}

async function connect(url: string, username: string, password: string, extra: IClientOptions = {}): Promise<MqttClient> {
  const c = await connectAsync(url, { username, password, reconnectPeriod: 0, connectTimeout: 10_000, ...extra });
  clients.push(c);
  return c;
}

/** Collects messages; `next(n)` waits until n have arrived (no fixed sleeps). */
function inbox(c: MqttClient): { messages: Message[]; next(n: number): Promise<Message[]> } {
  const messages: Message[] = [];
  const waiters: Array<() => void> = [];
  c.on('message', (topic, payload) => {
    messages.push({ topic, body: JSON.parse(payload.toString('utf8')) as unknown });
    for (const w of waiters.splice(0)) w();
  });
  return {
    messages,
    async next(n) {
      while (messages.length < n) await new Promise<void>((r) => waiters.push(r));
      return messages.slice(0, n);
    },
  };
}

void describe('Altair emulator: MQTT broker', () => {
  let s: AltairSession;
  let thing: string;
  let other: string;
  const clock = FIXED_NOW;

  const createCredentials = async (path: string, body: Record<string, unknown> = {}): Promise<Credentials> => {
    const r = await s.call<Credentials>('POST', `${path}/mqtt-credentials`, body);
    assert.equal(r.status, 201, r.text);
    return r.body;
  };

  before(async () => {
    s = await startSession({ now: () => clock });
    thing = s.info.thing.id;
    const hvac = await s.all<{ uid: string }>('/spaces/demo/categories/HVAC/things?limit=3');
    other = hvac.find((t) => t.uid !== thing)!.uid;
  });
  beforeEach(async () => {
    for (const c of clients.splice(0)) await c.endAsync(true);
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
  });
  after(async () => {
    for (const c of clients.splice(0)) await c.endAsync(true);
    await s.emu.close();
  });

  void test('the broker has its own port, in /_emulator/info', async () => {
    assert.match(s.emu.mqttUrl, /^mqtt:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(s.emu.mqttUrl).port, String(s.emu.port));
    const info = (await (await fetch(`${s.emu.url}/_emulator/info`)).json()) as { altair: { mqtt: { url: string; port: number } } };
    assert.equal(info.altair.mqtt.url, s.emu.mqttUrl);
  });

  void test('a login needs credentials the API issued: a wrong password or an unknown user is refused', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    await assert.rejects(connect(s.emu.mqttUrl, creds.username, `${creds.password}x`), /Bad username or password/i);
    await assert.rejects(connect(s.emu.mqttUrl, 'nobody', 'nothing'), /Bad username or password/i);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    assert.equal(c.connected, true);
    // Disabled credentials are refused with "not authorized".
    const off = await s.call('PUT', `/spaces/demo/things/${thing}/mqtt-credentials`, { enabled: false });
    assert.equal(off.status, 200, off.text);
    await assert.rejects(connect(s.emu.mqttUrl, creds.username, creds.password), /Not authorized/i);
  });

  void test('ACL: a thing subscribes to its own topics only, and publishes on its own topics only', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    assert.deepEqual(creds.topics.acl.subscribe.map((p) => p.pattern), [
      `spaces/demo/things/${thing}/properties/+`, `spaces/demo/things/${thing}/actions/+`, `spaces/demo/things/${thing}/events/+`,
    ]);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    const own = await c.subscribeAsync(`spaces/demo/things/${thing}/properties/+`);
    assert.equal(own[0].qos, 0);
    // Another thing's topic, and a filter wider than the ACL, are refused (SUBACK failure code 128).
    await assert.rejects(c.subscribeAsync(`spaces/demo/things/${other}/properties/+`), refusedSubscription);
    await assert.rejects(c.subscribeAsync(`spaces/demo/things/${thing}/#`), refusedSubscription);
    const stats = (await (await fetch(`${s.emu.url}/_emulator/altair/stats`)).json()) as { mqtt: { refusedSubscriptions: number } };
    assert.equal(stats.mqtt.refusedSubscriptions, 2);

    // Publishing on another thing's topic ends the session; its value does not change.
    const before = await s.ok<Record<string, unknown>>(`/spaces/demo/things/${other}/properties`);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(`spaces/demo/things/${other}/properties`, JSON.stringify({ temperature: -99 }));
    await closed;
    assert.deepEqual(await s.ok(`/spaces/demo/things/${other}/properties`), before);
  });

  void test('a property write through the API arrives on the property topic', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    const box = inbox(c);
    await c.subscribeAsync(`spaces/demo/things/${thing}/properties/+`);
    const put = await s.call('PUT', `/spaces/demo/things/${thing}/properties`, { temperature: 23.5, mode: 'cool' });
    assert.equal(put.status, 200, put.text);
    const one = await s.call('PUT', `/spaces/demo/things/${thing}/properties/setpoint`, { setpoint: 21 });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(await box.next(3), [
      { topic: `spaces/demo/things/${thing}/properties/temperature`, body: { temperature: 23.5 } },
      { topic: `spaces/demo/things/${thing}/properties/mode`, body: { mode: 'cool' } },
      { topic: `spaces/demo/things/${thing}/properties/setpoint`, body: { setpoint: 21 } },
    ]);
    // A thing PUT or PATCH publishes the values it changed, and only those.
    const patch = await s.call('PATCH', `/spaces/demo/things/${thing}`, [{ op: 'replace', path: '/status/mode', value: 'heat' }], { 'content-type': 'application/json-patch+json' });
    assert.equal(patch.status, 200, patch.text);
    assert.deepEqual((await box.next(4))[3], { topic: `spaces/demo/things/${thing}/properties/mode`, body: { mode: 'heat' } });
  });

  void test('actions and events are published too; a device\'s publish updates the model', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    const box = inbox(c);
    await c.subscribeAsync([`spaces/demo/things/${thing}/actions/+`, `spaces/demo/things/${thing}/events/+`, `spaces/demo/things/${thing}/properties/+`]);
    await s.call('POST', `/spaces/demo/things/${thing}/actions/setSetpoint`, { setSetpoint: { input: { setpoint: 22 } } });
    await s.call('POST', `/spaces/demo/things/${thing}/events/overheat`, { overheat: { data: 35 } });
    const [action, event] = await box.next(2);
    assert.equal(action.topic, `spaces/demo/things/${thing}/actions/setSetpoint`);
    assert.deepEqual((action.body as { setSetpoint: { input: unknown; status: string } }).setSetpoint.input, { setpoint: 22 });
    assert.equal((action.body as { setSetpoint: { status: string } }).setSetpoint.status, 'pending');
    assert.equal(event.topic, `spaces/demo/things/${thing}/events/overheat`);
    assert.equal((event.body as { overheat: { data: number } }).overheat.data, 35);

    // The device reports a value on its `…/properties` topic: the API has it and subscribers get it.
    await c.publishAsync(`spaces/demo/things/${thing}/properties`, JSON.stringify({ humidity: 51.5 }));
    assert.deepEqual((await box.next(3))[2], { topic: `spaces/demo/things/${thing}/properties/humidity`, body: { humidity: 51.5 } });
    assert.deepEqual(await s.ok(`/spaces/demo/things/${thing}/properties/humidity`), { humidity: 51.5 });
  });

  void test('category credentials see every member of the category, on the category\'s topics', async () => {
    const creds = await createCredentials('/spaces/demo/categories/HVAC');
    const pattern = `spaces/demo/categories/HVAC/things/+/properties/+`;
    assert.ok(creds.topics.acl.subscribe.some((p) => p.pattern === pattern));
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    const box = inbox(c);
    await c.subscribeAsync(pattern);
    await s.call('PUT', `/spaces/demo/things/${other}/properties`, { humidity: 40 });
    assert.deepEqual(await box.next(1), [{ topic: `spaces/demo/categories/HVAC/things/${other}/properties/humidity`, body: { humidity: 40 } }]);
    const meters = await s.all<{ uid: string }>('/spaces/demo/categories/Meters/things?limit=1');
    await assert.rejects(c.subscribeAsync(`spaces/demo/categories/Meters/things/${meters[0].uid}/properties/+`), refusedSubscription);
  });

  void test('deleting the credentials ends the sessions that used them', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    await c.subscribeAsync(`spaces/demo/things/${thing}/properties/+`);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    const del = await s.call('DELETE', `/spaces/demo/things/${thing}/mqtt-credentials`);
    assert.equal(del.status, 204);
    // The next message for the session finds its credential gone.
    await s.call('PUT', `/spaces/demo/things/${thing}/properties`, { temperature: 20 });
    await closed;
    await assert.rejects(connect(s.emu.mqttUrl, creds.username, creds.password), /Bad username or password/i);
  });

  void test('the live generator writes generated values to the things watched over MQTT', async () => {
    const creds = await createCredentials(`/spaces/demo/things/${thing}`);
    const c = await connect(s.emu.mqttUrl, creds.username, creds.password);
    const box = inbox(c);
    await c.subscribeAsync(`spaces/demo/things/${thing}/properties/+`);
    const tick = (await (await fetch(`${s.emu.url}/_emulator/altair/live/tick`, { method: 'POST' })).json()) as { updated: number };
    assert.equal(tick.updated, 1, 'only the watched thing');
    const got = await box.next(3);
    assert.deepEqual(got.map((m) => m.topic.split('/').pop()).sort(), ['humidity', 'power', 'temperature']);
    const values = await s.ok<Record<string, unknown>>(`/spaces/demo/things/${thing}/properties`);
    for (const m of got) assert.deepEqual(m.body, { [m.topic.split('/').pop()!]: values[m.topic.split('/').pop()!] });
    const bad = await fetch(`${s.emu.url}/_emulator/altair/live`, { method: 'PUT', body: JSON.stringify({ intervalMs: 5 }) });
    assert.equal(bad.status, 400);
  });
});
