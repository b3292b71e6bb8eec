/**
 * A connection's filter narrows its tree to the matches and their ancestors (issue 19 §9): a summary row
 * says how many matched, the levels above a match show only the way to it, the match itself keeps all
 * its children, the view's header names every filter, and clearing brings the whole tree back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import { child, connectionNode, entities, eventually, explorerApi, item, labelOf } from './explorerHelpers';

suite('Explorer: a filter narrows the tree to its matches', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  suiteTeardown(async () => {
    for (const id of ['demo-iotticket', 'demo-altair']) await api.explorer.filters.set(id, undefined);
  });

  const labels = async (node: TreeNode): Promise<string[]> => entities(await api.children(node)).map((n) => labelOf(api, n));

  test('IoT-TICKET: only the way to the matching asset shows, the asset keeps its children, Clear shows all', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const assets = await child(api, org, 'Assets');
    const allRoots = await labels(assets);
    const names = info.iotticket.asset.namesPath;
    const unfilteredGroups = await labels(await eventually(() => walk(conn, names)));
    const unfilteredSiblings = await labels(await walk(conn, names.slice(0, -1)));

    // An asset id matches that asset only (words would match names paths: "Pump 1" is in every plant).
    const text = info.iotticket.asset.id;
    await api.explorer.filters.set('demo-iotticket', text);
    const summary = await eventually(async () => {
      const first = (await api.children(conn))[0];
      assert.equal(first.contextValue, 'iot.matches', 'the summary row comes first');
      return first;
    });
    assert.equal(item(api, summary).description, '1 match');
    assert.equal(labelOf(api, summary), `Filter "${text}"`);

    // The level above the match shows only the way to it, not its siblings.
    const parentAbove = await walk(conn, names.slice(0, -1));
    const above = await labels(parentAbove);
    assert.deepEqual(above, [names[names.length - 1]], `only the match under ${names[names.length - 2]}`);
    assert.ok(unfilteredSiblings.length > 1, `the unfiltered level had siblings: ${unfilteredSiblings.join(', ')}`);
    // The match keeps everything below it.
    const match = await walk(conn, names);
    assert.deepEqual(await labels(match), unfilteredGroups);
    // The header names the filter.
    assert.match(api.explorer.treeView.description ?? '', new RegExp(escape(text)));
    const roots = await labels(await child(api, (await api.children(conn)).find((n) => n.contextValue !== 'iot.matches'), 'Assets'));
    assert.deepEqual(roots, [names[0]], `only the match's root of ${allRoots.join(', ')}`);

    await api.explorer.filters.set('demo-iotticket', undefined);
    await eventually(async () => {
      assert.notEqual((await api.children(conn))[0].contextValue, 'iot.matches');
      const again = await child(api, (await api.children(conn))[0], 'Assets');
      assert.deepEqual(await labels(again), allRoots);
    });
    assert.equal(api.explorer.treeView.description, undefined);
  });

  test('a text that matches nothing says so; two filters both show in the header; Clear offers all of them', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    await api.explorer.filters.set('demo-iotticket', 'zz-no-such-asset-zz');
    await api.explorer.filters.set('demo-altair', info.altair.thing.title);
    await eventually(async () => {
      const first = (await api.children(conn))[0];
      assert.equal(first.contextValue, 'iot.matches');
      assert.equal(item(api, first).description, 'no matches');
    });
    const header = api.explorer.treeView.description ?? '';
    assert.match(header, /zz-no-such-asset-zz/);
    assert.match(header, new RegExp(escape(info.altair.thing.title)));

    // Altair: the filtered space shows the thing.
    const altair = await connectionNode(api, 'demo-altair');
    await eventually(async () => {
      const first = (await api.children(altair))[0];
      assert.equal(first.contextValue, 'iot.matches');
      assert.match(String(item(api, first).description), /^\d+ match(es)?$/);
    });

    // Clear Filter from the palette with two filters set: the first pick, "All filters", clears both.
    const picked = vscode.commands.executeCommand('iotExplorer.clearFilter');
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(api.explorer.filters.get('demo-iotticket'), undefined);
    });
    await picked;
    assert.equal(api.explorer.filters.get('demo-altair'), undefined);
  });

  /** The node at `names` under the connection's Assets folder. */
  async function walk(conn: TreeNode, names: readonly string[]): Promise<TreeNode> {
    const org = (await api.children(conn)).find((n) => n.contextValue !== 'iot.matches');
    let node = await child(api, org, 'Assets');
    for (const n of names) node = await child(api, node, n);
    return node;
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
