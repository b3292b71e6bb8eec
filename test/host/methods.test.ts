/**
 * The SDK methods the rest of the UI did not reach, run from tree nodes in a real VS Code against the
 * demo emulator (answers passed as options, so no prompt blocks): IoT-TICKET time signals, all series of
 * an asset in one chart, credential queries scoped to the node's organization, active-event counts and
 * acknowledgement. Every result is compared with the emulator's own API.
 */
import { resourceOf } from '../../src/explorer/resources';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { SendResult } from '../../src/writes/ui/sendRunner';
import { basic, child, connectionNode, entities, eventually, explorerApi, getJson, labelOf, path as treePath } from './explorerHelpers';

interface IotDemo {
  readonly device: { id: string; password: string };
  readonly asset: { id: string; namesPath: string[] };
}
interface Attribute {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly dataType?: string;
}

suite('SDK methods from the tree: IoT-TICKET', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let iot: IotDemo;
  let auth: string;
  let org: TreeNode;
  const core = (p: string): string => `${info.iotticket.coreBaseUrl}/${p}`;
  const run = <T>(id: string, node: TreeNode, answers: Record<string, unknown> = {}): Thenable<T> => vscode.commands.executeCommand<T>(id, node, answers);
  const asset = (): Promise<TreeNode> => treePath(api, org, 'Assets', ...iot.asset.namesPath);
  const sendQuiet = (spec: unknown): Thenable<SendResult> => vscode.commands.executeCommand<SendResult>('iotExplorer.sendSpec', spec, { quiet: true });

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    iot = info.iotticket as unknown as IotDemo;
    auth = basic(info.iotticket.user, info.iotticket.password);
    const orgs = await getJson<{ items: { id: string; name: string; parentId: string | null }[] }>(core('organizations'), auth);
    org = await child(api, await connectionNode(api, 'demo-iotticket'), orgs.items.find((o) => o.parentId === null)!.name);
    await api.connections.store.setSecret('demo-iotticket', `device:${iot.device.id}`, JSON.stringify({ password: iot.device.password }));
  });

  test('every command of the feature is contributed with a title and registered', async () => {
    const all = await vscode.commands.getCommands(true);
    const contributed = (vscode.extensions.getExtension('iot-explorer.iot-explorer')?.packageJSON.contributes.commands ?? []) as { command: string; title: string }[];
    for (const id of ['readTimesignal', 'chartAllSeries', 'findCredential', 'countActiveEvents', 'acknowledgeEvent'].map((x) => `iotExplorer.iotticket.${x}`)) {
      assert.ok(all.includes(id), `${id} registered`);
      assert.ok(contributed.some((c) => c.command === id && c.title && !c.title.startsWith('%')), `${id} contributed with a title`);
    }
  });

  test('Read Time Signal… reads back a signal the device wrote (get_timesignal); another id reads nothing', async () => {
    const attrs = (await getJson<{ items: Attribute[] }>(core(`assets/${iot.asset.id}/attributes?limit=1000`), auth)).items;
    const spectrum = attrs.find((a) => a.name === 'Vibration spectrum');
    assert.ok(spectrum, 'the demo asset has a time-signal attribute');
    const ts = Date.UTC(2035, 2, 1);
    const written = await sendQuiet({ kind: 'iotticket.timesignals', connection: 'demo-iotticket', deviceId: iot.device.id, timesignals: [{ n: 'spectrum', ts, id: 'host-signal-1', value: { amplitude: [4, 5, 6] } }] });
    assert.equal(written.outcome.result, 'accepted', written.outcome.summary);
    const node = await child(api, await child(api, await asset(), 'Telemetry data'), 'Vibration spectrum');
    const result = await run<{ values: { id: string; value: unknown }[] }>('iotExplorer.iotticket.readTimesignal', node, { timesignalId: 'host-signal-1' });
    assert.deepEqual(result.values.map((v) => [v.id, v.value]), [['host-signal-1', { amplitude: [4, 5, 6] }]]);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.getText().includes('host-signal-1'), 'the result opens as JSON');
    const none = await run<{ values: unknown[] }>('iotExplorer.iotticket.readTimesignal', node, { timesignalId: 'no-such-signal' });
    assert.deepEqual(none.values, []);
    // On a node it does not apply to, nothing is read.
    assert.equal(await run('iotExplorer.iotticket.readTimesignal', await asset(), { timesignalId: 'x' }), undefined);
  });

  test('Chart All Series opens one chart with every numeric series attribute of the asset (get_multiple_timeseries)', async () => {
    const attrs = (await getJson<{ items: Attribute[] }>(core(`assets/${iot.asset.id}/attributes?limit=1000`), auth)).items;
    const expected = attrs.filter((a) => (a.type === 'TelemetryData' || a.type === 'Calculated') && !/^(string|binary|text)$/i.test(a.dataType ?? '')).map((a) => a.id);
    const charts = await api.charts();
    const before = charts.manager.allPanels.length;
    const charted = await run<{ attributeId: string }[]>('iotExplorer.iotticket.chartAllSeries', await asset());
    assert.deepEqual(charted.map((d) => d.attributeId).sort(), [...expected].sort());
    await eventually(() => assert.equal(charts.manager.allPanels.length, before + 1));
    assert.equal(charts.manager.activePanel?.seriesEntries.length, expected.length);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Find Credential… queries within the organization of the node (get_credential_query with organization_id)', async () => {
    const listed = await getJson<{ items: { id: string; name: string; clientId?: string }[] }>(core(`credentials?organizationId=${org.ref?.kind === 'iotticket-organization' ? org.ref.organizationId : ''}`), auth);
    const wanted = listed.items[0];
    assert.ok(wanted, 'the demo organization has a credential');
    const folder = await child(api, org, 'Credentials');
    const found = await run<{ id: string; name: string }>('iotExplorer.iotticket.findCredential', folder, { credentialName: wanted.name, credentialId: '', clientId: '', scope: '' });
    assert.equal(found.id, wanted.id);
    // Nothing matches: the platform's 404 is reported, nothing is returned.
    assert.equal(await run('iotExplorer.iotticket.findCredential', org, { credentialName: 'no such credential', credentialId: '', clientId: '', scope: '' }), undefined);
    // The Credentials folder lists the node's organization's credentials.
    assert.deepEqual(entities(await api.children(folder)).map((n) => labelOf(api, n)).sort(), listed.items.map((c) => c.name).sort());
  });

  test('sub-organizations show as the platform nests them, each with its own details and credentials (organization_id)', async () => {
    const orgs = (await getJson<{ items: { id: string; name: string; parentId: string | null }[] }>(core('organizations'), auth)).items;
    const rootId = orgs.find((o) => o.parentId === null)!.id;
    const sub = orgs.find((o) => o.parentId === rootId);
    assert.ok(sub, 'the demo has a sub-organization');
    const subNode = await treePath(api, org, 'Sub-organizations', sub.name);
    assert.equal(subNode.contextValue, 'iot.subOrganization');
    // Its details are asked for by its id, not the client's default organization.
    const details = (await subNode.json!(new AbortController().signal)) as { id: string; name: string };
    assert.deepEqual([details.id, details.name], [sub.id, sub.name]);
    // Its Credentials folder lists its own credentials, which differ from the top organization's.
    const own = (await getJson<{ items: { id: string; name: string }[] }>(core(`credentials?organizationId=${sub.id}`), auth)).items;
    const top = (await getJson<{ items: { id: string; name: string }[] }>(core(`credentials?organizationId=${rootId}`), auth)).items;
    assert.ok(own.length > 0 && !own.some((c) => top.some((t) => t.id === c.id)), 'the demo gives the sub-organization credentials of its own');
    const folder = await child(api, subNode, 'Credentials');
    assert.deepEqual(entities(await api.children(folder)).map((n) => labelOf(api, n)).sort(), own.map((c) => c.name).sort());
    // Find Credential… from there is scoped to it: the top organization's credential is not found.
    const found = await run<{ id: string }>('iotExplorer.iotticket.findCredential', folder, { credentialName: own[0]!.name, credentialId: '', clientId: '', scope: '' });
    assert.equal(found.id, own[0]!.id);
    assert.equal(await run('iotExplorer.iotticket.findCredential', subNode, { credentialName: top[0]!.name, credentialId: '', clientId: '', scope: '' }), undefined);
    // The top organization's own list does not include the sub-organization's.
    const topFolder = await child(api, org, 'Credentials');
    assert.deepEqual(entities(await api.children(topFolder)).map((n) => labelOf(api, n)).sort(), top.map((c) => c.name).sort());
  });

  test('Count Active Events counts an asset with its sub-assets and the whole organization, as the platform does', async () => {
    const a = await asset();
    const own = await getJson<{ count: number }>(core(`assets/${iot.asset.id}/events/active/count?includeChildren=true`), auth);
    assert.deepEqual(await run('iotExplorer.iotticket.countActiveEvents', a), { scope: 'asset', assetId: iot.asset.id, count: own.count });
    const all = await getJson<{ count: number }>(core('events/active/count'), auth);
    assert.deepEqual(await run('iotExplorer.iotticket.countActiveEvents', org), { scope: 'organization', count: all.count });
  });

  test('Acknowledge Event… acknowledges the active event on the platform; the node then shows it acknowledged', async () => {
    const message = `host-ack ${Date.now()}`;
    const raised = await sendQuiet({ kind: 'iotticket.deviceEvents', connection: 'demo-iotticket', deviceId: iot.device.id, events: [{ id: 'OVERHEAT', m: message, ts: Date.now(), severity: 'High', type: 'Alarm' }] });
    assert.equal(raised.outcome.result, 'accepted', raised.outcome.summary);
    const folder = await child(api, org, /^Active events/);
    const find = async (): Promise<TreeNode | undefined> => {
      api.explorer.refresh(folder);
      return entities(await api.children(folder)).find((n) => labelOf(api, n) === message);
    };
    const node = await eventually(async () => {
      const n = await find();
      assert.ok(n, 'the raised event is listed');
      return n;
    });
    assert.equal(node.contextValue, 'iot.event.active');
    const acknowledged = await run<{ acknowledged?: boolean }>('iotExplorer.iotticket.acknowledgeEvent', node, { confirm: false });
    assert.equal(acknowledged?.acknowledged, true, api.log.recent().slice(-3).map((e) => e.message).join(' / '));
    const active = await getJson<{ items: { message: string; acknowledged?: boolean }[] }>(core('events/active?limit=10000'), auth);
    assert.equal(active.items.find((e) => e.message === message)?.acknowledged, true);
    await eventually(async () => assert.equal(resourceOf(await find(), 'iotticket-event')?.event.acknowledged, true));
    // Acknowledging again says so and sends nothing.
    const again = await run<{ acknowledged?: boolean }>('iotExplorer.iotticket.acknowledgeEvent', (await find())!, { confirm: false });
    assert.equal(again.acknowledged, true);
  });
});

