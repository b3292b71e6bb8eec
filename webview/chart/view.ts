/** The chart page's DOM: toolbar, series chips, live banner, canvas and status line. Static markup, wired in main.ts. */
import * as l10n from '@vscode/l10n';
import { RANGE_PRESETS, STATS_DIMENSIONS, STATS_PERIODS } from '../../src/shared/chart/viewOptions';
import { ZONE_CHOICES } from '../../src/shared/chart/timeRange';
import { ianaZoneNames } from '../../src/shared/chart/timeZone';
import { LIVE_INTERVALS } from './liveWindow';
import { htmlText as esc } from '../../src/shared/escape/html';

/** The toolbar's fixed choices, labelled in the UI language (called after the l10n bundle is loaded). */
function presetLabels(): Record<string, string> {
  return { '1h': l10n.t('1 h'), '24h': l10n.t('24 h'), '7d': l10n.t('7 d'), '30d': l10n.t('30 d'), custom: l10n.t('Custom…') };
}
const intervalLabel = (ms: number): string => (ms < 60_000 ? l10n.t('every {0} s', ms / 1000) : l10n.t('every {0} min', ms / 60_000));

const options = (items: readonly (readonly [string, string])[]): string =>
  items.map(([value, label]) => `<vscode-option value="${esc(value)}">${esc(label)}</vscode-option>`).join('');

export function markup(): string {
  const presets = presetLabels();
  return `
<header class="toolbar" role="toolbar" aria-label="${esc(l10n.t('Chart controls'))}">
  <div class="group">
    <vscode-label for="preset">${esc(l10n.t('Range'))}</vscode-label>
    <vscode-single-select id="preset" aria-label="${esc(l10n.t('Time range'))}">${options(RANGE_PRESETS.map((p) => [p, presets[p]]))}</vscode-single-select>
    <span id="custom" class="custom" hidden>
      <vscode-textfield id="from" type="datetime-local" aria-label="${esc(l10n.t('From'))}"></vscode-textfield>
      <span>–</span>
      <vscode-textfield id="to" type="datetime-local" aria-label="${esc(l10n.t('To'))}"></vscode-textfield>
    </span>
    <vscode-single-select id="zone" aria-label="${esc(l10n.t('Time zone'))}" title="${esc(l10n.t('Time zone of the axis, the range and exports: local, a fixed offset, or a named zone that follows daylight saving'))}">${options([['local', l10n.t('Local time')], ...ZONE_CHOICES.map((z) => [z, `UTC${z}`] as const), ...ianaZoneNames().map((z) => [z, z] as const)])}</vscode-single-select>
  </div>
  <div class="group">
    <vscode-single-select id="mode" aria-label="${esc(l10n.t('Mode'))}">${options([['raw', l10n.t('Raw values')], ['stats', l10n.t('Statistics')]])}</vscode-single-select>
    <span id="rawOptions">
      <vscode-single-select id="downsample" aria-label="${esc(l10n.t('Downsampling'))}" title="${esc(l10n.t('How points are reduced to what the chart can draw'))}">${options([['lttb', 'LTTB'], ['minmax', l10n.t('Min/max per pixel')]])}</vscode-single-select>
      <vscode-textfield id="limit" type="number" min="1" placeholder="${esc(l10n.t('No limit'))}" aria-label="${esc(l10n.t('Limit'))}" title="${esc(l10n.t('Maximum points fetched per series'))}"></vscode-textfield>
    </span>
    <span id="statsOptions" hidden>
      <vscode-single-select id="period" aria-label="${esc(l10n.t('Statistics period'))}">${options(STATS_PERIODS.map((p) => [p, p === 'Custom' ? l10n.t('Shown range') : p]))}</vscode-single-select>
      <vscode-single-select id="dimension" aria-label="${esc(l10n.t('Bucket size'))}">${options([['auto', l10n.t('Auto bucket')], ...STATS_DIMENSIONS.map((d) => [d, d] as const)])}</vscode-single-select>
    </span>
  </div>
  <div class="group">
    <vscode-checkbox id="live" title="${esc(l10n.t('Poll for new points'))}">${esc(l10n.t('Live'))}</vscode-checkbox>
    <span id="liveOptions" hidden>
      <vscode-single-select id="interval" aria-label="${esc(l10n.t('Polling interval'))}">${options(LIVE_INTERVALS.map((ms) => [String(ms), intervalLabel(ms)]))}</vscode-single-select>
      <vscode-single-select id="liveStart" aria-label="${esc(l10n.t('Live start'))}">${options([['now', l10n.t('from now')], ['time', l10n.t('from time…')]])}</vscode-single-select>
      <vscode-textfield id="liveTime" type="datetime-local" aria-label="${esc(l10n.t('Live start time'))}" hidden></vscode-textfield>
      <vscode-button id="pause" secondary>${esc(l10n.t('Pause'))}</vscode-button>
    </span>
  </div>
  <div class="group end">
    <vscode-button id="panMode" secondary aria-pressed="false" title="${esc(l10n.t('Drag selects a range to zoom into; with Pan on (or Shift held) drag moves the chart. Keys: + and − zoom, ← and → pan, 0 resets.'))}">${esc(l10n.t('Pan'))}</vscode-button>
    <vscode-button id="resetZoom" secondary title="${esc(l10n.t('Back to the selected range'))}">${esc(l10n.t('Reset zoom'))}</vscode-button>
    <vscode-button id="exportCsv" secondary title="${esc(l10n.t('Export the range as CSV, streamed to a file'))}">CSV</vscode-button>
    <vscode-button id="exportJson" secondary title="${esc(l10n.t('Export the range as JSON, streamed to a file'))}">JSON</vscode-button>
    <vscode-button id="exportParquet" secondary title="${esc(l10n.t('Export the range as Parquet (for pandas, Spark, DuckDB), streamed to a file'))}">Parquet</vscode-button>
    <vscode-button id="exportPng" secondary title="${esc(l10n.t('Save the chart as PNG'))}">PNG</vscode-button>
    <vscode-button id="copyCsv" secondary title="${esc(l10n.t('Copy the visible range as CSV'))}">${esc(l10n.t('Copy visible'))}</vscode-button>
  </div>
</header>
<ul id="series" class="series" aria-label="${esc(l10n.t('Series'))}"></ul>
<div id="banner" class="banner" role="status" hidden></div>
<section class="plot" id="plot">
  <canvas id="canvas" tabindex="0" role="img" aria-label="${esc(l10n.t('Time series chart: drag to zoom, + and − zoom, ← and → pan, 0 resets'))}"></canvas>
  <div id="empty" class="empty">${esc(l10n.t('Drop series here from the IoT Explorer tree, or use "Add to chart".'))}</div>
  <div id="drop" class="drop" hidden>${esc(l10n.t('Drop to add to this chart'))}</div>
</section>
<footer class="status">
  <vscode-progress-bar id="progress" hidden></vscode-progress-bar>
  <span id="statusText" role="status" aria-live="polite"></span>
  <vscode-button id="cancel" secondary hidden>${esc(l10n.t('Cancel'))}</vscode-button>
</footer>`;
}

