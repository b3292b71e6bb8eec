// The bench's output: the figures by their issue names, the goals and whether each is met, the details
// behind each figure, and a readable table.

/** Goals of issues 10 and 17 (17 holds a chart's complete read to 1.3× the raw transfer); `null` values (a skipped figure) are not met. */
export const GOALS = {
  series_fetch_ratio: { op: '<=', target: 1.3 },
  history_fetch_ratio: { op: '<=', target: 1.3 },
  multi_series_speedup: { op: '>=', target: 4 },
  tree_first_page_ms: { op: '<', target: 300 },
  activation_ms: { op: '<', target: 100 },
  activation_own_ms: { op: '<=', target: 30 },
  goto_first_match_ms: { op: '<', target: 1000 },
  goto_first_match_cold_ms: { op: '<', target: 1000 },
  goto_first_match_stored_ms: { op: '<', target: 1000 },
  goto_max_block_ms: { op: '<=', target: 50 },
  activation_js_bytes: { op: '<=', target: 150 * 1024 },
  bridge_series_ratio: { op: '<=', target: 1.3 },
  live_update_ms: { op: '<', target: 100 },
  chart_first_paint_ms: { op: '<', target: 500 },
  peak_rss_10x1m_mb: { op: '<=', target: 250 },
  chart_closed_retained_mb: { op: '<=', target: 10 },
};

/** Every figure name the JSON carries (the smoke test checks them). */
export const FIGURE_NAMES = [
  'series_fetch_ratio', 'history_fetch_ratio', 'multi_series_speedup', 'multi_series_speedup_loopback', 'tree_first_page_ms', 'tree_first_page_ratio',
  'goto_index_ms', 'goto_first_match_ms', 'goto_first_match_cold_ms', 'goto_first_match_cold_index_ms', 'goto_first_match_stored_ms', 'goto_max_block_ms', 'activation_ms', 'activation_own_ms', 'activation_js_bytes', 'extension_js_bytes', 'webview_bytes', 'peak_rss_mb', 'bridge_series_ratio',
  'live_update_ms', 'chart_first_paint_ms', 'chart_first_paint_host_ms', 'chart_complete_ms', 'peak_rss_10x1m_mb', 'chart_closed_retained_mb',
];

