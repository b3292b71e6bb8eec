import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, startSession, type AltairSession, type Page } from './helpers';

type Thing = Record<string, unknown> & { uid: string; id: string; title?: string; categories?: string[]; status: Record<string, unknown> };

void describe('Altair emulator: things', () => {
  let s: AltairSession;
  before(async () => {
    s = await startSession();
  });
  beforeEach(async () => {
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
  });
  after(() => s.emu.close());

  /** Creates a category `Lab` and things in it with chosen values (plus one outside any category). */
  async function fixture(): Promise<Thing[]> {
    assert.equal((await s.call('POST', '/spaces/demo/categories', { name: 'Lab' })).status, 201);
    const specs = [
      { title: 'alpha', '@type': ['Probe', 'Sensor'], status: { temp: 10, name: 'Zeta', tags: ['a', 'b'], cfg: { k: 1 }, on: true }, links: [{ rel: 'controlledBy', href: 'https://x/1' }] },
      { title: 'beta', '@type': 'Probe', status: { temp: 20, name: 'alpha', tags: ['b'], on: false } },
      { title: 'gamma', '@type': 'Sensor', status: { temp: 30, name: 'Beta' }, links: [{ rel: 'parent', href: 'https://x/2' }] },
      { title: 'delta', status: { name: 'delta' } },
    ];
    const out: Thing[] = [];
    for (const spec of specs) {
      const r = await s.call<Thing>('POST', '/spaces/demo/things', { ...spec, categories: ['Lab'] });
      assert.equal(r.status, 201, r.text);
      out.push(r.body);
    }
    const outside = await s.call<Thing>('POST', '/spaces/demo/things', { title: 'outside', status: { temp: 25 } });
    out.push(outside.body);
    return out;
  }

  const titles = async (query: string): Promise<string[]> => (await s.all<Thing>(`/spaces/demo/things?${query}`)).map((t) => t.title!);

  void test('create, get, update (PUT) and delete a thing', async () => {
    const created = await s.call<Thing>('POST', '/spaces/demo/things', { title: 'Pump', description: 'water pump', status: { rpm: 1200 }, properties: { rpm: { type: 'integer', unit: 'rpm' } } });
    assert.equal(created.status, 201);
    const t = created.body;
    assert.match(t.uid, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(t.id, `${s.emu.url}/spaces/demo/things/${t.uid}`);
    assert.deepEqual(t.categories, []);
    assert.match(String(t.created), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual((await s.ok<Thing>(`/spaces/demo/things/${t.uid}`)).status, { rpm: 1200 });

    const put = await s.call<Thing>('PUT', `/spaces/demo/things/${t.uid}`, { title: 'Pump 2', categories: ['HVAC'], model: { name: 'HvacUnitModel', version: 1 } });
    assert.equal(put.status, 200, put.text);
    const read = await s.ok<Thing>(`/spaces/demo/things/${t.uid}`);
    assert.equal(read.title, 'Pump 2');
    assert.equal(read.description, undefined, 'PUT replaces the description');
    assert.deepEqual(read.categories, ['HVAC']);
    assert.deepEqual(read.status, { rpm: 1200 }, 'status is kept when not sent');
    assert.ok((read.properties as Record<string, unknown>).setpoint, 'the model template was applied');

    assert.equal((await s.call('DELETE', `/spaces/demo/things/${t.uid}`)).status, 204);
    assertError(await s.get(`/spaces/demo/things/${t.uid}`), 404, 'Item not found');
    assertError(await s.call('DELETE', `/spaces/demo/things/${t.uid}`), 404);
  });

  void test('creating with an unknown category or model is a 404; a bad body a 400', async () => {
    assertError(await s.call('POST', '/spaces/demo/things', { title: 'x', categories: ['Nope'] }), 404);
    assertError(await s.call('POST', '/spaces/demo/things', { title: 'x', model: { name: 'NoModel' } }), 404);
    assertError(await s.call('POST', '/spaces/demo/things', '{"title":'), 400, 'malformed body');
    assertError(await s.call('POST', '/spaces/demo/things', { title: 5 }), 400);
    assertError(await s.call('POST', '/spaces/demo/things', { title: 'x', categories: ['HVAC'], model: { name: 'VehicleModel' } }), 400);
  });

  void test('a thing created in a category with a model takes that model and its template', async () => {
    const r = await s.call<Thing>('POST', '/spaces/demo/categories/Meters/things', { title: 'New meter' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.model, { name: 'EnergyMeterModel', version: 1 });
    assert.ok((r.body.properties as Record<string, unknown>).energy);
    assert.equal(r.body.title, 'New meter');
  });

  void test('filters: title, @type, model, version, thingID[], category[], in_category, links', async () => {
    const things = await fixture();
    assert.deepEqual(await titles('title=beta'), ['beta']);
    assert.deepEqual((await titles('@type=Probe&category[]=Lab')).sort(), ['alpha', 'beta']);
    assert.deepEqual((await titles('@type=Sensor&category[]=Lab')).sort(), ['alpha', 'gamma']);
    assert.deepEqual(await titles(`thingID[]=${things[0].uid}&thingID[]=${things[2].uid}`), ['alpha', 'gamma']);
    assert.deepEqual((await titles('category[]=Lab')).length, 4);
    assert.equal((await titles('category[]=Lab&category[]=HVAC')).length, 4 + 115);
    const outside = await titles('in_category=false');
    assert.ok(outside.includes('outside') && !outside.includes('alpha'));
    assert.equal(outside.length, 1 + 10, 'the outside thing and the 10 demo gateways');
    assert.ok(!(await titles('in_category=true')).includes('outside'));
    assert.deepEqual(await titles('links.rel=controlledBy'), ['alpha']);
    assert.deepEqual(await titles('links.href=https://x/2'), ['gamma']);
    assert.equal((await titles('model=HvacUnitModel')).length, 115);
    assert.equal((await titles('model=HvacUnitModel&version=1')).length, 115);
    assert.equal((await titles('model=HvacUnitModel&version=2')).length, 0);
    assertError(await s.get('/spaces/demo/things?version=1'), 400);
    assertError(await s.get('/spaces/demo/things?in_category=maybe'), 400);
  });

  void test('property filters: every operator, on numbers, strings, booleans, arrays and objects', async () => {
    await fixture();
    const lab = (q: string): Promise<string[]> => titles(`category[]=Lab&${q}`).then((t) => t.sort());
    assert.deepEqual(await lab('property:temp=20'), ['beta']);
    assert.deepEqual(await lab('property:temp=eq:20'), ['beta']);
    assert.deepEqual(await lab('property:temp=neq:20'), ['alpha', 'gamma'], 'a thing without the property does not match neq');
    assert.deepEqual(await lab('property:temp=gt:10'), ['beta', 'gamma']);
    assert.deepEqual(await lab('property:temp=gte:20'), ['beta', 'gamma']);
    assert.deepEqual(await lab('property:temp=lt:20'), ['alpha']);
    assert.deepEqual(await lab('property:temp=lte:20'), ['alpha', 'beta']);
    assert.deepEqual(await lab('property:temp=gt:10&property:temp=lt:30'), ['beta'], 'conditions are ANDed');
    // Strings compare alphabetically and case-sensitively ('B' < 'Z' < 'a' < 'd').
    assert.deepEqual(await lab('property:name=gt:Zeta'), ['beta', 'delta']);
    assert.deepEqual(await lab('property:name=lt:Zeta'), ['gamma']);
    assert.deepEqual(await lab('property:name=contains:eta'), ['alpha', 'gamma']);
    assert.deepEqual(await lab('property:name=contains:ETA'), []);
    assert.deepEqual(await lab('property:tags=contains:b'), ['alpha', 'beta']);
    assert.deepEqual(await lab('property:tags=contains:a'), ['alpha']);
    assert.deepEqual(await lab('property:cfg=contains:k'), ['alpha'], 'contains on an object checks for a key');
    assert.deepEqual(await lab('property:temp=contains:1'), [], 'contains on a number never matches');
    assert.deepEqual(await lab('property:on=true'), ['alpha']);
    assert.deepEqual(await lab('property:on=eq:false'), ['beta']);
    // URL-encoded names and values work as well.
    assert.deepEqual(await lab('property%3Atemp=gt%3A10'), ['beta', 'gamma']);
  });

  void test('sort: dotted paths, both directions, several fields, missing values last', async () => {
    await fixture();
    assert.deepEqual(await titles('category[]=Lab&sort=-status.temp'), ['gamma', 'beta', 'alpha', 'delta']);
    assert.deepEqual(await titles('category[]=Lab&sort=status.temp'), ['alpha', 'beta', 'gamma', 'delta']);
    assert.deepEqual(await titles('category[]=Lab&sort=%2Btitle'), ['alpha', 'beta', 'delta', 'gamma']);
    assert.deepEqual(await titles('category[]=Lab&sort=+title'), ['alpha', 'beta', 'delta', 'gamma'], 'an unencoded + arrives as a space');
    assert.deepEqual(await titles('category[]=Lab&sort=-title'), ['gamma', 'delta', 'beta', 'alpha']);
    assert.deepEqual(await titles('category[]=Lab&sort=-status.on,title'), ['alpha', 'beta', 'delta', 'gamma']);
    // The default order is uid ascending.
    const uids = (await s.all<Thing>('/spaces/demo/things?limit=1000')).map((t) => t.uid);
    assert.equal(uids.length, 305);
    assert.deepEqual(uids, [...uids].sort());
  });

  void test('cursor paging forward and back, with and without sort', async () => {
    for (const sort of ['', '&sort=-title']) {
      const all = await s.all<Thing>(`/spaces/demo/things?limit=1000${sort}`);
      const pages: Array<Page<Thing>> = [];
      let page = await s.ok<Page<Thing>>(`/spaces/demo/things?limit=40${sort}`);
      assert.equal(page.paging.previous_cursor, '');
      pages.push(page);
      while (page.paging.next_cursor) {
        page = await s.ok<Page<Thing>>(`/spaces/demo/things?limit=40${sort}&next_cursor=${encodeURIComponent(page.paging.next_cursor)}`);
        assert.notEqual(page.paging.previous_cursor, '');
        pages.push(page);
      }
      assert.equal(pages.length, Math.ceil(300 / 40));
      assert.deepEqual(pages.flatMap((p) => p.data.map((t) => t.uid)), all.map((t) => t.uid));
      // Back from the last page, page by page, gives the same pages.
      for (let i = pages.length - 1; i > 0; i--) {
        const back = await s.ok<Page<Thing>>(`/spaces/demo/things?limit=40${sort}&previous_cursor=${encodeURIComponent(pages[i].paging.previous_cursor)}`);
        assert.deepEqual(back.data.map((t) => t.uid), pages[i - 1].data.map((t) => t.uid));
        assert.equal(back.paging.next_cursor, pages[i - 1].paging.next_cursor);
        assert.equal(back.paging.previous_cursor, pages[i - 1].paging.previous_cursor);
      }
    }
    // The cursor is base64 JSON of the sort key (the uid by default).
    const first = await s.ok<Page<Thing>>('/spaces/demo/things?limit=1');
    const second = await s.ok<Page<Thing>>(`/spaces/demo/things?limit=1&next_cursor=${encodeURIComponent(first.paging.next_cursor)}`);
    assert.deepEqual(JSON.parse(Buffer.from(first.paging.next_cursor, 'base64').toString()), [second.data[0].uid]);
  });

  void test('limit: default 50, 1..1000, anything else a 400; bad cursors a 400', async () => {
    assert.equal((await s.ok<Page>('/spaces/demo/things')).data.length, 50);
    assert.equal((await s.ok<Page>('/spaces/demo/things?limit=1000')).data.length, 300);
    for (const bad of ['0', '1001', '-1', 'abc', '2.5']) assertError(await s.get(`/spaces/demo/things?limit=${bad}`), 400);
    assertError(await s.get('/spaces/demo/things?next_cursor=%%%'), 400);
    assertError(await s.get(`/spaces/demo/things?next_cursor=${Buffer.from('[1,2]').toString('base64')}`), 400);
  });

  void test('category mirror: only members, no categories field, 404 for outsiders', async () => {
    const things = await fixture();
    const lab = await s.all<Thing>('/spaces/demo/categories/Lab/things');
    assert.deepEqual(lab.map((t) => t.title).sort(), ['alpha', 'beta', 'delta', 'gamma']);
    for (const t of lab) {
      assert.equal(t.categories, undefined);
      assert.equal(t.id, `${s.emu.url}/spaces/demo/categories/Lab/things/${t.uid}`);
    }
    assert.deepEqual((await s.all<Thing>('/spaces/demo/categories/Lab/things?property:temp=gte:20')).map((t) => t.title).sort(), ['beta', 'gamma']);
    const outsider = things[4].uid;
    assertError(await s.get(`/spaces/demo/categories/Lab/things/${outsider}`), 404);
    assertError(await s.get(`/spaces/demo/categories/Lab/things/${outsider}/properties`), 404);
    assertError(await s.call('PUT', `/spaces/demo/categories/Lab/things/${outsider}/properties`, { temp: 1 }), 404);
    assertError(await s.call('DELETE', `/spaces/demo/categories/Lab/things/${outsider}`), 404);
    assert.ok(await s.ok(`/spaces/demo/things/${outsider}`), 'the outsider still exists');
    assertError(await s.get('/spaces/demo/categories/Nope/things'), 404);
    // PUT through the category keeps the categories; POST assigns the category.
    const member = things[0].uid;
    assert.equal((await s.call('PUT', `/spaces/demo/categories/Lab/things/${member}`, { title: 'alpha2' })).status, 200);
    assert.deepEqual((await s.ok<Thing>(`/spaces/demo/things/${member}`)).categories, ['Lab']);
    const created = await s.call<Thing>('POST', '/spaces/demo/categories/Lab/things', { title: 'epsilon' });
    assert.equal(created.status, 201);
    assert.deepEqual((await s.ok<Thing>(`/spaces/demo/things/${created.body.uid}`)).categories, ['Lab']);
  });

  void test('bulk DELETE needs a filter and returns the deleted uids', async () => {
    const things = await fixture();
    assertError(await s.call('DELETE', '/spaces/demo/things'), 400);
    const r = await s.call<string[]>('DELETE', '/spaces/demo/things?category[]=Lab&property:temp=gte:20');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.sort(), [things[1].uid, things[2].uid].sort());
    assertError(await s.get(`/spaces/demo/things/${things[1].uid}`), 404);
    assert.equal((await s.get(`/spaces/demo/things/${things[0].uid}`)).status, 200);
    const mirror = await s.call<string[]>('DELETE', `/spaces/demo/categories/Lab/things?thingID[]=${things[0].uid}&thingID[]=${things[4].uid}`);
    assert.deepEqual(mirror.body, [things[0].uid], 'the mirror only deletes members');
  });

  void test('bulk PATCH answers 207 with a result per item', async () => {
    const things = await fixture();
    const r = await s.call<{ has_errors: number[]; results: Array<{ status: number; response: Thing }> }>('PATCH', '/spaces/demo/things', [
      { id: things[0].uid, patch: [{ op: 'replace', path: '/title', value: 'ALPHA' }] },
      { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', patch: [{ op: 'replace', path: '/title', value: 'x' }] },
      { id: things[1].uid, patch: [{ op: 'test', path: '/title', value: 'wrong' }] },
    ], { 'content-type': 'application/json-patch+json' });
    assert.equal(r.status, 207, r.text);
    assert.deepEqual(r.body.has_errors, [1, 2]);
    assert.deepEqual(r.body.results.map((x) => x.status), [200, 404, 400]);
    assert.equal((await s.ok<Thing>(`/spaces/demo/things/${things[0].uid}`)).title, 'ALPHA');
    assert.equal((await s.ok<Thing>(`/spaces/demo/things/${things[1].uid}`)).title, 'beta');
  });

  void test('reset-secret creates a thing client that can get a token', async () => {
    const thing = s.info.thing.id;
    const r = await s.call<{ client_id: string; client_secret: string }>('POST', `/spaces/demo/things/${thing}/reset-secret`);
    assert.equal(r.status, 201);
    assert.equal(r.body.client_id, `demo::${thing}`);
    assert.equal((await s.ok<Thing>(`/spaces/demo/things/${thing}`)).client_id, r.body.client_id);
    const token = await fetch(`${s.emu.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: r.body.client_id, client_secret: r.body.client_secret }) });
    assert.equal(token.status, 200);
  });

  void test('reset restores the initial state', async () => {
    const thing = s.info.thing.id;
    assert.equal((await s.call('DELETE', `/spaces/demo/things/${thing}`)).status, 204);
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
    assert.equal((await s.get(`/spaces/demo/things/${thing}`)).status, 200);
    assert.equal((await s.all('/spaces/demo/things?limit=1000')).length, 300);
  });
});
