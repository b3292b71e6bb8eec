/**
 * ONNX and analytics models in a real VS Code, against the demo emulator: "Register ONNX Model in
 * IoT-TICKET…" on a workspace file (with answers given, so no prompt blocks), local refusals before any
 * upload, the platform's duplicate-name refusal, the Analytics tree and the Activity view after each
 * write, edit/details/delete from tree nodes (delete refused while in use), an ML model from a JSON
 * file, the count against the organization limit, and schema checks and completion in the JSON editor.
 * Every write is read back from the emulator's own API.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { AnalyticsUsage } from '../../src/analytics/analyticsOps';
import type { OnnxModelRecord } from '../../src/analytics/onnxUpload';
import type { OnnxApi } from '../../src/analytics/registerOnnx';
import { linearRegressionModel, paddedModel } from '../node/analytics/onnxModels';
import { basic, child, connectionNode, entities, eventually, explorerApi, EXTENSION_ID, getJson, labelOf } from './explorerHelpers';

interface Page<T> {
  readonly fullSize: number;
  readonly items?: T[];
}
interface Item {
  readonly id: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

const CONNECTION = 'demo-iotticket';


suite('ONNX and analytics models: register from the workspace, against the demo', () => {
  let api: ExplorerApi;
  let onnx: OnnxApi;
  let info: DemoInfo;
  let auth: string;
  let dir: string;
  let onnxFolder: TreeNode;

  const core = (p: string): string => `${info.iotticket.coreBaseUrl}/${p}`;
  const onnxModels = async (): Promise<Item[]> => (await getJson<Page<Item>>(core('onnx-models?limit=1000'), auth)).items ?? [];
  const writeModel = async (name: string, bytes: Uint8Array): Promise<vscode.Uri> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes);
    return vscode.Uri.file(file);
  };
  const register = (file: vscode.Uri, options: Record<string, unknown>): Thenable<OnnxModelRecord | undefined> =>
    vscode.commands.executeCommand<OnnxModelRecord | undefined>('iotExplorer.onnx.register', file, { connectionId: CONNECTION, confirm: false, ...options });
  const folderLabels = async (): Promise<string[]> => entities(await api.children(onnxFolder)).map((n) => labelOf(api, n));

  suiteSetup(async () => {
    api = await explorerApi();
    onnx = await api.onnx();
    info = await api.startDemo({ reveal: false });
    auth = basic(info.iotticket.user, info.iotticket.password);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-onnx-'));
    const conn = await connectionNode(api, CONNECTION);
    const org = (await api.children(conn)).find((n) => n.contextValue === 'iot.organization');
    assert.ok(org, 'the demo connection has an organization');
    const analytics = await child(api, org, 'Analytics');
    onnxFolder = await child(api, analytics, 'ONNX models');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('iotExplorer').update('onnx.maxUploadMB', undefined, vscode.ConfigurationTarget.Global);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('the commands, the Activity view and the JSON schemas are contributed', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['iotExplorer.onnx.register', 'iotExplorer.onnx.inspect', 'iotExplorer.analytics.details', 'iotExplorer.analytics.editInfo', 'iotExplorer.analytics.delete', 'iotExplorer.analytics.registerFromFile', 'iotExplorer.analytics.usage']) {
      assert.ok(all.includes(id), `${id} missing`);
    }
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    const explorerMenu: { command: string; when: string }[] = contributes.menus['explorer/context'];
    // The menu is offered for .onnx in any case (X.ONNX too): the when clause's regular expression, as VS Code reads it.
    const when = explorerMenu.find((m) => m.command === 'iotExplorer.onnx.register')?.when ?? '';
    const match = /^resourceExtname =~ \/(.+)\/(\w*)$/.exec(when);
    assert.ok(match, `a case-insensitive pattern, not ${when}`);
    const pattern = new RegExp(match[1], match[2]);
    for (const ext of ['.onnx', '.ONNX', '.Onnx']) assert.ok(pattern.test(ext), ext);
    for (const ext of ['.onnx.json', '.pb', '']) assert.ok(!pattern.test(ext), ext);
    assert.ok(contributes.views.iotExplorer.some((v: { id: string }) => v.id === 'iotExplorer.activity'));
    await vscode.commands.executeCommand('iotExplorer.activity.focus');
  });

  test('registers a workspace .onnx file; the model is on the platform, in the Analytics tree and in the Activity view', async () => {
    const before = await folderLabels();
    const bytes = linearRegressionModel();
    const file = await writeModel('pump-efficiency-host.onnx', bytes);
    const record = await register(file, { name: 'Pump efficiency (host test)', description: 'Regression', helpText: '# Pump efficiency\n\nFour features in, one out.' });
    assert.ok(record?.id, 'the command returns the platform record');
    const stored = await getJson<Item>(core(`onnx-models/${record.id}`), auth);
    assert.equal(stored.name, 'Pump efficiency (host test)');
    assert.equal(stored.helpText, '# Pump efficiency\n\nFour features in, one out.');
    assert.equal(stored.sizeBytes, bytes.length);
    assert.equal(stored.sha256, createHash('sha256').update(bytes).digest('hex'));
    // The ONNX models folder was loaded before: the command refreshed it.
    assert.ok(!before.includes('Pump efficiency (host test)'));
    await eventually(async () => assert.ok((await folderLabels()).includes('Pump efficiency (host test)')));
    const latest = onnx.activity.list()[0];
    assert.deepEqual([latest.action, latest.target, latest.outcome, latest.itemId, latest.connectionId], ['Register ONNX model', 'Pump efficiency (host test)', 'succeeded', record.id, CONNECTION]);
    assert.match(latest.detail ?? '', new RegExp(stored.sha256 as string));
  });

  test('"Inspect ONNX Model" shows inputs, outputs, opsets and the hash without uploading', async () => {
    const count = (await onnxModels()).length;
    const file = await writeModel('classifier-inspect.onnx', linearRegressionModel());
    const page = await vscode.commands.executeCommand<vscode.Uri>('iotExplorer.onnx.inspect', file);
    const text = (await vscode.workspace.openTextDocument(page)).getText();
    assert.match(text, /^# classifier-inspect\.onnx/);
    assert.ok(text.includes('| `features` | tensor(float) | float | [batch, 4] |'), text);
    assert.ok(text.includes('| `prediction` | tensor(float) | float | [batch, 1] |'), text);
    assert.ok(text.includes('| Opsets | ai.onnx 13 |'), text);
    assert.ok(text.includes(createHash('sha256').update(linearRegressionModel()).digest('hex')));
    assert.equal((await onnxModels()).length, count);
  });

  test('refuses a corrupt file and a file above the size limit without uploading anything', async () => {
    const count = (await onnxModels()).length;
    const corrupt = await writeModel('corrupt.onnx', linearRegressionModel().subarray(0, 60));
    assert.equal(await register(corrupt, { name: 'Corrupt' }), undefined);
    let latest = onnx.activity.list()[0];
    assert.equal(latest.outcome, 'refused');
    assert.match(latest.detail ?? '', /^corrupt\.onnx is not (a valid ONNX model|an ONNX model)/);

    await vscode.workspace.getConfiguration('iotExplorer').update('onnx.maxUploadMB', 1, vscode.ConfigurationTarget.Global);
    const big = await writeModel('big.onnx', paddedModel(1024 * 1024 + 10_000));
    assert.equal(await register(big, { name: 'Big' }), undefined);
    latest = onnx.activity.list()[0];
    assert.equal(latest.outcome, 'refused');
    assert.match(latest.detail ?? '', /big\.onnx is 1\.0 MB, above the platform's limit of 1\.0 MB/);
    await vscode.workspace.getConfiguration('iotExplorer').update('onnx.maxUploadMB', undefined, vscode.ConfigurationTarget.Global);
    assert.equal((await onnxModels()).length, count);
  });

  test('a duplicate name is refused by the platform, with its message in the Activity view', async () => {
    const count = (await onnxModels()).length;
    const file = await writeModel('again.onnx', linearRegressionModel({ producerVersion: '2.0' }));
    assert.equal(await register(file, { name: 'pump efficiency (HOST TEST)' }), undefined);
    const latest = onnx.activity.list()[0];
    assert.equal(latest.outcome, 'failed');
    assert.match(latest.detail ?? '', /^409: .*already exists/);
    assert.equal((await onnxModels()).length, count);
  });

  test('details, edit and delete from the tree; a model in use is not deleted and the platform says why', async () => {
    const node = await eventually(() => child(api, onnxFolder, 'Pump efficiency (host test)'));
    const page = await vscode.commands.executeCommand<vscode.Uri>('iotExplorer.analytics.details', node);
    const text = (await vscode.workspace.openTextDocument(page)).getText();
    assert.match(text, /^# Pump efficiency \(host test\)/);
    assert.match(text, new RegExp(createHash('sha256').update(linearRegressionModel()).digest('hex')));

    const id = (node as TreeNode & { item: Item }).item.id;
    assert.equal(await vscode.commands.executeCommand('iotExplorer.analytics.editInfo', node, { name: 'Pump efficiency v2 (host test)', description: 'Retrained', helpText: 'See the wiki.' }), true);
    const stored = await getJson<Item>(core(`onnx-models/${id}`), auth);
    assert.deepEqual([stored.name, stored.description, stored.helpText], ['Pump efficiency v2 (host test)', 'Retrained', 'See the wiki.']);
    await eventually(async () => assert.ok((await folderLabels()).includes('Pump efficiency v2 (host test)')));

    const inUse = (await onnxModels()).find((m) => Array.isArray(m.attachedAssetIds) && m.attachedAssetIds.length > 0);
    assert.ok(inUse, 'the demo has an ONNX model attached to an asset');
    const inUseNode = await child(api, onnxFolder, inUse.name);
    assert.equal(await vscode.commands.executeCommand('iotExplorer.analytics.delete', inUseNode, { confirm: false }), false);
    assert.equal(onnx.activity.list()[0].outcome, 'refused');
    assert.match(onnx.activity.list()[0].detail ?? '', /in use/);
    assert.ok((await onnxModels()).some((m) => m.id === inUse.id));

    const renamed = await child(api, onnxFolder, 'Pump efficiency v2 (host test)');
    assert.equal(await vscode.commands.executeCommand('iotExplorer.analytics.delete', renamed, { confirm: false }), true);
    assert.ok(!(await onnxModels()).some((m) => m.id === id));
    await eventually(async () => assert.ok(!(await folderLabels()).includes('Pump efficiency v2 (host test)')));
  });

  test('drops: .onnx files are accepted on the Analytics nodes only; other drops register nothing', async () => {
    const org = onnxFolder.parent!.parent!;
    const assets = await child(api, org, 'Assets');
    assert.equal(onnx.acceptsDrop(onnxFolder), true);
    assert.equal(onnx.acceptsDrop(onnxFolder.parent), true);
    assert.equal(onnx.acceptsDrop(assets), false);
    const count = (await onnxModels()).length;
    const entries = onnx.activity.list().length;
    const file = await writeModel('dropped.onnx', linearRegressionModel());
    const dropped = new vscode.DataTransfer();
    dropped.set('text/uri-list', new vscode.DataTransferItem(file.toString()));
    // On a node that does not take models, and with no .onnx file in the payload: nothing happens.
    await onnx.handleDrop(assets, dropped, new vscode.CancellationTokenSource().token);
    const series = new vscode.DataTransfer();
    series.set('text/uri-list', new vscode.DataTransferItem('iot-series:/demo-iotticket/A1/AT1'));
    await onnx.handleDrop(onnxFolder, series, new vscode.CancellationTokenSource().token);
    assert.equal((await onnxModels()).length, count);
    assert.equal(onnx.activity.list().length, entries);
  });

  test('registers an ML model from a JSON definition file and counts it against the organization limit', async () => {
    const conn = await connectionNode(api, CONNECTION);
    const before = await vscode.commands.executeCommand<AnalyticsUsage>('iotExplorer.analytics.usage', conn);
    const file = path.join(dir, 'bearing-wear.ml-model.json');
    await fs.writeFile(file, JSON.stringify({
      name: 'Bearing wear (host test)', description: 'Nightly', helpText: '', triggerUrl: 'https://adb-1.azuredatabricks.net/api/2.1/jobs/run-now',
      method: 'POST', jobId: 'placeholder', credentialId: 'CR1', inputs: [{ name: 'vibration', dataType: 'double' }], outputs: [{ name: 'wear', dataType: 'double' }],
    }));
    const id = await vscode.commands.executeCommand<string>('iotExplorer.analytics.registerFromFile', vscode.Uri.file(file), { connectionId: CONNECTION });
    assert.ok(id);
    const stored = await getJson<Item>(core(`ml-models/${id}`), auth);
    assert.equal(stored.name, 'Bearing wear (host test)');
    assert.deepEqual(stored.inputs, [{ name: 'vibration', dataType: 'double' }]);

    const after = await vscode.commands.executeCommand<AnalyticsUsage>('iotExplorer.analytics.usage', conn);
    const all = await getJson<Page<Item>>(core('analytics-items?limit=1'), auth);
    const org = (await getJson<Page<Item & { parentId: string | null }>>(core('organizations'), auth)).items!.find((o) => o.parentId === null)!;
    const details = await getJson<{ limits: { analyticsItems: number } }>(core(`organizations/${org.id}`), auth);
    assert.equal(after.count, all.fullSize);
    assert.equal(after.count, before.count + 1);
    assert.equal(after.limit, details.limits.analyticsItems);
    await getJson(core(`ml-models/${id}`), auth, { method: 'DELETE' }).catch(() => undefined);
  });

  test('the JSON editor checks and completes *.ml-model.json files with the contributed schema', async () => {
    const file = vscode.Uri.file(path.join(dir, 'draft.ml-model.json'));
    await fs.writeFile(file.fsPath, '{\n  "name": "Draft",\n  "method": "PATCH",\n  \n}\n');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const messages = await eventually(() => {
      const diagnostics = vscode.languages.getDiagnostics(file).map((d) => d.message);
      assert.ok(diagnostics.some((m) => /triggerUrl/.test(m)), diagnostics.join(' | ') || 'no diagnostics yet');
      return diagnostics;
    }, 30_000);
    assert.ok(messages.some((m) => /POST|GET|PUT/.test(m)), messages.join(' | '));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', file, new vscode.Position(3, 2));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    for (const key of ['triggerUrl', 'jobId', 'inputs', 'helpText']) assert.ok(labels.includes(key), `completion lacks ${key}: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
