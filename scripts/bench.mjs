// `npm run bench`: performance figures of issue 10 measured against the emulator on this machine.
//   node scripts/bench.mjs [--json] [--reps N] [--tiny] [--no-activation] [--profile]
// --json     the last stdout line is one JSON object with every figure, the goals and whether each is met
// --reps N   repetitions per figure (median; default 5)
// --tiny     a small dataset and no VS Code (the smoke test's contract check); figures are not comparable
// --no-activation  skip the code-server run (activation_ms is then null)
// --profile  also write CPU profiles of the fetch figures to out/bench/prof and print their hottest functions
// Ratios are measured side by side in the same run; absolute times vary from run to run on shared machines.
import { spawn } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureActivation } from './bench/activation.mjs';
import { measureChartPaint } from './bench/chartPaint.mjs';
import { buildBenchScripts, buildProductionExtension, EXT, OUT, ROOT } from './bench/bundle.mjs';
import { startEmulatorProcess } from './bench/emulatorProcess.mjs';
import { topSelfTime } from './bench/profileSummary.mjs';
import { figuresOf, formatTable, goalsOf } from './bench/report.mjs';

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '5' },
    tiny: { type: 'boolean', default: false },
    'no-activation': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

/** Dataset and figure parameters (issue 10), or a small set for the smoke test. */
const PARAMS = opts.tiny
  ? { assets: 2000, childrenPerLevel: 1000, points: 50_000, multiPoints: 5000 }
  : { assets: 100_000, childrenPerLevel: 10_000, points: 1_000_000, multiPoints: 100_000 };
const reps = Math.max(1, Number(opts.reps) || 5);
/** Assets of the Go to… figures (issue 17 §4). */
const GOTO_ASSETS = 1_000_000;
const withActivation = !opts.tiny && !opts['no-activation'];

const log = (s) => console.error(`[bench] ${s}`);

/** Runs a node script to completion; its last stdout line is JSON. */
function runJson(args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${label} failed with exit code ${code}`));
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${label} printed no JSON: ${last.slice(0, 200)}`));
      }
    });
  });
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  log('building the measuring scripts and the production extension');
  const scripts = await buildBenchScripts();
  const sizes = buildProductionExtension();

  log(`starting the emulator (${PARAMS.assets} assets, ${PARAMS.childrenPerLevel} children per level, ${PARAMS.points} points per series)`);
  const emulator = await startEmulatorProcess(scripts.emulator, [
    '--dataset', 'large', '--assets', String(PARAMS.assets), '--children-per-level', String(PARAMS.childrenPerLevel), '--points', String(PARAMS.points),
  ]);
  let main;
  let rss;
  let memory;
  let profiles = [];
  try {
    const common = ['--url', emulator.url, '--points', String(PARAMS.points)];
    main = await runJson([scripts.figures, 'main', ...common, '--reps', String(reps), '--multi-points', String(PARAMS.multiPoints), '--emulator-pid', String(emulator.pid)], 'figures');
    log('peak RSS: one long read in a fresh process');
    rss = await runJson([scripts.figures, 'rss', ...common], 'rss figure');
    log('memory: one chart of ten long series in a fresh process, then closed');
    memory = (await runJson(['--expose-gc', scripts.figures, 'memory', ...common], 'memory figure')).memory;
    if (opts.profile) profiles = await profileFetches(scripts.figures, common);
  } finally {
    await emulator.stop();
  }

  let goto = { skipped: 'skipped (--tiny)' };
  if (!opts.tiny) {
    log(`Go to… at a million: an emulator with ${GOTO_ASSETS} assets`);
    const big = await startEmulatorProcess(scripts.emulator, ['--dataset', 'large', '--assets', String(GOTO_ASSETS), '--children-per-level', '100', '--points', '1000']);
    try {
      goto = (await runJson([scripts.figures, 'goto', '--url', big.url, '--reps', String(reps)], 'goto figures')).goto;
    } finally {
      await big.stop();
    }
  }

  let activation = { skipped: opts.tiny ? 'skipped (--tiny)' : 'skipped (--no-activation)' };
  if (withActivation) {
    log('activation: code-server with the production build');
    activation = await measureActivation({ extensionPath: EXT, reps });
  }
  let chartPaint = { skipped: activation.skipped ?? '' };
  if (withActivation) {
    log('chart first paint: code-server with the production build and the large demo');
    // A failure here (a workbench step that timed out) is reported, not fatal to the other figures.
    chartPaint = await measureChartPaint({ extensionPath: EXT, reps: Math.min(reps, 3) }).catch((err) => ({ skipped: `failed: ${String(err?.message ?? err).split('\n')[0]}` }));
  }

  const figures = figuresOf({ main, rss, sizes, activation, goto, memory, chartPaint });
  const result = {
    figures,
    goals: goalsOf(figures),
    parameters: { ...PARAMS, reps, tiny: opts.tiny },
    details: { ...main, rss: rss.rss, sizes, activation, goto, memory, chartPaint },
    notes: [
      'Ratios: median of per-repetition ratios, each repetition running our path and its baseline back to back.',
      'tree_first_page_ms and goto_index_ms measure the vscode-free parts: AssetApiAccess.level (the first page ChildLoader loads) and the get_all_assets paging of assetIndex plus names paths; tree items are not built.',
      'multi_series_speedup: getMultipleTimeseries returns at most 10,000 points per series (the API limit), so the range holds multiPoints points per series and each series returns up to 10,000; details.multi.withLatency repeats it with the emulator delaying every request 50 ms.',
      'activation_ms: the workbench figure (code loading + activate()) after the window has settled; details.activation.floorMs is a minimal extension activated the same way.',
      'CPU figures: ours from process.cpuUsage, the emulator\'s from /proc/<pid>/stat.',
      'bridge_series_ratio: one get_timeseries of the whole long series through the Python backend (stand-in das, python/iot_explorer_bridge.py, decoded into a Series) over the same call timed inside Python; repetitions alternate which goes first.',
    ],
    ...(profiles.length ? { profiles } : {}),
    machine: {
      cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)),
      freeMemoryGb: Number((freemem() / 2 ** 30).toFixed(1)), node: process.versions.node, platform: `${process.platform} ${process.arch}`,
      loadBefore, loadAfter: loadavg().map((x) => Number(x.toFixed(2))), seconds: (Date.now() - started) / 1000,
    },
  };
  console.log(formatTable(result));
  for (const p of profiles) {
    console.log(`\nHottest functions (self time) while measuring ${p.figure}:`);
    for (const f of p.top) console.log(`  ${String(f.selfMs).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`);
  }
  if (opts.json) console.log(JSON.stringify(result));
}

/** One repetition of each fetch figure under --cpu-prof; the profiles stay in out/bench/prof. */
async function profileFetches(figuresScript, common) {
  const dir = join(OUT, 'prof');
  rmSync(dir, { recursive: true, force: true });
  const out = [];
  for (const figure of ['series', 'history']) {
    log(`profiling ${figure}`);
    const figureDir = join(dir, figure);
    await runJson(['--cpu-prof', '--cpu-prof-dir', figureDir, figuresScript, 'main', ...common, '--reps', '1', '--only', figure], `profile of ${figure}`);
    const file = readdirSync(figureDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) out.push({ figure, file: join(figureDir, file), top: topSelfTime(join(figureDir, file), 12) });
  }
  return out;
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
