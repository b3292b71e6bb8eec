/**
 * Chart webview entry (bundled to dist/webview/chart.js): the page around the pure chart logic. It feeds
 * host messages, control changes and its own events to `reduce` (reduce.ts), carries out the effects
 * (post, save the state, draw, sync the controls), and renders the state's texts. Holds only the
 * downsampled points it draws.
 */
import './chart.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import * as l10n from '@vscode/l10n';
import type { ChartMode, DownsampleMethod, LiveOptions, RangePreset, StatsDimension, StatsPeriod } from '../../src/shared/chart/viewOptions';
import { useL10nBundle } from '../common/l10n';
import { ChartView } from './chartView';
import { loadState, log, onMessage, post, saveState } from './messaging';
import { controlTimes, reduce, shownPreset, zoneChoice } from './reduce';
import { initialState, type ChartEnv, type ChartInput, type ChartState, type Effect } from './state';
import { readTheme, watchTheme } from './theme';
import { mount } from './view';

useL10nBundle();
const el = mount(document.getElementById('app') ?? document.body);
const restored = loadState();
let state: ChartState = initialState(restored, Date.now());
let zoomTimer: ReturnType<typeof setTimeout> | undefined;

const view = new ChartView(el.canvas, readTheme(), {
  onUserRange: (from, to) => dispatch({ type: 'user.range', from, to }),
  onToggleSeries: (seriesId, hidden) => dispatch({ type: 'user.toggleSeries', seriesId, hidden }),
});
view.setZone(zoneChoice(state.options));
watchTheme((t) => view.applyTheme(t));

function env(): ChartEnv {
  return { now: Date.now(), widthPx: view.plotWidth(), localOffsetMin: (at) => -new Date(at).getTimezoneOffset() };
}

function dispatch(input: ChartInput): void {
  const before = state;
  const step = reduce(state, input, env());
  state = step.state;
  for (const e of step.effects) run(e);
  render(before);
}

/** When the latest read was asked for (a new one cancels the one before), to log its first frame (npm run bench reads it). */
let asked: { readonly requestId: number; readonly at: number } | undefined;

function run(e: Effect): void {
  switch (e.kind) {
    case 'post':
      if (e.message.type === 'fetch') asked = { requestId: e.message.requestId, at: performance.now() };
      post(e.message);
      return;
    case 'persist':
      saveState(e.state);
      return;
    case 'setZone':
      view.setZone(e.zone);
      return;
    case 'syncControls':
      syncControls();
      return;
    case 'scheduleZoom':
      // Wheel zooming fires per notch: fetch once the user paused.
      if (zoomTimer) clearTimeout(zoomTimer);
      zoomTimer = setTimeout(() => dispatch({ type: 'page.zoomSettled', from: e.from, to: e.to }), 300);
      return;
    case 'draw': {
      if (e.range) view.setRange(e.range.from, e.range.to);
      const t0 = performance.now();
      const drawn = state.shown === 'stats' ? view.showStats(state.series, state.stats, state.options.hidden) : view.showRaw(state.series, state.raw, state.options.hidden);
      const report = e.report;
      if (asked && e.firstOf === asked.requestId) {
        const { requestId, at } = asked;
        asked = undefined;
        // Also when its data was in (the rest is drawing and the browser's next frames).
        const inAt = Math.round(t0 - at);
        afterPaint(() => {
          // The host holds the rest of a long read until this frame is on screen.
          post({ type: 'firstFrame', requestId });
          log('info', `first frame of request ${requestId} drawn ${Math.round(performance.now() - at)} ms after it was asked (${report ? 'complete' : 'preview'}; its data in at ${inAt} ms)`);
        });
      }
      if (report) afterPaint(() => dispatch({ type: 'page.drawn', report, drawn, drawMs: Math.round(performance.now() - t0) }));
      else if (e.liveAt !== undefined) dispatch({ type: 'page.liveDrawn', now: e.liveAt, drawn });
      return;
    }
  }
}

/** Calls `done` once the draw is on screen; hidden webviews get no animation frames, hence the timer. */
function afterPaint(done: () => void): void {
  let fired = false;
  const once = (): void => {
    if (fired) return;
    fired = true;
    done();
  };
  requestAnimationFrame(() => requestAnimationFrame(once));
  setTimeout(once, 250);
}

/** Updates what shows a part of the state that changed. */
function render(before: ChartState): void {
  if (state.status !== before.status) {
    el.statusText.textContent = state.status.text;
    el.statusText.classList.toggle('error', state.status.error);
  }
  if (state.banner !== before.banner) {
    el.banner.hidden = state.banner.text.length === 0;
    el.banner.textContent = state.banner.text;
    el.banner.classList.toggle('error', state.banner.error);
  }
  el.progress.hidden = !state.busy;
  el.cancel.hidden = !state.busy;
  el.empty.hidden = !state.emptyHint;
  el.pause.textContent = state.live.state === 'paused' ? l10n.t('Resume') : l10n.t('Pause');
  if (state.series !== before.series) renderSeries();
}

function renderSeries(): void {
  el.series.replaceChildren(...state.series.map((s) => {
    const li = document.createElement('li');
    li.className = 'chip';
    li.title = `${s.kind} · ${s.id}`;
    const name = document.createElement('span');
    name.textContent = s.unit ? `${s.label} (${s.unit})` : s.label;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', l10n.t('Remove {0}', s.label));
    remove.addEventListener('click', () => dispatch({ type: 'user.removeSeries', seriesId: s.id }));
    li.append(name, remove);
    return li;
  }));
}

