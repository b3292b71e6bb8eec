/**
 * Smoke test of `npm run bench`'s JSON contract on a tiny dataset (no VS Code): every figure of issue 10
 * present by name and finite, the goals reported with whether they are met, and the details consistent
 * with the parameters. Timings are never asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const FIGURES = [
  'series_fetch_ratio', 'history_fetch_ratio', 'multi_series_speedup', 'multi_series_speedup_loopback', 'tree_first_page_ms', 'tree_first_page_ratio',
  'goto_index_ms', 'goto_first_match_ms', 'goto_first_match_cold_ms', 'goto_first_match_cold_index_ms', 'goto_first_match_stored_ms', 'goto_max_block_ms', 'activation_ms', 'activation_own_ms', 'activation_js_bytes', 'extension_js_bytes', 'webview_bytes', 'peak_rss_mb',
  'bridge_series_ratio', 'live_update_ms', 'chart_first_paint_ms', 'chart_first_paint_host_ms', 'chart_complete_ms', 'peak_rss_10x1m_mb', 'chart_closed_retained_mb',
];
const GOALS = [
  'series_fetch_ratio', 'history_fetch_ratio', 'multi_series_speedup', 'tree_first_page_ms', 'activation_ms', 'activation_own_ms',
  'activation_js_bytes', 'goto_first_match_ms', 'goto_first_match_cold_ms', 'goto_first_match_stored_ms', 'goto_max_block_ms', 'bridge_series_ratio', 'live_update_ms', 'chart_first_paint_ms', 'peak_rss_10x1m_mb', 'chart_closed_retained_mb',
];
/** Figures of the real VS Code and of the million-asset emulator, which --tiny does not start. */
const VSCODE_FIGURES = new Set(['activation_ms', 'activation_own_ms', 'chart_first_paint_ms', 'goto_first_match_ms', 'goto_first_match_cold_ms', 'goto_first_match_cold_index_ms', 'goto_first_match_stored_ms', 'goto_max_block_ms']);

interface BenchJson {
  figures: Record<string, number | null>;
  goals: Record<string, { goal: string; value: number | null; met: boolean }>;
  parameters: { assets: number; childrenPerLevel: number; points: number; tiny: boolean };
  details: {
    series: { fetched: number; drawn: number; requests: number; bytes: number };
    history: { fetched: number; drawn: number; requests: number };
    historySequential: { fetched: number; drawn: number; requests: number; ratio: number };
    multi: { series: number; pointsPerSeries: number; withLatency: { speedup: number } };
    tree: { children: number; levelSize: number };
    index: { assets: number; maxDepth: number };
    rss: { peakMb: number; beforeMb: number; fetched: number };
    bridge: { points: number; ms: number; directMs: number };
    live: { updates: number; ms: number; apiMs: number; p95Ms: number };
    activation: { skipped?: string };
  };
  machine: { cpus: number; node: string };
}

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

void test('npm run bench --json --tiny prints every figure, the goals and consistent details', { timeout: 300_000 }, async () => {
  const { code, stdout, stderr } = await runBench(['--json', '--tiny', '--reps', '1']);
  assert.equal(code, 0, `bench failed:\n${stderr.slice(-3000)}`);
  const lines = stdout.trim().split('\n');
  const result = JSON.parse(lines[lines.length - 1]) as BenchJson;
  // The readable table comes before the JSON.
  assert.match(stdout, /^Figure\s+Value\s+Goal\s+Met/m);

  assert.deepEqual(Object.keys(result.figures).sort(), [...FIGURES].sort());
  for (const name of FIGURES) {
    if (VSCODE_FIGURES.has(name)) continue;
    const v = result.figures[name];
    // What a closed chart still holds may well be nothing.
    assert.ok(typeof v === 'number' && Number.isFinite(v) && (v > 0 || (name === 'chart_closed_retained_mb' && v === 0)), `${name} is ${v}`);
  }
  // --tiny does not start VS Code: activation is null and says why.
  assert.equal(result.figures.activation_ms, null);
  assert.match(result.details.activation.skipped ?? '', /tiny/);

  assert.deepEqual(Object.keys(result.goals).sort(), [...GOALS].sort());
  for (const name of GOALS) {
    const g = result.goals[name];
    assert.equal(g.value, result.figures[name]);
    assert.equal(typeof g.met, 'boolean');
    assert.match(g.goal, /^(<=|>=|<) \d+(\.\d+)?$/);
  }
  assert.equal(result.goals.activation_ms.met, false);

  const { parameters: p, details: d } = result;
  assert.equal(p.tiny, true);
  // The whole series was read (gaps aside) and downsampled to about two points per pixel column.
  assert.ok(d.series.fetched > p.points * 0.95 && d.series.fetched <= p.points, `series fetched ${d.series.fetched}`);
  assert.ok(d.series.drawn > 100 && d.series.drawn < d.series.fetched, `series drawn ${d.series.drawn}`);
  assert.ok(d.series.requests >= Math.ceil(d.series.fetched / 10_000));
  // The chart's Altair read: 1000 points a page, the range cut into slices read in parallel (each slice's
  // last page may be part-full: 60 requests for the tiny set's 50 pages, 1005 for a million points).
  assert.equal(d.history.fetched, p.points);
  assert.ok(d.history.requests >= p.points / 1000 && d.history.requests <= p.points / 1000 * 1.5, `history requests ${d.history.requests}`);
  assert.ok(d.history.drawn > 100 && d.history.drawn < d.history.fetched, `history drawn ${d.history.drawn}`);
  // readPropertyHistory follows the cursor: 1000 a page (one more request when a cursor leads to an empty page).
  assert.equal(d.historySequential.fetched, p.points);
  assert.ok(d.historySequential.requests >= p.points / 1000 && d.historySequential.requests <= p.points / 1000 + 1, `sequential history requests ${d.historySequential.requests}`);
  assert.ok(Number.isFinite(d.historySequential.ratio));
  assert.equal(d.multi.series, 10);
  assert.ok(d.multi.pointsPerSeries > 0 && d.multi.pointsPerSeries <= 10_000);
  assert.ok(Number.isFinite(d.multi.withLatency.speedup));
  assert.equal(d.tree.children, 100);
  assert.equal(d.tree.levelSize, p.childrenPerLevel);
  assert.equal(d.index.assets, p.assets);
  assert.ok(d.index.maxDepth >= 2);
  // Read in another process a little later: the series may have grown by a point or two.
  assert.ok(Math.abs(d.rss.fetched - d.series.fetched) <= 2, `rss read ${d.rss.fetched} points`);
  assert.ok(d.rss.peakMb >= d.rss.beforeMb);
  // The Python backend read the same long series as Python did directly.
  assert.ok(Math.abs(d.bridge.points - d.series.fetched) <= 2, `bridge read ${d.bridge.points} points`);
  assert.ok(d.bridge.ms > 0 && d.bridge.directMs > 0);
  // 100 property updates went through the API and each arrived at our MQTT client.
  assert.equal(d.live.updates, 100);
  assert.ok(d.live.apiMs > 0 && d.live.p95Ms >= d.live.ms, `live ${JSON.stringify(d.live)}`);
  assert.ok(result.machine.cpus >= 1 && result.machine.node.length > 0);
});
