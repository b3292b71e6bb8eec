/**
 * The Connections tree on the built-in demo (both platforms), in a real VS Code: "Try the demo" adds the
 * two connections and starts the emulator; every level is compared with what the emulator's API says.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { DemoInfo } from '../../src/demo/demoService';
import { formatSnippets } from '../../src/snippets/pythonSnippet';
import type { EventHistoryPanel } from '../../src/webviews/eventHistory/eventHistoryPanel';
import { altairToken, basic, child, connectionNode, entities, eventually, explorerApi, getJson, item, labelOf, path } from './explorerHelpers';

interface Level {
  readonly children: { id: string; name: string }[];
  readonly fullSize: number;
}

suite('Explorer: the demo dataset of both platforms', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let auth: string;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    auth = basic(info.iotticket.user, info.iotticket.password);
  });

  test('"Try the demo" adds one connection per platform, with nothing secret in settings', async () => {
    const ids = api.connections.store.list().map((p) => p.id);
    assert.ok(ids.includes('demo-iotticket') && ids.includes('demo-altair'), ids.join(', '));
    const raw = JSON.stringify(vscode.workspace.getConfiguration('iotExplorer').inspect('connections')?.globalValue);
    for (const secret of [info.iotticket.password, info.altair.clientSecret]) assert.ok(!raw.includes(secret), `settings hold a secret: ${raw}`);
    // The emulator listens on loopback on an ephemeral port.
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    console.log(`      activate() took ${api.activationMs} ms`);
  });

  test('IoT-TICKET: organization, its folders and the active-event count', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const orgs = await getJson<{ items: { id: string; name: string; parentId: string | null }[] }>(`${info.iotticket.coreBaseUrl}/organizations`, auth);
    const main = orgs.items.find((o) => o.parentId === null)!;
    const org = await child(api, conn, main.name);
    assert.equal(org.contextValue, 'iot.organization');
    const folders = (await api.children(org)).map((n) => labelOf(api, n));
    // The demo organization has one below it (Acme Energy Services).
    assert.deepEqual(folders, ['Assets', 'Templates', 'Devices', 'Active events', 'Analytics', 'Credentials', 'Sub-organizations']);
    const active = await getJson<{ fullSize: number; items?: unknown[] }>(`${info.iotticket.coreBaseUrl}/events/active`, auth);
    const eventsNode = await child(api, org, 'Active events');
    assert.equal(item(api, eventsNode).description, String(active.items?.length ?? 0));
    // The view's badge counts them too.
    assert.ok((api.explorer.treeView.badge?.value ?? 0) >= (active.items?.length ?? 0));
    assert.ok((active.items?.length ?? 0) > 0 && api.explorer.treeView.badge !== undefined);
    const events = entities(await api.children(eventsNode));
    assert.equal(events.length, active.items?.length ?? 0);
    assert.ok(events.every((e) => e.contextValue === 'iot.event.active'));
    // Severity icons: the most severe first.
    const severities = events.map((e) => String(item(api, e).description).split(' · ')[0]);
    const rank = (s: string): number => ['Low', 'Normal', 'High', 'Critical'].indexOf(s);
    assert.deepEqual(severities, [...severities].sort((a, b) => rank(b) - rank(a)));
  });

  test('IoT-TICKET: the asset tree level by level, attributes grouped by type', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const assets = await child(api, org, 'Assets');
    const rootLevel = await getJson<Level>(`${info.iotticket.coreBaseUrl}/assets/tree?limit=1000`, auth);
    assert.deepEqual(
      entities(await api.children(assets)).map((n) => labelOf(api, n)),
      rootLevel.children.map((c) => c.name),
    );
    // Down to the example asset, by the names path the emulator reports.
    const asset = await path(api, assets, ...info.iotticket.asset.namesPath);
    assert.equal(asset.contextValue, 'iot.asset');
    assert.deepEqual(asset.namesPath?.(), info.iotticket.asset.namesPath);
    const attrs = await getJson<{ items: { id: string; name: string; type: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/${info.iotticket.asset.id}/attributes?limit=1000`, auth);
    const groups = (await api.children(asset)).filter((n) => n.contextValue.startsWith('iot.attributeGroup'));
    const order = ['TelemetryData', 'Calculated', 'Number', 'String', 'DeviceEvent', 'AssetEvent', 'Command'];
    const types = [...new Set(attrs.items.map((a) => a.type))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    assert.equal(groups.length, types.length, `groups for ${types.join(', ')}`);
    // Each type has its own icon.
    const icons = groups.map((g) => (item(api, g).iconPath as vscode.ThemeIcon).id);
    assert.equal(new Set(icons).size, icons.length, icons.join(', '));
    let total = 0;
    for (const g of groups) total += entities(await api.children(g)).length;
    assert.equal(total, attrs.items.length);
    // The telemetry attribute is a chartable series node.
    const telemetryGroup = groups.find((g) => g.contextValue === 'iot.attributeGroup.telemetry')!;
    const attr = await child(api, telemetryGroup, info.iotticket.asset.telemetryAttributeName);
    assert.equal(attr.contextValue, 'iot.attribute.telemetry');
    assert.deepEqual(attr.series?.(), {
      kind: 'iotticket-attribute',
      connectionId: 'demo-iotticket',
      label: `${info.iotticket.asset.namesPath.at(-1)} · ${info.iotticket.asset.telemetryAttributeName}`,
      unit: attr.series?.()?.unit,
      assetId: info.iotticket.asset.id,
      attributeId: info.iotticket.asset.telemetryAttributeId,
    });
    assert.equal(attr.platformId?.(), info.iotticket.asset.telemetryAttributeId);
    assert.deepEqual(attr.namesPath?.(), [...info.iotticket.asset.namesPath, info.iotticket.asset.telemetryAttributeName]);
    const snippet = formatSnippets([attr.pythonSnippet!()!]);
    assert.match(snippet, /from das\.iot_client import IoTClient/);
    assert.ok(snippet.includes(`client.get_timeseries(names_path=[${[...info.iotticket.asset.namesPath, info.iotticket.asset.telemetryAttributeName].map((n) => `'${n}'`).join(', ')}]`), snippet);
  });

  test('IoT-TICKET: templates, devices, analytics and credentials list what the platform has', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const templates = await getJson<{ items: { name: string }[] }>(`${info.iotticket.coreBaseUrl}/asset-templates?limit=1000`, auth);
    assert.deepEqual(entities(await api.children(await child(api, org, 'Templates'))).map((n) => labelOf(api, n)), templates.items.map((t) => t.name));
    const devices = await getJson<{ fullSize: number }>(`${info.iotticket.coreBaseUrl}/devices?limit=1`, auth);
    const devicesNode = await child(api, org, 'Devices');
    const shown = await api.children(devicesNode);
    assert.equal(entities(shown).length, Math.min(devices.fullSize, 100));
    const analytics = await child(api, org, 'Analytics');
    const [models, services, onnx] = await api.children(analytics);
    for (const [node, route] of [[models, 'ml-models'], [services, 'ml-services'], [onnx, 'onnx-models']] as const) {
      const raw = await getJson<{ items?: { name: string }[] } | { name: string }[]>(`${info.iotticket.coreBaseUrl}/${route}?limit=1000`, auth);
      const names = (Array.isArray(raw) ? raw : (raw.items ?? [])).map((i) => i.name);
      assert.deepEqual(entities(await api.children(node)).map((n) => labelOf(api, n)).sort(), [...names].sort(), route);
    }
  });

  test('IoT-TICKET v1: quota, enterprises, devices and datanodes', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const v1 = await child(api, conn, 'REST API v1');
    const quota = await getJson<{ totalDevices: number }>(`${info.iotticket.v1BaseUrl}/quota/all/`, auth);
    const quotaNode = await child(api, v1, 'Quota');
    assert.match(String(item(api, quotaNode).description), new RegExp(`^${quota.totalDevices} of `));
    const enterprises = await getJson<{ items: { name: string }[] }>(`${info.iotticket.v1BaseUrl}/enterprises/?limit=100`, auth);
    assert.deepEqual(entities(await api.children(await child(api, v1, 'Enterprises'))).map((n) => labelOf(api, n)), enterprises.items.map((e) => e.name));
    const device = await getJson<{ name: string }>(`${info.iotticket.v1BaseUrl}/devices/${info.iotticket.v1.deviceId}/`, auth);
    const allDevices = await child(api, v1, 'All devices');
    let deviceNode: TreeNode | undefined;
    for (let i = 0; i < 20 && !deviceNode; i++) {
      const children = await api.children(allDevices);
      deviceNode = children.find((c) => c.platformId?.() === info.iotticket.v1.deviceId);
      const more = children.find((c) => c.contextValue === 'iot.loadMore');
      if (!deviceNode && more) await vscode.commands.executeCommand('iotExplorer.loadMore', more);
    }
    assert.ok(deviceNode, 'the example v1 device is listed');
    assert.equal(labelOf(api, deviceNode), device.name);
    const datanodes = await api.children(deviceNode);
    assert.equal(labelOf(api, datanodes[0]), 'Quota');
    const dn = datanodes.find((d) => d.platformId?.() === info.iotticket.v1.datanodePath);
    assert.ok(dn, `datanode ${info.iotticket.v1.datanodePath} among ${datanodes.map((d) => d.platformId?.()).join(', ')}`);
    assert.equal(dn.series?.()?.kind, 'v1-datanode');
  });

  test('Altair: space, categories with their things, all things paged, models', async () => {
    const conn = await connectionNode(api, 'demo-altair');
    const token = await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes);
    const bearer = `Bearer ${token}`;
    const space = await child(api, conn, info.altair.space);
    assert.deepEqual((await api.children(space)).map((n) => labelOf(api, n)), ['Categories', 'All things', 'Models']);
    const categories = await getJson<{ data: { name: string }[] }>(`${info.altair.baseUrl}/spaces/${info.altair.space}/categories?limit=1000`, bearer);
    const catNode = await child(api, space, 'Categories');
    assert.deepEqual(entities(await api.children(catNode)).map((n) => labelOf(api, n)), categories.data.map((c) => c.name));
    const category = await child(api, catNode, info.altair.category);
    const inCategory = await getJson<{ data: { title: string }[] }>(`${info.altair.baseUrl}/spaces/${info.altair.space}/categories/${info.altair.category}/things?limit=100`, bearer);
    assert.deepEqual(entities(await api.children(category)).map((n) => labelOf(api, n)), inCategory.data.map((t) => t.title));
    // All things: one page of the page size, then Load more while the server has more.
    const all = await child(api, space, 'All things');
    const first = await api.children(all);
    const total = await countThings(info, bearer);
    assert.equal(entities(first).length, Math.min(100, total));
    if (total > 100) {
      const more = first.at(-1)!;
      assert.equal(more.contextValue, 'iot.loadMore');
      assert.equal(labelOf(api, more), 'Load more (100 loaded, more available)');
      await vscode.commands.executeCommand('iotExplorer.loadMore', more);
      assert.equal(entities(await api.children(all)).length, Math.min(200, total));
    }
    const models = await getJson<{ data: { name: string }[] }>(`${info.altair.baseUrl}/spaces/${info.altair.space}/models?limit=1000`, bearer);
    assert.deepEqual(entities(await api.children(await child(api, space, 'Models'))).map((n) => labelOf(api, n)), models.data.map((m) => m.name));
  });

  test('Altair: a thing shows current property values, actions, events and MQTT credentials', async () => {
    const conn = await connectionNode(api, 'demo-altair');
    const token = await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes);
    const thingId = info.altair.thing.id;
    const base = `${info.altair.baseUrl}/spaces/${info.altair.space}/things/${thingId}`;
    const values = await getJson<Record<string, unknown>>(`${base}/properties`, `Bearer ${token}`);
    const thing = await api.goTo('demo-altair', info.altair.thing.title);
    assert.ok(thing, 'Go to… found the thing');
    assert.equal(thing.platformId?.(), thingId);
    assert.ok(thing.id.startsWith(conn.id), 'revealed inside its connection');
    const [props, actions, events, mqtt] = await api.children(thing);
    assert.deepEqual([props, actions, events, mqtt].map((n) => n.contextValue), ['iot.properties', 'iot.actions', 'iot.events', 'iot.mqtt']);
    const propNodes = await api.children(props);
    for (const [name, value] of Object.entries(values)) {
      const node = propNodes.find((p) => labelOf(api, p) === name);
      assert.ok(node, `property ${name}`);
      if (typeof value === 'number') {
        assert.equal(node.contextValue, 'iot.property.numeric');
        assert.ok(String(item(api, node).description).startsWith(String(Math.round(value * 1000) / 1000)), `${name}: ${String(item(api, node).description)} vs ${value}`);
      }
    }
    const numeric = propNodes.find((p) => labelOf(api, p) === info.altair.thing.numericProperty)!;
    assert.deepEqual(numeric.series?.(), {
      kind: 'altair-property',
      connectionId: 'demo-altair',
      label: `${info.altair.thing.title} · ${labelOf(api, numeric)}`,
      unit: numeric.series?.()?.unit,
      space: info.altair.space,
      thingId,
      property: labelOf(api, numeric),
    });
    assert.ok((await api.children(actions)).some((a) => labelOf(api, a) === info.altair.thing.actionName));
    assert.ok((await api.children(events)).some((a) => labelOf(api, a) === info.altair.thing.eventName));
    const snippet = formatSnippets([numeric.pythonSnippet!()!]);
    assert.ok(snippet.includes(`api.spaces('${info.altair.space}').things('${thingId}').properties('${labelOf(api, numeric)}').get()`), snippet);
    assert.ok(!snippet.includes(info.altair.clientSecret), 'no secret in snippets');
  });

  test('"Open Chart" and "Add to Chart" hand the selected series to one chart', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const telemetry = await child(api, asset, 'Telemetry data');
    const series = entities(await api.children(telemetry)).filter((n) => n.contextValue === 'iot.attribute.telemetry').slice(0, 2);
    assert.equal(series.length, 2);
    // A multi-selection: (clicked node, selected nodes), as VS Code passes them.
    const panel = (await vscode.commands.executeCommand('iotExplorer.openChart', series[0], series)) as
      | { snapshot(): { series: readonly { id: string }[] }; panel: vscode.WebviewPanel }
      | undefined;
    assert.ok(panel, 'a chart opened');
    const key = (d: { kind: string; connectionId: string; assetId?: string; attributeId?: string }): string => `${d.kind}/${d.connectionId}/${d.assetId}/${d.attributeId}`;
    assert.deepEqual(panel.snapshot().series.map((s) => s.id), series.map((n) => key(n.series!() as never)));
    // A numeric Altair property goes to the same (last active) chart.
    const thing = await api.goTo('demo-altair', info.altair.thing.title);
    const prop = (await api.children((await api.children(thing!))[0])).find((p) => labelOf(api, p) === info.altair.thing.numericProperty)!;
    const same = (await vscode.commands.executeCommand('iotExplorer.addToChart', prop)) as typeof panel;
    assert.equal(same, panel);
    assert.equal(panel.snapshot().series.length, 3);
    panel.panel.dispose();
  });

  test('Open JSON shows what the platform returns', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    await vscode.commands.executeCommand('iotExplorer.openJson', org);
    const doc = await eventually(() => {
      const d = vscode.window.activeTextEditor?.document;
      assert.equal(d?.uri.scheme, 'iot-json');
      return d!;
    });
    const shown = JSON.parse(doc.getText()) as { id: string; name: string };
    const raw = await getJson<{ id: string; name: string }>(`${info.iotticket.coreBaseUrl}/organizations/${org.platformId?.()}`, auth);
    assert.deepEqual(shown, raw);
    assert.equal(doc.isDirty, false);
  });

  test('Print asset tree writes every asset into an untitled document', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const doc = (await vscode.commands.executeCommand('iotExplorer.printAssetTree', org)) as vscode.TextDocument | undefined;
    const text = doc?.getText() ?? vscode.window.activeTextEditor?.document.getText() ?? '';
    const all = await getJson<{ fullSize: number; items: { name: string; id: string }[] }>(`${info.iotticket.coreBaseUrl}/assets?limit=1000`, auth);
    for (const a of all.items) assert.ok(text.includes(`${a.name} (${a.id})`), `${a.name} missing`);
  });

  test('Show event history lists the events of an asset with filters', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    // An asset that has events: the one of the first active event, found with Go to… by its id.
    const eventsNode = await child(api, org, 'Active events');
    const firstEvent = entities(await api.children(eventsNode))[0];
    const assetId = ((await firstEvent.json!(new AbortController().signal)) as { assetId: string }).assetId;
    const asset = await api.goTo('demo-iotticket', assetId);
    assert.ok(asset, `Go to… found asset ${assetId}`);
    assert.equal(asset.platformId?.(), assetId);
    const panel = await vscode.commands.executeCommand<EventHistoryPanel | undefined>('iotExplorer.showEventHistory', asset);
    assert.ok(panel, 'the panel opened');
    await panel.whenLoaded();
    const raw = await getJson<{ items?: { type: string }[] }>(
      `${info.iotticket.coreBaseUrl}/events/history?assetIds=${asset.platformId?.()}&start=${new Date(panel.query.start).toISOString()}&end=${new Date(panel.query.end).toISOString()}&limit=10000`,
      auth,
    );
    assert.ok((raw.items?.length ?? 0) > 0, 'the asset has events in the default range');
    assert.equal(panel.events.length, raw.items?.length ?? 0);
    const alarms = await panel.run({ ...panel.query, type: 'Alarm', ack: 'all' });
    assert.ok(alarms.ok);
    assert.ok(alarms.events.every((e) => e.type === 'Alarm'));
    assert.equal(alarms.events.length, (raw.items ?? []).filter((e) => e.type === 'Alarm').length);
    const unack = await panel.run({ ...panel.query, type: undefined, ack: 'unacknowledged' });
    assert.ok(unack.ok && unack.events.every((e) => !e.acknowledged));
    panel.panel.dispose();
  });
});

async function countThings(info: DemoInfo, bearer: string): Promise<number> {
  let n = 0;
  let cursor = '';
  do {
    const page = await getJson<{ data: unknown[]; paging?: { next_cursor?: string } }>(
      `${info.altair.baseUrl}/spaces/${info.altair.space}/things?limit=1000${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ''}`,
      bearer,
    );
    n += page.data.length;
    cursor = page.paging?.next_cursor ?? '';
  } while (cursor);
  return n;
}