function syncControls(): void {
  const o = state.options;
  const preset = shownPreset(state);
  el.preset.value = preset;
  el.custom.hidden = preset !== 'custom';
  el.zone.value = o.zone;
  el.mode.value = o.mode;
  el.rawOptions.hidden = o.mode !== 'raw';
  el.statsOptions.hidden = o.mode !== 'stats';
  el.downsample.value = o.downsample;
  el.limit.value = o.limit !== undefined ? String(o.limit) : '';
  el.period.value = o.statsPeriod;
  el.dimension.value = o.statsDimension;
  el.live.checked = o.live.enabled;
  // Live mode follows raw points; statistics come back when it is switched off.
  el.mode.toggleAttribute('disabled', o.live.enabled);
  el.liveOptions.hidden = !o.live.enabled;
  el.interval.value = String(o.live.intervalMs);
  el.liveStart.value = o.live.start;
  el.liveTime.hidden = o.live.start !== 'time';
  const times = controlTimes(state, env());
  if (times.from !== undefined) el.from.value = times.from;
  if (times.to !== undefined) el.to.value = times.to;
  if (times.liveTime !== undefined) el.liveTime.value = times.liveTime;
}

// ---- controls -----------------------------------------------------------------------------------

const onChange = (target: HTMLElement, input: () => ChartInput | undefined): void => target.addEventListener('change', () => {
  const i = input();
  if (i) dispatch(i);
});
onChange(el.preset, () => ({ type: 'user.preset', preset: el.preset.value as RangePreset }));
onChange(el.from, () => ({ type: 'user.customRange', fromText: el.from.value, toText: el.to.value }));
onChange(el.to, () => ({ type: 'user.customRange', fromText: el.from.value, toText: el.to.value }));
onChange(el.zone, () => ({ type: 'user.zone', zone: el.zone.value }));
onChange(el.mode, () => ({ type: 'user.mode', mode: el.mode.value as ChartMode }));
onChange(el.downsample, () => ({ type: 'user.downsample', downsample: el.downsample.value as DownsampleMethod }));
onChange(el.limit, () => ({ type: 'user.limit', text: el.limit.value }));
onChange(el.period, () => ({ type: 'user.period', period: el.period.value as StatsPeriod }));
onChange(el.dimension, () => ({ type: 'user.dimension', dimension: el.dimension.value as StatsDimension | 'auto' }));
onChange(el.live, () => ({ type: 'user.live', enabled: el.live.checked }));
onChange(el.interval, () => ({ type: 'user.liveInterval', intervalMs: Number(el.interval.value) }));
onChange(el.liveStart, () => ({ type: 'user.liveStart', start: el.liveStart.value as LiveOptions['start'] }));
onChange(el.liveTime, () => ({ type: 'user.liveTime', text: el.liveTime.value }));
const onClick = (target: HTMLElement, input: ChartInput): void => target.addEventListener('click', () => dispatch(input));
onClick(el.pause, { type: 'user.pause' });
onClick(el.resetZoom, { type: 'user.resetZoom' });

// ---- zoom and pan: drag zooms, the Pan toggle (or Shift) pans, keys on the focused chart --------

let panMode = false;
el.panMode.addEventListener('click', () => {
  panMode = !panMode;
  el.panMode.setAttribute('aria-pressed', String(panMode));
  el.panMode.toggleAttribute('secondary', !panMode);
  view.setPanMode(panMode);
});
el.canvas.addEventListener('keydown', (e) => {
  const act: Record<string, () => void> = {
    '+': () => view.zoomBy(1.5), '=': () => view.zoomBy(1.5), '-': () => view.zoomBy(1 / 1.5),
    ArrowLeft: () => view.panBy(-0.25), ArrowRight: () => view.panBy(0.25), '0': () => dispatch({ type: 'user.resetZoom' }),
  };
  const run = act[e.key];
  if (!run) return;
  e.preventDefault();
  run();
});
onClick(el.exportCsv, { type: 'user.command', command: 'exportCsv' });
onClick(el.exportJson, { type: 'user.command', command: 'exportJson' });
onClick(el.exportParquet, { type: 'user.command', command: 'exportParquet' });
onClick(el.exportPng, { type: 'user.command', command: 'exportPng' });
onClick(el.copyCsv, { type: 'user.command', command: 'copyVisibleCsv' });
onClick(el.cancel, { type: 'user.cancel' });

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
  dispatch({ type: 'user.drop', uris: list.split(/\r?\n/).filter((l) => l.length > 0) });
});

// ---- host messages ------------------------------------------------------------------------------

onMessage((msg) => {
  if (msg.type !== 'request') {
    dispatch(msg);
    return;
  }
  // Requests ask for what only the page has: the canvas and the axis.
  try {
    if (msg.what === 'png') post({ type: 'reply', requestId: msg.requestId, what: 'png', value: { png: view.toPng() } });
    else if (msg.what === 'held') post({ type: 'reply', requestId: msg.requestId, what: 'held', value: { held: [...state.raw].map(([seriesId, xy]) => ({ seriesId, timestamps: xy.timestamps, values: xy.values })) } });
    else post({ type: 'reply', requestId: msg.requestId, what: 'visibleRange', value: view.visibleRange() });
  } catch (err) {
    post({ type: 'replyError', requestId: msg.requestId, error: (err instanceof Error ? err.message : String(err)).slice(0, 2000) });
  }
});

window.addEventListener('error', (e) => log('error', `${e.message} (${e.filename}:${e.lineno})`));
syncControls();
post({ type: 'ready', state: restored ? { ...restored, options: state.options } : undefined });