suite('SDK methods from the tree: Altair action requests, events and single properties', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  const run = <T>(id: string, node: TreeNode, answers: Record<string, unknown> = {}): Thenable<T> => vscode.commands.executeCommand<T>(id, node, answers);
  const sendQuiet = (spec: unknown): Thenable<SendResult> => vscode.commands.executeCommand<SendResult>('iotExplorer.sendSpec', spec, { quiet: true, confirm: () => true });
  const thingApi = async () => {
    const session = await api.connections.sessions.altair('demo-altair');
    return session.api.spaces(session.space).things(info.altair.thing.id);
  };
  /** The thing's folder of a kind (properties, actions, events). */
  const folder = async (context: RegExp): Promise<TreeNode> => {
    const thing = await api.goTo('demo-altair', info.altair.thing.id);
    assert.ok(thing, 'Go to… found the thing');
    return eventually(async () => {
      const found = (await api.children(thing)).find((k) => context.test(k.contextValue));
      assert.ok(found, `a ${String(context)} folder`);
      return found;
    });
  };
  /** The instance rows under the named action or event, read again from the server. */
  const instances = async (kindFolder: RegExp, name: string): Promise<TreeNode[]> => {
    const affordance = (await api.children(await folder(kindFolder))).find((n) => labelOf(api, n) === name);
    assert.ok(affordance, `${name} in the tree`);
    affordance.reset();
    return entities(await api.children(affordance));
  };

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  test('an action request: shown as the platform holds it, completed, then deleted (Actions1.get / update / delete)', async () => {
    const { actionName } = info.altair.thing;
    const sent = await sendQuiet({ kind: 'altair.action', connection: 'demo-altair', thingId: info.altair.thing.id, action: actionName, input: { setpoint: 21.5 } });
    assert.equal(sent.outcome.result, 'accepted', sent.outcome.summary);
    const rows = await instances(/^iot\.actions/, actionName);
    const row = rows.find((r) => r.ref?.kind === 'altair-action-request');
    assert.ok(row, `an action request row: ${rows.map((r) => r.contextValue).join(', ')}`);
    const ref = row.ref?.kind === 'altair-action-request' ? row.ref : undefined;
    assert.ok(ref);
    const shown = await run<Record<string, { status?: string }>>('iotExplorer.altair.showRecord', row);
    assert.ok(shown[actionName], 'the request keyed by its action');
    await run('iotExplorer.altair.completeActionRequest', row);
    const done = await (await thingApi()).actions(actionName, ref.requestId).get();
    assert.equal(done[actionName]?.status, 'completed');
    assert.equal(await run('iotExplorer.altair.deleteRecord', row, { confirm: false }), true);
    const gone = await (await thingApi()).actions(actionName, ref.requestId).get().then(() => 200, (err: { status?: number }) => err.status);
    assert.equal(gone, 404);
  });

  test('a recorded event: shown, then deleted (Events1.get / delete)', async () => {
    const { eventName } = info.altair.thing;
    const sent = await sendQuiet({ kind: 'altair.event', connection: 'demo-altair', thingId: info.altair.thing.id, event: eventName, data: 42.5 });
    assert.ok(['ok', 'accepted'].includes(sent.outcome.result), sent.outcome.summary);
    const rows = await instances(/^iot\.events/, eventName);
    const row = rows.find((r) => r.ref?.kind === 'altair-event-record');
    assert.ok(row, 'an event row');
    const ref = row.ref?.kind === 'altair-event-record' ? row.ref : undefined;
    assert.ok(ref);
    const shown = await run<Record<string, unknown>>('iotExplorer.altair.showRecord', row);
    assert.ok(shown[eventName], 'the event keyed by its name');
    assert.equal(await run('iotExplorer.altair.deleteRecord', row, { confirm: false }), true);
    const gone = await (await thingApi()).events(eventName, ref.eventId).get().then(() => 200, (err: { status?: number }) => err.status);
    assert.equal(gone, 404);
  });

  test('Read Property reads one property on its own, as the platform has it (Properties1.get)', async () => {
    const name = info.altair.thing.numericProperty;
    const props = entities(await api.children(await folder(/^iot\.properties/)));
    const node = props.find((p) => p.ref?.kind === 'altair-property' && p.ref.property === name);
    assert.ok(node, `property ${name}`);
    const value = await run<unknown>('iotExplorer.altair.readProperty', node);
    assert.deepEqual(value, (await (await thingApi()).properties().get())[name]);
  });
});
