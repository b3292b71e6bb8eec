/**
 * Charts through the real explorer path on the built-in demo: tree node → "Open Chart" for an IoT-TICKET
 * TelemetryData attribute, a v1 datanode and a numeric Altair property; the explorer's sources fetch long
 * ranges page-parallel within each platform's per-request limit; and live mode rides out injected faults
 * (429, 503, connection reset) without losing a point. Every count is compared with a raw read of the
 * emulator's API.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/explorer/treeNode';
import type { DemoInfo } from '../../src/demo/demoService';
import type { ChartPanel } from '../../src/charts/chartPanel';
import { ChartSerializer } from '../../src/charts/chartSerializer';
import type { SeriesSource } from '../../src/charts/seriesSource';
import { type SeriesDescriptor } from '../../src/shared/chart/series';
import { defaultViewOptions } from '../../src/shared/chart/viewOptions';
import { altairToken, basic, child, connectionNode, entities, explorerApi, getJson, labelOf, path } from './explorerHelpers';

interface Points {
  readonly timestamps: number[];
  readonly values: number[];
}

const DAY = 86_400_000;

/** Waits for `check` to return a value (polling, VS Code and the webview answer asynchronously). */
async function until<T>(what: string, check: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('Charts: the explorer path on the demo (IoT-TICKET, v1, Altair)', () => {
  let api: ExplorerApi;
  let info: DemoInfo;
  let auth: string;
  let bearer: string;
  const panels: ChartPanel[] = [];

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    auth = basic(info.iotticket.user, info.iotticket.password);
    bearer = `Bearer ${await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes)}`;
    assert.ok(await api.charts(), 'charts load on first use');
  });

  suiteTeardown(async () => {
    for (const p of panels) p.dispose();
    await (await api.demo.instance())?.faults.clear();
  });

  // ---- raw reads of the emulator (the reference) ----

  async function rawIotticket(assetId: string, attributeId: string, from: number, to: number): Promise<Points> {
    const out: Points = { timestamps: [], values: [] };
    for (let start = from; ;) {
      const page = await getJson<{ values?: { ts: number; v: number | null }[]; truncated?: boolean }>(
        `${info.iotticket.coreBaseUrl}/assets/${encodeURIComponent(assetId)}/attributes/${encodeURIComponent(attributeId)}/timeseries?start=${start}&end=${to}&order=asc&limit=10000&timestamp=epoch`, auth);
      const values = page.values ?? [];
      for (const p of values) {
        out.timestamps.push(p.ts);
        out.values.push(p.v === null ? NaN : p.v);
      }
      if (!page.truncated || values.length === 0) return out;
      start = values[values.length - 1].ts + 1;
    }
  }

  async function rawV1(deviceId: string, datanode: string, from: number, to: number): Promise<Points> {
    const out: Points = { timestamps: [], values: [] };
    for (let start = from; ;) {
      const body = await getJson<{ datanodeReads?: { values?: { ts: number; v: string }[] }[] }>(
        `${info.iotticket.v1BaseUrl}/process/read/${encodeURIComponent(deviceId)}?datanodes=${encodeURIComponent(datanode)}&fromdate=${start}&todate=${to}&limit=10000&order=ascending`, auth);
      const values = body.datanodeReads?.[0]?.values ?? [];
      for (const p of values) {
        out.timestamps.push(Number(p.ts));
        out.values.push(Number(p.v));
      }
      if (values.length < 10000) return out;
      start = Number(values[values.length - 1].ts) + 1;
    }
  }

  async function rawAltair(thingId: string, property: string, from: number, to: number): Promise<Points> {
    const pairs: [number, number][] = [];
    const at = `${new Date(from).toISOString()}|${new Date(to + 1).toISOString()}`;
    let cursor = '';
    do {
      const body = await getJson<{ data: { at: string; properties: Record<string, unknown> }[]; paging?: { next_cursor?: string } }>(
        `${info.altair.baseUrl}/spaces/${info.altair.space}/things/${thingId}/properties-history/${encodeURIComponent(property)}?at=${encodeURIComponent(at)}&limit=1000${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ''}`, bearer);
      for (const item of body.data) pairs.push([Date.parse(item.at), Number(item.properties[property])]);
      cursor = body.data.length > 0 ? (body.paging?.next_cursor ?? '') : '';
    } while (cursor);
    pairs.sort((a, b) => a[0] - b[0]);
    return { timestamps: pairs.map((p) => p[0]), values: pairs.map((p) => p[1]) };
  }

  // ---- tree nodes ----

  async function iotticketAttribute(): Promise<TreeNode> {
    const org = (await api.children(await connectionNode(api, 'demo-iotticket')))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    return child(api, await child(api, asset, 'Telemetry data'), info.iotticket.asset.telemetryAttributeName);
  }

  async function v1Datanode(): Promise<TreeNode> {
    const v1 = await child(api, await connectionNode(api, 'demo-iotticket'), 'REST API v1');
    const all = await child(api, v1, 'All devices');
    let device: TreeNode | undefined;
    for (let i = 0; i < 20 && !device; i++) {
      const children = await api.children(all);
      device = children.find((c) => c.platformId?.() === info.iotticket.v1.deviceId);
      const more = children.find((c) => c.contextValue === 'iot.loadMore');
      if (!device && more) await vscode.commands.executeCommand('iotExplorer.loadMore', more);
    }
    assert.ok(device, 'the example v1 device is listed');
    const dn = (await api.children(device)).find((d) => d.platformId?.() === info.iotticket.v1.datanodePath);
    assert.ok(dn, `datanode ${info.iotticket.v1.datanodePath}`);
    return dn;
  }

  async function altairProperty(): Promise<TreeNode> {
    const thing = await api.goTo('demo-altair', info.altair.thing.title);
    assert.ok(thing);
    const props = entities(await api.children((await api.children(thing))[0]));
    const prop = props.find((p) => labelOf(api, p) === info.altair.thing.numericProperty);
    assert.ok(prop, `property ${info.altair.thing.numericProperty}`);
    return prop;
  }

  function reference(d: SeriesDescriptor, from: number, to: number): Promise<Points> {
    switch (d.kind) {
      case 'iotticket-attribute':
        return rawIotticket(d.assetId ?? '', d.attributeId, from, to);
      case 'v1-datanode':
        return rawV1(d.deviceId, d.path, from, to);
      case 'altair-property':
        return rawAltair(d.thingId, d.property, from, to);
    }
  }

  const kinds: [string, () => Promise<TreeNode>, SeriesDescriptor['kind'], number][] = [
    ['an IoT-TICKET TelemetryData attribute', iotticketAttribute, 'iotticket-attribute', 10_000],
    ['a v1 datanode', v1Datanode, 'v1-datanode', 10_000],
    ['a numeric Altair property', altairProperty, 'altair-property', 1_000],
  ];

  for (const [name, find, kind, pageLimit] of kinds) {
    test(`"Open Chart" on ${name} draws every point of the last 24 h`, async () => {
      const node = await find();
      const d = node.series?.();
      assert.equal(d?.kind, kind);
      const panel = (await vscode.commands.executeCommand('iotExplorer.openChart', node)) as ChartPanel | undefined;
      assert.ok(panel, 'a chart opened');
      panels.push(panel);
      const result = await until('the chart to draw', () => (panel.snapshot().lastRender ? panel.snapshot() : undefined));
      assert.deepEqual(result.series.map((s) => s.kind), [kind]);
      const q = result.lastQuery;
      assert.ok(q);
      const ref = await reference(d!, q.from, q.to);
      assert.ok(ref.timestamps.length > 0, 'the demo series has points in the last 24 h');
      assert.deepEqual(result.lastResult?.errors, []);
      assert.equal(result.lastResult?.points, ref.timestamps.length);
      assert.equal(result.lastRender?.points, ref.timestamps.length);
      assert.ok((result.lastRender?.drawnPoints ?? 0) > 0);
      panel.dispose();
    });

    test(`the explorer's source for ${name} pages 30 days in parallel within ${pageLimit.toLocaleString('en')} points per request, and cancels`, async () => {
      const d = (await find()).series!()!;
      const [source]: SeriesSource[] = await (await api.charts()).manager.resolve([d]);
      assert.ok(source);
      const to = Date.now();
      const from = to - 30 * DAY;
      const pages: number[] = [];
      const got = await source.fetchRange({ from, to, onPage: (p) => pages.push(p.timestamps.length) });
      const ref = await reference(d, from, to);
      assert.deepEqual(Array.from(got.timestamps), ref.timestamps);
      assert.deepEqual(Array.from(got.values), ref.values);
      // Every request stayed within the platform's limit, and the range needed several.
      assert.ok(pages.every((n) => n <= pageLimit), `page sizes ${pages.join(', ')}`);
      assert.ok(pages.length >= Math.ceil(ref.timestamps.length / pageLimit), `${pages.length} pages for ${ref.timestamps.length} points`);
      // Cancelling after the first page rejects instead of returning part of the range.
      const ac = new AbortController();
      await assert.rejects(source.fetchRange({ from, to, signal: ac.signal, onPage: () => ac.abort() }), (err: Error) => /cancel|abort/i.test(`${err.name} ${err.message}`));
    });
  }

  test('live mode on a v1 datanode rides out 429, 503 and connection resets and loses no point', async () => {
    const emu = await api.demo.instance();
    assert.ok(emu, 'the demo emulator runs');
    const node = await v1Datanode();
    const d = node.series!()! as Extract<SeriesDescriptor, { kind: 'v1-datanode' }>;
    const dn = d.path.split('/').filter(Boolean);
    const manager = (await api.charts()).manager;
    const log = vscode.window.createOutputChannel('IoT Explorer live chart test', { log: true });
    // A chart restored with live mode on ("from now", polling every 300 ms), its source the explorer's.
    const webview = vscode.window.createWebviewPanel('iotExplorer.chart', 'live', vscode.ViewColumn.Active, { enableScripts: true });
    const startedAt = Date.now();
    await new ChartSerializer(manager, log).deserializeWebviewPanel(webview, {
      version: 1, series: [d], options: { ...defaultViewOptions, live: { enabled: true, intervalMs: 300, start: 'now', paused: false } },
    });
    const panel = manager.allPanels.find((p) => p.panel === webview);
    assert.ok(panel);
    panels.push(panel);

    // Points keep arriving: one written every 100 ms with the current time (v1 process/write).
    let writing = true;
    let lastWritten = 0;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const ts = Date.now();
        const res = await fetch(`${info.iotticket.v1BaseUrl}/process/write/${encodeURIComponent(d.deviceId)}`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify([{ name: dn[dn.length - 1], ...(dn.length > 1 ? { path: dn.slice(0, -1).join('/') } : {}), v: String(Math.sin(ts / 1000)), ts, dataType: 'double' }]),
        });
        assert.equal(res.status, 200, await res.text());
        lastWritten = ts;
        written++;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const liveState = () => panel.snapshot().live;
    try {
      // The initial fetch replaces what the webview holds; live appends count from the first poll after it was drawn.
      await until('the initial draw', () => panel.snapshot().lastRender);
      const drawnAt = Date.now();
      const firstPoll = await until('a live poll after the initial draw', () => ((liveState()?.lastPollAt ?? 0) > drawnAt ? liveState()?.lastPollAt : undefined));
      await until('a live poll with new points', () => ((liveState()?.lastPollAt ?? 0) > firstPoll + 1000 ? true : undefined));
      // Faults on every v1 read, one kind after the other; the platform client retries, then the session reports the outage.
      const prefix = '/api/v1/process/read/';
      await emu.faults.set([{ kind: '429', pathPrefix: prefix, retryAfterSec: 0.05 }]);
      const lost = await until('the chart to report the outage', () => (liveState()?.state === 'disconnected' ? liveState() : undefined));
      assert.ok(lost?.since && lost.since >= firstPoll);
      await emu.faults.set([{ kind: '503', pathPrefix: prefix, retryAfterSec: 0.05 }]);
      await new Promise((r) => setTimeout(r, 1500));
      await emu.faults.set([{ kind: 'reset', pathPrefix: prefix }]);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(liveState()?.state, 'disconnected');
      assert.equal(liveState()?.since, lost?.since, '"disconnected since" keeps the time the connection was lost');
      await emu.faults.clear();
      const healed = Date.now();
      await until('the chart to reconnect', () => (liveState()?.state === 'connected' && (liveState()?.lastPollAt ?? 0) > healed ? true : undefined));
      writing = false;
      await writer;
      // One more poll after the last write, so every written point is due.
      await until('a poll after the last write', () => ((liveState()?.lastPollAt ?? 0) > lastWritten ? true : undefined));
      await new Promise((r) => setTimeout(r, 300));

      const end = liveState()!.lastPollAt!;
      const held = (await panel.request('held')).held.find((s) => s.seriesId === panel.snapshot().series[0].id);
      assert.ok(held, 'the webview holds the series');
      // What live mode appended: everything after the first poll's cut.
      const keep = Array.from(held.timestamps.keys()).filter((i) => held.timestamps[i] > firstPoll && held.timestamps[i] <= end);
      const ref = await rawV1(d.deviceId, d.path, firstPoll + 1, end);
      assert.ok(written >= 20 && ref.timestamps.length >= 20, `${written} written, ${ref.timestamps.length} read back`);
      assert.deepEqual(keep.map((i) => held.timestamps[i]), ref.timestamps);
      assert.deepEqual(keep.map((i) => held.values[i]), ref.values);
      console.log(`      live: ${ref.timestamps.length} points over ${((end - startedAt) / 1000).toFixed(1)} s, outage from ${new Date(lost!.since!).toISOString()} healed, none lost`);
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      await emu.faults.clear();
      panel.dispose();
      log.dispose();
    }
  });
});