const round = (x, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** Flat figures from the children's results. */
export function figuresOf({ main, rss, sizes, activation, goto, memory, chartPaint }) {
  return {
    series_fetch_ratio: round(main.series.ratio),
    history_fetch_ratio: round(main.history.ratio),
    // With a 50 ms round trip per request, as against a remote server (issue 17 §5); loopback apart.
    multi_series_speedup: round(main.multi.withLatency.speedup),
    multi_series_speedup_loopback: round(main.multi.speedup),
    tree_first_page_ms: round(main.tree.ms),
    tree_first_page_ratio: round(main.tree.ratio),
    goto_index_ms: round(main.index.ms, 0),
    goto_first_match_ms: goto && 'warmMs' in goto ? round(goto.warmMs, 0) : null,
    goto_first_match_cold_ms: goto && 'coldMs' in goto ? round(goto.coldMs, 0) : null,
    goto_first_match_cold_index_ms: goto && 'coldIndexMs' in goto ? round(goto.coldIndexMs, 0) : null,
    goto_first_match_stored_ms: goto && 'storedMs' in goto ? round(goto.storedMs, 0) : null,
    goto_max_block_ms: goto && 'maxBlockMs' in goto ? round(goto.maxBlockMs, 0) : null,
    activation_ms: 'ms' in activation ? round(activation.ms, 0) : null,
    activation_own_ms: 'ownMs' in activation ? round(activation.ownMs, 0) : null,
    activation_js_bytes: sizes.activationJsBytes,
    extension_js_bytes: sizes.extensionJsBytes,
    webview_bytes: sizes.webviewBytes,
    peak_rss_mb: round(rss.rss.peakMb, 1),
    bridge_series_ratio: main.bridge && 'ratio' in main.bridge ? round(main.bridge.ratio) : null,
    live_update_ms: main.live && 'ms' in main.live ? round(main.live.ms) : null,
    chart_first_paint_ms: chartPaint && 'ms' in chartPaint ? round(chartPaint.ms, 0) : null,
    chart_first_paint_host_ms: main.firstPaint ? round(main.firstPaint.ms, 0) : null,
    chart_complete_ms: main.firstPaint ? round(main.firstPaint.completeMs, 0) : null,
    peak_rss_10x1m_mb: memory ? round(memory.peakMb, 1) : null,
    chart_closed_retained_mb: memory ? round(Math.max(0, memory.retainedMb), 1) : null,
  };
}

export function goalsOf(figures) {
  return Object.fromEntries(Object.entries(GOALS).map(([name, { op, target }]) => {
    const v = figures[name];
    const met = typeof v === 'number' && (op === '<=' ? v <= target : op === '>=' ? v >= target : v < target);
    return [name, { goal: `${op} ${target}`, value: v, met }];
  }));
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
/** A Go to… phase's longest block, in parentheses (absent from figures of older runs). */
const blocks = (goto, phase) => (goto.maxBlockByPhaseMs && phase in goto.maxBlockByPhaseMs ? `(${ms(goto.maxBlockByPhaseMs[phase])})` : '');
const kb = (b) => `${(b / 1024).toFixed(0)} KB`;

/** Where one first frame's time went: to the extension host, our part there, back with the data, drawing. */
function paintParts(paint, i) {
  const h = paint.host?.[i];
  const inMs = paint.dataInMs?.[i];
  if (!h || inMs === undefined) return '';
  return `: to the host ${h.toHostMs}, ours ${h.hostMs}, back ${Math.max(0, inMs - h.toHostMs - h.hostMs)}, drawn ${paint.samples[i] - inMs}`;
}

/** The table rows: figure, value, goal, met, what was measured. */
export function tableRows(result) {
  const { figures: f, goals, details: d } = result;
  const goal = (n) => (goals[n] ? goals[n].goal : '');
  const met = (n) => (goals[n] ? (goals[n].met ? 'yes' : 'NO') : '');
  const fetchDetail = (x) => `ours ${ms(x.ms)} vs raw ${ms(x.baselineMs)} (CPU ours ${ms(x.cpuMs)} / raw ${ms(x.baselineCpuMs)}; emulator ${ms(x.serverCpuMs)} / ${ms(x.baselineServerCpuMs)}); ${x.fetched} points in ${x.requests} requests, ${(x.bytes / 1048576).toFixed(1)} MB, ${x.drawn} drawn`;
  const act = d.activation;
  const rows = [
    ['series_fetch_ratio', f.series_fetch_ratio, goal('series_fetch_ratio'), met('series_fetch_ratio'), `page-parallel chart read: ${fetchDetail(d.series)}`],
    ['chart_first_paint_ms', f.chart_first_paint_ms ?? 'skipped', goal('chart_first_paint_ms'), met('chart_first_paint_ms'), d.chartPaint && 'ms' in d.chartPaint
      ? `real VS Code: an 89-day chart of a 1,000,000-point series, from the webview asking to its first drawn frame: ${d.chartPaint.samples.map((x, i) => `${x} ms (${d.chartPaint.kinds[i]}, ${d.chartPaint.points[i]} points${paintParts(d.chartPaint, i)})`).join('; ')}` : (d.chartPaint?.skipped ?? '')],
    ['chart_first_paint_host_ms', f.chart_first_paint_host_ms ?? 'n/a', '', '', d.firstPaint
      ? `the same query until its first preview is ready to post (vscode-free part; ${d.firstPaint.samples.map((x) => `${Math.round(x.firstMs)} ms, ${x.previewPoints} points`).join('; ')})` : 'not measured'],
    ['chart_complete_ms', f.chart_complete_ms ?? 'n/a', '', '', 'the complete read in the same runs (what the chart drew first before previews)'],
    ['  (sequential)', round(d.sequential.ratio), '', '', `fetchSeriesPaged (what inline previews read): ${fetchDetail(d.sequential)}`],
    ['history_fetch_ratio', f.history_fetch_ratio, goal('history_fetch_ratio'), met('history_fetch_ratio'), `page-parallel chart read of an Altair property: ${fetchDetail(d.history)}`],
    ['  (sequential)', round(d.historySequential.ratio), '', '', `readPropertyHistory (what inline previews read): ${fetchDetail(d.historySequential)}`],
    ['multi_series_speedup', f.multi_series_speedup, goal('multi_series_speedup'), met('multi_series_speedup'),
      `${d.multi.series} series × ${d.multi.pointsPerSeries} points, every request delayed 50 ms by the emulator: getMultipleTimeseries ${ms(d.multi.withLatency.ms)} vs one after another ${ms(d.multi.withLatency.sequentialMs)}`],
    ['  (loopback)', f.multi_series_speedup_loopback, '', '',
      `the same without the delay: ${ms(d.multi.ms)} vs ${ms(d.multi.sequentialMs)} (CPU ours ${ms(d.multi.cpuMs)}, emulator ${ms(d.multi.serverCpuMs)})`],
    ['tree_first_page_ms', f.tree_first_page_ms, goal('tree_first_page_ms'), met('tree_first_page_ms'),
      `${d.tree.children} of ${d.tree.levelSize} children via AssetApiAccess.level (vscode-free part of ChildLoader)`],
    ['tree_first_page_ratio', f.tree_first_page_ratio, '', '', `vs one raw GET of the same URL (${ms(d.tree.baselineMs)})`],
    ['goto_index_ms', f.goto_index_ms, '', '', `${d.index.assets} assets, names paths up to depth ${d.index.maxDepth} (vscode-free part of assetIndex)`],
    ['goto_first_match_ms', f.goto_first_match_ms ?? 'skipped', goal('goto_first_match_ms'), met('goto_first_match_ms'), d.goto && 'warmMs' in d.goto
      ? `"${d.goto.target}" (depth ${d.goto.depth}, the last of ${d.goto.assets} assets) with the index reused: ${d.goto.warmSamples.map(Math.round).join(', ')} ms` : (d.goto?.skipped ?? '')],
    ['goto_first_match_cold_ms', f.goto_first_match_cold_ms ?? 'skipped', goal('goto_first_match_cold_ms'), met('goto_first_match_cold_ms'), d.goto && 'coldMs' in d.goto
      ? `the first search, while the index is built (${ms(d.goto.buildMs)} for all ${d.goto.assets}); its first match ${d.goto.coldByName ? "was the server's answer to the exact name" : 'came from the index'}` : ''],
    ['goto_first_match_cold_index_ms', f.goto_first_match_cold_index_ms ?? 'skipped', '', '', d.goto && 'coldIndexMs' in d.goto
      ? 'the index alone in the same search, as for a part of a name the server cannot look up: it waits for the listing to reach the target, on its last page' : ''],
    ['goto_first_match_stored_ms', f.goto_first_match_stored_ms ?? 'skipped', goal('goto_first_match_stored_ms'), met('goto_first_match_stored_ms'), d.goto && 'storedMs' in d.goto
      ? `the first search of the next session, from the stored index while it is read (${ms(d.goto.restoreMs)} for all of its ${(d.goto.storedBytes / 1e6).toFixed(1)} MB); the target is in its last chunk` : ''],
    ['goto_max_block_ms', f.goto_max_block_ms ?? 'skipped', goal('goto_max_block_ms'), met('goto_max_block_ms'), d.goto && 'maxBlockMs' in d.goto
      ? `longest event-loop block (monitorEventLoopDelay, 10 ms resolution) during the build ${blocks(d.goto, 'build')}, the scans ${blocks(d.goto, 'scans')}, the store ${blocks(d.goto, 'store')}, the read ${blocks(d.goto, 'read')} and the refresh after it ${blocks(d.goto, 'refresh')}` : ''],
    ['activation_ms', f.activation_ms ?? 'skipped', goal('activation_ms'), met('activation_ms'),
      'ms' in act ? `workbench figure (code loading + activate()), runs ${act.samples.join(', ')} ms; activate() itself ${act.activateMs.join(', ')} ms` : act.skipped],
    ['  (floor)', 'ms' in act ? act.floorMs : 'n/a', '', '', 'ms' in act ? `a minimal extension activated the same way in the same windows: ${act.floorSamples.join(', ')} ms${act.settleMs ? `; each window first waited for the machine to be ≥ 75% idle: ${act.settleMs.map((w, i) => `${(w / 1000).toFixed(1)} s (${act.idleShares[i] === null ? 'no /proc/stat' : `${Math.round(act.idleShares[i] * 100)}% idle`})`).join(', ')}` : ''}` : ''],
    ['activation_own_ms', f.activation_own_ms ?? 'skipped', goal('activation_own_ms'), met('activation_own_ms'),
      'ms' in act ? `our code's loading + activate() (the extension host's will/didLoadExtensionCode marks and activate()'s own time), runs ${act.ownSamples.join(', ')} ms; the import alone ${(act.loadMs ?? []).join(', ')} ms; from the start of the import to the end of activate(), with the host's wait for the extension's context between them, ${(act.sinceLoadMs ?? []).join(', ')} ms` : act.skipped],
    ['activation_js_bytes', f.activation_js_bytes, goal('activation_js_bytes'), met('activation_js_bytes'),
      `${kb(f.activation_js_bytes)} of the production build that activation loads: dist/extension.cjs, dist/extension.js${d.sizes.activationFiles > 2 ? ` and the ${d.sizes.activationFiles - 2} chunks it requires at load` : ' (nothing else: the chunks are the features loaded on first use)'}; the entry and all its chunks ${kb(d.sizes.allJsBytes)}`],
    ['extension_js_bytes', f.extension_js_bytes, '', '', `${kb(f.extension_js_bytes)} production dist/extension.js (the entry alone)`],
    ['webview_bytes', f.webview_bytes, '', '', `${kb(f.webview_bytes)} production dist/webview/ (${d.sizes.webviewFiles} files)`],
    ['peak_rss_10x1m_mb', f.peak_rss_10x1m_mb ?? 'n/a', goal('peak_rss_10x1m_mb'), met('peak_rss_10x1m_mb'), d.memory
      ? `maxRSS of a fresh process charting ${d.memory.series} series, ${d.memory.fetched} points (${round(d.memory.beforeMb, 1)} MB before); ${d.memory.cachedPoints} points kept at full resolution, ${round(d.memory.openMb, 1)} MB held while open` : 'not measured'],
    ['chart_closed_retained_mb', f.chart_closed_retained_mb ?? 'n/a', goal('chart_closed_retained_mb'), met('chart_closed_retained_mb'), d.memory
      ? 'heap + array buffers still held after closing that chart and collecting, above the start' : 'not measured'],
    ['peak_rss_mb', f.peak_rss_mb, '', '', `maxRSS of a fresh process reading ${d.rss.fetched} points (${round(d.rss.beforeMb, 1)} MB before)`],
    ['bridge_series_ratio', f.bridge_series_ratio ?? 'skipped', goal('bridge_series_ratio'), met('bridge_series_ratio'), d.bridge && 'ratio' in d.bridge
      ? `${d.bridge.points} points by get_timeseries: through the Python backend ${ms(d.bridge.ms)} vs directly in Python ${ms(d.bridge.directMs)} (stand-in das, same emulator)`
      : (d.bridge?.skipped ?? 'not measured')],
    ['live_update_ms', f.live_update_ms ?? 'skipped', goal('live_update_ms'), met('live_update_ms'), d.live && 'ms' in d.live
      ? `median of ${d.live.updates} property PUTs until our MQTT client decoded each (p95 ${round(d.live.p95Ms)} ms; the PUT alone ${round(d.live.apiMs)} ms)`
      : (d.live?.skipped ?? 'not measured')],
  ];
  return rows.map((r) => r.map((c) => (c === null || c === undefined ? 'n/a' : String(c))));
}

export function formatTable(result) {
  const rows = [['Figure', 'Value', 'Goal', 'Met', 'Measured'], ...tableRows(result)];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ');
  const m = result.machine;
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  ') + '  ' + '-'.repeat(8),
    ...rows.slice(1).map(line),
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, load average ${m.loadBefore.join(' ')} → ${m.loadAfter.join(' ')}; ${Math.round(m.seconds)} s in all.`,
  ].join('\n');
}
