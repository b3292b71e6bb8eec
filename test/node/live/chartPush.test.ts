/**
 * Live charts of an Altair property over MQTT (LiveSession with the hub's HubChartPush) against the
 * emulator: values written through the API arrive as points without polling while the Thing is live;
 * with the broker down the series is polled again and the status says since when MQTT is disconnected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi } from '../../../src/platforms/altair';
import { LiveSession, type LiveAppend, type LiveStatus } from '../../../src/charts/liveSession';
import { AltairLiveHub, type LiveSessionInfo } from '../../../src/live/altairLiveHub';
import { HubChartPush } from '../../../src/live/chartPush';
import type { SeriesDescriptor } from '../../../src/shared/chart/series';

interface Info { clientId: string; clientSecret: string; space: string; scopes: string[]; thing: { id: string; numericProperty: string } }

let emu: Emulator;
let api: AltairApi;
let info: Info;

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as Info;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
});
after(async () => {
  await fetch(`${emu.url}/_emulator/altair/mqtt`, { method: 'PUT', body: JSON.stringify({ up: true }), headers: { 'content-type': 'application/json' } });
  await api.dispose();
  await emu.close();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

void test('pushed points while live, polling while the broker is down, and the status line says which', async () => {
  const { space, thing } = info;
  const doc = await api.spaces(space).things(thing.id).mqttCredentials().create({ enabled: true });
  const hub = new AltairLiveHub<LiveSessionInfo>({
    session: async () => ({ space, mqttUrl: emu.mqttUrl }),
    credential: async () => ({ username: doc.username!, password: doc.password!, topics: doc.topics }),
    forget: async () => undefined,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  const push = new HubChartPush(hub, (s, seconds) => (s.mode === 'mqtt' ? 'live · MQTT' : s.mode === 'disconnected' ? `polling every ${seconds} s · down since ${s.since}` : `polling every ${seconds} s`));
  let reads = 0;
  const source = {
    fetchRange: ({ from, to, signal }: { from: number; to: number; signal?: AbortSignal }) => {
      reads++;
      return api.fetchPropertyHistory(space, thing.id, thing.numericProperty, { from, to, signal });
    },
  };
  const descriptor = { kind: 'altair-property', connectionId: 'c', space, thingId: thing.id, property: thing.numericProperty, label: 't' } as SeriesDescriptor;
  const appends: LiveAppend[] = [];
  const statuses: LiveStatus[] = [];
  const session = new LiveSession(() => [{ id: 's', source, descriptor }], { append: (_n, s) => appends.push(...s), status: (s) => statuses.push(s) }, { intervalMs: 3_600_000, startAt: Date.now(), push });
  session.start();
  try {
    await until(() => hub.isLive('c', thing.id) && session.status.lastPollAt !== undefined);
    await until(() => session.status.message === 'live · MQTT');
    const before = reads;
    await session.pollNow();
    assert.equal(reads, before, 'a live series is not polled');
    await api.spaces(space).things(thing.id).properties(thing.numericProperty).update(55.5);
    await until(() => appends.some((a) => a.values.includes(55.5)));
    assert.equal(reads, before);

    await fetch(`${emu.url}/_emulator/altair/mqtt`, { method: 'PUT', body: JSON.stringify({ up: false }), headers: { 'content-type': 'application/json' } });
    await until(() => !hub.isLive('c', thing.id));
    await until(() => /^polling every 3600 s · down since \d+$/.test(session.status.message ?? ''));
    await api.spaces(space).things(thing.id).properties(thing.numericProperty).update(66.5);
    await session.pollNow();
    assert.ok(reads > before, 'polled again while the broker is down');
    assert.ok(appends.some((a) => a.values.includes(66.5)), 'the polled point arrived');
  } finally {
    session.stop();
    await hub.dispose();
  }
});
