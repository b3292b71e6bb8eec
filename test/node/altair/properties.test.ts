// Current property values, the properties history (instants, ranges, cursors, create/delete) and the
// chart reader `fetchPropertyHistory`, through the client against the emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, parseAltairTime, type PropertyHistoryValue, type Thing } from '../../../src/platforms/altair';
import { CancelledError, HttpError, ParseError, ValidationError, collect } from '../../../src/platforms/http';

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  thing: { id: string; numericProperty: string };
}

let emu: Emulator;
let api: AltairApi;
let info: AltairInfo;
let thing: Thing;
const offline = new AltairApi({ host: 'http://127.0.0.1:9', retry: { retries: 0 } }).setToken('never-sent-token');
const MINUTE = 60_000;
/** A fixed, recent, whole-minute origin for posted history (inside the emulator's retention). */
const origin = Math.floor((Date.now() - 2 * 86_400_000) / MINUTE) * MINUTE;

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as AltairInfo;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
  thing = await api.spaces(info.space).things().create({ title: 'history-target', status: { level: 1, mode: 'auto' } });
});

after(async () => {
  await api.dispose();
  await emu.close();
});

const one = () => api.spaces(info.space).things(thing.uid);

void describe('current values', () => {
  void test('get all and one; the single read is a single-key object', async () => {
    const demo = api.spaces(info.space).things(info.thing.id);
    const doc = await demo.get();
    assert.deepEqual(await demo.properties().get(), doc.status);
    const prop = info.thing.numericProperty;
    assert.deepEqual(await demo.properties(prop).get(), { [prop]: doc.status?.[prop] });
    assert.equal(await demo.properties(prop).value(), doc.status?.[prop]);
    await assert.rejects(demo.properties('no-such-property').get(), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  void test('update several and one; values are read back and appended to the history unless updateHistory is false', async () => {
    const echoed = await one().properties().update({ level: 7, mode: 'eco' });
    assert.deepEqual(echoed, { level: 7, mode: 'eco' });
    assert.deepEqual(await one().properties().get(), { level: 7, mode: 'eco' });
    assert.deepEqual((await one().propertiesHistory('level').get({ limit: 1 })).items.map((i) => i.properties), [{ level: 7 }]);

    assert.deepEqual(await one().properties('level').update(8), { level: 8 });
    assert.equal(await one().properties('level').value(), 8);
    const newest = await one().propertiesHistory('level').get({ limit: 1 });
    assert.deepEqual(newest.items[0].properties, { level: 8 });

    await one().properties('level').update(99, { updateHistory: false });
    assert.equal(await one().properties('level').value(), 99);
    const still = await one().propertiesHistory('level').get({ limit: 1 });
    assert.deepEqual(still.items[0].properties, { level: 8 }, 'no history record for update_history=false');
    await one().properties().update({ mode: 'off' }, { updateHistory: false });
    assert.deepEqual((await one().propertiesHistory('mode').get({ limit: 1 })).items[0].properties, { mode: 'eco' });
  });

  void test('a value of any JSON type round-trips', async () => {
    const value = { nested: [1, 'two', { three: true }], nothing: null };
    await one().properties('blob').update(value);
    assert.deepEqual(await one().properties('blob').value(), value);
  });
});

void describe('properties history', () => {
  const series = (prop: string, n: number, start = origin): PropertyHistoryValue[] =>
    Array.from({ length: n }, (_, i) => ({ at: new Date(start + i * MINUTE).toISOString(), properties: { [prop]: i * 1.5 } }));

  void test('create records, read a range newest first, page forward and back', async () => {
    const records = series('p1', 7);
    const created = await one().propertiesHistory('p1').create(records);
    assert.equal(created.length, 7);
    const range = { from: origin, to: origin + 7 * MINUTE };
    const all = await collect(one().propertiesHistory('p1').paginate({ at: range, limit: 3 }));
    assert.deepEqual(all.map((r) => parseAltairTime(r.at)), records.map((r) => Date.parse(r.at)).reverse());
    assert.deepEqual(all.map((r) => r.properties.p1), records.map((r) => r.properties.p1).reverse());

    const pages: number[][] = [];
    let page = await one().propertiesHistory('p1').get({ at: range, limit: 3 });
    pages.push(page.items.map((r) => r.properties.p1 as number));
    while (page.nextCursor) {
      page = await one().propertiesHistory('p1').get({ at: range, limit: 3, nextCursor: page.nextCursor });
      pages.push(page.items.map((r) => r.properties.p1 as number));
    }
    assert.equal(pages.length, 3);
    const back: number[][] = [pages[2]];
    while (page.previousCursor) {
      page = await one().propertiesHistory('p1').get({ at: range, limit: 3, previousCursor: page.previousCursor });
      back.unshift(page.items.map((r) => r.properties.p1 as number));
    }
    assert.deepEqual(back, pages);
  });

  void test('the range end is exclusive, short forms pass through, an instant is an as-of snapshot', async () => {
    await one().propertiesHistory().create(series('p2', 4));
    const twoOnly = await one().propertiesHistory('p2').get({ at: { from: origin + MINUTE, to: origin + 3 * MINUTE } });
    assert.deepEqual(twoOnly.items.map((r) => r.properties.p2), [3, 1.5]);
    const year = new Date(origin).getUTCFullYear();
    const byYear = await collect(one().propertiesHistory('p2').paginate({ at: `${year}|${year + 1}` }));
    assert.ok(byYear.length >= 4 || new Date(origin + 3 * MINUTE).getUTCFullYear() !== year);
    // Between two records, an instant answers with the older one.
    const asOf = await one().propertiesHistory('p2').get({ at: origin + 2 * MINUTE + 30_000 });
    assert.deepEqual(asOf.items.map((r) => r.properties), [{ p2: 3 }]);
    assert.equal(parseAltairTime(asOf.items[0].at), origin + 2 * MINUTE);
  });

  void test('the Thing-level history lists every property, and group merges equal timestamps', async () => {
    const at = new Date(origin + 10 * MINUTE).toISOString();
    await one().propertiesHistory().create({ at, properties: { g1: 1, g2: 'two' } });
    const range = { from: at, to: origin + 11 * MINUTE };
    const flat = await one().propertiesHistory().get({ at: range });
    assert.deepEqual(flat.items.map((r) => r.properties).sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0])), [{ g1: 1 }, { g2: 'two' }]);
    const grouped = await one().propertiesHistory().get({ at: range, group: true });
    assert.deepEqual(grouped.items.map((r) => r.properties), [{ g1: 1, g2: 'two' }]);
  });

  void test('a second value at the same timestamp is a 409 with the platform message', async () => {
    const record = { at: new Date(origin + 20 * MINUTE), properties: { p3: 1 } };
    await one().propertiesHistory('p3').create(record);
    const err = await one().propertiesHistory('p3').create(record).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 409);
    assert.equal(err.platformMessage, 'The property already has a value with the same timestamp');
  });

  void test('delete needs at; an instant deletes the exact match only, a range everything inside', async () => {
    await one().propertiesHistory('p4').create(series('p4', 5));
    await assert.rejects(offline.spaces('s').things('t').propertiesHistory('p4').delete({} as never), (e: unknown) => e instanceof ValidationError && e.parameter === 'at');
    await assert.rejects(offline.spaces('s').things('t').propertiesHistory().delete({} as never), (e: unknown) => e instanceof ValidationError && e.parameter === 'at');
    await one().propertiesHistory('p4').delete({ at: origin + MINUTE + 1 });
    const range = { from: origin, to: origin + 5 * MINUTE };
    assert.equal((await collect(one().propertiesHistory('p4').paginate({ at: range }))).length, 5, 'no exact match, nothing deleted');
    await one().propertiesHistory('p4').delete({ at: origin + MINUTE });
    assert.equal((await collect(one().propertiesHistory('p4').paginate({ at: range }))).length, 4);
    await one().propertiesHistory().delete({ at: { from: origin + 2 * MINUTE, to: origin + 4 * MINUTE }, propertyNames: ['p4'] });
    const left = await collect(one().propertiesHistory('p4').paginate({ at: range }));
    assert.deepEqual(left.map((r) => r.properties.p4), [6, 0]);
  });

  void test('limit is validated (1..1000) before any request; bad at values too', async () => {
    const h = offline.spaces('s').things('t').propertiesHistory('x');
    for (const limit of [0, 1001, 2.5, -1]) {
      await assert.rejects(h.get({ limit }), (e: unknown) => e instanceof ValidationError && e.parameter === 'limit', String(limit));
    }
    await assert.rejects(collect(h.paginate({ limit: 5000 })), (e: unknown) => e instanceof ValidationError && e.parameter === 'limit');
    await assert.rejects(h.get({ at: new Date('nope') }), (e: unknown) => e instanceof ValidationError && e.parameter === 'at');
    await assert.rejects(h.get({ at: {} }), (e: unknown) => e instanceof ValidationError && e.parameter === 'at');
    await assert.rejects(offline.fetchPropertyHistory('s', 't', 'x', { pageSize: 1001 }), (e: unknown) => e instanceof ValidationError && e.parameter === 'limit');
    // A bad `at` the client cannot judge (a free string) reaches the server, which answers 400.
    await assert.rejects(one().propertiesHistory('p1').get({ at: 'last tuesday' }), (e: unknown) => e instanceof HttpError && e.status === 400);
  });
});

