import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readParquet } from 'parquet-wasm/node';
import { tableFromIPC } from 'apache-arrow';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { ChartManager, type LastRender } from '../../src/charts/chartManager';
import type { ChartPanel } from '../../src/charts/chartPanel';
import { ChartSerializer } from '../../src/charts/chartSerializer';
import { ChartExporter, exportErrorText } from '../../src/charts/exporter';
import { ExportFolder } from '../../src/charts/exportFolder';
import { CHART_VIEW_TYPE } from '../../src/shared/chart/protocol';
import { type SeriesDescriptor } from '../../src/shared/chart/series';
import { seriesUri } from '../../src/shared/chart/seriesUri';
import { defaultViewOptions, type ChartWebviewState } from '../../src/shared/chart/viewOptions';
import { postingPage, until } from './webviewHelpers';
import { emulatorIds, emulatorSource, sequentialRead, telemetryAttributes, type AttributeInfo } from '../node/charts/emulatorSource';

const EXTENSION_ID = 'iot-explorer.iot-explorer';
const logLines: string[] = [];
/** Calls of the channel's other methods (a webview must never reach them). */
const channelCalls: string[] = [];

/** The channel, also keeping its lines so a failing test can print them. */
function recordingLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const keep = (level: string) => (message: string, ...args: unknown[]) => {
    logLines.push(`[${level}] ${message}`);
    (channel[level as 'info'] as (m: string, ...a: unknown[]) => void)(message, ...args);
  };
  const record = (name: string) => () => void channelCalls.push(name);
  return Object.assign(Object.create(channel) as vscode.LogOutputChannel, {
    trace: keep('trace'), debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error'),
    dispose: record('dispose'), clear: record('clear'), hide: record('hide'), show: record('show'), replace: record('replace'),
  });
}