export interface SelectLike extends HTMLElement { value: string }
export interface TextLike extends HTMLElement { value: string }
export interface CheckLike extends HTMLElement { checked: boolean }

export interface Elements {
  preset: SelectLike; custom: HTMLElement; from: TextLike; to: TextLike; zone: SelectLike;
  mode: SelectLike; rawOptions: HTMLElement; statsOptions: HTMLElement; downsample: SelectLike; limit: TextLike;
  period: SelectLike; dimension: SelectLike;
  live: CheckLike; liveOptions: HTMLElement; interval: SelectLike; liveStart: SelectLike; liveTime: TextLike; pause: HTMLElement;
  panMode: HTMLElement; resetZoom: HTMLElement; exportCsv: HTMLElement; exportJson: HTMLElement; exportParquet: HTMLElement; exportPng: HTMLElement; copyCsv: HTMLElement;
  series: HTMLUListElement; banner: HTMLElement; plot: HTMLElement; canvas: HTMLCanvasElement; empty: HTMLElement; drop: HTMLElement;
  progress: HTMLElement; statusText: HTMLElement; cancel: HTMLElement;
}

export function mount(root: HTMLElement): Elements {
  root.innerHTML = markup();
  const ids = ['preset', 'custom', 'from', 'to', 'zone', 'mode', 'rawOptions', 'statsOptions', 'downsample', 'limit', 'period', 'dimension',
    'live', 'liveOptions', 'interval', 'liveStart', 'liveTime', 'pause', 'panMode', 'resetZoom', 'exportCsv', 'exportJson', 'exportParquet', 'exportPng', 'copyCsv',
    'series', 'banner', 'plot', 'canvas', 'empty', 'drop', 'progress', 'statusText', 'cancel'] as const;
  const out: Record<string, HTMLElement> = {};
  for (const id of ids) {
    const el = root.querySelector<HTMLElement>(`#${id}`);
    if (!el) throw new Error(`chart markup lacks #${id}`);
    out[id] = el;
  }
  return out as unknown as Elements;
}
