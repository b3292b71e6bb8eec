/**
 * Chart webview entry (bundled to dist/webview/chart.js). Owns the view options (persisted with setState
 * for the serializer), asks the host for data at the plot's pixel width, draws what comes back, and
 * reports timings (`rendered`). Holds only the downsampled points it draws.
 */
import './chart.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { type FetchQuery, type HostToView, type SeriesInfo, type StatsSeriesPayload, type ViewCommand } from '../../src/shared/chart/protocol';
import { defaultViewOptions, type ChartMode, type ChartViewOptions, type DownsampleMethod, type LiveOptions, type RangePreset, type StatsDimension, type StatsPeriod } from '../../src/shared/chart/viewOptions';
import { formatWallClock, parseInZone, parseZone, presetRange } from '../../src/shared/chart/timeRange';
import { ChartView } from './chartView';
import { appendCapped, type XY } from './downsample';
import { loadState, log, onMessage, post, saveState } from './messaging';
import { readTheme, watchTheme } from './theme';
import { mount } from './view';

const el = mount(document.getElementById('app') ?? document.body);
const restored = loadState();
let options: ChartViewOptions = { ...defaultViewOptions, ...restored?.options };
let title = restored?.title ?? '';
let series: SeriesInfo[] = [];
let raw = new Map<string, XY>();
let stats = new Map<string, StatsSeriesPayload>();
let shown: ChartMode = 'raw';
let range = baseRange();
let zoomed = false;
let requestSeq = 0;
let current: { id: number; query: FetchQuery } | undefined;
let liveStartedAt: number | undefined;
let liveState: HostToView & { type: 'liveStatus' } = { type: 'liveStatus', state: 'off' };
let lastSummary = '';

const view = new ChartView(el.canvas, readTheme(), {
  onUserRange: (from, to) => {
    zoomed = true;
    scheduleZoomFetch(from, to);
  },
  onToggleSeries: (seriesId, hidden) => {
    const set = new Set(options.hidden);
    if (hidden) set.add(seriesId);
    else set.delete(seriesId);
    setOptions({ hidden: [...set] });
  },
});
view.setZone(zoneChoice());
watchTheme((t) => view.applyTheme(t));

// ---- options and persistence --------------------------------------------------------------------

function setOptions(patch: Partial<ChartViewOptions>): void {
  options = { ...options, ...patch };
  persist();
  post({ type: 'options', options });
}

function persist(): void {
  saveState({ version: 1, title, series: series.map((s) => s.descriptor), options });
}

function zoneChoice(): number | 'local' {
  return options.zone === 'local' ? 'local' : parseZone(options.zone) ?? 0;
}

/** Minutes east of UTC of the chosen zone at `at`. */
function zoneOffset(at = Date.now()): number {
  const z = zoneChoice();
  return z === 'local' ? -new Date(at).getTimezoneOffset() : z;
}

function baseRange(now = Date.now()): { from: number; to: number } {
  if (options.preset === 'custom') {
    if (options.customFrom !== undefined && options.customTo !== undefined && options.customFrom < options.customTo) return { from: options.customFrom, to: options.customTo };
    return presetRange('24h', now);
  }
  return presetRange(options.preset, now);
}

// ---- fetching and drawing -----------------------------------------------------------------------

function fetchData(reason: FetchQuery['reason'], r = range): void {
  range = r;
  if (series.length === 0) {
    raw = new Map();
    stats = new Map();
    view.setRange(r.from, r.to);
    view.showRaw([], raw, options.hidden);
    el.empty.hidden = false;
    setStatus(title ? 'No series' : '');
    return;
  }
  el.empty.hidden = true;
  const live = options.live.enabled;
  const query: FetchQuery = {
    from: Math.floor(r.from), to: Math.ceil(r.to), widthPx: view.plotWidth(),
    mode: live ? 'raw' : options.mode, limit: options.limit, period: options.statsPeriod, dimension: options.statsDimension,
    downsample: options.downsample, zoneOffsetMin: zoneOffset(r.to), reason,
  };
  if (current) post({ type: 'cancel', requestId: current.id });
  current = { id: ++requestSeq, query };
  post({ type: 'fetch', requestId: current.id, query });
  showBusy(true);
  setStatus(`Fetching ${series.length} series…`);
}

let zoomTimer: ReturnType<typeof setTimeout> | undefined;
/** Wheel zooming fires per notch: fetch once the user paused. */
function scheduleZoomFetch(from: number, to: number): void {
  if (zoomTimer) clearTimeout(zoomTimer);
  zoomTimer = setTimeout(() => fetchData('zoom', { from, to }), 300);
}

