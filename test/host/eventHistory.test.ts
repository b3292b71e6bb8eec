/**
 * The event history webview on the demo IoT-TICKET connection, in a real VS Code: the page shows what the
 * host queried as text; a failed query becomes an error state in the panel (with a retry and the log
 * entry), and a malformed query from the webview is refused before anything is asked of the platform. No
 * path leaves an unhandled rejection in the extension host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { ShownState } from '../../src/shared/eventHistory/protocol';
import type { EventHistoryPanel } from '../../src/webviews/eventHistory/eventHistoryPanel';
import { eventRow } from '../../src/webviews/eventHistory/eventRows';
import { cells, rowsStatus } from '../../webview/eventHistory/form';
import { child, entities, explorerApi } from './explorerHelpers';
import { postingPage, until } from './webviewHelpers';

suite('Event history: a webview app on the shared host', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let asset: TreeNode;
  let org: TreeNode;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  /** The extension host reports an unhandled rejection once the task that dropped it has ended. */
  async function assertNoUnhandledRejection(): Promise<void> {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled.map(String), [], 'no unhandled rejection');
  }

  async function open(node = asset): Promise<EventHistoryPanel> {
    const panel = await vscode.commands.executeCommand<EventHistoryPanel | undefined>('iotExplorer.showEventHistory', node);
    assert.ok(panel, 'the panel opened');
    await panel.whenLoaded();
    await panel.whenReady();
    return panel;
  }

  /** What the page shows, once `ok` holds for it. */
  const shown = (panel: EventHistoryPanel, ok: (s: ShownState) => boolean): Promise<ShownState> =>
    until('the page to show it', async () => {
      const s = await panel.request('shown');
      return ok(s) ? s : undefined;
    });

  suiteSetup(async () => {
    process.on('unhandledRejection', onUnhandled);
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    const conn = (await api.children()).find((r) => r.connectionId === 'demo-iotticket' && r.contextValue.startsWith('iot.connection'));
    assert.ok(conn);
    org = (await api.children(conn))[0];
    // An asset with events: the one of the first active event, found with Go to… by its id.
    const first = entities(await api.children(await child(api, org, 'Active events')))[0];
    const assetId = ((await first.json!(new AbortController().signal)) as { assetId: string }).assetId;
    const found = await api.goTo('demo-iotticket', assetId);
    assert.ok(found);
    asset = found;
  });

  teardown(async () => {
    await (await api.demo.instance())?.faults.clear();
    unhandled.length = 0;
  });

  suiteTeardown(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  test('the page shows the rows the host queried, cell by cell as text', async () => {
    const panel = await open();
    assert.equal(panel.state, 'loaded');
    assert.ok(panel.events.length > 0);
    const s = await shown(panel, (x) => x.rows === panel.events.length);
    assert.equal(s.error, false);
    assert.equal(s.status, rowsStatus(panel.events.length, panel.events.length, ''));
    assert.deepEqual(s.firstRow, cells(eventRow(panel.events[0])));
    // The page is a webview app: its bundle, the host's CSP, nothing inline.
    assert.match(panel.panel.webview.html, /dist\/webview\/eventHistory\.js/);
    assert.doesNotMatch(panel.panel.webview.html, /<script nonce="[^"]+">/);
    panel.dispose();
    await assertNoUnhandledRejection();
  });

  test('a failed query is an error state in the panel with the platform message, a retry and no unhandled rejection', async () => {
    const panel = await open();
    const emu = await api.demo.instance();
    assert.ok(emu);
    await emu.faults.set([{ kind: '500', pathPrefix: `${new URL(info.iotticket.coreBaseUrl).pathname}/events/history` }]);
    const failed = await panel.run({ ...panel.query, type: 'Alarm' });
    assert.equal(failed.ok, false);
    assert.equal(panel.state, 'failed');
    const s = await shown(panel, (x) => x.error);
    assert.match(s.status, /500/);
    const entry = api.log.recent().find((e) => e.level === 'error' && e.message.startsWith('Reading the event history failed'));
    assert.ok(entry, 'the failure is in the log');
    await assertNoUnhandledRejection();

    await emu.faults.clear();
    const retried = await panel.run(panel.query);
    assert.ok(retried.ok);
    assert.equal(panel.state, 'loaded');
    await shown(panel, (x) => !x.error && x.rows === panel.events.length);
    panel.dispose();
  });

  test('a query the page sends that the platform fails: an error state, and no unhandled rejection (issue 14.8)', async () => {
    const panel = await open();
    const emu = await api.demo.instance();
    assert.ok(emu);
    await emu.faults.set([{ kind: '500', pathPrefix: `${new URL(info.iotticket.coreBaseUrl).pathname}/events/history` }]);
    const failures = (): number => api.log.recent().filter((e) => e.level === 'error' && e.message.startsWith('Reading the event history failed')).length;
    const before = failures();
    const { start, end } = panel.query;
    // The path of the report: a message from the page, not a call of the panel's method.
    panel.panel.webview.html = postingPage([{ type: 'query', query: { start, end, ack: 'all', type: 'Alarm' } }]);
    await until('the failure to be logged', () => (failures() > before ? true : undefined));
    assert.equal(panel.state, 'failed');
    await assertNoUnhandledRejection();
    panel.dispose();
  });

  test('a query with a cleared "From", a reversed range or an unknown type from the webview is refused: nothing is asked, the panel says why', async () => {
    const panel = await open();
    const emu = await api.demo.instance();
    assert.ok(emu);
    // A rule that changes nothing but counts the requests of the route.
    await emu.faults.set([{ kind: 'latency', ms: 0, pathPrefix: `${new URL(info.iotticket.coreBaseUrl).pathname}/events/history` }]);
    const { start, end } = panel.query;
    const done = `event history page done ${Date.now()}`;
    // What the old page sent for a cleared "From" (NaN travels as null), and other queries the host must not run.
    panel.panel.webview.html = postingPage([
      { type: 'query', query: { start: null, end, ack: 'all' } },
      { type: 'query', query: { start: end, end: start, ack: 'all' } },
      { type: 'query', query: { start, end, ack: 'all', type: 'Everything' } },
      { type: 'showLog', entry: 1 },
      { type: 'log', level: 'info', message: done },
    ]);
    await until('the page to finish', () => (api.log.recent().some((e) => e.message.includes(done)) ? true : undefined));
    assert.equal((await emu.faults.list())[0].seen ?? 0, 0, 'nothing was asked of the platform');
    assert.equal(panel.state, 'failed');
    assert.deepEqual(panel.query, { start, end, ack: 'all' });
    assert.equal(api.log.recent().filter((e) => e.message.includes('event history: refused a message')).length >= 3, true);
    await assertNoUnhandledRejection();
    panel.dispose();
  });

  test('hostile event text from a device reaches the table as text: no markup, no line break, no reordering', async () => {
    const { adapterBaseUrl, tenant, device } = info.iotticket as unknown as { adapterBaseUrl: string; tenant: string; device: { id: string; username: string; password: string } };
    const message = '<img src=x onerror="alert(1)"><script>alert(2)</script>\n[ALERT] forged\u202Egnp.exe';
    const group = '**bold** [link](command:iotExplorer.removeConnection)';
    const at = Date.now() - 120_000;
    for (const active of [true, false]) {
      const res = await fetch(`${adapterBaseUrl}/event/${tenant}/${device.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${device.username}:${device.password}`).toString('base64')}` },
        body: JSON.stringify({ e: [{ id: 'HOSTILE_TEXT', m: message, gn: group, type: 'Alarm', severity: 'High', active, ts: active ? at : at + 1000 }] }),
      });
      assert.equal(res.status, 202);
    }
    const panel = await open(org);
    const r = await panel.run({ start: at, end: at + 1, ack: 'all' });
    assert.ok(r.ok);
    assert.deepEqual(r.events.map((e) => e.message), [message]);
    const s = await shown(panel, (x) => x.rows === 1);
    assert.equal(s.firstRow[4], '<img src=x onerror="alert(1)"><script>alert(2)</script>\\n[ALERT] forged\\u202egnp.exe');
    assert.equal(s.firstRow[6], group);
    panel.dispose();
    await assertNoUnhandledRejection();
  });
});
