/**
 * chart.js behind a small API: raw series or statistics bands, a time axis in the chosen zone, one
 * y-axis per unit, zoom and pan (chartjs-plugin-zoom), a crosshair tooltip with every series' value at
 * the cursor, legend toggles per series, and theme colours.
 */
import {
  Chart, Filler, Interaction, Legend, LinearScale, LineController, LineElement, PointElement, TimeScale, Tooltip,
  type ChartDataset, type ChartEvent, type InteractionItem, type InteractionModeFunction, type Plugin, type TooltipItem,
} from 'chart.js';
import { getRelativePosition } from 'chart.js/helpers';
import 'chartjs-adapter-date-fns';
import zoomPlugin from 'chartjs-plugin-zoom';
import type { SeriesInfo, StatsSeriesPayload } from '../../src/shared/chart/protocol';
import { formatZone, fromDisplayTime, toDisplayTime } from '../../src/shared/chart/timeRange';
import { zoneOffsetFn, type ZoneSpec } from '../../src/shared/chart/timeZone';
import { FULL_TIME, tickFormat, timeTicks, type TickUnit } from '../../src/shared/chart/timeTicks';
import { withAlpha } from '../../src/shared/chart/chartTheme';
import { axesFor, yScales } from './axes';
import type { XY } from './downsample';
import type { ChartTheme } from './theme';

declare module 'chart.js' {
  interface InteractionModeMap {
    nearestPerSeries: InteractionModeFunction;
  }
}

type Point = { x: number; y: number | null };
type Role = 'main' | 'min' | 'max' | 'avg';
interface DatasetTag {
  readonly seriesId: string;
  readonly role: Role;
  readonly stats?: StatsSeriesPayload;
}

const localOffset = (ts: number): number => -new Date(ts).getTimezoneOffset();

/** For each visible series, the point nearest the cursor along x: the crosshair shows every value at once. */
const nearestPerSeries: InteractionModeFunction = (chart, e, _options, useFinalPosition) => {
  const position = getRelativePosition(e, chart);
  const items: InteractionItem[] = [];
  if (!chart.chartArea || position.x < chart.chartArea.left || position.x > chart.chartArea.right) return items;
  chart.data.datasets.forEach((_ds, datasetIndex) => {
    const tag = tags.get(chart)?.[datasetIndex];
    if (!tag || tag.role === 'min' || tag.role === 'max' || !chart.isDatasetVisible(datasetIndex)) return;
    const elements = chart.getDatasetMeta(datasetIndex).data;
    let lo = 0;
    let hi = elements.length - 1;
    if (hi < 0) return;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = elements[mid].getProps(['x'], useFinalPosition).x as number;
      if (x < position.x) lo = mid + 1;
      else hi = mid;
    }
    let best = lo;
    if (lo > 0 && Math.abs((elements[lo - 1].getProps(['x'], useFinalPosition).x as number) - position.x) < Math.abs((elements[lo].getProps(['x'], useFinalPosition).x as number) - position.x)) best = lo - 1;
    const data = chart.data.datasets[datasetIndex].data as Point[];
    if (data[best]?.y === null) return;
    items.push({ element: elements[best], datasetIndex, index: best });
  });
  return items;
};

/** Dataset tags per chart (chart.js datasets carry no custom fields in its types). */
const tags = new WeakMap<Chart, DatasetTag[]>();
const crosshairX = new WeakMap<Chart, number | undefined>();
const backgrounds = new WeakMap<Chart, string>();

