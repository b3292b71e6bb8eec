/**
 * Commands and writes in a real VS Code, against the demo emulator: writes sent through the commands
 * (with a spec, so no prompt blocks), production confirmations, a command file's CodeLens and
 * diagnostics, and the command log followed until the device answers. Every write is read back from
 * the emulator's own API.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { SendResult } from '../../src/writes/ui/sendRunner';
import { basic, child, connectionNode, eventually, explorerApi, getJson, labelOf, path as treePath } from './explorerHelpers';

interface IotDemo {
  readonly tenant: string;
  readonly device: { id: string; password: string };
  readonly asset: { id: string; commandAttributeId: string; namesPath: string[] };
}

interface Attribute {
  readonly id: string;
  readonly name: string;
  readonly value?: unknown;
}

suite('Commands and writes: sending from the editor, against the demo', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let iot: IotDemo;
  let auth: string;
  let attributes: Attribute[];
  let dir: string;

  const attr = (name: string): Attribute => {
    const a = attributes.find((x) => x.name === name);
    assert.ok(a, `attribute ${name}`);
    return a;
  };
  const readAttributes = async (): Promise<Attribute[]> =>
    (await getJson<{ items: Attribute[] }>(`${info.iotticket.coreBaseUrl}/assets/${iot.asset.id}/attributes?limit=1000`, auth)).items;
  const send = (spec: unknown, options: Record<string, unknown> = {}): Thenable<SendResult> =>
    vscode.commands.executeCommand<SendResult>('iotExplorer.sendSpec', spec, { quiet: true, ...options });

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    iot = info.iotticket as unknown as IotDemo;
    auth = basic(info.iotticket.user, info.iotticket.password);
    attributes = await readAttributes();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'iot-h8-'));
  });

  suiteTeardown(async () => {
    await api.connections.remove('prod-demo').catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('the commands of this feature are registered, and the schema is contributed for *.iotcmd.json', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['iotExplorer.sendSpec', 'iotExplorer.sendCommand', 'iotExplorer.showCommandLog', 'iotExplorer.invokeAction', 'iotExplorer.sendFromCommandFile']) {
      assert.ok(all.includes(id), `${id} missing`);
    }
    const contributes = vscode.extensions.getExtension('iot-explorer.iot-explorer')?.packageJSON.contributes;
    assert.ok(contributes.jsonValidation.some((j: { fileMatch: string[]; url: string }) => j.fileMatch.includes('*.iotcmd.json') && j.url.endsWith('iotcmd.schema.json')));
  });

  test('a static value written through the command is read back; a bad value is refused before sending', async () => {
    const rated = attr('Rated power');
    const result = await send({ kind: 'iotticket.static', connection: 'demo-iotticket', assetId: iot.asset.id, attributeId: rated.id, value: 55.5 });
    assert.equal(result.outcome.result, 'ok', result.outcome.summary);
    assert.equal((await readAttributes()).find((a) => a.id === rated.id)?.value, 55.5);
    const bad = await send({ kind: 'iotticket.static', connection: 'demo-iotticket', assetId: iot.asset.id, attributeId: rated.id, value: 'a lot' });
    assert.equal(bad.outcome.result, 'refused');
    assert.equal(bad.sent, false);
    assert.match(bad.outcome.summary, /value/);
    assert.equal((await readAttributes()).find((a) => a.id === rated.id)?.value, 55.5);
  });

  test('a production connection asks first: declining sends nothing, accepting writes', async () => {
    await api.connections.add({ id: 'prod-demo', label: 'Plant (production)', platform: 'iotticket', demo: true, production: true });
    const serial = attr('Serial number');
    const spec = { kind: 'iotticket.static', connection: 'prod-demo', assetId: iot.asset.id, attributeId: serial.id, value: 'SN-PROD-1' };
    const asked: string[] = [];
    const declined = await send(spec, { confirm: (message: string) => (asked.push(message), false) });
    assert.equal(declined.sent, false);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /"Plant \(production\)" is a production connection/);
    assert.notEqual((await readAttributes()).find((a) => a.id === serial.id)?.value, 'SN-PROD-1');
    const accepted = await send(spec, { confirm: () => true });
    assert.equal(accepted.sent, true);
    assert.equal(accepted.outcome.result, 'ok', accepted.outcome.summary);
    assert.equal((await readAttributes()).find((a) => a.id === serial.id)?.value, 'SN-PROD-1');
    // The demo connection is not production: no question.
    const quiet: string[] = [];
    await send({ ...spec, connection: 'demo-iotticket', value: 'SN-2' }, { confirm: (m: string) => (quiet.push(m), true) });
    assert.deepEqual(quiet, []);
  });

  test('a command file shows Send lenses and diagnostics; its Send writes telemetry from a CSV next to it', async () => {
    await api.connections.store.setSecret('demo-iotticket', `device:${iot.device.id}`, JSON.stringify({ password: iot.device.password }));
    const t0 = Date.UTC(2034, 0, 1);
    await fs.writeFile(path.join(dir, 'flow.csv'), `timestamp,flow [m3/h]\n${t0},12.5\n${t0 + 1000},\n${t0 + 2000},13.5\n`);
    const file = path.join(dir, 'pump.iotcmd.json');
    await fs.writeFile(
      file,
      JSON.stringify(
        {
          connection: 'demo-iotticket',
          commands: [
            { label: 'Flow from CSV', kind: 'iotticket.telemetry', deviceId: iot.device.id, file: 'flow.csv' },
            { kind: 'iotticket.deviceEvents', deviceId: iot.device.id, events: [{ id: 'OVERHEAT', m: 'x', ts: 1, severity: 'high' }] },
          ],
        },
        null,
        2,
      ),
    );
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const lenses = await eventually(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.ok(found && found.length >= 2, 'lenses');
      return found;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('Send to demo-iotticket')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('commands[1].events[0].severity')), titles.join(' | '));
    await eventually(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri).map((d) => d.message);
      assert.ok(diagnostics.some((m) => m.startsWith('commands[1].events[0].severity: must be one of')), diagnostics.join(' | '));
    });

    const sendLens = lenses.find((l) => l.command?.command === 'iotExplorer.sendFromCommandFile' && l.command.arguments?.[1] === 0);
    assert.ok(sendLens?.command);
    const results = await vscode.commands.executeCommand<SendResult[]>(sendLens.command.command, ...(sendLens.command.arguments ?? []), { quiet: true });
    assert.equal(results.length, 1);
    assert.equal(results[0].outcome.result, 'accepted', results[0].outcome.summary);
    const flow = attr('Flow');
    const values = await getJson<{ values: { v: unknown }[] }>(`${info.iotticket.coreBaseUrl}/assets/${iot.asset.id}/attributes/${flow.id}/timeseries?start=${t0}&end=${t0 + 2000}&order=asc`, auth);
    assert.deepEqual(values.values.map((v) => v.v), [12.5, 13.5]);
  });

  test('the command log follows a command until the device answers through the adapter', async () => {
    const result = await send({ kind: 'iotticket.command', connection: 'demo-iotticket', assetId: iot.asset.id, attributeId: iot.asset.commandAttributeId, templateVariables: { rpm: 1234 } });
    assert.equal(result.outcome.result, 'accepted', result.outcome.summary);
    const id = result.outcome.commandIds?.[0];
    assert.ok(id);
    const org = (await api.children(await connectionNode(api, 'demo-iotticket')))[0];
    const node = await treePath(api, org, 'Assets', ...iot.asset.namesPath);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('iotExplorer.showCommandLog', node);
    assert.ok(doc, 'the log opened');
    await eventually(() => assert.match(doc.getText(), new RegExp(`${id}\\s+QUEUED`)));

    // The device fetches the command through the HTTP adapter and answers it.
    const deviceAuth = basic(`${iot.device.id}@${iot.tenant}`, iot.device.password);
    const polled = await getJson<{ commands: { reqId: string; payload: unknown }[] }>(`${info.iotticket.adapterBaseUrl}/command/${iot.tenant}/${iot.device.id}`, deviceAuth);
    assert.deepEqual(polled.commands.find((c) => c.reqId === id)?.payload, { cmd: 'setSpeed', rpm: 1234 });
    const answer = await fetch(`${info.iotticket.adapterBaseUrl}/command/res/${iot.tenant}/${iot.device.id}/${id}?hono-cmd-status=200`, {
      method: 'PUT', headers: { Authorization: deviceAuth, 'Content-Type': 'application/json' }, body: '{"ok":true}',
    });
    assert.equal(answer.status, 202);
    await eventually(() => assert.match(doc.getText(), new RegExp(`${id}\\s+QUEUED → DELIVERED → SUCCEEDED`)), 30_000);
  });

  test('an aggregated command asks with the number of targets; declining queues nothing', async () => {
    const logUrl = `${info.iotticket.coreBaseUrl}/assets/${iot.asset.id}/commands/${iot.asset.commandAttributeId}`;
    const before = (await getJson<{ history: unknown[] }>(logUrl, auth)).history.length;
    const asked: string[] = [];
    const spec = { kind: 'iotticket.command', connection: 'demo-iotticket', assetId: iot.asset.id, attributeId: iot.asset.commandAttributeId, templateVariables: { rpm: 900 }, aggregated: true };
    const declined = await send(spec, { confirm: (m: string) => (asked.push(m), false) });
    assert.equal(declined.sent, false);
    assert.match(asked[0] ?? '', /This aggregated command reaches 1 target\(s\)/);
    assert.equal((await getJson<{ history: unknown[] }>(logUrl, auth)).history.length, before);
    const accepted = await send(spec, { confirm: () => true });
    assert.equal(accepted.outcome.result, 'accepted', accepted.outcome.summary);
    assert.equal((await getJson<{ history: unknown[] }>(logUrl, auth)).history.length, before + 1);
  });

  test('on real tree nodes: the command log of an asset and the action requests of a thing open without prompts', async () => {
    const demo = info.iotticket as unknown as { asset: { namesPath: string[] } };
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const pump = await treePath(api, org, 'Assets', ...demo.asset.namesPath);
    assert.equal(pump.contextValue, 'iot.asset');
    const log = await vscode.commands.executeCommand<vscode.TextDocument>('iotExplorer.showCommandLog', pump);
    assert.ok(log, 'the command log opened');
    await eventually(() => assert.match(log.getText(), /^Command log — Pump 1/));
    assert.match(log.getText(), new RegExp(`Speed setpoint \\(${iot.asset.commandAttributeId}\\) · Templated · device ${iot.device.id}`));

    const sample = (info.altair as unknown as { thing: { id: string; title: string; actionName: string } }).thing;
    const thing = await api.goTo('demo-altair', sample.title);
    assert.ok(thing, 'Go to… found the thing');
    const actions = await child(api, thing, 'Actions');
    const action = await child(api, actions, sample.actionName);
    assert.equal(action.contextValue, 'iot.action');
    const statuses = await vscode.commands.executeCommand<vscode.TextDocument>('iotExplorer.showActionStatuses', action);
    assert.ok(statuses, 'the action statuses opened');
    // The title is not asserted: an earlier suite renames this thing on the server (the save-conflict test).
    await eventually(() => assert.match(statuses.getText(), new RegExp(`^Action requests — .+ · ${sample.actionName} · actions \\(${sample.id}\\)`)));
    assert.match(statuses.getText(), new RegExp(`${sample.actionName}: \\d+ request\\(s\\)`));
    assert.ok(labelOf(api, thing).length > 0);
  });

  test('Altair: an action invoked through the command exists on the thing afterwards', async () => {
    const sample = (info.altair as unknown as { thing: { id: string; actionName: string } }).thing;
    const result = await send({ kind: 'altair.action', connection: 'demo-altair', thingId: sample.id, action: sample.actionName, input: { setpoint: 22.5 } });
    assert.equal(result.outcome.result, 'accepted', result.outcome.summary);
    const session = await api.connections.sessions.altair('demo-altair');
    const list = await session.api.spaces(session.space).things(sample.id).actions(sample.actionName).get({ limit: 100 });
    assert.ok(list.items.some((a) => (a[sample.actionName]?.input as { setpoint?: number } | undefined)?.setpoint === 22.5));
    const refused = await send({ kind: 'altair.action', connection: 'demo-altair', thingId: sample.id, action: sample.actionName, input: { setpoint: 99 } });
    assert.equal(refused.outcome.result, 'refused');
    assert.match(refused.outcome.summary, /input\.setpoint/);
  });
});
