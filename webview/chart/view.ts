/** The chart page's DOM: toolbar, series chips, live banner, canvas and status line. Static markup, wired in main.ts. */
import { RANGE_PRESETS, STATS_DIMENSIONS, STATS_PERIODS } from '../../src/shared/chart/viewOptions';
import { ZONE_CHOICES } from '../../src/shared/chart/timeRange';

const PRESET_LABELS: Record<string, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d', custom: 'Custom…' };
const INTERVALS: readonly [number, string][] = [[1000, '1 s'], [2000, '2 s'], [5000, '5 s'], [10_000, '10 s'], [30_000, '30 s'], [60_000, '1 min']];

const options = (items: readonly (readonly [string, string])[]): string =>
  items.map(([value, label]) => `<vscode-option value="${value}">${label}</vscode-option>`).join('');

export const MARKUP = `
<header class="toolbar" role="toolbar" aria-label="Chart controls">
  <div class="group">
    <vscode-label for="preset">Range</vscode-label>
    <vscode-single-select id="preset" aria-label="Time range">${options(RANGE_PRESETS.map((p) => [p, PRESET_LABELS[p]]))}</vscode-single-select>
    <span id="custom" class="custom" hidden>
      <vscode-textfield id="from" type="datetime-local" aria-label="From"></vscode-textfield>
      <span>–</span>
      <vscode-textfield id="to" type="datetime-local" aria-label="To"></vscode-textfield>
    </span>
    <vscode-single-select id="zone" aria-label="Time zone" title="Time zone of the axis, the range and exports">${options([['local', 'Local time'], ...ZONE_CHOICES.map((z) => [z, `UTC${z}`] as const)])}</vscode-single-select>
  </div>
  <div class="group">
    <vscode-single-select id="mode" aria-label="Mode">${options([['raw', 'Raw values'], ['stats', 'Statistics']])}</vscode-single-select>
    <span id="rawOptions">
      <vscode-single-select id="downsample" aria-label="Downsampling" title="How points are reduced to what the chart can draw">${options([['lttb', 'LTTB'], ['minmax', 'Min/max per pixel']])}</vscode-single-select>
      <vscode-textfield id="limit" type="number" min="1" placeholder="No limit" aria-label="Limit" title="Maximum points fetched per series"></vscode-textfield>
    </span>
    <span id="statsOptions" hidden>
      <vscode-single-select id="period" aria-label="Statistics period">${options(STATS_PERIODS.map((p) => [p, p === 'Custom' ? 'Shown range' : p]))}</vscode-single-select>
      <vscode-single-select id="dimension" aria-label="Bucket size">${options([['auto', 'Auto bucket'], ...STATS_DIMENSIONS.map((d) => [d, d] as const)])}</vscode-single-select>
    </span>
  </div>
  <div class="group">
    <vscode-checkbox id="live" title="Poll for new points">Live</vscode-checkbox>
    <span id="liveOptions" hidden>
      <vscode-single-select id="interval" aria-label="Polling interval">${options(INTERVALS.map(([ms, l]) => [String(ms), `every ${l}`]))}</vscode-single-select>
      <vscode-single-select id="liveStart" aria-label="Live start">${options([['now', 'from now'], ['time', 'from time…']])}</vscode-single-select>
      <vscode-textfield id="liveTime" type="datetime-local" aria-label="Live start time" hidden></vscode-textfield>
      <vscode-button id="pause" secondary>Pause</vscode-button>
    </span>
  </div>
  <div class="group end">
    <vscode-button id="resetZoom" secondary title="Back to the selected range">Reset zoom</vscode-button>
    <vscode-button id="exportCsv" secondary title="Export the range as CSV, streamed to a file">CSV</vscode-button>
    <vscode-button id="exportJson" secondary title="Export the range as JSON, streamed to a file">JSON</vscode-button>
    <vscode-button id="exportPng" secondary title="Save the chart as PNG">PNG</vscode-button>
    <vscode-button id="copyCsv" secondary title="Copy the visible range as CSV">Copy visible</vscode-button>
  </div>
</header>
<ul id="series" class="series" aria-label="Series"></ul>
<div id="banner" class="banner" role="status" hidden></div>
<section class="plot" id="plot">
  <canvas id="canvas" role="img" aria-label="Time series chart"></canvas>
  <div id="empty" class="empty">Drop series here from the IoT Explorer tree, or use "Add to chart".</div>
  <div id="drop" class="drop" hidden>Drop to add to this chart</div>
</section>
<footer class="status">
  <vscode-progress-bar id="progress" hidden></vscode-progress-bar>
  <span id="statusText" role="status" aria-live="polite"></span>
  <vscode-button id="cancel" secondary hidden>Cancel</vscode-button>
</footer>`;

export interface SelectLike extends HTMLElement { value: string }
export interface TextLike extends HTMLElement { value: string }
export interface CheckLike extends HTMLElement { checked: boolean }

export interface Elements {
  preset: SelectLike; custom: HTMLElement; from: TextLike; to: TextLike; zone: SelectLike;
  mode: SelectLike; rawOptions: HTMLElement; statsOptions: HTMLElement; downsample: SelectLike; limit: TextLike;
  period: SelectLike; dimension: SelectLike;
  live: CheckLike; liveOptions: HTMLElement; interval: SelectLike; liveStart: SelectLike; liveTime: TextLike; pause: HTMLElement;
  resetZoom: HTMLElement; exportCsv: HTMLElement; exportJson: HTMLElement; exportPng: HTMLElement; copyCsv: HTMLElement;
  series: HTMLUListElement; banner: HTMLElement; plot: HTMLElement; canvas: HTMLCanvasElement; empty: HTMLElement; drop: HTMLElement;
  progress: HTMLElement; statusText: HTMLElement; cancel: HTMLElement;
}

export function mount(root: HTMLElement): Elements {
  root.innerHTML = MARKUP;
  const ids = ['preset', 'custom', 'from', 'to', 'zone', 'mode', 'rawOptions', 'statsOptions', 'downsample', 'limit', 'period', 'dimension',
    'live', 'liveOptions', 'interval', 'liveStart', 'liveTime', 'pause', 'resetZoom', 'exportCsv', 'exportJson', 'exportPng', 'copyCsv',
    'series', 'banner', 'plot', 'canvas', 'empty', 'drop', 'progress', 'statusText', 'cancel'] as const;
  const out: Record<string, HTMLElement> = {};
  for (const id of ids) {
    const el = root.querySelector<HTMLElement>(`#${id}`);
    if (!el) throw new Error(`chart markup lacks #${id}`);
    out[id] = el;
  }
  return out as unknown as Elements;
}
