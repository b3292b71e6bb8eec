/**
 * Hostile strings through the sinks that need VS Code, for both platforms: an emulator with the
 * `hostile` dataset (src/emulator/hostileNames.ts) behind two real connections, then the tree items
 * (labels, descriptions), their Markdown tooltips (plain and the trusted live-value ones, rendered by
 * marked as VS Code does), the Python snippets of the real nodes (checked by Python's own parser) and
 * the "Print Asset Tree" document. The pure sinks are in test/node/escape/hostile.test.ts.
 */
/* eslint-disable no-control-regex -- the tests look for control characters */
import * as assert from 'node:assert/strict';
import { marked } from 'marked';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/treeNode';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { HOSTILE_LIST } from '../../src/emulator/hostileNames';
import { HOSTILE_ROOT } from '../../src/emulator/iotticket/hostileDataset';
import { HOSTILE_PROPERTIES_TITLE } from '../../src/emulator/altair/hostileDataset';
import { formatSnippets } from '../../src/snippets/pythonSnippet';
import { pythonReports } from '../node/escape/pythonOracle';
import { child, connectionNode, entities, explorerApi } from './explorerHelpers';

const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A tree row: one line of visible text, short. */
function assertRowText(text: unknown, where: string): void {
  if (text === undefined) return;
  const s = typeof text === 'string' ? text : (text as vscode.TreeItemLabel).label;
  assert.ok(!UNSAFE.test(s), `${where}: ${JSON.stringify(s.slice(0, 80))}`);
  assert.ok(s.length <= 257, `${where}: ${s.length} characters`);
}

/** A tooltip rendered as VS Code renders Markdown: links only to our own commands, images only our sparkline, no markup from data. */
async function assertTooltip(tip: unknown, where: string): Promise<void> {
  if (!(tip instanceof vscode.MarkdownString)) return;
  const html = await marked.parse(tip.value, { gfm: true });
  for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) assert.ok(href.startsWith('command:iotExplorer.'), `${where}: link to ${href}`);
  for (const [, src] of html.matchAll(/<img src="([^"]*)"/g)) assert.ok(src.startsWith('data:image/svg+xml;base64,'), `${where}: image ${src.slice(0, 60)}`);
  assert.ok(!/<script|<h\d|<iframe|<li>|<table/.test(html), `${where}: ${html.slice(0, 300)}`);
  const text = html.replace(/<[^>]+>/g, '').replace(/\n/g, '');
  assert.ok(!UNSAFE.test(text), `${where}: controls or bidi controls shown as they are: ${JSON.stringify(text.slice(0, 200))}`);
}

/** One tree row as VS Code gets it (label, description, tooltip, the live tooltip); collects its snippet. */
async function checkRow(api: ExplorerApi, node: TreeNode, snippets: string[]): Promise<void> {
  const item = api.explorer.provider.getTreeItem(node);
  assertRowText(item.label, `label of ${node.id}`);
  assertRowText(item.description, `description of ${node.id}`);
  await assertTooltip(item.tooltip, `tooltip of ${node.id}`);
  const resolved = await api.explorer.provider.resolveTreeItem(item, node, new vscode.CancellationTokenSource().token);
  await assertTooltip((resolved as vscode.TreeItem | undefined)?.tooltip, `live tooltip of ${node.id}`);
  const parts = node.pythonSnippet?.();
  if (parts) snippets.push(formatSnippets([parts]));
}

async function allChildren(api: ExplorerApi, parent: TreeNode): Promise<TreeNode[]> {
  for (;;) {
    const kids = await api.children(parent);
    const more = kids.find((k) => k.contextValue === 'iot.loadMore');
    if (!more) return entities(kids);
    await vscode.commands.executeCommand('iotExplorer.loadMore', more);
  }
}