function onData(msg: Extract<HostToView, { type: 'data' }>): void {
  if (msg.requestId !== current?.id) return;
  const received = Date.now();
  const t0 = performance.now();
  current = undefined;
  shown = 'raw';
  raw = new Map(msg.series.map((s) => [s.seriesId, { timestamps: s.timestamps, values: s.values }]));
  stats = new Map();
  range = { from: msg.query.from, to: msg.query.to };
  view.setRange(range.from, range.to);
  const drawn = view.showRaw(series, raw, options.hidden);
  const points = msg.series.reduce((s, x) => s + x.fetchedPoints, 0);
  const errors = msg.series.filter((s) => s.error).map((s) => `${labelOf(s.seriesId)}: ${s.error}`);
  const truncated = msg.series.filter((s) => s.truncated).map((s) => labelOf(s.seriesId));
  afterPaint(() => {
    const drawMs = Math.round(performance.now() - t0);
    post({ type: 'rendered', requestId: msg.requestId, fetchMs: msg.fetchMs, transferMs: Math.max(0, received - msg.sentAt), drawMs, points, drawnPoints: drawn, series: msg.series.length });
    summarize(points, drawn, msg.fetchMs, drawMs, errors, truncated.length > 0 ? `limit reached for ${truncated.join(', ')}` : undefined);
  });
  showBusy(false);
}

function onStats(msg: Extract<HostToView, { type: 'stats' }>): void {
  if (msg.requestId !== current?.id) return;
  const received = Date.now();
  const t0 = performance.now();
  current = undefined;
  shown = 'stats';
  stats = new Map(msg.series.map((s) => [s.seriesId, s]));
  raw = new Map();
  range = { from: msg.from, to: msg.to };
  view.setRange(range.from, range.to);
  const drawn = view.showStats(series, stats, options.hidden);
  const points = msg.series.reduce((s, x) => s + x.fetchedPoints, 0);
  const errors = msg.series.filter((s) => s.error).map((s) => `${labelOf(s.seriesId)}: ${s.error}`);
  const computed = msg.series.some((s) => s.source === 'computed');
  afterPaint(() => {
    const drawMs = Math.round(performance.now() - t0);
    post({ type: 'rendered', requestId: msg.requestId, fetchMs: msg.fetchMs, transferMs: Math.max(0, received - msg.sentAt), drawMs, points, drawnPoints: drawn, series: msg.series.length });
    summarize(points, drawn, msg.fetchMs, drawMs, errors, `${msg.dimension} buckets${computed ? ' (computed here)' : ''}`);
  });
  showBusy(false);
}

function onAppend(msg: Extract<HostToView, { type: 'append' }>): void {
  if (shown !== 'raw') return;
  const width = view.plotWidth();
  for (const s of msg.series) raw.set(s.seriesId, appendCapped(raw.get(s.seriesId), { timestamps: s.timestamps, values: s.values }, width));
  if (!zoomed) {
    const from = liveStartedAt ?? range.from;
    range = { from: Math.min(from, msg.now - 60_000), to: msg.now };
    view.setRange(range.from, range.to);
  }
  const drawn = view.showRaw(series, raw, options.hidden);
  el.empty.hidden = true;
  setStatus(`${series.length} series · ${drawn.toLocaleString()} points drawn · live, updated ${new Date(msg.now).toLocaleTimeString()}`);
}

function summarize(points: number, drawn: number, fetchMs: number, drawMs: number, errors: readonly string[], note?: string): void {
  const parts = [`${series.length} series`, `${points.toLocaleString()} points`, `fetched in ${fetchMs.toLocaleString()} ms`];
  if (drawn !== points) parts.push(`${drawn.toLocaleString()} drawn in ${drawMs} ms`);
  if (note) parts.push(note);
  lastSummary = parts.join(' · ');
  setStatus(errors.length > 0 ? `${lastSummary} · ${errors.join('; ')}` : lastSummary, errors.length > 0);
}

function afterPaint(done: () => void): void {
  let fired = false;
  const once = (): void => {
    if (fired) return;
    fired = true;
    done();
  };
  requestAnimationFrame(() => requestAnimationFrame(once));
  setTimeout(once, 250); // hidden webviews get no animation frames
}

function setStatus(text: string, error = false): void {
  el.statusText.textContent = text;
  el.statusText.classList.toggle('error', error);
}

function showBusy(busy: boolean): void {
  el.progress.hidden = !busy;
  el.cancel.hidden = !busy;
}

function labelOf(seriesId: string): string {
  return series.find((s) => s.id === seriesId)?.label ?? seriesId;
}

// ---- series chips -------------------------------------------------------------------------------