void describe('fetchPropertyHistory', () => {
  void test('reads every page of a range into ascending typed arrays, with progress per page', async () => {
    const n = 2345;
    const start = origin - 3 * 3_600_000;
    const records = Array.from({ length: n }, (_, i) => ({ at: new Date(start + i * 1000).toISOString(), properties: { big: i % 7 === 0 ? 'not a number' : i % 11 === 0 ? true : i / 10 } }));
    await one().propertiesHistory('big').create(records);
    const progress: Array<{ pages: number; points: number; size: number }> = [];
    const result = await api.fetchPropertyHistory(info.space, thing.uid, 'big', {
      from: start,
      to: start + n * 1000,
      onPage: (p) => progress.push({ pages: p.pages, points: p.points, size: p.timestamps.length }),
    });
    assert.equal(result.timestamps.length, n);
    assert.equal(result.values.length, n);
    for (let i = 0; i < n; i++) {
      assert.equal(result.timestamps[i], start + i * 1000);
      const v = records[i].properties.big;
      if (typeof v === 'number') assert.equal(result.values[i], v);
      else if (v === true) assert.equal(result.values[i], 1);
      else assert.ok(Number.isNaN(result.values[i]));
    }
    assert.deepEqual(progress.map((p) => p.size), [1000, 1000, 345]);
    assert.deepEqual(progress.map((p) => p.pages), [1, 2, 3]);
    assert.equal(progress[2].points, n);
  });

  void test('agrees with paging the same range of the demo data by hand', async () => {
    const prop = info.thing.numericProperty;
    const to = Date.now();
    const from = to - 86_400_000;
    const series = await api.fetchPropertyHistory(info.space, info.thing.id, prop, { from, to, pageSize: 200 });
    const byHand = await collect(api.spaces(info.space).things(info.thing.id).propertiesHistory(prop).paginate({ at: { from, to }, limit: 1000 }));
    assert.ok(byHand.length > 0);
    assert.equal(series.timestamps.length, byHand.length);
    const asc = [...byHand].reverse();
    assert.deepEqual(Array.from(series.timestamps), asc.map((r) => Date.parse(r.at)));
    assert.deepEqual(Array.from(series.values), asc.map((r) => r.properties[prop] as number));
  });

  void test('fetchPropertyHistoryPage gives one page as ascending arrays with cursors both ways', async () => {
    const from = origin - 3 * 3_600_000;
    const to = from + 2345 * 1000;
    const first = await api.fetchPropertyHistoryPage(info.space, thing.uid, 'big', { from, to, limit: 1000 });
    assert.equal(first.timestamps.length, 1000);
    assert.equal(first.previousCursor, undefined);
    assert.ok(first.nextCursor);
    // Newest first on the wire: the first page holds the newest 1000 points, returned ascending.
    assert.equal(first.timestamps[999], to - 1000);
    assert.equal(first.timestamps[0], to - 1000 * 1000);
    const second = await api.fetchPropertyHistoryPage(info.space, thing.uid, 'big', { from, to, limit: 1000, nextCursor: first.nextCursor });
    assert.equal(second.timestamps[999], first.timestamps[0] - 1000);
    const back = await api.fetchPropertyHistoryPage(info.space, thing.uid, 'big', { from, to, limit: 1000, previousCursor: second.previousCursor });
    assert.deepEqual(Array.from(back.timestamps), Array.from(first.timestamps));
    assert.deepEqual(Array.from(back.values), Array.from(first.values));
  });

  void test('a property named next_cursor does not mislead the read-ahead', async () => {
    const start = origin - 5 * 3_600_000;
    const records = Array.from({ length: 250 }, (_, i) => ({ at: new Date(start + i * 1000).toISOString(), properties: { next_cursor: `WzE3OTUzNzEwMDAwMDBd${i}` } }));
    await one().propertiesHistory('next_cursor').create(records);
    const result = await api.fetchPropertyHistory(info.space, thing.uid, 'next_cursor', { from: start, to: start + 250_000, pageSize: 100 });
    assert.deepEqual(Array.from(result.timestamps), records.map((r) => Date.parse(r.at)));
  });

  void test('an empty range gives empty arrays; an unknown thing is a 404', async () => {
    const empty = await api.fetchPropertyHistory(info.space, thing.uid, 'big', { from: 0, to: 1000 });
    assert.equal(empty.timestamps.length, 0);
    await assert.rejects(api.fetchPropertyHistory(info.space, '01ZZZZZZZZZZZZZZZZZZZZZZZZ', 'big'), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  void test('cancellation stops the read with CancelledError', async () => {
    const ctrl = new AbortController();
    const read = api.fetchPropertyHistory(info.space, thing.uid, 'big', {
      pageSize: 100,
      signal: ctrl.signal,
      onPage: (p) => {
        if (p.pages === 2) ctrl.abort();
      },
    });
    await assert.rejects(read, (e: unknown) => e instanceof CancelledError);
    const already = new AbortController();
    already.abort();
    await assert.rejects(api.fetchPropertyHistory(info.space, thing.uid, 'big', { signal: already.signal }), (e: unknown) => e instanceof CancelledError);
  });

  void test('a malformed page is a ParseError', async () => {
    emu.faults.set([{ kind: 'malformed', pathPrefix: `/spaces/${info.space}/things/${thing.uid}/properties-history`, count: 1 }]);
    try {
      await assert.rejects(api.fetchPropertyHistory(info.space, thing.uid, 'big'), (e: unknown) => e instanceof ParseError && /malformed/.test(e.message));
    } finally {
      emu.faults.clear();
    }
  });
});
