import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, FIXED_NOW, startSession, type AltairSession, type Reply } from './helpers';

type Thing = Record<string, unknown> & { uid: string; status: Record<string, unknown>; properties: Record<string, Record<string, unknown>>; links: Array<Record<string, string>> };
const PATCH = { 'content-type': 'application/json-patch+json' };

void describe('Altair emulator: JSON Patch (RFC 6902) on things', () => {
  let s: AltairSession;
  let clock = FIXED_NOW;
  before(async () => {
    s = await startSession({ now: () => clock });
  });
  after(() => s.emu.close());

  async function fresh(): Promise<Thing> {
    const r = await s.call<Thing>('POST', '/spaces/demo/things', {
      title: 'patchable',
      status: { x: 1, list: [1, 2] },
      properties: { 'a/b': { title: 'slash' }, 'm~n': { title: 'tilde' } },
      links: [{ rel: 'one', href: 'https://x/1' }],
    });
    assert.equal(r.status, 201);
    return r.body;
  }
  const patch = (uid: string, ops: unknown): Promise<Reply<Thing>> =>
    s.call<Thing>('PATCH', `/spaces/demo/things/${uid}`, ops, PATCH);

  void test('escaped pointers (~1 for "/", ~0 for "~"), "-" to append, index to insert', async () => {
    const t = await fresh();
    clock = FIXED_NOW + 60_000;
    const r = await patch(t.uid, [
      { op: 'replace', path: '/properties/a~1b/title', value: 'SLASH' },
      { op: 'remove', path: '/properties/m~0n' },
      { op: 'add', path: '/links/-', value: { rel: 'two', href: 'https://x/2' } },
      { op: 'add', path: '/links/0', value: { rel: 'zero', href: 'https://x/0' } },
      { op: 'add', path: '/status/list/1', value: 9 },
    ]);
    assert.equal(r.status, 200, r.text);
    const read = await s.ok<Thing>(`/spaces/demo/things/${t.uid}`);
    assert.equal(read.properties['a/b'].title, 'SLASH');
    assert.equal(read.properties['m~n'], undefined);
    assert.deepEqual(read.links.map((l) => l.rel), ['zero', 'one', 'two']);
    assert.deepEqual(read.status.list, [1, 9, 2]);
    assert.equal(read.modified, '2025-03-10T12:01:00Z');
    assert.deepEqual(read, r.body);
  });

  void test('move, copy and a passing test', async () => {
    const t = await fresh();
    const r = await patch(t.uid, [
      { op: 'test', path: '/title', value: 'patchable' },
      { op: 'copy', from: '/status/x', path: '/status/y' },
      { op: 'move', from: '/status/x', path: '/status/z' },
      { op: 'test', path: '/status/list', value: [1, 2] },
    ]);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual((await s.ok<Thing>(`/spaces/demo/things/${t.uid}`)).status, { y: 1, z: 1, list: [1, 2] });
  });

  void test('a failed test (or any failed operation) is a 400 and leaves the thing unchanged', async () => {
    const t = await fresh();
    const before = await s.ok<Thing>(`/spaces/demo/things/${t.uid}`);
    clock = FIXED_NOW + 120_000;
    const failing: unknown[][] = [
      [{ op: 'replace', path: '/title', value: 'changed' }, { op: 'test', path: '/status/x', value: 2 }],
      [{ op: 'replace', path: '/title', value: 'changed' }, { op: 'remove', path: '/status/missing' }],
      [{ op: 'replace', path: '/title', value: 'changed' }, { op: 'add', path: '/links/5', value: {} }],
      [{ op: 'replace', path: '/title', value: 'changed' }, { op: 'add', path: '/nope/deeper', value: 1 }],
      [{ op: 'replace', path: 'title', value: 'no leading slash' }],
      [{ op: 'replace', path: '/properties/a~2b', value: 1 }],
      [{ op: 'replace', path: '/links/01', value: {} }],
      [{ op: 'move', from: '/status', path: '/status/inner' }],
      [{ op: 'jump', path: '/title' }],
      [{ op: 'add', path: '/title' }],
    ];
    for (const ops of failing) assertError(await patch(t.uid, ops), 400);
    assertError(await patch(t.uid, { op: 'replace', path: '/title', value: 'not an array' }), 400);
    assertError(await patch(t.uid, [{ op: 'replace', path: '/categories', value: ['NoSuchCategory'] }]), 404);
    assert.deepEqual(await s.ok<Thing>(`/spaces/demo/things/${t.uid}`), before);
  });

  void test('read-only fields are ignored, categories and model can be patched', async () => {
    const t = await fresh();
    const r = await patch(t.uid, [
      { op: 'replace', path: '/uid', value: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
      { op: 'replace', path: '/categories', value: ['Vehicles'] },
    ]);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.uid, t.uid);
    const read = await s.ok<Thing>(`/spaces/demo/things/${t.uid}`);
    assert.deepEqual(read.categories, ['Vehicles']);
    assert.deepEqual(read.model, { name: 'VehicleModel', version: 1 }, "joining a category with a model takes it, with the template's affordances");
    assert.ok(read.properties.speed);
    assertError(await s.get('/spaces/demo/things/01ARZ3NDEKTSV4RRFFQ69G5FAV'), 404);
  });

  void test('PATCH of an unknown thing is a 404', async () => {
    assertError(await patch('01ARZ3NDEKTSV4RRFFQ69G5FAV', [{ op: 'replace', path: '/title', value: 'x' }]), 404);
  });
});
