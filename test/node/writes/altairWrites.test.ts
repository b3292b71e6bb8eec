import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, ClientCredentialsStrategy, type Thing } from '../../../src/platforms/altair';
import type { WriteContext } from '../../../src/writes/send/context';
import { prepareWrite, sendSpec } from '../../../src/writes/send/executor';
import type { WriteSpec } from '../../../src/writes/model/writeSpec';

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  thing: { id: string; title: string; numericProperty: string; actionName: string; eventName: string };
}

let emu: Emulator;
let info: AltairInfo;
let api: AltairApi;
let ctx: WriteContext;
const C = 'demo-altair';

before(async () => {
  emu = await startEmulator();
  info = (emu.info() as { altair: AltairInfo }).altair;
  api = new AltairApi({ host: emu.url, security: new ClientCredentialsStrategy({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes }) });
  ctx = {
    iotticket: () => Promise.reject(new Error('not an IoT-TICKET test')),
    altair: async () => ({ api, space: info.space }),
    deviceCredentials: async () => undefined,
    readFile: () => Promise.reject(new Error('no files here')),
  };
});

after(async () => {
  await api.dispose();
  await emu.close();
});

const thing = (): ReturnType<ReturnType<AltairApi['spaces']>['things']> => api.spaces(info.space).things(info.thing.id);