suite('Hostile strings through the VS Code sinks (both platforms)', () => {
  let api: ExplorerApi;
  let emu: Emulator;

  suiteSetup(async () => {
    api = await explorerApi();
    emu = await startEmulator({ dataset: 'hostile' });
    const iot = emu.info().iotticket as { coreBaseUrl: string; v1BaseUrl: string; user: string; password: string };
    const al = emu.info().altair as { baseUrl: string; clientId: string; clientSecret: string; scopes: string[]; space: string };
    await api.connections.add({ id: 'hostile-iot', label: 'Hostile IoT-TICKET', platform: 'iotticket', coreBaseUrl: iot.coreBaseUrl, v1BaseUrl: iot.v1BaseUrl, username: iot.user }, { password: iot.password });
    await api.connections.add({ id: 'hostile-altair', label: 'Hostile Altair', platform: 'altair', host: al.baseUrl, space: al.space, clientId: al.clientId, scopes: al.scopes }, { clientSecret: al.clientSecret });
  });

  suiteTeardown(async () => {
    await api.connections.remove('hostile-iot');
    await api.connections.remove('hostile-altair');
    await emu.close();
  });

  test('IoT-TICKET: asset rows, attribute rows and their tooltips show the names as text; snippets stay code-safe; the printed tree has one line per asset', async () => {
    const conn = await connectionNode(api, 'hostile-iot');
    const org = (await api.children(conn))[0];
    const assets = await child(api, org, 'Assets');
    const root = (await allChildren(api, assets)).find((n) => n.label === HOSTILE_ROOT);
    assert.ok(root, 'the hostile root asset');
    const kids = await api.children(root);
    const hostileAssets = entities(kids).filter((n) => n.contextValue.startsWith('iot.asset'));
    assert.deepEqual(hostileAssets.map((n) => n.label).sort(), [...HOSTILE_LIST].sort(), 'the nodes keep the real names');
    const group = kids.find((n) => n.contextValue === 'iot.attributeGroup.telemetry');
    assert.ok(group, 'the telemetry group');
    const attributes = entities(await api.children(group));
    assert.equal(attributes.length, HOSTILE_LIST.length);
    const snippets: string[] = [];
    for (const node of [...hostileAssets, ...attributes]) await checkRow(api, node, snippets);
    assertSnippetsSafe(snippets, hostileAssets.length + attributes.length);
    const doc = (await vscode.commands.executeCommand('iotExplorer.printAssetTree', root)) as vscode.TextDocument | undefined;
    assert.ok(doc, 'the printed tree');
    // A title, a blank line, the root asset, then one line per child asset: no name adds a line.
    const lines = doc.getText().trimEnd().split('\n');
    assert.equal(lines.filter((l) => /^[├└]── /.test(l)).length, HOSTILE_LIST.length, doc.getText().slice(0, 500));
    assert.equal(lines.length, 3 + HOSTILE_LIST.length, doc.getText().slice(0, 500));
    assert.ok(!/[\r\v\f\x1c-\x1e\x85\u2028\u2029]/.test(doc.getText()));
  });

  test('Altair: thing rows, property rows and their tooltips show the titles as text; snippets stay code-safe', async () => {
    const conn = await connectionNode(api, 'hostile-altair');
    const space = (await api.children(conn))[0];
    const all = await child(api, space, 'All things');
    const things = (await allChildren(api, all)).filter((n) => HOSTILE_LIST.includes(n.label) || n.label === HOSTILE_PROPERTIES_TITLE);
    assert.equal(things.length, HOSTILE_LIST.length + 1);
    const snippets: string[] = [];
    let rows = 0;
    for (const thing of things) {
      const nodes = [thing];
      const props = (await api.children(thing)).find((n) => n.contextValue === 'iot.properties');
      if (props) nodes.push(...(await api.children(props)));
      for (const node of nodes) {
        rows++;
        await checkRow(api, node, snippets);
      }
    }
    assert.ok(rows > 2 * HOSTILE_LIST.length);
    assertSnippetsSafe(snippets, rows);
  });
});

/** Every snippet parses, and a `#` comment never became a statement: as many lines and statements as the plain shape of its kind. */
function assertSnippetsSafe(snippets: readonly string[], atLeast: number): void {
  assert.ok(snippets.length >= atLeast / 2, `${snippets.length} snippets`);
  const reports = pythonReports(snippets);
  reports.forEach((r, i) => {
    const where = snippets[i].slice(0, 400);
    assert.equal(r.error, undefined, where);
    assert.equal(r.lines, snippets[i].split('\n').length - 1, `str.splitlines sees the lines we wrote\n${where}`);
    assert.equal(r.comments.length, (snippets[i].match(/ {2}# |^# /gm) ?? []).length, `every comment is one comment\n${where}`);
    assert.ok(!UNSAFE.test(snippets[i].replace(/\n/g, '')), `no control, bidi control or lone surrogate in the source\n${where}`);
  });
}
