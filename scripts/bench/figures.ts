/**
 * The measuring child process of `npm run bench` (bundled to out/bench/figures.js by scripts/bench.mjs,
 * run against an emulator in another process). Prints one JSON object as its last stdout line.
 *   node out/bench/figures.js main --url URL --reps N --points N --multi-points N [--emulator-pid PID] [--only series,history,…]
 *   node out/bench/figures.js rss --url URL
 *   node out/bench/figures.js goto --url URL --reps N   (against an emulator with 1,000,000 assets)
 *   node --expose-gc out/bench/figures.js memory --url URL   (one chart of ten long series: peak RSS, memory after closing it)
 * `main` measures figures 1–3; `rss` reads one long series in a fresh process and reports its peak RSS;
 * `goto` the streaming Go to… search over a million assets (gotoFigures.ts).
 */
import { parseArgs } from 'node:util';
import type { IotTicketClient } from '../../src/platforms/iotticket';
import { bridgeSeriesRatio, pythonMissing } from './bridgeFigure';
import { altairPagedSource, altairSequentialSource, chartRead, iotTicketPagedSource, iotTicketSequentialSource, PLOT_WIDTH_PX } from './chartSources';
import { chartFirstPaint } from './firstPaintFigure';
import { altairApi, emulatorInfo, iotTicketClient, withLatency, type EmulatorInfo } from './emulatorInfo';
import { liveUpdate } from './liveFigure';
import { peakRss } from './rss';
import { fetchRatio, multiSeriesSpeedup, type MeasureContext } from './seriesFigures';
import { procCpuProbe } from './timing';
import { gotoIndex, treeFirstPage } from './treeFigures';
import { gotoFigures } from './gotoFigures';
import { chartMemory } from './memoryFigure';

const DAY_MS = 86_400_000;
/** The emulator's IoT-TICKET series span 90 days; Altair's long history 60 days (both end now). */
const HISTORY_MS = 90 * DAY_MS;
const MULTI_SERIES = 10;
/** Per-request latency of the multi-series variant that models a remote server. */
const LATENCY_MS = 50;

interface Targets {
  /** The root asset, whose level is the big one (`--children-per-level`). */
  readonly levelParentId: string;
  /** One TelemetryData attribute of each of the first MULTI_SERIES children of the big level. */
  readonly multiAttributeIds: readonly string[];
  /** The same with their assets. */
  readonly multi: readonly { readonly assetId: string; readonly attributeId: string }[];
}

/** Finds the big level and the series attributes through the client, not by the emulator's id scheme. */
async function targets(client: IotTicketClient): Promise<Targets> {
  const roots = await client.assets.getAssetLevel({ limit: 1 });
  const root = roots.children[0];
  if (!root) throw new Error('the emulator has no root asset');
  const level = await client.assets.getAssetLevel({ assetId: root.id, limit: MULTI_SERIES });
  const multi: { assetId: string; attributeId: string }[] = [];
  for (const child of level.children) {
    const attrs = await client.assets.getAttributes({ assetId: child.id, attributeType: 'TelemetryData' });
    if (attrs[0]) multi.push({ assetId: child.id, attributeId: attrs[0].id });
  }
  const multiAttributeIds = multi.map((m) => m.attributeId);
  if (multiAttributeIds.length < MULTI_SERIES) throw new Error(`found ${multiAttributeIds.length} TelemetryData attributes for the multi-series figure`);
  return { levelParentId: root.id, multiAttributeIds, multi };
}

/** Figure groups of `main`, in the order they run; `--only a,b` picks some (for profiling). */
export const MAIN_FIGURES = ['series', 'firstPaint', 'sequential', 'history', 'historySequential', 'multi', 'tree', 'index', 'bridge', 'live'] as const;
type MainFigure = (typeof MAIN_FIGURES)[number];

