import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';

const EXTENSION_ID = 'iot-explorer.iot-explorer';

suite('Foundation: the extension in a real VS Code', () => {
  test('runs in a real extension host', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(typeof vscode.window.createTreeView, 'function');
  });

  test('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('never activates on "*" or on start-up', () => {
    const events: string[] = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), events.join(', '));
  });

  test('registers its view container and the Connections view', async () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes;
    assert.equal(contributes.viewsContainers.activitybar[0].id, 'iotExplorer');
    assert.ok(contributes.views.iotExplorer.some((v: { id: string }) => v.id === 'iotExplorer.connections'));
    // Opening the container only succeeds when VS Code registered it.
    await vscode.commands.executeCommand('workbench.view.extension.iotExplorer');
    await vscode.commands.executeCommand('iotExplorer.connections.focus');
  });

  test('its commands are registered and one runs', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['iotExplorer.refresh', 'iotExplorer.showLog']) assert.ok(all.includes(id), `${id} missing`);
    await vscode.commands.executeCommand('iotExplorer.showLog');
  });

  test('every contributed command is registered, and every command it registers is contributed', async () => {
    const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID)!;
    const api = await ext.activate();
    const contributes = ext.packageJSON.contributes as { commands: { command: string }[]; views: Record<string, { id: string }[]> };
    const contributed = contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...api.commands.registered()].sort(), contributed);
    // The commands of the tree items' menus are registered with VS Code once the tree lists its rows.
    await api.children();
    const known = await vscode.commands.getCommands(true);
    const missing = contributed.filter((id) => !known.includes(id));
    assert.deepEqual(missing, [], 'contributed but not registered with VS Code');
    // VS Code adds commands of its own under our view ids (focus, reset location…): only those are exempt.
    const views = Object.values(contributes.views).flat().map((v) => v.id);
    const ours = known.filter((id) => id.startsWith('iotExplorer.') && !contributed.includes(id) && !views.some((v) => id.startsWith(`${v}.`)));
    assert.deepEqual(ours, [], 'registered but not contributed');
  });
});
