/**
 * The tree at scale, in a real VS Code: a second emulator with the large dataset (100,000 assets; one
 * level with 10,000 children) behind a connection added through the API. A level pages with "Load more
 * (N of M)" and a lock against double loads; "Go to…" finds and reveals a deep asset that is not on a
 * loaded page, and its index is stored for the next window and deleted with the connection; a failing reload keeps
 * the rows, marked cached, under an error node that opens the log at its entry.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/treeNode';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { storedIndexFile } from '../../src/explorer/nodes/iotticket/indexStore';
import { basic, child, connectionNode, entities, eventually, explorerApi, getJson, item, labelOf } from './explorerHelpers';

const ID = 'large-iotticket';
const ALTAIR_ID = 'large-altair';

interface IotInfo {
  user: string;
  password: string;
  coreBaseUrl: string;
  asset: { id: string; namesPath: string[] };
}

suite('Explorer: 100,000 assets', () => {
  let api: ExplorerApi;
  let emulator: Emulator;
  let info: IotInfo;
  let auth: string;

  suiteSetup(async () => {
    api = await explorerApi();
    emulator = await startEmulator({ port: 0, dataset: 'large', large: { assets: 100_000, childrenPerLevel: 10_000 } });
    info = emulator.info().iotticket as IotInfo;
    auth = basic(info.user, info.password);
    await api.connections.add(
      { id: ID, label: 'Large IoT-TICKET', platform: 'iotticket', coreBaseUrl: info.coreBaseUrl, username: info.user },
      { password: info.password },
    );
  });

  suiteTeardown(async () => {
    await api?.connections.remove(ID);
    await emulator?.close();
  });

  async function bigLevel(): Promise<{ node: TreeNode; parentId: string; fullSize: number }> {
    const root = await getJson<{ children: { id: string; name: string; childCount: number }[] }>(`${info.coreBaseUrl}/assets/tree?limit=10`, auth);
    const big = root.children.find((c) => c.childCount >= 10_000);
    assert.ok(big, 'the large dataset has a root with 10,000 children');
    const conn = await connectionNode(api, ID);
    const org = (await api.children(conn))[0];
    const assets = await child(api, org, 'Assets');
    const node = await child(api, assets, big.name);
    return { node, parentId: big.id, fullSize: big.childCount };
  }

  test('a level with 10,000 children loads one page and offers "Load more (N of M)"', async () => {
    const { node, parentId, fullSize } = await bigLevel();
    api.explorer.refresh(node);
    const started = Date.now();
    const first = await api.children(node);
    console.log(`      first page of a ${fullSize.toLocaleString('en-US')}-child level: ${Date.now() - started} ms`);
    const assets = first.filter((n) => n.contextValue === 'iot.asset');
    assert.equal(assets.length, 100);
    const raw = await getJson<{ children: { name: string }[]; fullSize: number }>(`${info.coreBaseUrl}/assets/tree?assetId=${parentId}&limit=100&offset=0`, auth);
    assert.deepEqual(assets.map((a) => labelOf(api, a)), raw.children.map((c) => c.name));
    const more = first.at(-1)!;
    assert.equal(more.contextValue, 'iot.loadMore');
    assert.equal(labelOf(api, more), `Load more (100 of ${raw.fullSize.toLocaleString('en-US')})`);

    await vscode.commands.executeCommand('iotExplorer.loadMore', more);
    const second = (await api.children(node)).filter((n) => n.contextValue === 'iot.asset');
    assert.equal(second.length, 200);
    const raw2 = await getJson<{ children: { name: string }[] }>(`${info.coreBaseUrl}/assets/tree?assetId=${parentId}&limit=100&offset=100`, auth);
    assert.deepEqual(second.slice(100).map((a) => labelOf(api, a)), raw2.children.map((c) => c.name));
    assert.equal(labelOf(api, (await api.children(node)).at(-1)!), `Load more (200 of ${raw.fullSize.toLocaleString('en-US')})`);

    // Two clicks while a page is in flight load one page, not two.
    const moreAgain = (await api.children(node)).at(-1)!;
    await Promise.all([
      vscode.commands.executeCommand('iotExplorer.loadMore', moreAgain),
      vscode.commands.executeCommand('iotExplorer.loadMore', moreAgain),
    ]);
    const third = (await api.children(node)).filter((n) => n.contextValue === 'iot.asset');
    assert.equal(third.length, 300);
    assert.equal(new Set(third.map((n) => n.id)).size, 300, 'no duplicates');
  });

  test('Altair pages by cursor with no total: the row says so, and Load 10 More Pages reads ten pages', async () => {
    const altair = emulator.info().altair as { baseUrl: string; space: string; clientId: string; clientSecret: string; scopes: string[] };
    await api.connections.add(
      { id: ALTAIR_ID, label: 'Large Altair', platform: 'altair', host: altair.baseUrl, space: altair.space, clientId: altair.clientId, scopes: [...altair.scopes] },
      { clientSecret: altair.clientSecret },
    );
    try {
      const space = await child(api, await connectionNode(api, ALTAIR_ID), altair.space);
      const all = await child(api, space, 'All things');
      const first = await api.children(all);
      const more = first.at(-1)!;
      assert.equal(more.contextValue, 'iot.loadMore');
      assert.equal(labelOf(api, more), 'Load more (100 loaded, more available)');
      await vscode.commands.executeCommand('iotExplorer.loadManyMore', more);
      const after = await api.children(all);
      assert.equal(after.filter((n) => n.contextValue !== 'iot.loadMore').length, 1100);
      assert.equal(new Set(after.map((n) => n.id)).size, after.length, 'no duplicates');
      assert.equal(labelOf(api, after.at(-1)!), 'Load more (1,100 loaded, more available)');
    } finally {
      await api.connections.remove(ALTAIR_ID);
    }
  });

  test('"Go to…" finds a deep asset among 100,000 and reveals it', async () => {
    const target = info.asset.namesPath.at(-1)!;
    const indexStarted = Date.now();
    const hits = await api.search(ID, target);
    const indexed = api.log.recent().filter((e) => /^Indexed \d+ assets/.test(e.message)).at(-1)?.message ?? '';
    console.log(`      search "${target}" with the index built first: ${Date.now() - indexStarted} ms (${indexed})`);
    assert.ok(hits.searched && hits.searched >= 100_000, `searched ${hits.searched}`);
    // The packaged worker was found and started inside the extension host (indexWorkerClient.ts).
    assert.match(indexed, /pages parsed in a worker thread/);
    const started = Date.now();
    const node = await api.goTo(ID, target);
    console.log(`      Go to… "${target}" over ${hits.searched?.toLocaleString('en-US')} assets: ${Date.now() - started} ms (index reused)`);
    assert.ok(node, 'found');
    assert.equal(node.platformId?.(), info.asset.id);
    assert.deepEqual(node.namesPath?.(), info.asset.namesPath);
    // Revealed inside the connection's tree, under its real parents.
    const conn = await connectionNode(api, ID);
    assert.ok(node.id.startsWith(conn.id));
    await eventually(() => assert.equal(api.explorer.treeView.selection[0]?.id, node.id));
    // Its level was not loaded that far: the asset was inserted, and the level still pages from the start.
    const parent = node.parent!;
    const siblings = await api.children(parent);
    assert.equal(siblings.filter((s) => s.id === node.id).length, 1);
    assert.equal(siblings.at(-1)?.contextValue, 'iot.loadMore');
  });

  test('"Go to…" with a whole name answers from the server before the index of a new session is built', async () => {
    const target = info.asset.namesPath.at(-1)!;
    const other = 'large-iotticket-fresh';
    await api.connections.add(
      { id: other, label: 'Large IoT-TICKET (fresh)', platform: 'iotticket', coreBaseUrl: info.coreBaseUrl, username: info.user },
      { password: info.password },
    );
    try {
      await connectionNode(api, other);
      const partials: { ids: string[]; searched: number }[] = [];
      const done = await api.search(other, target, (p) => partials.push({ ids: p.hits.map((h) => h.key), searched: p.searched ?? 0 }));
      // The server's answer came while the index was being built, before its scan reached the asset (the
      // last of the 100,000 that get_all_assets lists).
      const early = partials.find((p) => p.ids.includes(info.asset.id));
      assert.ok(early, `a partial result with the asset (${partials.length} partials)`);
      assert.ok(early.searched < 99_999, `found by the server, ${early.searched} assets scanned`);
      // Once the index has it too, it is listed once.
      assert.equal(done.hits.filter((h) => h.key === info.asset.id).length, 1);
      assert.equal(done.hits[0].key, info.asset.id, 'the exact name first');
    } finally {
      await api.connections.remove(other);
    }
  });

  test('a failing reload keeps the rows, marked cached, under an error row that opens the log at that entry', async () => {
    const { node } = await bigLevel();
    const shown = (await api.children(node)).filter((c) => c.contextValue === 'iot.asset').length;
    emulator.faults.set([{ kind: '500', pathPrefix: '/core/v1/assets/tree', count: 1 }]);
    api.explorer.refresh(node);
    const children = await api.children(node);
    const error = children.find((c) => c.contextValue === 'iot.error');
    assert.ok(error, `an error node among ${children.map((c) => c.contextValue).join(', ')}`);
    // The level had loaded before: its rows stay (so does what the user expanded), said to be cached.
    assert.match(labelOf(api, error), /^Reload failed — the rows below are cached \(.+\)$/);
    assert.ok(shown > 0);
    assert.equal(children.filter((c) => c.contextValue === 'iot.asset').length, shown, 'the cached rows stay');
    const cmd = item(api, error).command!;
    assert.equal(cmd.command, 'iotExplorer.showLogEntry');
    await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
    const editor = await eventually(() => {
      const e = vscode.window.activeTextEditor;
      assert.equal(e?.document.uri.scheme, 'iot-log');
      return e!;
    });
    const line = editor.document.lineAt(editor.selection.active.line).text;
    assert.match(line, /\[error\].*500/);
    // The next refresh loads again (the fault was used up).
    api.explorer.refresh(node);
    assert.equal(entities(await api.children(node)).filter((c) => c.contextValue === 'iot.asset').length, 100);
  });

  test('transient failures are retried: a 503 with Retry-After still loads the level', async () => {
    const { node } = await bigLevel();
    emulator.faults.set([{ kind: '503', pathPrefix: '/core/v1/assets/tree', count: 2, retryAfterSec: 0.05 }]);
    api.explorer.refresh(node);
    const children = await api.children(node);
    assert.equal(children.filter((c) => c.contextValue === 'iot.asset').length, 100);
    assert.equal(emulator.faults.list()[0]?.count, 0, 'both faults were hit');
    emulator.faults.clear();
  });

  // Last: it removes the connection.
  test('the Go to… index is stored for the next window, for the owner only, and deleted when the setting is turned off or its connection removed', async () => {
    const dir = api.explorer.services.indexDir!;
    // This connection's file (other tests' connections store theirs beside it).
    const file = storedIndexFile(dir, { connectionId: ID, source: info.coreBaseUrl, username: info.user });
    // Stored once the build of the Go to… test completed (in the background).
    await eventually(() => {
      assert.ok(api.log.recent().some((e) => e.message.startsWith('Stored the Go to… index of "Large IoT-TICKET" (100000 assets)')), 'stored');
      assert.ok(fs.existsSync(file), file);
    }, 60_000);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!fs.readFileSync(file, 'utf8').includes(info.user), 'no user name inside');
    // Turning the setting off deletes what was stored.
    const config = vscode.workspace.getConfiguration('iotExplorer');
    await config.update('goTo.storeIndex', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => assert.ok(!fs.existsSync(file)));
    } finally {
      await config.update('goTo.storeIndex', undefined, vscode.ConfigurationTarget.Global);
    }
    // Removing the connection deletes its stored index (one put back in its place here).
    fs.writeFileSync(file, 'stored\n', { mode: 0o600 });
    await api.connections.remove(ID);
    await eventually(() => assert.ok(!fs.existsSync(file)));
  });
});