function renderSeries(): void {
  el.series.replaceChildren(...series.map((s) => {
    const li = document.createElement('li');
    li.className = 'chip';
    li.title = `${s.kind} · ${s.id}`;
    const name = document.createElement('span');
    name.textContent = s.unit ? `${s.label} (${s.unit})` : s.label;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove ${s.label}`);
    remove.addEventListener('click', () => post({ type: 'removeSeries', seriesId: s.id }));
    li.append(name, remove);
    return li;
  }));
  el.empty.hidden = series.length > 0;
}

// ---- live mode ----------------------------------------------------------------------------------

function onLiveStatus(msg: Extract<HostToView, { type: 'liveStatus' }>): void {
  const wasOff = liveState.state === 'off';
  liveState = msg;
  if (msg.startedAt !== undefined && msg.state !== 'off') {
    if (wasOff || liveStartedAt !== msg.startedAt) {
      // A new session: start from an empty chart at its start time.
      liveStartedAt = msg.startedAt;
      raw = new Map();
      shown = 'raw';
      zoomed = false;
    }
  }
  el.pause.textContent = msg.state === 'paused' ? 'Resume' : 'Pause';
  switch (msg.state) {
    case 'disconnected': {
      const since = msg.since !== undefined ? new Date(msg.since).toLocaleTimeString() : '';
      showBanner(`Disconnected since ${since} — retrying automatically.${msg.message ? ` (${msg.message})` : ''}`, true);
      break;
    }
    case 'paused':
      showBanner('Live mode paused.', false);
      break;
    default:
      showBanner('', false);
  }
}

function showBanner(text: string, error: boolean): void {
  el.banner.hidden = text.length === 0;
  el.banner.textContent = text;
  el.banner.classList.toggle('error', error);
}

function setLive(patch: Partial<LiveOptions>): void {
  const live = { ...options.live, ...patch };
  const wasEnabled = options.live.enabled;
  setOptions({ live });
  post({ type: 'live', live });
  syncControls();
  if (wasEnabled && !live.enabled) {
    liveStartedAt = undefined;
    zoomed = false;
    fetchData('range', baseRange());
  }
}

// ---- controls -----------------------------------------------------------------------------------

function syncControls(): void {
  el.preset.value = options.preset;
  el.custom.hidden = options.preset !== 'custom';
  el.zone.value = options.zone;
  el.mode.value = options.mode;
  el.rawOptions.hidden = options.mode !== 'raw';
  el.statsOptions.hidden = options.mode !== 'stats';
  el.downsample.value = options.downsample;
  el.limit.value = options.limit !== undefined ? String(options.limit) : '';
  el.period.value = options.statsPeriod;
  el.dimension.value = options.statsDimension;
  el.live.checked = options.live.enabled;
  // Live mode follows raw points; statistics come back when it is switched off.
  el.mode.toggleAttribute('disabled', options.live.enabled);
  el.liveOptions.hidden = !options.live.enabled;
  el.interval.value = String(options.live.intervalMs);
  el.liveStart.value = options.live.start;
  el.liveTime.hidden = options.live.start !== 'time';
  const offset = zoneOffset();
  if (options.preset === 'custom') {
    const r = baseRange();
    el.from.value = formatWallClock(r.from, offset);
    el.to.value = formatWallClock(r.to, offset);
  }
  if (options.live.startTime !== undefined) el.liveTime.value = formatWallClock(options.live.startTime, offset);
}

const onChange = (target: HTMLElement, handler: () => void): void => target.addEventListener('change', handler);

onChange(el.preset, () => {
  const preset = el.preset.value as RangePreset;
  if (preset === 'custom') {
    setOptions({ preset, customFrom: range.from, customTo: range.to });
    syncControls();
    return;
  }
  setOptions({ preset });
  syncControls();
  zoomed = false;
  fetchData('range', baseRange());
});
const onCustom = (): void => {
  const from = parseInZone(el.from.value, zoneOffset());
  const to = parseInZone(el.to.value, zoneOffset());
  if (from === undefined || to === undefined || from >= to) {
    setStatus('Enter a valid range: "from" must be before "to".', true);
    return;
  }
  setOptions({ customFrom: from, customTo: to });
  zoomed = false;
  fetchData('range', { from, to });
};
onChange(el.from, onCustom);
onChange(el.to, onCustom);
onChange(el.zone, () => {
  setOptions({ zone: el.zone.value });
  view.setZone(zoneChoice());
  syncControls();
  fetchData('options');
});
onChange(el.mode, () => {
  setOptions({ mode: el.mode.value as ChartMode });
  syncControls();
  fetchData('options');
});
onChange(el.downsample, () => {
  setOptions({ downsample: el.downsample.value as DownsampleMethod });
  fetchData('options');
});
onChange(el.limit, () => {
  const n = Number.parseInt(el.limit.value, 10);
  setOptions({ limit: Number.isFinite(n) && n > 0 ? n : undefined });
  fetchData('options');
});
onChange(el.period, () => {
  setOptions({ statsPeriod: el.period.value as StatsPeriod });
  fetchData('options');
});
onChange(el.dimension, () => {
  setOptions({ statsDimension: el.dimension.value as StatsDimension | 'auto' });
  fetchData('options');
});
onChange(el.live, () => setLive({ enabled: el.live.checked, paused: false }));
onChange(el.interval, () => setLive({ intervalMs: Number(el.interval.value) }));
onChange(el.liveStart, () => {
  const start = el.liveStart.value as 'now' | 'time';
  setLive(start === 'time' ? { start, startTime: options.live.startTime ?? range.from } : { start });
});
onChange(el.liveTime, () => {
  const t = parseInZone(el.liveTime.value, zoneOffset());
  if (t !== undefined) setLive({ startTime: t });
});
el.pause.addEventListener('click', () => setLive({ paused: !options.live.paused }));
el.resetZoom.addEventListener('click', () => {
  zoomed = false;
  fetchData('range', baseRange());
});
const command = (c: ViewCommand) => (): void => post({ type: 'command', command: c });
el.exportCsv.addEventListener('click', command('exportCsv'));
el.exportJson.addEventListener('click', command('exportJson'));
el.exportPng.addEventListener('click', command('exportPng'));
el.copyCsv.addEventListener('click', command('copyVisibleCsv'));
el.cancel.addEventListener('click', () => {
  if (current) post({ type: 'cancel', requestId: current.id });
});

// ---- drag and drop from the tree ----------------------------------------------------------------

const accepts = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].some((t) => t === 'text/uri-list' || t.startsWith('application/vnd.code.tree.'));
document.addEventListener('dragover', (e) => {
  if (!accepts(e)) return;
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  el.drop.hidden = false;
});
document.addEventListener('dragleave', (e) => {
  if (e.relatedTarget === null) el.drop.hidden = true;
});
document.addEventListener('drop', (e) => {
  el.drop.hidden = true;
  const list = e.dataTransfer?.getData('text/uri-list') ?? '';
  if (!list) return;
  e.preventDefault();
  post({ type: 'drop', uris: list.split(/\r?\n/).filter((l) => l.length > 0) });
});

// ---- host messages ------------------------------------------------------------------------------

onMessage((msg) => {
  switch (msg.type) {
    case 'init':
      title = msg.title;
      series = [...msg.series];
      if (msg.options) options = { ...defaultViewOptions, ...msg.options };
      persist();
      view.setZone(zoneChoice());
      syncControls();
      renderSeries();
      if (options.live.enabled) post({ type: 'live', live: options.live });
      fetchData('initial', baseRange());
      return;
    case 'seriesAdded':
      series = [...series, ...msg.series.filter((s) => !series.some((x) => x.id === s.id))];
      persist();
      renderSeries();
      fetchData('series');
      return;
    case 'seriesRemoved':
      series = series.filter((s) => !msg.seriesIds.includes(s.id));
      for (const id of msg.seriesIds) {
        raw.delete(id);
        stats.delete(id);
      }
      persist();
      renderSeries();
      if (shown === 'stats') view.showStats(series, stats, options.hidden);
      else view.showRaw(series, raw, options.hidden);
      if (series.length === 0) setStatus('No series');
      return;
    case 'progress':
      if (msg.requestId !== current?.id) return;
      setStatus(`Fetching… ${msg.points.toLocaleString()} points · ${msg.pages} pages · ${msg.seriesDone}/${msg.seriesTotal} series`);
      return;
    case 'data':
      onData(msg);
      return;
    case 'stats':
      onStats(msg);
      return;
    case 'fetchFailed':
      if (msg.requestId !== current?.id) return;
      current = undefined;
      showBusy(false);
      setStatus(msg.cancelled ? `Cancelled. ${lastSummary}` : `Fetch failed: ${msg.message}`, !msg.cancelled);
      return;
    case 'append':
      onAppend(msg);
      return;
    case 'liveStatus':
      onLiveStatus(msg);
      return;
    case 'request':
      try {
        if (msg.what === 'png') post({ type: 'reply', requestId: msg.requestId, what: 'png', value: { png: view.toPng() } });
        else if (msg.what === 'held') post({ type: 'reply', requestId: msg.requestId, what: 'held', value: { held: [...raw].map(([seriesId, xy]) => ({ seriesId, timestamps: xy.timestamps, values: xy.values })) } });
        else post({ type: 'reply', requestId: msg.requestId, what: 'visibleRange', value: view.visibleRange() });
      } catch (err) {
        post({ type: 'replyError', requestId: msg.requestId, error: (err instanceof Error ? err.message : String(err)).slice(0, 2000) });
      }
      return;
  }
});

window.addEventListener('error', (e) => log('error', `${e.message} (${e.filename}:${e.lineno})`));
syncControls();
post({ type: 'ready', state: restored ? { ...restored, options } : undefined });
