/**
 * The Activity view records what the user did, with its outcome and a way back (issue 19 §13, §14): a
 * write leads back to its attribute in the tree, a cancelled one is recorded as cancelled, a chart export
 * leads to its file; exports default to a folder outside the workspace and then to the last one chosen.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { ChartPanel } from '../../src/charts/chartPanel';
import type { SendResult } from '../../src/writes/ui/sendRunner';
import { ExportFolder } from '../../src/charts/exportFolder';
import { basic, child, connectionNode, eventually, explorerApi, getJson, path as treePath } from './explorerHelpers';

suite('Activity: every write and export, with a way back', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let dir: string;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-activity-'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('a write is recorded with its outcome and reveals its attribute; a declined one is recorded as cancelled', async () => {
    const asset = info.iotticket.asset;
    const { items } = await getJson<{ items: { id: string; name: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/${asset.id}/attributes?limit=1000`, basic(info.iotticket.user, info.iotticket.password));
    const rated = items.find((a) => a.name === 'Rated power');
    assert.ok(rated, 'the example asset has Rated power');
    // Text for a number: refused before any request, and recorded so.
    await vscode.commands.executeCommand('iotExplorer.sendSpec', { kind: 'iotticket.static', connection: 'demo-iotticket', assetId: asset.id, attributeId: rated.id, value: 'a lot' }, { quiet: true });
    const refused = api.activity.list()[0];
    assert.equal(refused.action, 'Set value');
    assert.equal(refused.outcome, 'refused');
    assert.deepEqual(refused.ref, { kind: 'iotticket-attribute', connectionId: 'demo-iotticket', assetId: asset.id, attributeId: rated.id });

    await vscode.commands.executeCommand('iotExplorer.activity.revealTarget', refused);
    await eventually(() => {
      const selected = api.explorer.treeView.selection[0]?.ref;
      assert.equal(selected?.kind === 'iotticket-attribute' ? selected.attributeId : selected?.kind, rated.id);
    });

    const thing = info.altair.thing;
    const props = { kind: 'altair.properties', connection: 'demo-altair', thingId: thing.id, properties: { [thing.numericProperty]: 21.5 } };
    // The demo's numeric property is read-only in its Thing Description: the runner asks first.
    const result = await vscode.commands.executeCommand<SendResult | undefined>('iotExplorer.sendSpec', props, { quiet: true, confirm: () => true });
    assert.equal(result?.outcome.result, 'ok', JSON.stringify(result));
    const written = api.activity.list()[0];
    assert.deepEqual([written.action, written.outcome, written.connectionLabel], ['Update properties', 'succeeded', api.connections.store.get('demo-altair')?.label]);
    assert.equal(written.ref?.kind, 'altair-thing');

    // Declining that question sends nothing, and is recorded as cancelled.
    await vscode.commands.executeCommand('iotExplorer.sendSpec', props, { quiet: true, confirm: () => false });
    const declined = api.activity.list()[0];
    assert.deepEqual([declined.action, declined.outcome, declined.id > written.id], ['Update properties', 'cancelled', true]);
  });

  test('a chart export is recorded with its file, which the entry opens', async () => {
    const org = (await api.children(await connectionNode(api, 'demo-iotticket')))[0];
    const asset = await treePath(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const telemetry = await child(api, await child(api, asset, 'Telemetry data'), info.iotticket.asset.telemetryAttributeName);
    const panel = (await vscode.commands.executeCommand('iotExplorer.openChart', telemetry)) as ChartPanel;
    assert.ok(panel, 'a chart opened');
    const file = vscode.Uri.file(path.join(dir, 'export.csv'));
    await vscode.commands.executeCommand('iotExplorer.chart.exportCsv', file);
    const entry = await eventually(() => {
      const e = api.activity.list()[0];
      assert.equal(e.action, 'Export chart as CSV');
      return e;
    });
    assert.equal(entry.outcome, 'succeeded');
    assert.equal(entry.file, file.toString());
    assert.match(await fs.readFile(file.fsPath, 'utf8'), /\d/);
    await vscode.commands.executeCommand('iotExplorer.activity.open', entry);
    await eventually(() => assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file.fsPath));
    panel.dispose();
  });

  test('exports default to a folder outside the workspace, then to the folder of the last export', async () => {
    const values = new Map<string, unknown>();
    const memento = {
      keys: () => [...values.keys()],
      get: <T>(key: string, fallback?: T): T | undefined => (values.has(key) ? (values.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
    };
    const folder = new ExportFolder(memento);
    const first = folder.defaultFile('a.csv');
    assert.equal(vscode.workspace.getWorkspaceFolder(first), undefined, `${first.fsPath} is not in the workspace`);
    await folder.chose(vscode.Uri.file(path.join(dir, 'b.csv')));
    assert.equal(folder.defaultFile('c.csv').fsPath, path.join(dir, 'c.csv'));
  });
});