const crosshairPlugin: Plugin<'line'> = {
  id: 'iotCrosshair',
  afterEvent(chart, args) {
    const e: ChartEvent = args.event;
    const inside = args.inChartArea && e.type !== 'mouseout';
    const next = inside && e.x !== null ? e.x : undefined;
    if (crosshairX.get(chart) !== next) {
      crosshairX.set(chart, next);
      args.changed = true;
    }
  },
  afterDatasetsDraw(chart) {
    const x = crosshairX.get(chart);
    if (x === undefined) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = (chart.options.plugins?.tooltip?.borderColor as string | undefined) ?? '#888';
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

/** Paints the theme background under the plot, so the PNG export is not transparent. */
const backgroundPlugin: Plugin<'line'> = {
  id: 'iotBackground',
  beforeDraw(chart) {
    const color = backgrounds.get(chart);
    if (!color) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Tooltip, Legend, Filler, zoomPlugin, crosshairPlugin, backgroundPlugin);
Interaction.modes.nearestPerSeries = nearestPerSeries;

export interface ChartViewHandlers {
  /** The user zoomed or panned: the new visible range in real epoch ms. */
  onUserRange(from: number, to: number): void;
  /** A legend click hid or showed a series. */
  onToggleSeries(seriesId: string, hidden: boolean): void;
}

export class ChartView {
  private readonly chart: Chart<'line', Point[]>;
  private theme: ChartTheme;
  private zone: ZoneSpec = 'local';
  private tickUnit: TickUnit = 'hour';
  private zoneOffset: (ts: number) => number = localOffset;
  private hidden = new Set<string>();
  private series: readonly SeriesInfo[] = [];

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme, private readonly handlers: ChartViewHandlers) {
    this.theme = theme;
    const emitRange = (): void => this.reportRange();
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        spanGaps: false,
        interaction: { mode: 'nearestPerSeries', intersect: false },
        elements: { point: { radius: 0, hitRadius: 4 }, line: { tension: 0 } },
        scales: { x: { type: 'time' } },
        plugins: {
          legend: {
            position: 'bottom',
            // One legend entry per series: the min/max band datasets stay out of it.
            labels: { filter: (item) => ['main', 'avg'].includes(this.tagOf(item.datasetIndex ?? -1)?.role ?? '') },
            onClick: (_e, item) => {
              const tag = this.tagOf(item.datasetIndex ?? -1);
              if (!tag) return;
              const hide = !this.hidden.has(tag.seriesId);
              this.setHidden(tag.seriesId, hide);
              this.handlers.onToggleSeries(tag.seriesId, hide);
            },
          },
          tooltip: {
            callbacks: {
              title: (items: { parsed: { x: number | null } }[]) => (items.length > 0 && items[0].parsed.x !== null ? this.formatX(items[0].parsed.x) : ''),
              label: (item) => this.tooltipLabel(item),
            },
          },
          zoom: {
            limits: { x: { minRange: 1000 } },
            // Drag zooms (what people try first); Shift+drag or the Pan toggle pans.
            pan: { enabled: true, mode: 'x', modifierKey: 'shift', onPanComplete: emitRange },
            zoom: {
              mode: 'x',
              wheel: { enabled: true },
              pinch: { enabled: true },
              drag: { enabled: true },
              onZoomComplete: emitRange,
            },
          },
        },
      },
    });
    tags.set(this.chart as unknown as Chart, []);
    this.applyTheme(theme);
  }

  /** Pan mode: a plain drag pans instead of selecting a range to zoom into. */
  setPanMode(on: boolean): void {
    const zoom = this.chart.options.plugins?.zoom;
    if (!zoom?.pan || !zoom.zoom?.drag) return;
    zoom.pan.modifierKey = on ? undefined : 'shift';
    zoom.zoom.drag.enabled = !on;
    this.chart.update('none');
  }

  /** Keyboard zoom around the centre (factor > 1 zooms in); reported like a wheel zoom. */
  zoomBy(factor: number): void {
    this.chart.zoom({ x: factor });
    this.reportRange();
  }

  /** Keyboard pan by a fraction of the visible width (positive: later in time). */
  panBy(fraction: number): void {
    const x = this.chart.scales.x;
    this.chart.pan({ x: -(x.right - x.left) * fraction }, undefined, 'none');
    this.reportRange();
  }

  private reportRange(): void {
    const x = this.chart.scales.x;
    this.xRange = { min: x.min, max: x.max };
    this.handlers.onUserRange(this.fromX(x.min), this.fromX(x.max));
  }

  setZone(zone: ZoneSpec): void {
    this.zone = zone;
    this.zoneOffset = zoneOffsetFn(zone);
  }

  /** The x range shown (after any zoom or pan), in real epoch ms. */
  visibleRange(): { from: number; to: number } {
    const x = this.chart.scales.x as { min: number; max: number } | undefined;
    const min = x?.min ?? this.xRange.min;
    const max = x?.max ?? this.xRange.max;
    if (min === undefined || max === undefined) throw new Error('The chart has no range yet.');
    return { from: this.fromX(min), to: this.fromX(max) };
  }

  setRange(from: number, to: number): void {
    this.xRange = { min: this.toX(from), max: this.toX(to) };
    this.updateAxes();
  }

  setHidden(seriesId: string, hidden: boolean): void {
    if (hidden) this.hidden.add(seriesId);
    else this.hidden.delete(seriesId);
    const t = this.tagList();
    this.chart.data.datasets.forEach((ds, i) => {
      if (t[i]?.seriesId === seriesId) ds.hidden = hidden;
    });
    this.updateAxes();
    this.chart.update('none');
  }

  /** Raw mode: one line per series. Returns the number of points handed to chart.js. */
  showRaw(series: readonly SeriesInfo[], data: ReadonlyMap<string, XY>, hidden: readonly string[]): number {
    this.series = series;
    this.hidden = new Set(hidden);
    const assignment = axesFor(series);
    const datasets: ChartDataset<'line', Point[]>[] = [];
    const tagList: DatasetTag[] = [];
    let drawn = 0;
    series.forEach((s, i) => {
      const xy = data.get(s.id);
      const points = xy ? this.points(xy.timestamps, xy.values) : [];
      drawn += points.length;
      const color = this.colorOf(i);
      datasets.push({
        label: labelOf(s),
        data: points,
        yAxisID: assignment.axisOf[s.id],
        borderColor: color,
        backgroundColor: color,
        borderWidth: this.theme.lineWidth,
        pointRadius: points.length <= 120 ? 2 : 0,
        hidden: this.hidden.has(s.id),
      });
      tagList.push({ seriesId: s.id, role: 'main' });
    });
    this.replace(datasets, tagList, assignment);
    return drawn;
  }

  /** Statistics mode: per series a min–max band and the average line. */
  showStats(series: readonly SeriesInfo[], stats: ReadonlyMap<string, StatsSeriesPayload>, hidden: readonly string[]): number {
    this.series = series;
    this.hidden = new Set(hidden);
    const assignment = axesFor(series);
    const datasets: ChartDataset<'line', Point[]>[] = [];
    const tagList: DatasetTag[] = [];
    let drawn = 0;
    series.forEach((s, i) => {
      const st = stats.get(s.id);
      const color = this.colorOf(i);
      const axis = assignment.axisOf[s.id];
      const isHidden = this.hidden.has(s.id);
      const t = st?.timestamps ?? new Float64Array(0);
      const min = this.points(t, st?.min ?? new Float64Array(0));
      const max = this.points(t, st?.max ?? new Float64Array(0));
      const avg = this.points(t, st?.avg ?? new Float64Array(0));
      drawn += min.length + max.length + avg.length;
      const few = t.length <= 120;
      datasets.push(
        { label: `${labelOf(s)} min`, data: min, yAxisID: axis, borderColor: withAlpha(color, 0.4), borderWidth: 0.5, pointRadius: 0, fill: false, hidden: isHidden },
        { label: `${labelOf(s)} max`, data: max, yAxisID: axis, borderColor: withAlpha(color, 0.4), borderWidth: 0.5, pointRadius: 0, fill: '-1', backgroundColor: withAlpha(color, 0.18), hidden: isHidden },
        { label: `${labelOf(s)} (avg, min–max)`, data: avg, yAxisID: axis, borderColor: color, backgroundColor: color, borderWidth: this.theme.lineWidth, pointRadius: few ? 2 : 0, fill: false, hidden: isHidden },
      );
      tagList.push({ seriesId: s.id, role: 'min', stats: st }, { seriesId: s.id, role: 'max', stats: st }, { seriesId: s.id, role: 'avg', stats: st });
    });
    this.replace(datasets, tagList, assignment);
    return drawn;
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    backgrounds.set(this.chart as unknown as Chart, theme.background);
    Chart.defaults.font.family = theme.fontFamily;
    Chart.defaults.font.size = Math.max(10, theme.fontSize - 1);
    Chart.defaults.color = theme.foreground;
    const o = this.chart.options;
    if (o.plugins?.legend?.labels) o.plugins.legend.labels.color = theme.foreground;
    if (o.plugins?.tooltip) {
      Object.assign(o.plugins.tooltip, {
        backgroundColor: theme.tooltipBackground, titleColor: theme.tooltipForeground, bodyColor: theme.tooltipForeground,
        borderColor: theme.tooltipBorder, borderWidth: 1,
      });
    }
    const zoomDrag = o.plugins?.zoom?.zoom?.drag;
    if (zoomDrag) zoomDrag.backgroundColor = withAlpha(theme.palette[0], 0.15);
    // Recolour the datasets in place (series keep their palette slot).
    const t = this.tagList();
    this.chart.data.datasets.forEach((ds, i) => {
      const idx = this.series.findIndex((s) => s.id === t[i]?.seriesId);
      if (idx < 0) return;
      const color = this.colorOf(idx);
      const role = t[i].role;
      ds.borderColor = role === 'min' || role === 'max' ? withAlpha(color, 0.4) : color;
      ds.backgroundColor = role === 'max' ? withAlpha(color, 0.18) : color;
      if (role === 'main' || role === 'avg') ds.borderWidth = theme.lineWidth;
    });
    this.updateAxes();
    this.chart.update('none');
  }

  update(): void {
    this.chart.update('none');
  }

  resize(): void {
    this.chart.resize();
  }

  /** Width of the plot area in CSS pixels (the downsampling target). */
  plotWidth(): number {
    const area = this.chart.chartArea;
    return Math.max(100, Math.round(area ? area.right - area.left : this.chart.width || 800));
  }

  toPng(): string {
    return this.chart.toBase64Image('image/png', 1);
  }

  /** Real epoch ms → chart x (display time in the chosen zone). */
  toX(ts: number): number {
    return this.zone === 'local' ? ts : toDisplayTime(ts, this.zoneOffset(ts), localOffset);
  }

  fromX(x: number): number {
    if (this.zone === 'local') return x;
    // The zone's offset at the instant shown; one correction step settles daylight-saving edges.
    const guess = fromDisplayTime(x, this.zoneOffset(x), localOffset);
    return fromDisplayTime(x, this.zoneOffset(guess), localOffset);
  }

  /** Tooltip time: the user's locale (12/24-hour clock, date order) with milliseconds and the zone's offset. */
  private formatX(x: number): string {
    const zoneLabel = formatZone(this.zoneOffset(this.fromX(x)));
    return `${new Intl.DateTimeFormat(undefined, { ...FULL_TIME, fractionalSecondDigits: 3 }).format(x)} UTC${zoneLabel}`;
  }

  private tickLabel(x: number): string {
    return new Intl.DateTimeFormat(undefined, tickFormat(this.tickUnit)).format(x);
  }

  private tooltipLabel(item: TooltipItem<'line'>): string {
    const tag = this.tagOf(item.datasetIndex);
    const y = item.parsed.y;
    const text = y === null ? '—' : formatNumber(y);
    if (tag?.role === 'avg' && tag.stats) {
      const st = tag.stats;
      const k = item.dataIndex;
      return `${item.dataset.label?.replace(/ \(avg, min–max\)$/, '') ?? ''}: avg ${text}, min ${formatNumber(st.min[k])}, max ${formatNumber(st.max[k])}, n ${st.count[k]}`;
    }
    return `${item.dataset.label ?? ''}: ${text}`;
  }

  private points(t: Float64Array, v: Float64Array): Point[] {
    const out = new Array<Point>(t.length);
    for (let i = 0; i < t.length; i++) out[i] = { x: this.toX(t[i]), y: Number.isFinite(v[i]) ? v[i] : null };
    return out;
  }

  private replace(datasets: ChartDataset<'line', Point[]>[], tagList: DatasetTag[], assignment: ReturnType<typeof axesFor>): void {
    tags.set(this.chart as unknown as Chart, tagList);
    this.chart.data.datasets = datasets;
    this.assignment = assignment;
    this.updateAxes();
    this.chart.update('none');
  }

  private assignment: ReturnType<typeof axesFor> = { axes: [], axisOf: {} };
  private xRange: { min?: number; max?: number } = {};

  /**
   * Rebuilds every scale from plain objects (chart.js options read back are proxies that must not be
   * assigned again). Axes of hidden series disappear.
   */
  private updateAxes(): void {
    const theme = this.theme;
    const visible = new Set(this.series.filter((s) => !this.hidden.has(s.id)).map((s) => this.assignment.axisOf[s.id]));
    const y = this.assignment.axes.length > 0
      ? yScales(this.assignment, theme, visible)
      : { y0: { type: 'linear' as const, position: 'left' as const, grid: { color: theme.grid }, ticks: { color: theme.foreground } } };
    this.chart.options.scales = {
      x: {
        type: 'time',
        min: this.xRange.min,
        max: this.xRange.max,
        // Ticks on round units of the axis's wall clock (src/shared/chart/timeTicks.ts), labelled in the user's locale.
        afterBuildTicks: (scale: { min: number; max: number; width: number; ticks: { value: number }[] }) => {
          const t = timeTicks(scale.min, scale.max, Math.max(2, Math.floor((scale.width || 800) / 90)), localOffset);
          this.tickUnit = t.unit;
          scale.ticks = t.values.map((value) => ({ value }));
        },
        ticks: { color: theme.foreground, maxRotation: 0, autoSkip: false, callback: (value: number | string) => this.tickLabel(Number(value)) },
        grid: { color: theme.grid },
        border: { color: theme.grid },
      },
      ...y,
    };
  }

  private colorOf(index: number): string {
    const p = this.theme.palette;
    return p[index % p.length];
  }

  private tagList(): DatasetTag[] {
    return tags.get(this.chart as unknown as Chart) ?? [];
  }

  private tagOf(datasetIndex: number): DatasetTag | undefined {
    return this.tagList()[datasetIndex];
  }
}

function labelOf(s: SeriesInfo): string {
  return s.unit ? `${s.label} (${s.unit})` : s.label;
}

export function formatNumber(y: number): string {
  if (!Number.isFinite(y)) return '—';
  const abs = Math.abs(y);
  return abs !== 0 && (abs >= 1e7 || abs < 1e-3) ? y.toExponential(4) : String(Math.round(y * 10_000) / 10_000);
}
