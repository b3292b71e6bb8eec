import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, FIXED_NOW, startSession, type AltairSession, type Page } from './helpers';

type Item = { at: string; properties: Record<string, unknown> };
const DAY = 86_400_000;

void describe('Altair emulator: properties and history', () => {
  let s: AltairSession;
  let thing: string;
  let base: string;
  let clock = FIXED_NOW;
  before(async () => {
    s = await startSession({ now: () => clock });
    thing = s.info.thing.id;
    base = `/spaces/demo/things/${thing}`;
  });
  beforeEach(async () => {
    clock = FIXED_NOW;
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
  });
  after(() => s.emu.close());

  void test('properties: get all and one, PUT all and one (200 echoing the map)', async () => {
    const all = await s.ok<Record<string, unknown>>(`${base}/properties`);
    assert.equal(typeof all.temperature, 'number');
    assert.deepEqual(await s.ok(`${base}/properties/temperature`), { temperature: all.temperature });
    assertError(await s.get(`${base}/properties/nope`), 404);

    const put = await s.call('PUT', `${base}/properties`, { setpoint: 23.5, mode: 'cool' });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { setpoint: 23.5, mode: 'cool' });
    const one = await s.call('PUT', `${base}/properties/setpoint`, { setpoint: 24 });
    assert.deepEqual([one.status, one.body], [200, { setpoint: 24 }]);
    const after = await s.ok<Record<string, unknown>>(`${base}/properties`);
    assert.equal(after.setpoint, 24);
    assert.equal(after.mode, 'cool');
    assert.equal(after.temperature, all.temperature);
    assert.deepEqual((await s.ok<{ status: unknown }>(base)).status, after);
    assertError(await s.call('PUT', `${base}/properties/setpoint`, { other: 1 }), 400);
    assertError(await s.call('PUT', `${base}/properties`, [1, 2]), 400);
  });

  void test('property writes append history at now (ms) unless update_history=false', async () => {
    clock = FIXED_NOW + 1234;
    await s.call('PUT', `${base}/properties`, { setpoint: 25 });
    clock = FIXED_NOW + 5678;
    await s.call('PUT', `${base}/properties/setpoint?update_history=false`, { setpoint: 26 });
    const h = await s.ok<Page<Item>>(`${base}/properties-history/setpoint`);
    assert.deepEqual(h.data, [{ at: new Date(FIXED_NOW + 1234).toISOString(), properties: { setpoint: 25 } }]);
    assert.equal((await s.ok<Record<string, unknown>>(`${base}/properties`)).setpoint, 26);
  });

  void test('generated history: 90 days, newest first, the newest equal to the current value', async () => {
    const page = await s.ok<Page<Item>>(`${base}/properties-history/temperature?limit=1000`);
    assert.equal(page.data.length, 1000);
    const times = page.data.map((i) => Date.parse(i.at));
    for (let i = 1; i < times.length; i++) assert.ok(times[i] < times[i - 1]);
    assert.equal(page.data[0].properties.temperature, (await s.ok<Record<string, unknown>>(`${base}/properties`)).temperature);
    const all = await s.all<Item>(`${base}/properties-history/temperature?limit=1000`);
    assert.equal(all.length, (90 * DAY) / (5 * 60_000), 'a 5-minute series over the 90-day retention');
    assert.ok(Date.parse(all[all.length - 1].at) >= FIXED_NOW - 90 * DAY);
  });

  void test('ungrouped and grouped thing-level history', async () => {
    const flat = await s.ok<Page<Item>>(`${base}/properties-history?limit=6`);
    // One item per value: the three numeric properties share each timestamp.
    assert.deepEqual(flat.data.map((i) => Object.keys(i.properties)[0]), ['humidity', 'power', 'temperature', 'humidity', 'power', 'temperature']);
    assert.equal(flat.data[0].at, flat.data[2].at);
    const grouped = await s.ok<Page<Item>>(`${base}/properties-history?limit=2&group=true`);
    assert.deepEqual(Object.keys(grouped.data[0].properties).sort(), ['humidity', 'power', 'temperature']);
    assert.equal(grouped.data[0].at, flat.data[0].at);
    assert.equal(grouped.data[1].at, flat.data[3].at);
  });

  void test('cursors forward and back over history, ungrouped', async () => {
    const forward: Array<Page<Item>> = [];
    let page = await s.ok<Page<Item>>(`${base}/properties-history?limit=7`);
    forward.push(page);
    for (let i = 0; i < 4; i++) {
      page = await s.ok<Page<Item>>(`${base}/properties-history?limit=7&next_cursor=${encodeURIComponent(page.paging.next_cursor)}`);
      forward.push(page);
    }
    const flat = forward.flatMap((p) => p.data);
    const big = await s.ok<Page<Item>>(`${base}/properties-history?limit=35`);
    assert.deepEqual(flat, big.data);
    for (let i = forward.length - 1; i > 0; i--) {
      const back = await s.ok<Page<Item>>(`${base}/properties-history?limit=7&previous_cursor=${encodeURIComponent(forward[i].paging.previous_cursor)}`);
      assert.deepEqual(back.data, forward[i - 1].data);
    }
    const first = await s.ok<Page<Item>>(`${base}/properties-history?limit=7&previous_cursor=${encodeURIComponent(forward[1].paging.previous_cursor)}`);
    assert.equal(first.paging.previous_cursor, '');
  });

  void test('POST records (single or array), 409 on a duplicate timestamp, all or nothing', async () => {
    const at1 = '2025-03-01T10:00:00.500Z';
    const created = await s.call('POST', `${base}/properties-history`, [
      { at: at1, properties: { custom: 1, other: 'x' } },
      { at: '2025-03-01T10:01:00Z', properties: { custom: 2 } },
    ]);
    assert.equal(created.status, 201, created.text);
    assert.equal((created.body as unknown[]).length, 2);
    const single = await s.call('POST', `${base}/properties-history/custom`, { at: '2025-03-01T10:02:00Z', properties: { custom: 3 } });
    assert.equal(single.status, 201);
    assertError(await s.call('POST', `${base}/properties-history/custom`, { at: '2025-03-01T10:03:00Z', properties: { other: 3 } }), 400);
    const dup = await s.call('POST', `${base}/properties-history`, [
      { at: '2025-03-01T10:05:00Z', properties: { custom: 9 } },
      { at: at1, properties: { custom: 10 } },
    ]);
    assertError(dup, 409, 'The property already has a value with the same timestamp');
    const custom = await s.all<Item>(`${base}/properties-history/custom`);
    assert.deepEqual(custom.map((i) => i.properties.custom), [3, 2, 1], 'nothing of the refused request was stored');
    // A generated point counts as an existing value too.
    const gen = await s.ok<Page<Item>>(`${base}/properties-history/temperature?limit=1`);
    assertError(await s.call('POST', `${base}/properties-history`, { at: gen.data[0].at, properties: { temperature: 0 } }), 409);
    assertError(await s.call('POST', `${base}/properties-history`, { at: 'yesterday', properties: { custom: 0 } }), 400);
  });

  void test('at: an instant is an as-of snapshot; ranges accept short forms, start inclusive, end exclusive', async () => {
    await s.call('POST', `${base}/properties-history`, [
      { at: '2025-01-31T23:59:59Z', properties: { c: 'jan' } },
      { at: '2025-02-01T00:00:00Z', properties: { c: 'feb1' } },
      { at: '2025-02-15T12:00:00Z', properties: { c: 'feb15', d: 'only-d' } },
      { at: '2025-03-01T00:00:00Z', properties: { c: 'mar' } },
    ]);
    const list = async (q: string): Promise<unknown[]> => (await s.all<Item>(`${base}/properties-history/c?${q}`)).map((i) => i.properties.c);
    assert.deepEqual(await list('at=2025-02|2025-03'), ['feb15', 'feb1']);
    assert.deepEqual(await list(`at=${encodeURIComponent('2025-02-01T00:00:00Z|2025-03-01T00:00:00Z')}`), ['feb15', 'feb1']);
    assert.deepEqual(await list('at=2025-02-01|2025-02-02'), ['feb1']);
    assert.deepEqual(await list('at=2025|2026'), ['mar', 'feb15', 'feb1', 'jan']);
    assert.deepEqual(await list('at=2024|2025'), []);
    // As of 2025-02-20, c was 'feb15' and d 'only-d'; temperature is from the generated series.
    const snap = await s.ok<Page<Item>>(`${base}/properties-history?at=2025-02-20T00:00:00Z`);
    const byProp = Object.fromEntries(snap.data.map((i) => [Object.keys(i.properties)[0], i]));
    assert.equal(byProp.c.properties.c, 'feb15');
    assert.equal(byProp.c.at, '2025-02-15T12:00:00.000Z');
    assert.equal(byProp.d.properties.d, 'only-d');
    assert.ok(Date.parse(byProp.temperature.at) <= Date.parse('2025-02-20T00:00:00Z'));
    const exact = await s.ok<Page<Item>>(`${base}/properties-history/c?at=2025-02-01T00:00:00Z`);
    assert.deepEqual(exact.data, [{ at: '2025-02-01T00:00:00.000Z', properties: { c: 'feb1' } }]);
    assertError(await s.get(`${base}/properties-history?at=notadate`), 400);
    assertError(await s.get(`${base}/properties-history?at=2025-03|2025-02`), 400);
  });

  void test('DELETE needs at: an instant removes exact matches only, a range everything inside', async () => {
    await s.call('POST', `${base}/properties-history`, [
      { at: '2025-02-01T00:00:00Z', properties: { c: 1, d: 1 } },
      { at: '2025-02-02T00:00:00Z', properties: { c: 2, d: 2 } },
      { at: '2025-02-03T00:00:00Z', properties: { c: 3, d: 3 } },
    ]);
    assertError(await s.call('DELETE', `${base}/properties-history`), 400);
    assert.equal((await s.call('DELETE', `${base}/properties-history/c?at=2025-02-02T12:00:00Z`)).status, 204);
    assert.equal((await s.all<Item>(`${base}/properties-history/c`)).length, 3, 'no exact match, nothing deleted');
    assert.equal((await s.call('DELETE', `${base}/properties-history/c?at=2025-02-02T00:00:00Z`)).status, 204);
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/c`)).map((i) => i.properties.c), [3, 1]);
    assert.equal((await s.call('DELETE', `${base}/properties-history?at=2025-02-01|2025-02-03&property_name[]=d`)).status, 204);
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/d`)).map((i) => i.properties.d), [3]);
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/c`)).map((i) => i.properties.c), [3, 1]);
    // Generated points can be deleted as well.
    const newest = (await s.ok<Page<Item>>(`${base}/properties-history/temperature?limit=2`)).data;
    assert.equal((await s.call('DELETE', `${base}/properties-history/temperature?at=${newest[0].at}`)).status, 204);
    assert.deepEqual((await s.ok<Page<Item>>(`${base}/properties-history/temperature?limit=1`)).data[0], newest[1]);
  });

  void test('retention: history older than the configured days is dropped at read time', async () => {
    await s.call('POST', `${base}/properties-history`, [
      { at: new Date(FIXED_NOW - 5 * DAY).toISOString(), properties: { r: 'recent' } },
      { at: new Date(FIXED_NOW - 20 * DAY).toISOString(), properties: { r: 'old' } },
      { at: new Date(FIXED_NOW - 100 * DAY).toISOString(), properties: { r: 'ancient' } },
    ]);
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/r`)).map((i) => i.properties.r), ['recent', 'old'], 'default 90 days');
    const put = await fetch(`${s.emu.url}/_emulator/altair/config`, { method: 'PUT', body: JSON.stringify({ retentionDays: 10 }) });
    assert.equal(put.status, 200);
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/r`)).map((i) => i.properties.r), ['recent']);
    const temps = await s.all<Item>(`${base}/properties-history/temperature?limit=1000`);
    assert.ok(temps.every((i) => Date.parse(i.at) >= FIXED_NOW - 10 * DAY));
    clock = FIXED_NOW + 6 * DAY;
    await s.login(); // the token of the emulator clock's "now" has expired meanwhile
    assert.deepEqual((await s.all<Item>(`${base}/properties-history/r`)).map((i) => i.properties.r), [], 'time moves on');
  });

  void test('limit is validated on history too', async () => {
    assertError(await s.get(`${base}/properties-history?limit=0`), 400);
    assertError(await s.get(`${base}/properties-history/temperature?limit=1001`), 400);
    assert.equal((await s.ok<Page>(`${base}/properties-history/temperature`)).data.length, 50);
  });

  void test('properties bodies over 5 KB are refused with 400', async () => {
    const big = { note: 'x'.repeat(5 * 1024) };
    assertError(await s.call('PUT', `${base}/properties`, big), 400, /payload too large/);
    assert.equal((await s.ok<Record<string, unknown>>(`${base}/properties`)).note, undefined);
  });
});

void describe('Altair emulator: determinism', () => {
  void test('the same seed and clock give the same data; another seed differs', async () => {
    const snapshot = async (seed: number): Promise<string> => {
      const s = await startSession({ seed, now: () => FIXED_NOW });
      try {
        const things = await s.all<{ uid: string; status: unknown; title: string }>('/spaces/demo/things?limit=1000');
        const history = await s.ok(`/spaces/demo/things/${s.info.thing.id}/properties-history?limit=200`);
        return JSON.stringify({ ids: things.map((t) => [t.uid, t.title, t.status]), history, info: { ...s.info, baseUrl: '', mqtt: undefined } });
      } finally {
        await s.emu.close();
      }
    };
    const a = await snapshot(42);
    const b = await snapshot(42);
    const c = await snapshot(43);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});
