// Actions and events through the client against the emulator: create, list (all and per name, paged),
// get, update (actions), delete, the cap of 100 per name and the 5 KB payload limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, actionIdOf, parseAltairTime, type Thing } from '../../../src/platforms/altair';
import { HttpError, collect } from '../../../src/platforms/http';

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  category: string;
}

let emu: Emulator;
let api: AltairApi;
let info: AltairInfo;
let thing: Thing;

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as AltairInfo;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
  thing = await api.spaces(info.space).things().create({ title: 'interactions', categories: [info.category] });
});

after(async () => {
  await api.dispose();
  await emu.close();
});

const one = () => api.spaces(info.space).things(thing.uid);
const big = 'x'.repeat(6 * 1024);

void describe('actions', () => {
  void test('create pending, get, complete with output, list, delete', async () => {
    const before = Date.now();
    const created = await one().actions('delay').create({ input: { delay: 5 } });
    const ref = actionIdOf(created);
    assert.ok(ref);
    assert.equal(ref.name, 'delay');
    assert.equal(created.delay.status, 'pending');
    assert.deepEqual(created.delay.input, { delay: 5 });
    const requested = parseAltairTime(created.delay.timeRequested ?? '');
    assert.ok(Math.abs(requested - before) < 60_000, `timeRequested ${created.delay.timeRequested}`);
    assert.equal(created.delay.href, `/spaces/${info.space}/things/${thing.uid}/actions/delay/${ref.id}`);

    const res = one().actions('delay', ref.id);
    assert.deepEqual(await res.get(), created);
    const done = await res.update({ status: 'completed', output: { ok: true } });
    assert.equal(done.delay.status, 'completed');
    assert.ok(!Number.isNaN(parseAltairTime(done.delay.timeCompleted ?? '')));
    const readBack = await res.get();
    assert.deepEqual(readBack.delay.output, { ok: true });
    assert.equal(readBack.delay.status, 'completed');

    await one().actions('reboot').create();
    const all = await collect(one().actions().paginate());
    assert.deepEqual(all.map((a) => Object.keys(a)[0]).sort(), ['delay', 'reboot']);
    const delays = await one().actions('delay').get();
    assert.equal(delays.items.length, 1);

    await res.delete();
    await assert.rejects(res.get(), (e: unknown) => e instanceof HttpError && e.status === 404);
    assert.equal((await one().actions('delay').get()).items.length, 0);
  });

  void test('at most 100 are kept per action name, the oldest go first; pages of 30 cover them all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) ids.push(actionIdOf(await one().actions('burst').create({ input: i }))!.id);
    const kept = await collect(one().actions('burst').paginate({ limit: 30 }));
    assert.equal(kept.length, 100);
    assert.deepEqual(kept.map((a) => actionIdOf(a)!.id).sort(), ids.slice(5).sort());
    await assert.rejects(one().actions('burst', ids[0]).get(), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  void test('a body over 5 KB is refused by the server with its message', async () => {
    const err = await one().actions('delay').create({ input: big }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError, String(err));
    assert.ok(err.status === 400 || err.status === 413);
    assert.match(err.platformMessage, /too large|limit/i);
  });

  void test('the category-scoped mirror reaches the same actions', async () => {
    const created = await api.spaces(info.space).categories(info.category).things(thing.uid).actions('scoped').create({ input: 1 });
    const ref = actionIdOf(created)!;
    assert.match(created.scoped.href ?? '', new RegExp(`/categories/${info.category}/things/${thing.uid}/actions/scoped/${ref.id}$`));
    assert.equal((await one().actions('scoped', ref.id).get()).scoped.input, 1);
  });
});

void describe('events', () => {
  void test('create, get, list all and per name, delete', async () => {
    const created = await one().events('highCPU').create({ data: 61 });
    const ref = actionIdOf(created as never);
    assert.ok(ref);
    assert.equal(created.highCPU.data, 61);
    assert.ok(!Number.isNaN(parseAltairTime(created.highCPU.timestamp ?? '')));
    await one().events('lowDisk').create({ data: { free: 3 } });
    assert.deepEqual(await one().events('highCPU', ref.id).get(), created);
    const all = await collect(one().events().paginate({ limit: 1 }));
    assert.deepEqual(all.map((e) => Object.keys(e)[0]).sort(), ['highCPU', 'lowDisk']);
    assert.equal((await one().events('lowDisk').get()).items.length, 1);
    await one().events('highCPU', ref.id).delete();
    await assert.rejects(one().events('highCPU', ref.id).get(), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  void test('at most 100 are kept per event name; a body over 5 KB is refused', async () => {
    for (let i = 0; i < 103; i++) await one().events('tick').create({ data: i });
    const kept = await collect(one().events('tick').paginate({ limit: 1000 }));
    assert.equal(kept.length, 100);
    assert.deepEqual(kept.map((e) => e.tick.data).sort((a, b) => (a as number) - (b as number)), Array.from({ length: 100 }, (_, i) => i + 3));
    await assert.rejects(one().events('tick').create({ data: big }), (e: unknown) => e instanceof HttpError && (e.status === 400 || e.status === 413));
  });
});