/** The next event matching `pred`, or a rejection after `ms`. */
function next<T>(event: vscode.Event<T>, pred: (e: T) => boolean = () => true, ms = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no event within ${ms} ms`));
    }, ms);
    const sub = event((e) => {
      if (!pred(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

suite('Charts: chart panels in a real VS Code', () => {
  let emu: Emulator;
  let manager: ChartManager;
  let exporter: ChartExporter;
  let log: vscode.LogOutputChannel;
  let channel: vscode.LogOutputChannel;
  let extensionUri: vscode.Uri;
  /** A second TelemetryData attribute of the example asset (another unit, so a second y-axis). */
  let other: AttributeInfo;
  const tmp = mkdtempSync(join(tmpdir(), 'iot-charts-'));
  /** The emulator series a descriptor points at (what the explorer's resolveSource does for real connections). */
  const resolve = (d: SeriesDescriptor) => (d.kind === 'iotticket-attribute' ? emulatorSource(emu, { attributeId: d.attributeId, label: d.label, unit: d.unit }) : undefined);

  suiteSetup(async () => {
    emu = await startEmulator();
    other = (await telemetryAttributes(emu))[1];
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    extensionUri = ext.extensionUri;
    channel = vscode.window.createOutputChannel('IoT Explorer chart tests', { log: true });
    log = recordingLog(channel);
    exporter = new ChartExporter(log, new ExportFolder(memoryMemento()));
    manager = new ChartManager({ extensionUri, log, resolveSource: resolve, runCommand: (p, c) => exporter.run(p, c) });
  });

  teardown(function () {
    // On failure, show what the panels and the webview logged.
    if (this.currentTest?.state === 'failed') console.log(`chart log:\n  ${logLines.splice(0).join('\n  ')}`);
    else logLines.length = 0;
  });

  suiteTeardown(async () => {
    manager.dispose();
    channel.dispose();
    await emu.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  let first: ChartPanel;

  test('opening a chart fetches the series, draws it and reports the timings', async () => {
    const src = emulatorSource(emu);
    const rendered = next(manager.onDidRender);
    first = manager.open([src]);
    const r: LastRender = await rendered;
    const snap = first.snapshot();
    assert.equal(first.panel.viewType, CHART_VIEW_TYPE);
    assert.equal(snap.ready, true);
    assert.deepEqual(snap.series.map((s) => s.id), [src.id]);
    assert.ok(snap.lastQuery, 'the webview asked for data');
    assert.equal(snap.lastQuery.mode, 'raw');
    assert.equal(snap.lastQuery.reason, 'initial');
    // The default range is the last 24 h, asked at the plot's real pixel width.
    assert.ok(Math.abs(snap.lastQuery.to - snap.lastQuery.from - 86_400_000) < 5_000);
    assert.ok(snap.lastQuery.widthPx >= 100);
    const ref = await sequentialRead(emu, snap.lastQuery.from, snap.lastQuery.to);
    assert.equal(r.points, ref.timestamps.length);
    assert.equal(snap.lastResult?.points, ref.timestamps.length);
    assert.ok(r.drawnPoints > 0 && r.drawnPoints <= ref.timestamps.length + 4);
    assert.ok(r.drawnPoints <= 2 * snap.lastQuery.widthPx + 8, `${r.drawnPoints} drawn for ${snap.lastQuery.widthPx} px`);
    assert.equal(r.series, 1);
    for (const k of ['fetchMs', 'transferMs', 'drawMs'] as const) assert.ok(Number.isFinite(r[k]) && r[k] >= 0, k);
    assert.equal(manager.lastRender?.panelId, first.id);
    assert.equal(snap.lastRender?.requestId, r.requestId);
    assert.match(first.panel.title, /Bearing temperature/);
  });

  test('the webview is locked down: CSP with a nonce, resources only from dist/webview', () => {
    const html = first.panel.webview.html;
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16);
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}" src="[^"]+dist/webview/chart\\.js"`));
    assert.doesNotMatch(html, /\son[a-z]+=/i); // no inline handlers
    // Every source is the webview's own resource origin, the nonce, or inline data/blob images.
    const allowed = new Set([...first.panel.webview.cspSource.split(/\s+/), "'none'", 'data:', 'blob:', `'nonce-${nonce}'`]);
    for (const directive of csp.split(';')) {
      const [, ...sources] = directive.trim().split(/\s+/);
      for (const src of sources) assert.ok(allowed.has(src), `unexpected source ${src} in ${directive}`);
    }
    assert.doesNotMatch(csp, /connect-src/); // no fetch/XHR/WebSocket from the webview (default-src 'none')
    const roots = first.panel.webview.options.localResourceRoots ?? [];
    assert.deepEqual(roots.map((u) => u.path), [vscode.Uri.joinPath(extensionUri, 'dist', 'webview').path]);
  });

  test('"Add to chart" adds to the last active chart and the webview draws both series', async () => {
    const b = emulatorSource(emu, { attributeId: other.id, label: other.name, unit: other.unit });
    const rendered = next(manager.onDidRender, (r) => r.panelId === first.id && r.series === 2);
    const target = manager.addToChart([b]);
    assert.equal(target, first);
    const r = await rendered;
    assert.equal(first.snapshot().series.length, 2);
    assert.equal(first.snapshot().lastQuery?.reason, 'series');
    assert.ok(r.points > 0);
    // Adding the same series again changes nothing.
    assert.deepEqual(first.addSources([b]), []);
  });

  test('a drop of iot-series URIs (what the tree puts in text/uri-list) adds those series', async () => {
    const ids = emulatorIds(emu);
    const third = (await telemetryAttributes(emu))[2];
    const d: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'emulator', assetId: ids.assetId, attributeId: third.id, label: third.name, unit: third.unit };
    const rendered = next(manager.onDidRender, (r) => r.panelId === first.id && r.series === 3);
    const added = await first.addDropped([['# dragged from the tree', seriesUri(d), 'file:///not/a/series.csv'].join('\r\n')]);
    assert.deepEqual(added.map((s) => s.label), [third.name]);
    await rendered;
    assert.equal(first.snapshot().series.length, 3);
    assert.deepEqual(await first.addDropped(['file:///tmp/x.csv']), []);
    first.removeSeries(added[0].id);
    assert.equal(first.snapshot().series.length, 2);
  });

  test('the webview answers with its visible range and a PNG of the chart', async () => {
    const visible = await first.request('visibleRange');
    const q = first.snapshot().lastQuery;
    assert.ok(q);
    assert.ok(Math.abs(visible.from - q.from) < 1000 && Math.abs(visible.to - q.to) < 1000, JSON.stringify(visible));
    const png = await exporter.pngOf(first);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 2000);
  });

  test('CSV export streams every point of the chart range to the file', async () => {
    const file = join(tmp, 'chart.csv');
    const range = first.exportRange();
    const r = await exporter.exportToFile(first, 'csv', file, range);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const refA = await sequentialRead(emu, range.from, range.to);
    const refB = await sequentialRead(emu, range.from, range.to, other.id);
    assert.equal(lines[0], 'timestamp,epoch_ms,series_id,series,unit,value');
    assert.equal(lines.length - 1, refA.timestamps.length + refB.timestamps.length);
    assert.equal(r.points, lines.length - 1);
    assert.equal(Number(lines[1].split(',')[1]), refA.timestamps[0]);
  });

  test('Parquet export loads its writer on first use in the extension host and holds every point; the BOM setting starts a CSV with EF BB BF', async () => {
    const file = join(tmp, 'chart.parquet');
    const range = first.exportRange();
    const r = await exporter.exportToFile(first, 'parquet', file, range);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1');
    assert.equal(bytes.subarray(-4).toString('latin1'), 'PAR1');
    const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
    const refA = await sequentialRead(emu, range.from, range.to);
    const refB = await sequentialRead(emu, range.from, range.to, other.id);
    assert.equal(table.numRows, refA.timestamps.length + refB.timestamps.length);
    assert.equal(r.points, table.numRows);
    assert.equal(Number(table.getChild('timestamp')!.get(0)), refA.timestamps[0]);
    const config = vscode.workspace.getConfiguration('iotExplorer.export');
    await config.update('csvByteOrderMark', true, vscode.ConfigurationTarget.Global);
    try {
      const csv = join(tmp, 'excel.csv');
      await exporter.exportToFile(first, 'csv', csv, range);
      assert.deepEqual([...readFileSync(csv).subarray(0, 4)], [0xef, 0xbb, 0xbf, 0x74]);
    } finally {
      await config.update('csvByteOrderMark', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a cancelled or failed export leaves the file the user chose as it was, and leaves nothing beside it', async () => {
    const file = join(tmp, 'precious.csv');
    writeFileSync(file, 'precious');
    const before = readdirSync(tmp).sort();
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(exporter.exportToFile(first, 'csv', file, first.exportRange(), abort.signal));
    const cancelled = new AbortController();
    await assert.rejects(exporter.exportToFile(first, 'json', file, first.exportRange(), cancelled.signal, () => cancelled.abort()));
    assert.equal(readFileSync(file, 'utf8'), 'precious');
    assert.deepEqual(readdirSync(tmp).sort(), before, 'no partial file left');
  });

  test('a folder, a missing folder or a device as target: the error says so and nothing is touched', async () => {
    const folder = join(tmp, 'a-folder.csv');
    mkdirSync(folder);
    for (const [target, words] of [[folder, /is a folder/], [join(tmp, 'missing', 'x.csv'), /does not exist/], ['/dev/null', /not a regular file/]] as const) {
      const err = await exporter.exportToFile(first, 'csv', target, first.exportRange()).then(() => undefined, (e: unknown) => e);
      assert.ok(err, `${target}: the export must fail`);
      assert.match(exportErrorText(err), words);
    }
    assert.ok(statSync(folder).isDirectory() && statSync('/dev/null').isCharacterDevice());
  });

  test('"Copy visible range as CSV" gives the raw points of the visible range', async () => {
    const text = await exporter.visibleCsv(first);
    const vr = await first.request('visibleRange');
    const refA = await sequentialRead(emu, Math.floor(vr.from), Math.ceil(vr.to));
    const refB = await sequentialRead(emu, Math.floor(vr.from), Math.ceil(vr.to), other.id);
    assert.equal(text.trimEnd().split('\n').length - 1, refA.timestamps.length + refB.timestamps.length);
  });

  test('a second panel becomes the target of "Add to chart"; removing a series updates it', async () => {
    const rendered = next(manager.onDidRender, (r) => r.panelId !== first.id);
    const second = manager.open([emulatorSource(emu, { attributeId: other.id, label: other.name, unit: other.unit })]);
    await rendered;
    assert.equal(manager.allPanels.length, 2);
    assert.equal(manager.activePanel, second);
    const added = next(manager.onDidRender, (r) => r.panelId === second.id && r.series === 2);
    manager.addToChart([emulatorSource(emu)]);
    await added;
    assert.equal(first.snapshot().series.length, 2);
    second.removeSeries(second.snapshot().series[0].id);
    assert.equal(second.snapshot().series.length, 1);
    second.dispose();
    assert.equal(manager.allPanels.length, 1);
    assert.equal(manager.activePanel, first);
  });

  test('the serializer restores a chart in statistics mode from its saved state', async () => {
    const ids = emulatorIds(emu);
    const d: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'emulator', assetId: ids.assetId, attributeId: ids.attributeId, label: 'Restored' };
    const state: ChartWebviewState = { version: 1, series: [d, { ...d, kind: 'v1-datanode', deviceId: 'gone', path: '/x' } as SeriesDescriptor], options: { ...defaultViewOptions, mode: 'stats', preset: '7d', statsDimension: 'Day' } };
    const panel = vscode.window.createWebviewPanel(CHART_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, { enableScripts: true });
    const rendered = next(manager.onDidRender, (r) => r.panelId !== first.id);
    await new ChartSerializer(manager, log).deserializeWebviewPanel(panel, state);
    const r = await rendered;
    const restored = manager.allPanels.find((p) => p.panel === panel);
    assert.ok(restored);
    const snap = restored.snapshot();
    assert.deepEqual(snap.series.map((s) => s.label), ['Restored']); // the unresolvable series is skipped
    assert.equal(snap.lastQuery?.mode, 'stats');
    assert.equal(snap.lastResult?.mode, 'stats');
    assert.ok(r.drawnPoints >= 7 * 3, `${r.drawnPoints} drawn`); // min, max, avg per daily bucket
    assert.deepEqual(snap.lastResult?.errors, []);
    restored.dispose();
  });

  test('live mode restored with a chart starts polling and reports connected', async () => {
    const ids = emulatorIds(emu);
    const d: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'emulator', assetId: ids.assetId, attributeId: ids.attributeId, label: 'Live' };
    const panel = vscode.window.createWebviewPanel(CHART_VIEW_TYPE, 'live', vscode.ViewColumn.Active, { enableScripts: true });
    await new ChartSerializer(manager, log).deserializeWebviewPanel(panel, { version: 1, series: [d], options: { ...defaultViewOptions, live: { enabled: true, intervalMs: 500, start: 'time', startTime: Date.now() - 600_000, paused: false } } });
    const live = manager.allPanels.find((p) => p.panel === panel);
    assert.ok(live);
    await live.whenReady();
    for (let i = 0; i < 100 && live.snapshot().live?.lastPollAt === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    const status = live.snapshot().live;
    assert.equal(status?.state, 'connected');
    assert.ok(status?.lastPollAt);
    live.dispose();
  });

  test('hostile messages through the real webview channel are refused, logged once each, and change nothing', async () => {
    const rendered = next(manager.onDidRender, (r) => r.panelId !== first.id);
    const panel = manager.open([emulatorSource(emu)]);
    await rendered;
    const before = panel.snapshot();
    const live = { enabled: true, intervalMs: 5000, start: 'now', paused: false };
    const hostile = [
      { type: 'log', level: 'dispose', message: 'x' },
      { type: 'log', level: 'clear', message: 'x' },
      { type: 'log', level: 'info', message: 'x'.repeat(100_000) },
      { type: 'live', live: { ...live, intervalMs: 'fast' } },
      { type: 'live', live: { ...live, intervalMs: 1 } },
      { type: 'options', options: { ...before.options, live: { ...live, intervalMs: 'fast' } } },
      { type: 'removeSeries', seriesId: 42 },
      { type: 'fetch', requestId: 7, query: { ...before.lastQuery, to: before.lastQuery!.from - 1 } },
      { type: 'command', command: 'dispose' },
      { type: 'eval', code: 'x' },
    ];
    const done = `hostile page done ${Date.now()}`;
    channelCalls.length = 0;
    const refusedBefore = logLines.filter((l) => l.includes('refused a message')).length;
    // Each hostile message twice: a refusal is logged the first time only.
    panel.panel.webview.html = postingPage([...hostile, ...hostile, { type: 'log', level: 'info', message: done }]);
    await until('the page to finish', () => (logLines.some((l) => l.includes(done)) ? true : undefined));
    const refusals = logLines.filter((l) => l.includes('refused a message')).slice(refusedBefore);
    // One line per problem, however often it came: both unknown log levels are the same problem.
    assert.equal(new Set(refusals).size, refusals.length, logLines.join('\n'));
    assert.equal(refusals.length, hostile.length - 1, logLines.join('\n'));
    assert.ok(refusals.some((l) => l.includes('log: message')), 'the over-long log text is refused');
    assert.deepEqual(channelCalls, [], 'no log channel method other than a log level was called');
    const after = panel.snapshot();
    assert.equal(after.live, undefined, 'live mode did not start');
    assert.deepEqual(after.options, before.options);
    assert.deepEqual(after.series, before.series);
    assert.deepEqual(after.lastQuery, before.lastQuery, 'no fetch ran');
    panel.dispose();
  });

  test('the chart commands open a chart from series arguments', async () => {
    const panel = await vscode.commands.executeCommand<ChartPanel | undefined>('iotExplorer.openChart', emulatorSource(emu));
    assert.ok(panel);
    await new Promise<void>((resolveRender) => {
      const sub = panel.onDidRender(() => {
        sub.dispose();
        resolveRender();
      });
    });
    assert.equal(panel.snapshot().series.length, 1);
    panel.dispose();
  });
});

/** A Memento in memory (the exporter remembers the last export folder in one). */
function memoryMemento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T): T | undefined => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  };
}
