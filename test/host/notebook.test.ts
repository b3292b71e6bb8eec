/**
 * "Open in Notebook" in a real VS Code on the demo: an IoT-TICKET attribute opens a new Jupyter notebook
 * with a Markdown title, the das set-up, a read and a plot; an Altair Thing appends its cells to that
 * notebook, which is now the active one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import { child, connectionNode, explorerApi, path } from './explorerHelpers';

suite('Notebook: Open in Notebook on the demo', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an attribute opens a Jupyter notebook with its cells; a Thing appends to it', async () => {
    const org = (await api.children(await connectionNode(api, 'demo-iotticket')))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const attribute = await child(api, await child(api, asset, 'Telemetry data'), info.iotticket.asset.telemetryAttributeName);
    const doc = (await vscode.commands.executeCommand('iotExplorer.openInNotebook', attribute)) as vscode.NotebookDocument;
    assert.ok(doc, 'the command returns the notebook');
    assert.equal(doc.notebookType, 'jupyter-notebook');
    assert.equal(vscode.window.activeNotebookEditor?.notebook, doc, 'the notebook is shown');
    const cells = doc.getCells();
    assert.deepEqual(cells.map((c) => c.kind), [vscode.NotebookCellKind.Markup, vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Code, vscode.NotebookCellKind.Code]);
    assert.deepEqual(cells.slice(1).map((c) => c.document.languageId), ['python', 'python', 'python']);
    const text = cells.map((c) => c.document.getText());
    assert.match(text[1], /from das\.iot_client import IoTClient/);
    assert.ok(text[2].includes(`attribute_id='${info.iotticket.asset.telemetryAttributeId}'`), text[2]);
    assert.match(text[3], /df\.plot\(/);

    const thing = await api.goTo('demo-altair', info.altair.thing.title);
    assert.ok(thing);
    const again = (await vscode.commands.executeCommand('iotExplorer.openInNotebook', thing)) as vscode.NotebookDocument;
    assert.equal(again, doc, 'appended to the active notebook');
    assert.equal(doc.cellCount, 8);
    const added = doc.getCells().slice(4).map((c) => c.document.getText());
    assert.match(added[1], /from iots import API/);
    assert.match(added[1], /os\.environ\['IOTS_CLIENT_SECRET'\]/);
    assert.match(added[2], /every numeric property/);
  });
});
