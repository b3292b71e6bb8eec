import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { LiveSession, type LiveAppend, type LiveStatus } from '../../../src/charts/liveSession';
import { emulatorSource, sequentialRead } from './emulatorSource';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 30);
const MIN = 60_000;
let now = T0;
let emu: Emulator;

before(async () => {
  emu = await startEmulator({ now: () => now });
});
after(() => emu.close());

function recorder() {
  const appends: LiveAppend[][] = [];
  const statuses: LiveStatus[] = [];
  return { appends, statuses, sink: { append: (_now: number, s: readonly LiveAppend[]) => appends.push([...s]), status: (s: LiveStatus) => statuses.push(s) } };
}

void test('"from now" polls only new points; an outage shows "disconnected since" and recovery back-fills', async () => {
  now = T0;
  const src = emulatorSource(emu);
  const rec = recorder();
  const live = new LiveSession(() => [{ id: 's', source: src }], rec.sink, { intervalMs: 3_600_000, startAt: T0, now: () => now });
  await live.pollNow();
  assert.equal(rec.appends.length, 0); // nothing after T0 yet
  assert.equal(live.status.state, 'connected');

  now = T0 + 10 * MIN;
  await live.pollNow();
  const first = await sequentialRead(emu, T0, now);
  assert.ok(first.timestamps.length >= 5);
  assert.deepEqual([...rec.appends[0][0].timestamps], first.timestamps);

  emu.faults.set([{ kind: '503', pathPrefix: '/core/v1/' }]);
  const outage = T0 + 11 * MIN;
  now = outage;
  await live.pollNow();
  assert.equal(live.status.state, 'disconnected');
  assert.equal(live.status.since, outage);
  assert.match(live.status.message ?? '', /503/);
  now = T0 + 12 * MIN;
  await live.pollNow();
  assert.equal(live.status.since, outage); // still the time the connection was lost

  emu.faults.clear();
  now = T0 + 20 * MIN;
  await live.pollNow();
  assert.equal(live.status.state, 'connected');
  const backfill = await sequentialRead(emu, first.timestamps[first.timestamps.length - 1] + 1, now);
  assert.ok(backfill.timestamps.length >= 8);
  assert.deepEqual([...rec.appends[1][0].timestamps], backfill.timestamps);
  assert.deepEqual(rec.statuses.map((s) => s.state).filter((s, i, a) => s !== a[i - 1]), ['connected', 'disconnected', 'connected']);
});

void test('"from time T" back-fills from T; pause and resume lose nothing', async () => {
  now = T0;
  const src = emulatorSource(emu);
  const rec = recorder();
  const start = T0 - 30 * MIN;
  const live = new LiveSession(() => [{ id: 's', source: src }], rec.sink, { intervalMs: 3_600_000, startAt: start, now: () => now });
  await live.pollNow();
  assert.deepEqual([...rec.appends[0][0].timestamps], (await sequentialRead(emu, start, T0)).timestamps);
  live.pause();
  assert.equal(live.status.state, 'paused');
  now = T0 + 5 * MIN;
  live.resume();
  await live.pollNow();
  assert.equal(live.status.state, 'connected');
  const all = rec.appends.flatMap((a) => [...a[0].timestamps]);
  assert.deepEqual(all, (await sequentialRead(emu, start, now)).timestamps);
  live.stop();
  assert.equal(live.status.state, 'off');
});

void test('on its own timer the session reconnects after failures without help', async () => {
  now = T0;
  const src = emulatorSource(emu);
  const states: string[] = [];
  let resolveRecovered!: () => void;
  const recovered = new Promise<void>((r) => (resolveRecovered = r));
  emu.faults.set([{ kind: '503', pathPrefix: '/core/v1/', count: 3 }]);
  const live = new LiveSession(() => [{ id: 's', source: src }], {
    append: () => undefined,
    status: (s) => {
      states.push(s.state);
      if (s.state === 'connected' && states.includes('disconnected')) resolveRecovered();
    },
  }, { intervalMs: 10, maxBackoffMs: 40, startAt: T0, now: () => now });
  live.start();
  try {
    await recovered;
  } finally {
    live.stop();
    emu.faults.clear();
  }
  assert.ok(states.filter((s) => s === 'disconnected').length >= 1);
  assert.equal(src.requests.length >= 4, true);
});
