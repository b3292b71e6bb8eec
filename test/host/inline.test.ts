/**
 * Inline previews in a real VS Code on the built-in demo: Python, TypeScript and JSON documents (and a
 * notebook cell) with references to the demo's data; hovers, CodeLens titles, completions and
 * diagnostics are compared with what the emulator's API says. Tree descriptions, status bar pins,
 * "Open chart", "Reveal in tree" and switching the feature off are checked too.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DemoInfo } from '../../src/demo/demoService';
import type { ExplorerApi } from '../../src/extension';
import type { InlineFeature, InlinePreviewsApi } from '../../src/inline/registerInlinePreviews';
import { MISSING_PATH_CODE } from '../../src/inline/diagnostics';
import { formatReading } from '../../src/inline/valueFormat';
import { valueKey, type ValueRef } from '../../src/inline/valueRef';
import { basic, child, connectionNode, entities, eventually, explorerApi, getJson, labelOf, path as treePath } from './explorerHelpers';

interface RawAttribute {
  id: string;
  name: string;
  type: string;
  unit?: string;
  lastValue?: number | string | boolean | null;
  value?: number | string | null;
}

const TS_RE = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/;

/** Hover texts of our provider at a position (other providers' hovers are left out). */
async function hoverAt(doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  return texts.filter((t) => t.includes('command:iotExplorer.inline') || t.includes('$(warning)') || t.includes('IoT')).join('\n---\n');
}

/** Markdown source with our escapes removed. */
const plain = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

