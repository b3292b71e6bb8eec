import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, startSession, type AltairSession, type Page } from './helpers';

type Rec = Record<string, unknown>;

void describe('Altair emulator: spaces, categories and models', () => {
  let s: AltairSession;
  before(async () => {
    s = await startSession();
  });
  beforeEach(async () => {
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
  });
  after(() => s.emu.close());

  void test('spaces are listed (paginated) and readable', async () => {
    const page = await s.ok<Page<Rec>>('/spaces');
    assert.deepEqual(page.data.map((x) => x.name), ['demo']);
    assert.deepEqual(page.paging, { next_cursor: '', previous_cursor: '' });
    assert.equal((await s.ok<Rec>('/spaces/demo')).name, 'demo');
    assertError(await s.get('/spaces/other'), 404);
  });

  void test('categories: create, 409 on duplicates, name pattern, list by name, get, update, no rename', async () => {
    const created = await s.call<Rec>('POST', '/spaces/demo/categories', { name: 'Boards_1:x-y', description: 'd' });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.model, null);
    assertError(await s.call('POST', '/spaces/demo/categories', { name: 'Boards_1:x-y' }), 409, 'This item already exists');
    for (const bad of ['has space', 'a'.repeat(27), '', 'dot.ted']) assertError(await s.call('POST', '/spaces/demo/categories', { name: bad }), 400);
    assertError(await s.call('POST', '/spaces/demo/categories', { description: 'no name' }), 400);
    const names = (await s.all<Rec>('/spaces/demo/categories?limit=2')).map((c) => c.name);
    assert.deepEqual(names, ['Boards_1:x-y', 'Buildings', 'HVAC', 'Meters', 'Vehicles']);
    const put = await s.call<Rec>('PUT', '/spaces/demo/categories/Boards_1:x-y', { name: 'Boards_1:x-y', description: 'new', model: { name: 'GatewayModel', version: 1 } });
    assert.equal(put.status, 200);
    const read = await s.ok<Rec>('/spaces/demo/categories/Boards_1:x-y');
    assert.equal(read.description, 'new');
    assert.deepEqual(read.model, { name: 'GatewayModel', version: 1 });
    assertError(await s.call('PUT', '/spaces/demo/categories/Boards_1:x-y', { name: 'Renamed' }), 400);
    assertError(await s.call('PUT', '/spaces/demo/categories/Nope', { name: 'Nope' }), 404);
    assertError(await s.get('/spaces/demo/categories/Nope'), 404);
  });

  void test('deleting a category keeps its things and drops the name from them', async () => {
    const members = await s.all<{ uid: string }>('/spaces/demo/things?category[]=Vehicles');
    assert.equal(members.length, 55);
    assert.equal((await s.call('DELETE', '/spaces/demo/categories/Vehicles')).status, 204);
    assertError(await s.get('/spaces/demo/categories/Vehicles'), 404);
    const thing = await s.ok<{ categories: string[] }>(`/spaces/demo/things/${members[0].uid}`);
    assert.deepEqual(thing.categories, []);
    assert.equal((await s.all('/spaces/demo/things?limit=1000')).length, 300);
    // A re-created category of the same name starts empty.
    assert.equal((await s.call('POST', '/spaces/demo/categories', { name: 'Vehicles' })).status, 201);
    assert.equal((await s.all('/spaces/demo/categories/Vehicles/things')).length, 0);
  });

  void test('models and versions: create, integer versions from 1, immutable, delete refused while used', async () => {
    const m = await s.call<Rec>('POST', '/spaces/demo/models', { name: 'PiModel', description: 'Raspberry Pi' });
    assert.equal(m.status, 201);
    assert.match(String(m.body.id), /^[0-9A-Z]{26}$/);
    assertError(await s.call('POST', '/spaces/demo/models', { name: 'PiModel' }), 409);
    const v1 = await s.call<Rec>('POST', '/spaces/demo/models/PiModel/versions', { title: 'V1', template: { properties: { cpu: { type: 'number', unit: 'percent' } } } });
    const v2 = await s.call<Rec>('POST', '/spaces/demo/models/PiModel/versions', { title: 'V2', template: { properties: { cpu: { type: 'number' }, disk: { type: 'number' } } } });
    assert.deepEqual([v1.status, v1.body.version, v2.body.version], [201, 1, 2]);
    assert.deepEqual((await s.all<Rec>('/spaces/demo/models/PiModel/versions')).map((v) => v.version), [1, 2]);
    assert.equal((await s.ok<Rec>('/spaces/demo/models/PiModel/versions/1')).title, 'V1');
    assertError(await s.get('/spaces/demo/models/PiModel/versions/3'), 404);
    assertError(await s.get('/spaces/demo/models/PiModel/versions/one'), 400);
    assertError(await s.call('PUT', '/spaces/demo/models/PiModel/versions/1', { title: 'x' }), 405);
    assertError(await s.call('DELETE', '/spaces/demo/models/PiModel/versions/1'), 405);
    const put = await s.call<Rec>('PUT', '/spaces/demo/models/PiModel', { name: 'PiModel', description: 'Pi 4' });
    assert.equal(put.body.description, 'Pi 4');
    assertError(await s.call('PUT', '/spaces/demo/models/PiModel', { name: 'Other' }), 400);

    // A thing using version 1 gets its template; while it exists the model cannot be deleted.
    const thing = await s.call<{ uid: string; properties: Rec; model: Rec }>('POST', '/spaces/demo/things', { title: 'pi', model: { name: 'PiModel', version: 1 } });
    assert.deepEqual(Object.keys(thing.body.properties), ['cpu']);
    assert.deepEqual(thing.body.model, { name: 'PiModel', version: 1 });
    assertError(await s.call('DELETE', '/spaces/demo/models/PiModel'), 403, /things using it/);
    assertError(await s.call('DELETE', '/spaces/demo/models/HvacUnitModel'), 403, 'model cannot be deleted because there are categories using it');
    assert.equal((await s.call('DELETE', `/spaces/demo/things/${thing.body.uid}`)).status, 204);
    assert.equal((await s.call('DELETE', '/spaces/demo/models/PiModel')).status, 204);
    assertError(await s.get('/spaces/demo/models/PiModel'), 404);
    assertError(await s.get('/spaces/demo/models/PiModel/versions'), 404);
  });

  void test('the demo dataset: four categories, five models, 300 things with typed Thing Descriptions', async () => {
    assert.equal((await s.all('/spaces/demo/models')).length, 5);
    const things = await s.all<Rec & { properties: Record<string, Rec>; actions: Record<string, Rec>; events: Record<string, Rec>; status: Rec }>('/spaces/demo/things?limit=1000');
    assert.equal(things.length, 300);
    for (const t of things) {
      const numeric = Object.entries(t.properties).filter(([, p]) => p.type === 'number' || p.type === 'integer');
      assert.ok(numeric.length >= 3, `${String(t.title)} has numeric properties`);
      for (const [name, p] of numeric) {
        assert.equal(typeof p.unit, 'string');
        assert.equal(typeof p.minimum, 'number');
        assert.equal(typeof t.status[name], 'number', `${String(t.title)}.${name} has a current value`);
      }
      assert.ok(Object.keys(t.actions).length > 0 && Object.keys(t.events).length > 0);
    }
    const info = s.info;
    const sample = things.find((t) => t.uid === info.thing.id)!;
    assert.equal(sample.title, info.thing.title);
    assert.ok(sample.actions[info.thing.actionName].input);
    assert.ok(sample.events[info.thing.eventName].data);
    assert.ok((sample.categories as string[]).includes(info.category));
  });
});
