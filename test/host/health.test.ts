/**
 * Health and recovery in a real VS Code (issue 19 §1–§2), against an emulator of our own that the test
 * stops and starts again on the same port: with the server gone, a refresh marks the connection failing
 * at once (tree and status bar) and keeps the rows it showed, marked cached with their age; when the
 * server is back the connection recovers by itself (no click) and the rows are read again.
 */
import * as assert from 'node:assert/strict';
import type { ExplorerApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { connectionNode, entities, eventually, explorerApi, item, labelOf, path } from './explorerHelpers';

const ID = 'health-check';
type Info = { coreBaseUrl: string; user: string; password: string };

suite('Health: a server that goes away and comes back', () => {
  let api: ExplorerApi;
  let emulator: Emulator | undefined;

  suiteSetup(async () => {
    api = await explorerApi();
    emulator = await startEmulator({ port: 0 });
    const info = emulator.info().iotticket as Info;
    await api.connections.add({ id: ID, label: 'Health check', platform: 'iotticket', coreBaseUrl: info.coreBaseUrl, username: info.user }, { password: info.password });
  });

  suiteTeardown(async () => {
    await api?.connections.remove(ID);
    await emulator?.close();
  });

  test('the connection is marked failing at once, rows say they are cached, and it recovers without a click', async () => {
    const conn = await connectionNode(api, ID);
    const assets = await path(api, conn, /.+/, 'Assets');
    const before = entities(await api.children(assets)).map((n) => labelOf(api, n));
    assert.ok(before.length > 0);
    const port = emulator?.port ?? 0;
    await emulator?.close();
    emulator = undefined;

    // Refresh with the server gone: the failure shows at once on the connection and in the status bar…
    api.explorer.refresh(assets);
    const during = await api.children(assets);
    assert.equal(during[0]?.contextValue, 'iot.error', 'an error row first');
    assert.match(String(item(api, during[0]).label), /cached/);
    assert.deepEqual(entities(during).map((n) => labelOf(api, n)), before, 'the rows shown before stay (so does their expansion)');
    await eventually(() => assert.equal(api.connections.health.get(ID).state, 'failing'));
    assert.match(api.statusBar.text, /failing/);
    assert.match(String(item(api, conn).description), /failing/);
    // …and every row shown from cache says so and how old it is.
    const row = item(api, entities(during)[0]);
    assert.match(String(row.description), /cached · \d+ s ago/);

    // The server comes back on the same port: no click, the connection recovers and the level reloads.
    emulator = await startEmulator({ port });
    await eventually(() => assert.equal(api.connections.health.get(ID).state, 'ok'), 40_000);
    assert.doesNotMatch(api.statusBar.text, /failing/);
    const after = await eventually(async () => {
      const children = await api.children(assets);
      assert.ok(children.every((c) => c.contextValue !== 'iot.error'), 'no error row');
      return children;
    }, 20_000);
    assert.deepEqual(entities(after).map((n) => labelOf(api, n)), before);
    assert.doesNotMatch(String(item(api, entities(after)[0]).description ?? ''), /cached/);
  });
});