async function main(info: EmulatorInfo, ctx: MeasureContext, points: number, multiPoints: number, only: ReadonlySet<MainFigure>): Promise<Record<string, unknown>> {
  const client = iotTicketClient(info);
  const api = altairApi(info);
  const to = Date.now();
  const from = to - HISTORY_MS;
  const { asset } = info.iotticket;
  const { space, thing } = info.altair;
  const t = await targets(client);
  const step = HISTORY_MS / points;
  const figures: Record<MainFigure, [string, () => Promise<unknown>]> = {
    series: ['IoT-TICKET page-parallel chart read vs raw pages',
      () => fetchRatio(ctx, () => chartRead(iotTicketPagedSource(client, asset.id, asset.telemetryAttributeId), from, to))],
    firstPaint: ['IoT-TICKET chart query until its first preview is ready to draw',
      () => chartFirstPaint(ctx.reps, iotTicketPagedSource(client, asset.id, asset.telemetryAttributeId), from, to, PLOT_WIDTH_PX)],
    sequential: ['IoT-TICKET sequential fetchSeriesPaged vs raw pages',
      () => fetchRatio(ctx, () => chartRead(iotTicketSequentialSource(client, asset.id, asset.telemetryAttributeId), from, to))],
    history: ['Altair page-parallel chart read vs raw pages',
      () => fetchRatio(ctx, () => chartRead(altairPagedSource(api, space, thing.id, thing.numericProperty), from, to))],
    historySequential: ['Altair sequential readPropertyHistory vs raw pages',
      () => fetchRatio(ctx, () => chartRead(altairSequentialSource(api, space, thing.id, thing.numericProperty), from, to))],
    multi: ['getMultipleTimeseries vs one after another', async () => ({
      ...(await multiSeriesSpeedup(ctx, client, t.multiAttributeIds, to - multiPoints * step, to)),
      // What the figure becomes when each request waits on a network round trip, as against a real server.
      withLatency: await withLatency(info, LATENCY_MS, () => multiSeriesSpeedup(ctx, client, t.multiAttributeIds, to - multiPoints * step, to)),
    })],
    tree: ['first page of the big level', () => treeFirstPage({ ...ctx, reps: Math.max(ctx.reps, 15) }, client, t.levelParentId)],
    index: ['names-path index of every asset', () => gotoIndex(ctx, client)],
    bridge: ['get_timeseries through the Python backend vs directly in Python', async () => {
      const missing = pythonMissing();
      if (missing) return { skipped: missing };
      const { user, password, coreBaseUrl } = info.iotticket;
      return bridgeSeriesRatio(process.cwd(), { coreBaseUrl, user, password, attributeId: asset.telemetryAttributeId, from, to }, ctx.reps, points);
    }],
    live: ['Altair property update through the API until our MQTT subscriber has it', async () => {
      if (!info.altair.mqtt) return { skipped: 'the emulator runs no MQTT broker' };
      return liveUpdate(api, info.altair.mqtt.url, space, thing.id, thing.numericProperty);
    }],
  };
  const out: Record<string, unknown> = {};
  for (const name of MAIN_FIGURES) {
    if (!only.has(name)) continue;
    const [what, measure] = figures[name];
    console.error(`[bench] ${name}: ${what}`);
    out[name] = await measure();
  }
  await api.dispose();
  return out;
}

async function run(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, reps: { type: 'string', default: '3' }, points: { type: 'string', default: '1000000' }, 'multi-points': { type: 'string', default: '100000' }, only: { type: 'string' },
      'emulator-pid': { type: 'string' } },
  });
  if (!values.url) throw new Error('--url is required');
  const info = await emulatorInfo(values.url);
  const mode = positionals[0] ?? 'main';
  let result: Record<string, unknown>;
  if (mode === 'rss') {
    const client = iotTicketClient(info);
    const to = Date.now();
    result = { rss: await peakRss(() => chartRead(iotTicketPagedSource(client, info.iotticket.asset.id, info.iotticket.asset.telemetryAttributeId), to - HISTORY_MS, to)) };
  } else if (mode === 'memory') {
    const client = iotTicketClient(info);
    const to = Date.now();
    const sources = (await targets(client)).multi.map((m) => iotTicketPagedSource(client, m.assetId, m.attributeId));
    result = { memory: await chartMemory(sources, to - HISTORY_MS, to) };
  } else if (mode === 'goto') {
    result = { goto: await gotoFigures(iotTicketClient(info), Math.max(1, Number(values.reps))) };
  } else if (mode === 'main') {
    const only = new Set((values.only?.split(',') ?? MAIN_FIGURES) as MainFigure[]);
    for (const name of only) if (!MAIN_FIGURES.includes(name)) throw new Error(`unknown figure ${name}; known: ${MAIN_FIGURES.join(', ')}`);
    const ctx = { reps: Math.max(1, Number(values.reps)), server: procCpuProbe(Number(values['emulator-pid']) || undefined) };
    result = await main(info, ctx, Number(values.points), Number(values['multi-points']), only);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  console.log(JSON.stringify(result));
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
