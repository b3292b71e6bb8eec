/**
 * Activation loads only what it needs (issue 17 §1, 16 §10): this file runs first (the runner sorts
 * files by name), so no other suite has used a feature yet. Charts, writes, analytics, inline previews and
 * the connection and node commands load on first use; opening a Python file brings the inline previews without the view being touched.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { TREE_ITEM_COMMANDS } from '../../src/commands/treeItemCommands';
import { eventually, explorerApi } from './explorerHelpers';

suite('Activation: features load on first use', () => {
  let api: ExplorerApi;

  suiteSetup(async () => {
    api = await explorerApi();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('after activation no feature is loaded, yet every command of the features is registered', () => {
    assert.deepEqual(api.loadedFeatures(), []);
    // Inline previews serve Python and JSON documents: they start at activation only when one was opened
    // (the test profile's settings.json is, briefly, when settings are written), never for anything else.
    if (api.inline.wantedBy !== undefined) assert.match(api.inline.wantedBy, /^document (python|json|jsonc) /, `inline previews were started by ${api.inline.wantedBy}`);
    const registered = new Set(api.commands.registered());
    for (const id of ['iotExplorer.openChart', 'iotExplorer.sendCommand', 'iotExplorer.onnx.register', 'iotExplorer.inline.pinToStatusBar', 'iotExplorer.addConnection', 'iotExplorer.refresh']) {
      assert.ok(registered.has(id as never), `${id} is registered at activation`);
    }
  });

  test("the tree items' menu commands are registered with VS Code as the tree lists its rows, the others at once", async () => {
    const itemOnly = [...TREE_ITEM_COMMANDS];
    const known = async (): Promise<Set<string>> => new Set(await vscode.commands.getCommands(true));
    const before = await known();
    for (const id of ['iotExplorer.openChart', 'iotExplorer.addConnection', 'iotExplorer.refresh', 'iotExplorer.sendSpec']) assert.ok(before.has(id), `${id} at activation`);
    // The workbench may have shown the view already (it lists the rows then); otherwise none of them is there yet.
    if (!api.explorer.provider.listed) assert.deepEqual(itemOnly.filter((id) => before.has(id)), [], 'registered before the tree listed anything');
    await api.children();
    const after = await known();
    assert.deepEqual(itemOnly.filter((id) => !after.has(id)), [], 'missing once the tree has listed its rows');
  });

  test('package.json activates on Python files, Jupyter notebooks and JSON command files', () => {
    const events = (vscode.extensions.getExtension('iot-explorer.iot-explorer')?.packageJSON as { activationEvents: string[] }).activationEvents;
    for (const e of ['onLanguage:python', 'onNotebook:jupyter-notebook', 'onLanguage:json', 'workspaceContains:**/*.iotcmd.json']) assert.ok(events.includes(e), e);
  });

  test('opening a Python file starts the inline previews: its hover shows the value without the view or a command', async () => {
    const info = await api.startDemo({ reveal: false });
    const a = info.iotticket.asset;
    const code = `df = client.get_timeseries(names_path=${JSON.stringify([...a.namesPath, 'Flow']).replace(/"/g, "'")})\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: code });
    await vscode.window.showTextDocument(doc, { preview: false });
    await eventually(() => assert.ok(api.inline.feature, 'inline previews started'));
    // Charts, writes and analytics are still not loaded: the file needs none of them.
    assert.deepEqual(api.loadedFeatures(), []);
    await api.inline.feature!.connections.set('iotticket', 'demo-iotticket');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(code.indexOf('Flow') + 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes('**Flow**'), text);
  });

  test('the first chart command loads the charts, and only them', async () => {
    // No chart is open: the command says so, after loading its feature.
    await vscode.commands.executeCommand('iotExplorer.chart.copyVisibleCsv');
    assert.deepEqual(api.loadedFeatures(), ['charts']);
  });

  test('the first tree command loads the node commands, not the connection commands and their wizard', async () => {
    await vscode.commands.executeCommand('iotExplorer.refresh');
    assert.deepEqual(api.loadedFeatures(), ['charts', 'nodeCommands']);
  });
});
