/**
 * Altair Things and categories managed from the tree (issue 16 §1): create, update and delete one Thing
 * (in a category and in the space), categories, bulk patch and delete by filter, every event of a Thing,
 * raw requests, and a connection that signs in with an access token. Each command runs with its answers
 * as options; what it did is checked on the emulator over HTTP, not in the extension's own state.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { SendResult } from '../../src/writes/ui/sendRunner';
import { altairToken, child, connectionNode, entities, eventually, explorerApi, labelOf, path as treePath } from './explorerHelpers';

interface RawThing {
  uid: string;
  title?: string;
  description?: string;
  categories?: string[];
  '@type'?: string;
  properties?: Record<string, unknown>;
}

suite('Altair: Things and categories from the tree', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let token: string;
  /** A category of this suite, without a model (a model would add its properties to every Thing made in it). */
  const CATEGORY = 'host-things';
  const run = <T>(id: string, node: TreeNode | undefined, answers: Record<string, unknown> = {}): Thenable<T> => vscode.commands.executeCommand<T>(id, node, answers);
  const raw = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${info.altair.baseUrl}/spaces/${info.altair.space}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  const space = async (): Promise<TreeNode> => child(api, await connectionNode(api, 'demo-altair'), info.altair.space);
  const activity = (action: string) => api.activity.list().filter((e) => e.action === action);

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    token = await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes);
    const made = await raw('POST', '/categories', { name: CATEGORY, description: 'Things of the host tests' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    (await connectionNode(api, 'demo-altair')).reset();
  });

  suiteTeardown(async () => {
    await raw('DELETE', `/categories/${CATEGORY}`);
  });

  test('every command of the feature is contributed with a title and registered', async () => {
    const all = await vscode.commands.getCommands(true);
    const contributed = (vscode.extensions.getExtension('iot-explorer.iot-explorer')?.packageJSON.contributes.commands ?? []) as { command: string; title: string }[];
    const ids = ['createThing', 'updateThing', 'deleteThing', 'createCategory', 'updateCategory', 'deleteCategory', 'patchThings', 'deleteThings', 'showThingEvents', 'sendRequest'];
    for (const id of ids.map((x) => `iotExplorer.altair.${x}`)) {
      assert.ok(all.includes(id), `${id} registered`);
      assert.ok(contributed.some((c) => c.command === id && c.title && !c.title.startsWith('%')), `${id} contributed with a title`);
    }
  });

  test('a Thing in a category: created like another Thing, updated from the form, deleted (Things2.create, Things1.update, Things1.delete)', async () => {
    const category = await treePath(api, await space(), 'Categories', CATEGORY);
    const source = (await raw('GET', `/things/${info.altair.thing.id}`)).json as RawThing;
    const created = await run<RawThing>('iotExplorer.altair.createThing', category, { title: 'Host pump', description: 'made by a host test', from: info.altair.thing.id });
    assert.ok(created?.uid, 'the platform answered with the new Thing');
    const stored = (await raw('GET', `/things/${created.uid}`)).json as RawThing;
    assert.equal(stored.title, 'Host pump');
    assert.deepEqual(stored.categories, [CATEGORY], 'created through the category, it joins it');
    assert.deepEqual(Object.keys(stored.properties ?? {}).sort(), Object.keys(source.properties ?? {}).sort(), 'its properties are those of the Thing it was made like');
    category.reset();
    const node = await eventually(() => child(api, category, 'Host pump'));
    const updated = await run<RawThing>('iotExplorer.altair.updateThing', node, { title: 'Host pump 2', description: '' });
    assert.equal(updated.title, 'Host pump 2');
    const after = (await raw('GET', `/things/${created.uid}`)).json as RawThing;
    assert.equal(after.title, 'Host pump 2');
    assert.equal(after.description, undefined, 'an emptied description is removed');
    assert.deepEqual(Object.keys(after.properties ?? {}).sort(), Object.keys(source.properties ?? {}).sort(), 'what the form did not show is kept');
    assert.deepEqual(after.categories, [CATEGORY]);
    assert.equal(await run('iotExplorer.altair.deleteThing', node, { confirm: false }), true);
    assert.equal((await raw('GET', `/things/${created.uid}`)).status, 404);
    for (const action of ['Create Thing', 'Update Thing', 'Delete Thing']) assert.equal(activity(action)[0]?.outcome, 'succeeded', `${action} in Activity`);
  });

  test('a Thing in the space from JSON, with categories; JSON that does not parse is refused before any request', async () => {
    const allThings = await treePath(api, await space(), 'All things');
    const json = { properties: { level: { type: 'number', unit: 'm' } }, uid: 'not-taken', created: 'not-taken' };
    const created = await run<RawThing>('iotExplorer.altair.createThing', allThings, { title: 'Host tank', description: 'from JSON', categories: [CATEGORY], from: 'json', json });
    assert.notEqual(created.uid, 'not-taken', 'server fields in the JSON are left out');
    const stored = (await raw('GET', `/things/${created.uid}`)).json as RawThing;
    assert.deepEqual([stored.title, stored.description, stored.categories, Object.keys(stored.properties ?? {})], ['Host tank', 'from JSON', [CATEGORY], ['level']]);
    const before = ((await raw('GET', '/things?title=Host%20broken')).json as { data: unknown[] }).data.length;
    assert.equal(await run('iotExplorer.altair.createThing', allThings, { title: 'Host broken', description: '', categories: [], from: 'json', json: '{ not json' }), undefined);
    assert.equal(((await raw('GET', '/things?title=Host%20broken')).json as { data: unknown[] }).data.length, before, 'nothing was created');
    await raw('DELETE', `/things/${created.uid}`);
  });

  test('categories: created with the platform\'s name rule checked first, updated, deleted keeping their Things (Categories2.create, Categories1.update / delete)', async () => {
    const folder = await treePath(api, await space(), 'Categories');
    assert.equal(await run('iotExplorer.altair.createCategory', folder, { name: 'has space', description: '', model: '' }), undefined);
    assert.equal((await raw('GET', '/categories/has%20space')).status, 404, 'an invalid name is never sent');
    const created = await run<{ name: string }>('iotExplorer.altair.createCategory', folder, { name: 'host-cat', description: 'made by a test', model: '' });
    assert.equal(created.name, 'host-cat');
    assert.equal(((await raw('GET', '/categories/host-cat')).json as { description?: string }).description, 'made by a test');
    folder.reset();
    const node = await eventually(() => child(api, folder, 'host-cat'));
    await run('iotExplorer.altair.updateCategory', node, { description: 'changed', model: '' });
    assert.equal(((await raw('GET', '/categories/host-cat')).json as { description?: string }).description, 'changed');
    const member = (await raw('POST', '/things', { title: 'Host member', categories: ['host-cat'] })).json as RawThing;
    assert.equal(await run('iotExplorer.altair.deleteCategory', node, { confirm: false }), true);
    assert.equal((await raw('GET', '/categories/host-cat')).status, 404);
    const kept = (await raw('GET', `/things/${member.uid}`)).json as RawThing;
    assert.deepEqual(kept.categories, [], 'its Things stay, without the category');
    await raw('DELETE', `/things/${member.uid}`);
  });

  test('bulk patch and bulk delete by a typed filter: the matches are counted first, failures are named (Things2.patch, Things2.delete)', async () => {
    const uids: string[] = [];
    for (const n of [1, 2, 3]) uids.push(((await raw('POST', '/things', { title: `Host bulk ${n}`, '@type': 'HostBulk' })).json as RawThing).uid);
    const allThings = await treePath(api, await space(), 'All things');
    // A filter that is not one is refused before anything is read or changed.
    assert.equal(await run('iotExplorer.altair.deleteThings', allThings, { filter: 'everything', confirm: false }), undefined);
    assert.equal(await run('iotExplorer.altair.deleteThings', allThings, { filter: '', confirm: false }), undefined);
    const patched = await run<{ matched: number; patched: number; failed: unknown[] }>('iotExplorer.altair.patchThings', allThings, {
      filter: 'type:HostBulk', patch: [{ op: 'add', path: '/description', value: 'patched in bulk' }], confirm: false,
    });
    assert.deepEqual([patched.matched, patched.patched, patched.failed.length], [3, 3, 0]);
    for (const uid of uids) assert.equal(((await raw('GET', `/things/${uid}`)).json as RawThing).description, 'patched in bulk');
    // A patch each Thing refuses: every failure is reported with its uid.
    const refused = await run<{ patched: number; failed: { uid: string }[] }>('iotExplorer.altair.patchThings', allThings, {
      filter: 'type:HostBulk', patch: [{ op: 'test', path: '/description', value: 'something else' }], confirm: false,
    });
    assert.equal(refused.patched, 0);
    assert.deepEqual(refused.failed.map((f) => f.uid).sort(), [...uids].sort());
    const entry = activity('Patch Things')[0];
    assert.equal(entry?.outcome, 'failed', 'a patch no Thing took is recorded as failed');
    assert.match(entry?.detail ?? '', /0 of 3 patched/);
    const deleted = await run<string[]>('iotExplorer.altair.deleteThings', allThings, { filter: 'type:HostBulk', confirm: false });
    assert.deepEqual([...deleted].sort(), [...uids].sort());
    assert.equal(((await raw('GET', '/things?@type=HostBulk')).json as { data: unknown[] }).data.length, 0);
  });

  test('Show All Events lists every recorded event of a Thing (Events3.get)', async () => {
    const sent = await vscode.commands.executeCommand<SendResult>('iotExplorer.sendSpec', { kind: 'altair.event', connection: 'demo-altair', thingId: info.altair.thing.id, event: info.altair.thing.eventName, data: 4242.5 }, { quiet: true, confirm: () => true });
    assert.ok(['ok', 'accepted'].includes(sent.outcome.result), sent.outcome.summary);
    const thing = await api.goTo('demo-altair', info.altair.thing.id);
    assert.ok(thing);
    const events = await run<Record<string, { data?: unknown }>[]>('iotExplorer.altair.showThingEvents', thing);
    assert.ok(events.some((e) => e[info.altair.thing.eventName]?.data === 4242.5), 'the event just created is listed');
    assert.ok(vscode.window.activeTextEditor?.document.getText().includes('4242.5'), 'opened as JSON');
  });

  test('Send Request… sends any method to a path of the connection\'s host with its token, and never to a URL (API.make_request)', async () => {
    const at = await space();
    const got = await run<{ status: number; data: RawThing }>('iotExplorer.altair.sendRequest', at, { method: 'GET', path: `/spaces/${info.altair.space}/things/${info.altair.thing.id}` });
    assert.deepEqual([got.status, got.data.uid], [200, info.altair.thing.id]);
    const posted = await run<{ status: number }>('iotExplorer.altair.sendRequest', at, { method: 'POST', path: `/spaces/${info.altair.space}/categories`, body: { name: 'req-cat' }, confirm: false });
    assert.equal(posted.status, 201);
    assert.equal((await raw('GET', '/categories/req-cat')).status, 200);
    const removed = await run<{ status: number }>('iotExplorer.altair.sendRequest', at, { method: 'DELETE', path: `/spaces/${info.altair.space}/categories/req-cat`, confirm: false });
    assert.equal(removed.status, 204);
    assert.equal(await run('iotExplorer.altair.sendRequest', at, { method: 'GET', path: 'https://example.invalid/steal' }), undefined);
    assert.equal(await run('iotExplorer.altair.sendRequest', at, { method: 'GET', path: '//example.invalid/steal' }), undefined);
  });

  test('a connection that signs in with an access token (AccessToken): the tree and Test Connection work; a wrong token is refused by the server', async () => {
    const profile = { id: 'token-conn', label: 'Token connection', platform: 'altair' as const, host: info.altair.baseUrl, space: info.altair.space, authMethod: 'accessToken' as const };
    await api.connections.add(profile, { token });
    try {
      const reached = await api.connections.sessions.test('token-conn');
      assert.ok(reached.some((r) => /things readable/.test(r)), reached.join('; '));
      const things = await treePath(api, await connectionNode(api, 'token-conn'), info.altair.space, 'All things');
      assert.ok(entities(await api.children(things)).some((n) => labelOf(api, n) === info.altair.thing.title), 'its tree shows the space\'s Things');
      await api.connections.store.setSecret(profile, 'token', 'not-a-token');
      await api.connections.sessions.invalidate('token-conn');
      await assert.rejects(api.connections.sessions.test('token-conn'), (err: Error & { status?: number }) => err.status === 401);
    } finally {
      await api.connections.remove('token-conn');
    }
  });
});
