/**
 * The live hub (src/live/altairLiveHub.ts) against the emulator: one client per credential owner shared
 * by every watch and closed with the last; no broker or no credential means polling (and says why);
 * a refused login drops the stored credential; a property write reaches the hub's listeners.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi } from '../../../src/platforms/altair';
import type { MqttOwner } from '../../../src/platforms/altair/mqtt';
import { AltairLiveHub, type HubUpdate, type LiveSessionInfo } from '../../../src/live/altairLiveHub';
import type { StoredMqttCredential } from '../../../src/live/mqttCredentials';

interface Info { clientId: string; clientSecret: string; space: string; scopes: string[]; thing: { id: string } }

let emu: Emulator;
let api: AltairApi;
let info: Info;

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as Info;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
});
after(async () => {
  await api.dispose();
  await emu.close();
});

function hubWith(session: LiveSessionInfo, stored: Map<string, StoredMqttCredential>, asked: string[] = []) {
  return new AltairLiveHub<LiveSessionInfo>({
    session: async () => session,
    credential: async (_s, owner, _label, ask) => {
      if (ask) asked.push(owner.kind);
      return stored.get(owner.kind === 'thing' ? owner.uid : owner.category);
    },
    forget: async (_s, owner) => void stored.delete(owner.kind === 'thing' ? owner.uid : owner.category),
    backoff: { initialMs: 20, maxMs: 200 },
  });
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

void test('no broker, no credential: polled, and the state says why', async () => {
  const owner: MqttOwner = { kind: 'thing', space: info.space, uid: info.thing.id };
  const none = hubWith({ space: info.space }, new Map());
  const w = await none.watch('c', owner, 't');
  assert.equal(w.state().notLive, 'no-broker');
  w.dispose();
  const asked: string[] = [];
  const noCred = hubWith({ space: info.space, mqttUrl: emu.mqttUrl }, new Map(), asked);
  const w2 = await noCred.watch('c', owner, 't', true);
  assert.equal(w2.state().notLive, 'no-credentials');
  assert.deepEqual(asked, ['thing'], 'an explicit watch asks for credentials');
  assert.equal(noCred.isLive('c', info.thing.id), false);
  w2.dispose();
  await Promise.all([none.dispose(), noCred.dispose()]);
});

void test('watches of one owner share a client; updates reach the hub; the last watch closes it', async () => {
  const owner: MqttOwner = { kind: 'thing', space: info.space, uid: info.thing.id };
  const doc = await api.spaces(info.space).things(info.thing.id).mqttCredentials().create({ enabled: true });
  const stored = new Map([[info.thing.id, { username: doc.username!, password: doc.password!, topics: doc.topics }]]);
  const hub = hubWith({ space: info.space, mqttUrl: emu.mqttUrl }, stored);
  const a = await hub.watch('c', owner, 't');
  const b = await hub.watch('c', owner, 't');
  assert.equal(hub.states().length, 1);
  await until(() => hub.isLive('c', info.thing.id));
  const got: HubUpdate[] = [];
  hub.onUpdate((u) => got.push(u));
  await api.spaces(info.space).things(info.thing.id).properties().update({ temperature: 12.5 });
  await until(() => got.length > 0);
  assert.deepEqual([got[0].connectionId, got[0].space, got[0].uid, got[0].property, got[0].value], ['c', info.space, info.thing.id, 'temperature', 12.5]);
  a.dispose();
  assert.equal(hub.isLive('c', info.thing.id), true, 'one watch still holds the client');
  b.dispose();
  await until(() => hub.states().length === 0);
  const stats = async () => ((await (await fetch(`${emu.url}/_emulator/altair/stats`)).json()) as { mqtt: { connectedClients: number } }).mqtt.connectedClients;
  while ((await stats()) !== 0) await new Promise((r) => setTimeout(r, 20));
  await hub.dispose();
});

void test('a refused login fails without retrying and forgets the stored credential', async () => {
  const owner: MqttOwner = { kind: 'thing', space: info.space, uid: info.thing.id };
  const stored = new Map([[info.thing.id, { username: 'gone', password: 'deleted-elsewhere' }]]);
  const hub = hubWith({ space: info.space, mqttUrl: emu.mqttUrl }, stored);
  const w = await hub.watch('c', owner, 't');
  await until(() => w.state().notLive === 'failed');
  assert.match(w.state().error ?? '', /refused the login/);
  await until(() => !stored.has(info.thing.id));
  w.dispose();
  await hub.dispose();
});