void describe('Altair writes against the emulator', () => {
  void test('invokes an action with input checked against the Thing Description, and the action resource exists afterwards', async () => {
    const before = (await thing().actions(info.thing.actionName).get({ limit: 100 })).items.length;
    const outcome = await sendSpec({ kind: 'altair.action', connection: C, thingId: info.thing.id, action: info.thing.actionName, input: { setpoint: 21.5 } }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.match(outcome.summary, /status "pending"/);
    assert.match(outcome.meaning ?? '', /pending/);
    const list = (await thing().actions(info.thing.actionName).get({ limit: 100 })).items;
    assert.equal(list.length, before + 1);
    assert.ok(list.some((a) => (a[info.thing.actionName]?.input as { setpoint?: number } | undefined)?.setpoint === 21.5));
  });

  void test('refuses input outside the schema or for an unknown action before any write, naming the field', async () => {
    const before = (await thing().actions(info.thing.actionName).get({ limit: 100 })).items.length;
    const tooHigh = await sendSpec({ kind: 'altair.action', connection: C, thingId: info.thing.id, action: info.thing.actionName, input: { setpoint: 99 } }, ctx);
    assert.equal(tooHigh.result, 'refused');
    assert.match(tooHigh.summary, /input\.setpoint/);
    const unknown = await sendSpec({ kind: 'altair.action', connection: C, thingId: info.thing.id, action: 'selfDestruct' }, ctx);
    assert.equal(unknown.result, 'refused');
    assert.match(unknown.summary, /^Not sent: action: .*has no action "selfDestruct"/);
    assert.equal((await thing().actions(info.thing.actionName).get({ limit: 100 })).items.length, before);
  });

  void test('creates an event and reads it back', async () => {
    const td = (await thing().get()) as Thing;
    const [eventName, affordance] = Object.entries(td.events ?? {})[0];
    const data = affordance.data?.type === 'number' ? 61 : affordance.data?.type === 'string' ? 'x' : affordance.data?.type === 'boolean' ? true : {};
    const outcome = await sendSpec({ kind: 'altair.event', connection: C, thingId: info.thing.id, event: eventName, data }, ctx);
    assert.equal(outcome.result, 'ok', outcome.summary);
    const events = (await thing().events(eventName).get({ limit: 100 })).items;
    assert.ok(events.some((e) => JSON.stringify(e[eventName]?.data) === JSON.stringify(data)));
  });

  void test('updates one property, then several at once, and the thing shows the new values', async () => {
    const one = await sendSpec({ kind: 'altair.properties', connection: C, thingId: info.thing.id, properties: { setpoint: 21.5 } }, ctx);
    assert.equal(one.result, 'ok', one.summary);
    assert.equal((await thing().properties().get()).setpoint, 21.5);
    const many = await sendSpec({ kind: 'altair.properties', connection: C, thingId: info.thing.id, properties: { setpoint: 22, mode: 'cool' }, updateHistory: false }, ctx);
    assert.equal(many.result, 'ok', many.summary);
    assert.match(many.meaning ?? '', /history was not appended/);
    const now = await thing().properties().get();
    assert.equal(now.setpoint, 22);
    assert.equal(now.mode, 'cool');
  });

  void test('refuses undeclared, mistyped and out-of-range values, naming the property', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ setpointt: 20 }, /properties\.setpointt: .*declares no property/],
      [{ setpoint: 'warm' }, /properties\.setpoint: must be number/],
      [{ setpoint: 40 }, /properties\.setpoint: must be <= 28/],
      [{ setpoint: 20, mode: 'turbo' }, /properties\.mode: must be one of "off", "heat", "cool", "auto"/],
    ];
    const before = await thing().properties().get();
    for (const [properties, message] of cases) {
      const outcome = await sendSpec({ kind: 'altair.properties', connection: C, thingId: info.thing.id, properties }, ctx);
      assert.equal(outcome.result, 'refused', JSON.stringify(properties));
      assert.match(outcome.summary, message);
    }
    assert.deepEqual(await thing().properties().get(), before);
  });

  void test('a read-only property is writable only after a warning (the write stands in for the device)', async () => {
    const prepared = await prepareWrite({ kind: 'altair.properties', connection: C, thingId: info.thing.id, properties: { temperature: 30.5 } }, ctx);
    assert.equal(prepared.warnings?.length, 1);
    assert.match(prepared.warnings?.[0] ?? '', /temperature is read-only/);
    assert.equal((await prepared.run()).result, 'ok');
    assert.equal((await thing().properties().get()).temperature, 30.5);
  });

  void test('sends e-mail; the emulator received exactly what was sent', async () => {
    await fetch(`${emu.url}/_emulator/altair/emails`, { method: 'DELETE' });
    const spec: WriteSpec = { kind: 'altair.email', connection: C, to: ['ops@example.com'], cc: ['boss@example.com'], subject: 'Pump 3', text: 'Check the bearing.' };
    const prepared = await prepareWrite(spec, ctx);
    assert.equal(prepared.targets, 2);
    const outcome = await prepared.run();
    assert.equal(outcome.result, 'accepted', outcome.summary);
    const { emails } = (await (await fetch(`${emu.url}/_emulator/altair/emails`)).json()) as { emails: { to: string[]; cc?: string[]; subject?: string; body?: { text?: string } }[] };
    assert.equal(emails.length, 1);
    assert.deepEqual(emails[0].to, ['ops@example.com']);
    assert.deepEqual(emails[0].cc, ['boss@example.com']);
    assert.equal(emails[0].subject, 'Pump 3');
    assert.equal(emails[0].body?.text, 'Check the bearing.');
  });

  void test('a bad address is refused before sending', async () => {
    await fetch(`${emu.url}/_emulator/altair/emails`, { method: 'DELETE' });
    const outcome = await sendSpec({ kind: 'altair.email', connection: C, to: ['ops@example.com', 'nobody'], subject: 'x' }, ctx);
    assert.equal(outcome.result, 'refused');
    assert.match(outcome.summary, /to\[1\]/);
    const { emails } = (await (await fetch(`${emu.url}/_emulator/altair/emails`)).json()) as { emails: unknown[] };
    assert.equal(emails.length, 0);
  });

  void test('a server error is reported as failed, once (no retry of a write)', async () => {
    emu.faults.set([{ kind: '503', pathPrefix: `/spaces/${info.space}/things/${info.thing.id}/events`, method: 'POST', count: 1, retryAfterSec: 0 }]);
    const td = (await thing().get()) as Thing;
    const [eventName] = Object.keys(td.events ?? {});
    const before = (await thing().events(eventName).get({ limit: 100 })).items.length;
    const outcome = await sendSpec({ kind: 'altair.event', connection: C, thingId: info.thing.id, event: eventName, data: 70 }, ctx);
    assert.equal(outcome.result, 'failed');
    assert.match(outcome.details.join('\n'), /HTTP 503/);
    // The fault was used up by the one attempt: a retry would have succeeded and added an event.
    assert.equal(emu.faults.list()[0].count, 0);
    assert.equal((await thing().events(eventName).get({ limit: 100 })).items.length, before);
    emu.faults.clear();
  });
});
