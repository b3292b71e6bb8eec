import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, FIXED_NOW, startSession, type AltairSession, type Page } from './helpers';

type Thing = { uid: string; title: string; categories: string[]; status: Record<string, unknown> };
type Item = { at: string; properties: Record<string, unknown> };

void describe('Altair emulator: large dataset', () => {
  const assets = 2345;
  const points = 4321;
  let s: AltairSession;
  before(async () => {
    s = await startSession({ dataset: 'large', large: { assets, pointsPerSeries: points }, now: () => FIXED_NOW });
  });
  after(() => s.emu.close());

  void test('info names the large space and its long-history thing', () => {
    assert.equal(s.info.space, 'large');
    assert.equal(s.info.thing.numericProperty, 'temperature');
    assert.equal(s.info.category, 'Zone01');
  });

  void test('every generated thing is listed once, in uid order, and readable by id', async () => {
    const things = await s.all<Thing>('/spaces/large/things?limit=1000');
    assert.equal(things.length, assets);
    const uids = things.map((t) => t.uid);
    assert.equal(new Set(uids).size, assets);
    assert.deepEqual(uids, [...uids].sort());
    assert.equal(things[0].uid, s.info.thing.id);
    const one = await s.ok<Thing>(`/spaces/large/things/${things[1234].uid}`);
    assert.deepEqual(one, things[1234]);
    assertError(await s.get('/spaces/large/things/01ARZ3NDEKTSV4RRFFQ69G5FAV'), 404);
  });

  void test('filters, categories and the mirror work on generated things', async () => {
    const zone = await s.all<Thing>('/spaces/large/things?category[]=Zone03&limit=1000');
    assert.ok(zone.length > 0 && zone.every((t) => t.categories.includes('Zone03')));
    assert.equal((await s.all('/spaces/large/categories/Zone03/things?limit=1000')).length, zone.length);
    const none = await s.all<Thing>('/spaces/large/things?in_category=false&limit=1000');
    assert.equal(none.length + (await s.all('/spaces/large/things?in_category=true&limit=1000')).length, assets);
    const warm = await s.all<Thing>('/spaces/large/things?property:temperature=gt:22&limit=1000');
    assert.ok(warm.every((t) => (t.status.temperature as number) > 22));
  });

  void test('generated things can be changed and deleted', async () => {
    const page = await s.ok<Page<Thing>>('/spaces/large/things?limit=3');
    const target = page.data[2];
    assert.equal((await s.call('PUT', `/spaces/large/things/${target.uid}/properties`, { interval: 60 })).status, 200);
    assert.equal((await s.ok<Thing>(`/spaces/large/things/${target.uid}`)).status.interval, 60);
    assert.equal((await s.call('DELETE', `/spaces/large/things/${page.data[1].uid}`)).status, 204);
    assertError(await s.get(`/spaces/large/things/${page.data[1].uid}`), 404);
    assert.equal((await s.all('/spaces/large/things?limit=1000')).length, assets - 1);
    const after = await s.ok<Page<Thing>>('/spaces/large/things?limit=2');
    assert.deepEqual(after.data.map((t) => t.uid), [page.data[0].uid, page.data[2].uid]);
  });

  void test('the long series holds pointsPerSeries points, newest first, paged both ways', async () => {
    const path = `/spaces/large/things/${s.info.thing.id}/properties-history/temperature`;
    const pages: Array<Page<Item>> = [];
    let cursor = '';
    do {
      const page = await s.ok<Page<Item>>(`${path}?limit=1000${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ''}`);
      pages.push(page);
      cursor = page.paging.next_cursor;
    } while (cursor);
    const items = pages.flatMap((p) => p.data);
    assert.equal(items.length, points);
    const times = items.map((i) => Date.parse(i.at));
    for (let i = 1; i < times.length; i++) assert.ok(times[i] < times[i - 1], `descending at ${i}`);
    assert.ok(items.every((i) => typeof i.properties.temperature === 'number'));
    const back = await s.ok<Page<Item>>(`${path}?limit=1000&previous_cursor=${encodeURIComponent(pages[pages.length - 1].paging.previous_cursor)}`);
    assert.deepEqual(back.data, pages[pages.length - 2].data);
  });
});
