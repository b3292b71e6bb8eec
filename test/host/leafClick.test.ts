/**
 * A click on a leaf of the tree opens what is most useful for its kind (issue 19 §12): a chart for a series,
 * the send form for a command attribute, the details (JSON) for an event, a text attribute or an Altair
 * action; folders keep expanding and rows with their own command (Load more) keep it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import { child, connectionNode, eventually, explorerApi, item, path } from './explorerHelpers';

suite('Explorer: a click on a leaf opens what fits its kind', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const clickOf = (node: TreeNode): string | undefined => item(api, node).command?.command;

  test('IoT-TICKET: a telemetry attribute charts, a command attribute opens the send form, an event shows its details', async () => {
    const org = (await api.children(await connectionNode(api, 'demo-iotticket')))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const telemetry = await child(api, await child(api, asset, 'Telemetry data'), info.iotticket.asset.telemetryAttributeName);
    assert.equal(clickOf(telemetry), 'iotExplorer.openChart');
    // The click's command, run as VS Code runs it, opens a chart of that series.
    const cmd = item(api, telemetry).command!;
    const panel = (await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []))) as { dispose(): void } | undefined;
    assert.ok(panel, 'a chart opened');
    panel.dispose();

    // Folders expand rather than run anything.
    assert.equal(clickOf(asset), undefined);
    const commands = (await api.children(asset)).find((c) => c.contextValue.startsWith('iot.attributeGroup.command'));
    assert.ok(commands, 'the asset has a Commands group');
    const command = (await api.children(commands)).find((c) => c.contextValue === 'iot.attribute.command');
    assert.ok(command, 'a command attribute under Commands');
    assert.equal(clickOf(command), 'iotExplorer.sendCommand');
    const events = await child(api, org, /^Active events/);
    const event = (await api.children(events)).find((c) => c.contextValue === 'iot.event.active');
    assert.ok(event, 'an active event');
    assert.equal(clickOf(event), 'iotExplorer.openJson');
  });

  test('Altair: a numeric property of a Thing charts', async () => {
    const thing = await api.goTo('demo-altair', info.altair.thing.title);
    assert.ok(thing);
    const properties = await eventually(async () => {
      const kids = await api.children(thing);
      const folder = kids.find((k) => k.contextValue.startsWith('iot.properties'));
      return folder ? await api.children(folder) : kids;
    });
    const numeric = properties.find((p) => p.ref?.kind === 'altair-property' && p.ref.property === info.altair.thing.numericProperty);
    assert.ok(numeric, `property ${info.altair.thing.numericProperty}`);
    assert.equal(clickOf(numeric), 'iotExplorer.openChart');
  });
});