suite('Inline previews: live values in Python, TypeScript and JSON', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let auth: string;
  let inline: InlinePreviewsApi;
  let feature: InlineFeature;
  /** activate() registers the feature itself (and the tree shows values through the explorer's provider). */
  const docs: vscode.TextDocument[] = [];

  const attributes = (assetId: string): Promise<RawAttribute[]> =>
    getJson<{ items: RawAttribute[] }>(`${info.iotticket.coreBaseUrl}/assets/${assetId}/attributes?limit=1000`, auth).then((r) => r.items);
  /**
   * The emulator's latest value of an attribute within the second the hover shows (it shows whole seconds; values
   * written by other suites carry milliseconds).
   */
  const valueAt = async (assetId: string, attributeId: string, ts: number): Promise<number | string | null> => {
    const r = await getJson<{ values: { ts: number; v: number | string }[] }>(
      `${info.iotticket.coreBaseUrl}/assets/${assetId}/attributes/${attributeId}/timeseries?start=${ts}&end=${ts + 999}&timestamp=epoch&order=desc&limit=1`,
      auth,
    );
    return r.values[0]?.v ?? null;
  };
  const open = async (language: string, content: string): Promise<vscode.TextDocument> => {
    const doc = await vscode.workspace.openTextDocument({ language, content });
    docs.push(doc);
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  };

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    auth = basic(info.iotticket.user, info.iotticket.password);
    inline = api.inline;
    await vscode.workspace.getConfiguration('iotExplorer.inline').update('enabled', true, vscode.ConfigurationTarget.Global);
    // It loads on first use (a Python document opened, a pin, a command); the tests start it directly.
    feature = (await inline.start())!;
    assert.ok(feature, 'the feature is on by default');
    // Other suites may add connections: the scripts here use the demo ones.
    await feature.connections.set('iotticket', 'demo-iotticket');
    await feature.connections.set('altair', 'demo-altair');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('hover on a Python names path: latest value, unit and time as the emulator has them, sparkline and links', async () => {
    const a = info.iotticket.asset;
    const attrs = await attributes(a.id);
    const attr = attrs.find((x) => x.id === a.telemetryAttributeId)!;
    const namesPath = [...a.namesPath, attr.name];
    const code = `from das.iot_client import IoTClient\nclient = IoTClient()\ndf = client.get_timeseries(names_path=${JSON.stringify(namesPath).replace(/"/g, "'")}, limit=100)\n`;
    const doc = await open('python', code);
    const md = plain(await hoverAt(doc, code.indexOf(attr.name) + 2));
    assert.ok(md.includes(`**${attr.name}**`), md);
    assert.ok(md.includes(a.namesPath.join(' / ')), md);
    const ts = TS_RE.exec(md);
    assert.ok(ts, `a timestamp in ${md}`);
    const at = Date.parse(`${ts[1].replace(' ', 'T')}Z`);
    const expected = await valueAt(a.id, attr.id, at);
    assert.notEqual(expected, null, `the emulator has a value at ${ts[1]}`);
    assert.ok(md.includes(`**${formatReading({ value: expected, unit: attr.unit })}**`), `${formatReading({ value: expected, unit: attr.unit })} in ${md}`);
    const uri = /\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md);
    assert.ok(uri, 'a sparkline image');
    assert.match(Buffer.from(uri[1], 'base64').toString('utf8'), /<svg[^>]*>.*<polyline/);
    assert.match(md, /min [\d.-]+ · max [\d.-]+ · avg [\d.-]+ .* — last hour, \d+ points/);
    assert.ok(md.includes('command:iotExplorer.openChart'), 'Open chart link');
    assert.ok(md.includes('Open chart') && md.includes('Reveal in tree'));
    assert.ok(md.includes('Demo IoT-TICKET'));
  });

  test('hover in TypeScript on an attribute id, a v1 datanode and an Altair property', async () => {
    const a = info.iotticket.asset;
    const attr = (await attributes(a.id)).find((x) => x.id === a.telemetryAttributeId)!;
    const t = info.altair.thing;
    const code = [
      `const stats = await client.data.getStatistics({ period: 'CurrentDay', dimension: 'Hour', attributeId: '${attr.id}' });`,
      `const read = await v1.readData('${info.iotticket.v1.deviceId}', { datanodes: ['${info.iotticket.v1.datanodePath}'] });`,
      `const h = await api.spaces('${info.altair.space}').things('${t.id}').propertiesHistory('${t.numericProperty}').get();`,
    ].join('\n');
    const doc = await open('typescript', code);
    const byId = plain(await hoverAt(doc, code.indexOf(attr.id) + 1));
    assert.ok(byId.includes(`**${attr.name}**`) && byId.includes(a.namesPath.join(' / ')), byId);
    const v1 = plain(await hoverAt(doc, code.indexOf(info.iotticket.v1.datanodePath) + 2));
    const v1Ts = TS_RE.exec(v1);
    assert.ok(v1Ts, v1);
    const at = Date.parse(`${v1Ts[1].replace(' ', 'T')}Z`);
    const read = await getJson<{ datanodeReads: { name: string; path?: string; values: { ts: number | string; v: string }[] }[] }>(
      `${info.iotticket.v1BaseUrl}/process/read/${info.iotticket.v1.deviceId}?datanodes=${encodeURIComponent(info.iotticket.v1.datanodePath)}&fromdate=${at}&todate=${at + 999}`,
      auth,
    );
    // The latest point within the second the hover shows.
    const inSecond = read.datanodeReads.find((d) => !d.path)!.values.filter((p) => Math.floor(Number(p.ts) / 1000) * 1000 === at);
    const point = inSecond.reduce((a, b) => (Number(b.ts) > Number(a.ts) ? b : a));
    assert.ok(v1.includes(`**${formatReading({ value: Number(point.v), unit: '°C' })}**`), v1);
    const prop = plain(await hoverAt(doc, code.indexOf(`'${t.numericProperty}'`) + 2));
    assert.ok(prop.includes(`**${t.numericProperty}**`) && prop.includes('data:image/svg+xml;base64,'), prop);
    assert.ok(prop.includes('Demo Altair IoT Studio'), prop);
  });

  test('CodeLens above series reads show the latest values the emulator reports', async () => {
    const a = info.iotticket.asset;
    // Earlier tests filled the cache: start empty so that the lenses read between `before` and `after`.
    feature.values.invalidate();
    const before = await attributes(a.id);
    const flow = before.find((x) => x.name === 'Flow')!;
    const temp = before.find((x) => x.id === a.telemetryAttributeId)!;
    const q = (s: string): string => `'${s}'`;
    const code = [
      'from das.iot_client import IoTClient',
      'client = IoTClient()',
      `flow = client.get_timeseries(names_path=[${[...a.namesPath, flow.name].map(q).join(', ')}])`,
      `stats = client.get_statistics('CurrentDay', 'Hour', attribute_id='${temp.id}')`,
      `pump = [${a.namesPath.map(q).join(', ')}]`,
      'children = client.get_assets(names_path=pump)',
      "both = client.get_multiple_timeseries(attribute_ids=ids, column_names=['flow', 'temperature'])",
    ].join('\n');
    const doc = await open('python', code);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const after = await attributes(a.id);
    const ours = lenses.filter((l) => l.command?.title.startsWith('$(pulse)'));
    assert.equal(ours.length, 2, lenses.map((l) => l.command?.title).join(' | '));
    const [flowLens, statsLens] = ours.sort((x, y) => x.range.start.line - y.range.start.line);
    assert.equal(flowLens.range.start.line, 2);
    assert.equal(statsLens.range.start.line, 3);
    const candidates = (id: string): string[] => [before, after].map((list) => {
      const r = list.find((x) => x.id === id)!;
      return formatReading({ value: r.lastValue ?? null, unit: r.unit });
    });
    assert.ok(candidates(flow.id).some((c) => flowLens.command!.title.startsWith(`$(pulse) ${flow.name}: ${c}`)), `${flowLens.command!.title} vs ${candidates(flow.id).join(' / ')}`);
    assert.ok(candidates(temp.id).some((c) => statsLens.command!.title.startsWith(`$(pulse) ${temp.name}: ${c}`)), statsLens.command!.title);
    assert.equal(flowLens.command!.command, 'iotExplorer.openChart');
    assert.match(flowLens.command!.title, / · \d+ (s|min) ago$/);
    // get_assets reads no series: no lens on its line.
    assert.ok(!lenses.some((l) => l.range.start.line === 5 && l.command?.title));
    // A list of strings that is not a names path gets none either.
    assert.ok(!lenses.some((l) => l.range.start.line === 6), lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`).join(' | '));
  });

  test('with two connections of a platform and none chosen, one CodeLens asks, above the first read of the file', async () => {
    const a = info.iotticket.asset;
    await api.connections.add({ id: 'second-iotticket', label: 'Second IoT-TICKET', platform: 'iotticket', demo: true });
    await feature.connections.set('iotticket', undefined);
    try {
      const code = [
        'from das.iot_client import IoTClient',
        'client = IoTClient()',
        `a = client.get_timeseries(attribute_id='${a.telemetryAttributeId}')`,
        `b = client.get_statistics('CurrentDay', 'Hour', attribute_id='${a.telemetryAttributeId}')`,
        `c = client.get_timeseries(attribute_id='${a.telemetryAttributeId}', limit=5)`,
      ].join('\n');
      const doc = await open('python', code);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      const titles = lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`).join(' | ');
      const asks = lenses.filter((l) => l.command?.command === 'iotExplorer.inline.selectConnection');
      assert.equal(asks.length, 1, titles);
      assert.equal(asks[0].range.start.line, 2);
      assert.match(asks[0].command!.title, /Choose the IoT-TICKET connection for live values in this file/);
      assert.ok(!lenses.some((l) => l.command?.title.startsWith('$(pulse)')), titles);
      // Once chosen, every read shows its value and nothing asks.
      await feature.connections.set('iotticket', 'demo-iotticket');
      const chosen = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      assert.equal(chosen.filter((l) => l.command?.title.startsWith('$(pulse)')).length, 3, chosen.map((l) => l.command?.title).join(' | '));
      assert.ok(!chosen.some((l) => l.command?.command === 'iotExplorer.inline.selectConnection'));
    } finally {
      await api.connections.remove('second-iotticket');
      await feature.connections.set('iotticket', 'demo-iotticket');
    }
  });

  test('clicking a CodeLens opens the chart of its series; "Reveal in tree" selects the attribute', async () => {
    const a = info.iotticket.asset;
    const code = `df = client.get_timeseries(attribute_id='${a.telemetryAttributeId}')\n`;
    const doc = await open('python', code);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const lens = lenses.find((l) => l.command?.command === 'iotExplorer.openChart');
    assert.ok(lens?.command, lenses.map((l) => l.command?.title).join(' | '));
    const panel = await vscode.commands.executeCommand<{ snapshot(): { series: { descriptor: { kind: string; assetId?: string; attributeId?: string } }[] } } | undefined>(
      lens.command.command,
      ...(lens.command.arguments ?? []),
    );
    assert.ok(panel, 'a chart panel');
    const series = panel.snapshot().series;
    assert.deepEqual(series.map((s) => [s.descriptor.kind, s.descriptor.assetId, s.descriptor.attributeId]), [['iotticket-attribute', a.id, a.telemetryAttributeId]]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // The view shows the demo connection (as after "Try the Demo"), so VS Code has rendered the tree.
    await api.explorer.reveal(await connectionNode(api, 'demo-iotticket'), { expand: true, select: true, focus: true });
    // A refresh of the whole tree (the demo connections were just added) drops the selection: then reveal again.
    await eventually(async () => {
      const node = await vscode.commands.executeCommand<{ id: string; attribute?: { id: string } }>('iotExplorer.inline.revealInTree', lens.command!.arguments?.[0]);
      assert.ok(node, 'the attribute node');
      assert.equal(node.attribute?.id, a.telemetryAttributeId);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(api.explorer.treeView.selection[0]?.id, node.id);
    }, 30_000);
  });

  test('completion inside a names path offers the child assets and attributes that exist', async () => {
    const a = info.iotticket.asset;
    const q = (s: string): string => `'${s}'`;
    const code = `df = client.get_timeseries(names_path=[${a.namesPath.map(q).join(', ')}, ''])\nroot = client.get_assets(names_path=[''])\n`;
    const doc = await open('python', code);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(code.indexOf("''") + 1));
    const labels = new Set(list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
    const attrs = await attributes(a.id);
    const kids = await getJson<{ children: { name: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/tree?assetId=${a.id}&limit=1000`, auth);
    for (const name of [...attrs.map((x) => x.name), ...kids.children.map((c) => c.name)]) assert.ok(labels.has(name), `${name} offered`);
    const flow = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Flow')!;
    assert.equal(flow.kind, vscode.CompletionItemKind.Field);
    assert.ok(String(flow.detail).startsWith('TelemetryData'));
    const rootList = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(code.lastIndexOf("''") + 1));
    const roots = await getJson<{ children: { name: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/tree?limit=1000`, auth);
    const rootLabels = new Set(rootList.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
    for (const r of roots.children) assert.ok(rootLabels.has(r.name), `${r.name} offered at the root`);
  });

  test('a names path that does not exist gets a warning on the first missing name; existing ones none', async () => {
    const a = info.iotticket.asset;
    const q = (s: string): string => `'${s}'`;
    const wrong = [a.namesPath[0], 'Line 42', ...a.namesPath.slice(2), 'Flow'];
    const code = [
      `ok = client.get_timeseries(names_path=[${[...a.namesPath, 'Flow'].map(q).join(', ')}])`,
      `bad = client.get_timeseries(names_path=[${wrong.map(q).join(', ')}])`,
      `attr = client.get_timeseries(names_path=[${[...a.namesPath, 'No such attribute'].map(q).join(', ')}])`,
      "other = ['not', 'an', 'asset', 'path']",
    ].join('\n');
    const doc = await open('python', code);
    await feature.diagnostics.settled(doc);
    const diags = await eventually(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === MISSING_PATH_CODE);
      assert.equal(d.length, 2, `${d.map((x) => x.message).join(' | ')} (log: ${api.log.recent().slice(-3).map((e) => e.message).join(' / ')})`);
      return d.sort((x, y) => x.range.start.line - y.range.start.line);
    });
    assert.equal(doc.getText(diags[0].range), 'Line 42');
    assert.equal(diags[0].range.start.line, 1);
    const plant = (await getJson<{ children: { id: string; name: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/tree?limit=1000`, auth)).children.find((c) => c.name === a.namesPath[0])!;
    const lines = await getJson<{ children: { name: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/tree?assetId=${plant.id}&limit=1000`, auth);
    for (const l of lines.children.slice(0, 3)) assert.ok(diags[0].message.includes(l.name), diags[0].message);
    assert.equal(doc.getText(diags[1].range), 'No such attribute');
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Warning);
    // Fixing the name clears the warning.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, diags[0].range, a.namesPath[1]);
    await vscode.workspace.applyEdit(edit);
    await eventually(async () => {
      await feature.diagnostics.settled(doc);
      assert.equal(vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === MISSING_PATH_CODE).length, 1);
    });
  });

  test('the example scripts of the demo workspace resolve without warnings and show values', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the demo workspace is open');
    for (const file of ['pump_telemetry.py', 'v1_and_altair.py', 'dashboard.ts']) {
      const doc: vscode.TextDocument = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder.uri.fsPath, 'examples', file)));
      await vscode.window.showTextDocument(doc, { preview: false });
      await feature.diagnostics.settled(doc);
      assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).filter((x) => x.code === MISSING_PATH_CODE).map((d) => d.message), [], file);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.ok(titles.filter((t) => t.startsWith('$(pulse)')).length >= 2, `${file}: ${titles.join(' | ')}`);
      assert.ok(!titles.some((t) => t.includes('$(warning)')), `${file}: ${titles.join(' | ')}`);
    }
  });

  test('JSON documents and notebook cells are read too', async () => {
    const a = info.iotticket.asset;
    const json = JSON.stringify({ chart: { namesPath: [...a.namesPath, 'Flow'] } }, null, 2);
    const doc = await open('json', json);
    assert.ok(plain(await hoverAt(doc, json.indexOf('Flow') + 1)).includes('**Flow**'));
    const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, `df = client.get_timeseries(names_path=${JSON.stringify([...a.namesPath, 'Flow']).replace(/"/g, "'")})`, 'python');
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([cell]));
    const cellDoc = notebook.cellAt(0).document;
    assert.equal(cellDoc.uri.scheme, 'vscode-notebook-cell');
    const md = plain(await hoverAt(cellDoc, cellDoc.getText().indexOf('Flow') + 1));
    assert.ok(md.includes('**Flow**') && md.includes('data:image/svg+xml;base64,'), md);
  });

  test('tree items show "value · age" and a sparkline tooltip; a pinned value shows in the status bar', async () => {
    const a = info.iotticket.asset;
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const asset = await treePath(api, await child(api, org, 'Assets'), ...a.namesPath);
    const group = (await api.children(asset)).find((n) => n.contextValue === 'iot.attributeGroup.telemetry')!;
    const node = entities(await api.children(group)).find((n) => labelOf(api, n) === a.telemetryAttributeName)!;
    const ref: ValueRef = { kind: 'iotticket-attribute', connectionId: 'demo-iotticket', assetId: a.id, attributeId: a.telemetryAttributeId };
    await feature.values.get(ref);
    const item = new vscode.TreeItem(labelOf(api, node));
    inline.decorate(node, item);
    const attr = (await attributes(a.id)).find((x) => x.id === a.telemetryAttributeId)!;
    const description = String(item.description);
    const latest = feature.values.peek(ref)!;
    assert.ok(description.startsWith(formatReading({ value: latest.value, unit: attr.unit })), description);
    assert.match(description, / · \d+ (s|min) ago$/);
    const resolved = await inline.resolveTreeItem(node, item);
    const tip = plain((resolved.tooltip as vscode.MarkdownString).value);
    assert.ok(tip.includes('data:image/svg+xml;base64,') && /min .* max .* avg/.test(tip), tip);
    // Through the explorer's own tree items.
    await eventually(() => assert.match(String(api.explorer.provider.getTreeItem(node).description), / · \d+ (s|min) ago$/));

    await vscode.commands.executeCommand('iotExplorer.inline.pinToStatusBar', node);
    const pinned = feature.pins.item(ref);
    assert.ok(pinned, 'a status bar item');
    await eventually(() => assert.match(pinned.text, new RegExp(`^\\$\\(pulse\\) .*${a.telemetryAttributeName}: [\\d.-]+ `)));
    assert.deepEqual(feature.pins.list().map(valueKey), [valueKey(ref)]);
    await vscode.commands.executeCommand('iotExplorer.inline.unpinFromStatusBar', ref);
    assert.equal(feature.pins.item(ref), undefined);
  });

  test('switched off, nothing is provided and nothing runs; switched on again, it all comes back', async () => {
    const a = info.iotticket.asset;
    const code = `df = client.get_timeseries(names_path=${JSON.stringify([...a.namesPath, 'Flow']).replace(/"/g, "'")})\n`;
    const doc = await open('python', code);
    const config = vscode.workspace.getConfiguration('iotExplorer.inline');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => assert.equal(inline.feature, undefined));
      assert.equal(await hoverAt(doc, code.indexOf('Flow') + 1), '');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
      assert.ok(!lenses.some((l) => l.command?.title.startsWith('$(pulse)')));
      const item = new vscode.TreeItem('x');
      item.description = 'own';
      const conn = await connectionNode(api, 'demo-iotticket');
      inline.decorate(conn, item);
      assert.equal(item.description, 'own');
    } finally {
      await config.update('enabled', true, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => assert.ok(inline.feature));
    feature = inline.feature!;
    await feature.connections.set('iotticket', 'demo-iotticket');
    await feature.connections.set('altair', 'demo-altair');
    assert.ok(plain(await hoverAt(doc, code.indexOf('Flow') + 1)).includes('**Flow**'));
  });
});
