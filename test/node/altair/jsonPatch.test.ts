// jsonPatchDiff: the operations themselves, and their effect when the emulator applies them to a Thing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, escapePointerToken, jsonEqual, jsonPatchDiff, type Thing } from '../../../src/platforms/altair';

void describe('jsonPatchDiff operations', () => {
  void test('no change, no operations; member order does not matter', () => {
    assert.deepEqual(jsonPatchDiff({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), []);
    assert.ok(jsonEqual({ a: 1, b: undefined }, { a: 1 }));
  });

  void test('only changed members: add, replace, remove, nested', () => {
    assert.deepEqual(jsonPatchDiff({ a: 1, b: 2, n: { x: 1, y: 2 } }, { a: 1, b: 3, c: 4, n: { x: 1 } }), [
      { op: 'replace', path: '/b', value: 3 },
      { op: 'remove', path: '/n/y' },
      { op: 'add', path: '/c', value: 4 },
    ]);
  });

  void test('pointer tokens escape ~ and /', () => {
    assert.equal(escapePointerToken('a/b~c'), 'a~1b~0c');
    assert.deepEqual(jsonPatchDiff({ 'a/b': 1, 'm~n': 1 }, { 'a/b': 2, 'm~n': 1, '~/': true }), [
      { op: 'replace', path: '/a~1b', value: 2 },
      { op: 'add', path: '/~0~1', value: true },
    ]);
  });

  void test('arrays: element edits in place, growth with "-", shrinking from the end', () => {
    assert.deepEqual(jsonPatchDiff({ l: [1, 2, 3] }, { l: [1, 5, 3, 4, 6] }), [
      { op: 'replace', path: '/l/1', value: 5 },
      { op: 'add', path: '/l/-', value: 4 },
      { op: 'add', path: '/l/-', value: 6 },
    ]);
    assert.deepEqual(jsonPatchDiff({ l: [1, 2, 3, 4] }, { l: [1] }), [
      { op: 'remove', path: '/l/3' },
      { op: 'remove', path: '/l/2' },
      { op: 'remove', path: '/l/1' },
    ]);
  });

  void test('type changes replace; undefined counts as absent; guard adds tests of the old values', () => {
    assert.deepEqual(jsonPatchDiff({ a: [1] }, { a: { 0: 1 } }), [{ op: 'replace', path: '/a', value: { 0: 1 } }]);
    assert.deepEqual(jsonPatchDiff({ a: 1, b: undefined }, { a: undefined, b: 2 }), [{ op: 'remove', path: '/a' }, { op: 'add', path: '/b', value: 2 }]);
    assert.deepEqual(jsonPatchDiff({ a: 1, b: 2 }, { a: 9 }, { guard: true }), [
      { op: 'test', path: '/a', value: 1 },
      { op: 'replace', path: '/a', value: 9 },
      { op: 'test', path: '/b', value: 2 },
      { op: 'remove', path: '/b' },
    ]);
    assert.deepEqual(jsonPatchDiff(1, 2), [{ op: 'replace', path: '', value: 2 }]);
  });
});

void describe('jsonPatchDiff applied by the server', () => {
  let emu: Emulator;
  let api: AltairApi;
  let space = '';
  before(async () => {
    emu = await startEmulator();
    const info = emu.info().altair as { clientId: string; clientSecret: string; space: string; scopes: string[] };
    space = info.space;
    api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
  });
  after(async () => {
    await api.dispose();
    await emu.close();
  });

  /** The editable part of a Thing (what the explorer's document shows). */
  const editable = (t: Thing): Partial<Thing> => {
    const { uid: _u, id: _i, created: _c, modified: _m, ...rest } = t;
    return rest;
  };

  const cases: Array<[string, (t: Thing) => void]> = [
    ['escaped property names', (t) => {
      t.properties = { ...t.properties, 'a/b': { type: 'number' }, 'm~n': { type: 'string', unit: '~/' } };
    }],
    ['array growth and shrinking', (t) => {
      t.links = [{ rel: 'parent', href: 'https://example.com/1' }, { rel: 'doc', href: 'https://example.com/2' }, { rel: 'x', href: 'https://example.com/3' }];
      t['@type'] = ['Sensor'];
    }],
    ['removal of nested members and a whole member', (t) => {
      delete t.properties?.temp.unit;
      delete t.description;
    }],
    ['status values and deep nesting', (t) => {
      t.status = { temp: 21.5, nested: { list: [1, { deep: true }] } };
      t.actions = { reboot: { title: 'Reboot', input: { type: 'object', properties: { delay: { type: 'integer', minimum: 0 } } } } };
    }],
  ];

  for (const [name, edit] of cases) {
    void test(`the server ends with the edited document: ${name}`, async () => {
      const created = await api.spaces(space).things().create({
        title: `patch ${name}`,
        description: 'before',
        '@type': ['Sensor', 'Old'],
        properties: { temp: { type: 'number', unit: 'celsius' } },
        links: [{ rel: 'parent', href: 'https://example.com/1' }, { rel: 'old', href: 'https://example.com/old' }],
        status: { temp: 20 },
      });
      const edited = structuredClone(created);
      edit(edited);
      const ops = jsonPatchDiff(editable(created), editable(edited), { guard: true });
      assert.ok(ops.length > 0);
      await api.spaces(space).things(created.uid).patch(ops);
      const stored = await api.spaces(space).things(created.uid).get();
      assert.deepEqual(editable(stored), editable(edited));
    });
  }
});
