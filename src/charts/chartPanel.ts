/**
 * One chart: a webview panel and the host side of its protocol, on the shared webview host. The panel
 * owns the series (sources and their full-resolution caches), answers the webview's fetch requests with
 * downsampled typed arrays, runs live mode, and serves the exports. The webview owns the view options
 * and persists them for reloads.
 */
import * as vscode from 'vscode';
import { minMaxPerColumn, type XY } from '../shared/chart/downsample';
import { parseViewToHost } from '../shared/chart/messageSchema';
import { appendAfter } from '../shared/chart/pageMerge';
import { CHART_VIEW_TYPE, type FetchQuery, type HostToView, type RenderTimings, type SeriesInfo, type ViewCommand, type ViewReplies, type ViewToHost } from '../shared/chart/protocol';
import { seriesKey, type SeriesDescriptor } from '../shared/chart/series';
import { parseUriList } from '../shared/chart/seriesUri';
import { presetRange, type TimeRange } from '../shared/chart/timeRange';
import { localZoneName, normalizeZone, type ZoneSpec } from '../shared/chart/timeZone';
import { defaultViewOptions, type ChartViewOptions, type LiveOptions } from '../shared/chart/viewOptions';
import { errorMessage } from '../platforms/http';
import { oneLine } from '../shared/escape/text';
import { WebviewHost, type WebviewApp } from '../webviews/webviewHost';
import { LiveSession, type LiveAppend, type LivePush, type LiveStatus } from './liveSession';
import { PreviewPoster } from './chartPreview';
import { FirstFrameGate } from './firstFrameGate';
import { runRawQuery, runStatsQuery, type SeriesEntry } from './seriesQuery';
import type { SeriesSource } from './seriesSource';

export interface ChartPanelHooks {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Turns dropped descriptors into sources (the explorer's `resolveSource`). */
  readonly resolve: (descriptors: readonly SeriesDescriptor[]) => Promise<SeriesSource[]>;
  readonly onRendered: (panel: ChartPanel, timings: RenderTimings) => void;
  readonly onActive: (panel: ChartPanel) => void;
  readonly onDisposed: (panel: ChartPanel) => void;
  readonly runCommand: (panel: ChartPanel, command: ViewCommand) => Promise<void>;
  /** Pushed points for live mode (Altair over MQTT); polling otherwise. */
  readonly livePush?: LivePush;
}

/** What tests and benchmarks read about a panel. */
export interface ChartPanelSnapshot {
  readonly id: number;
  readonly title: string;
  readonly ready: boolean;
  readonly series: readonly SeriesInfo[];
  readonly options: ChartViewOptions;
  readonly lastQuery?: FetchQuery;
  readonly lastResult?: { readonly requestId: number; readonly mode: 'raw' | 'stats'; readonly points: number; readonly drawnPoints: number; readonly errors: readonly string[] };
  readonly lastRender?: RenderTimings;
  readonly live?: LiveStatus;
}

let nextPanelId = 1;

const CHART_APP: WebviewApp<ViewToHost> = {
  app: 'chart',
  name: 'chart',
  parse: parseViewToHost,
  // Live mode keeps its chart while the tab is in the background; the webview holds only drawn points.
  retainContextWhenHidden: true,
};

export class ChartPanel extends WebviewHost<HostToView, ViewToHost, ViewReplies> {
  readonly id = nextPanelId++;
  private readonly entries = new Map<string, SeriesEntry>();
  private readonly renderEmitter = new vscode.EventEmitter<RenderTimings>();
  /** Fires after the webview drew a response: the timings of fetch, transfer and drawing. */
  readonly onDidRender = this.renderEmitter.event;
  private options: ChartViewOptions;
  /** The read in progress; a raw one holds its requests until its first frame is drawn (`firstFrame`). */
  private inflight: { requestId: number; abort: AbortController; firstFrame: FirstFrameGate } | undefined;
  private lastQuery: FetchQuery | undefined;
  private lastResult: ChartPanelSnapshot['lastResult'];
  private lastRender: RenderTimings | undefined;
  private live: LiveSession | undefined;
  private liveOptions: LiveOptions | undefined;
  /** Live points that arrived while the panel was hidden (hidden webviews get no messages). */
  private liveBacklog = new Map<string, XY>();

  /** Opens a new chart panel beside the active editor. */
  static create(hooks: ChartPanelHooks, sources: readonly SeriesSource[], options?: ChartViewOptions): ChartPanel {
    const panel = vscode.window.createWebviewPanel(CHART_VIEW_TYPE, titleOf(sources.map((s) => s.label)), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, WebviewHost.panelOptions(hooks.extensionUri, CHART_APP.retainContextWhenHidden));
    return new ChartPanel(panel, hooks, sources, options);
  }

  constructor(panel: vscode.WebviewPanel, private readonly hooks: ChartPanelHooks, sources: readonly SeriesSource[], options?: ChartViewOptions) {
    super(panel, hooks, CHART_APP);
    this.options = options ?? defaultViewOptions;
    for (const s of sources) {
      const info = infoOf(s);
      this.entries.set(info.id, { info, source: s });
    }
    panel.title = this.title;
    this.load(this.title);
  }

  get title(): string {
    return titleOf([...this.entries.values()].map((e) => e.info.label));
  }

  get seriesEntries(): readonly SeriesEntry[] {
    return [...this.entries.values()];
  }

  get viewOptions(): ChartViewOptions {
    return this.options;
  }

  snapshot(): ChartPanelSnapshot {
    return {
      id: this.id,
      title: this.title,
      ready: this.isReady,
      series: this.seriesEntries.map((e) => e.info),
      options: this.options,
      lastQuery: this.lastQuery,
      lastResult: this.lastResult,
      lastRender: this.lastRender,
      live: this.live?.status,
    };
  }

  /** Adds series (already present ones are skipped); the webview then fetches them. Returns the ones added. */
  addSources(sources: readonly SeriesSource[]): SeriesInfo[] {
    const added: SeriesInfo[] = [];
    for (const s of sources) {
      const info = infoOf(s);
      if (this.entries.has(info.id)) continue;
      this.entries.set(info.id, { info, source: s });
      added.push(info);
    }
    if (added.length > 0) {
      this.panel.title = this.title;
      this.post({ type: 'seriesAdded', series: added });
    }
    return added;
  }

  /** Adds the series of a drop (`iot-series:` lines of `text/uri-list`); returns the ones added. */
  async addDropped(uris: readonly string[]): Promise<SeriesInfo[]> {
    const descriptors = uris.flatMap((u) => parseUriList(u));
    if (descriptors.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Only series from the IoT Explorer tree can be dropped onto a chart.'));
      return [];
    }
    const added = this.addSources(await this.hooks.resolve(descriptors));
    if (added.length > 0) this.reveal();
    return added;
  }

  removeSeries(seriesId: string): void {
    if (!this.entries.delete(seriesId)) return;
    this.panel.title = this.title;
    this.post({ type: 'seriesRemoved', seriesIds: [seriesId] });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** The range exports cover: the last fetched range, else live [start, now], else the preset. */
  exportRange(now = Date.now()): TimeRange {
    if (this.live && this.live.status.state !== 'off') return { from: this.live.status.startedAt, to: now };
    if (this.lastQuery) return { from: this.lastQuery.from, to: this.lastQuery.to };
    const o = this.options;
    if (o.preset === 'custom' && o.customFrom !== undefined && o.customTo !== undefined) return { from: o.customFrom, to: o.customTo };
    return presetRange(o.preset === 'custom' ? '24h' : o.preset, now);
  }

  /** The chart's zone for exports: the chosen one, and for 'local' the IANA zone of this machine (so daylight saving is kept). */
  exportZone(): ZoneSpec {
    const zone = normalizeZone(this.options.zone) ?? 'local';
    return zone === 'local' ? localZoneName() : zone;
  }

  protected override onDispose(): void {
    this.inflight?.abort.abort();
    this.live?.stop();
    this.renderEmitter.dispose();
    this.hooks.onDisposed(this);
  }

  protected override onViewState(panel: vscode.WebviewPanel): void {
    if (panel.active) this.hooks.onActive(this);
    if (panel.visible) this.flushLiveBacklog();
  }

  protected override onHandlerError(message: ViewToHost, err: unknown): void {
    this.hooks.log.error(`chart ${this.id}: ${message.type}: ${errorMessage(err)}`);
  }

  protected onReady(msg: Extract<ViewToHost, { type: 'ready' }>): void {
    if (msg.state?.options) this.options = { ...defaultViewOptions, ...msg.state.options };
    this.post({ type: 'init', title: this.title, series: this.seriesEntries.map((e) => e.info), options: this.options });
    if (this.live) this.post({ type: 'liveStatus', ...this.live.status });
  }

  protected async onMessage(msg: Exclude<ViewToHost, { type: 'ready' | 'reply' | 'replyError' }>): Promise<void> {
    switch (msg.type) {
      case 'fetch':
        return this.fetch(msg.requestId, msg.query, msg.askedAt);
      case 'cancel':
        if (this.inflight?.requestId === msg.requestId) this.inflight.abort.abort();
        return;
      case 'firstFrame':
        if (this.inflight?.requestId === msg.requestId) this.inflight.firstFrame.drawn();
        return;
      case 'rendered': {
        const { type: _type, ...timings } = msg;
        this.lastRender = timings;
        this.hooks.log.info(`chart ${this.id}: rendered ${timings.points} points (${timings.drawnPoints} drawn, ${timings.series} series) — fetch ${timings.fetchMs} ms, transfer ${timings.transferMs} ms, draw ${timings.drawMs} ms`);
        this.hooks.onRendered(this, timings);
        this.renderEmitter.fire(timings);
        return;
      }
      case 'options':
        this.options = msg.options;
        return;
      case 'live':
        this.options = { ...this.options, live: msg.live };
        this.applyLive(msg.live);
        return;
      case 'removeSeries':
        this.removeSeries(msg.seriesId);
        return;
      case 'drop':
        await this.addDropped(msg.uris);
        return;
      case 'command':
        return this.hooks.runCommand(this, msg.command);
      case 'log': {
        // The level was checked against the three the protocol allows; the text is one line.
        const line = `chart ${this.id} webview: ${oneLine(msg.message)}`;
        if (msg.level === 'error') this.hooks.log.error(line);
        else if (msg.level === 'warn') this.hooks.log.warn(line);
        else this.hooks.log.info(line);
        return;
      }
    }
  }

  private async fetch(requestId: number, query: FetchQuery, askedAt?: number): Promise<void> {
    this.inflight?.abort.abort();
    const abort = new AbortController();
    const gate = new FirstFrameGate();
    this.inflight = { requestId, abort, firstFrame: gate };
    this.lastQuery = query;
    const entries = this.seriesEntries;
    const started = performance.now();
    const cameAfter = askedAt === undefined ? '' : `, ${Math.max(0, Date.now() - askedAt)} ms after the webview asked`;
    let lastProgress = 0;
    const onProgress = (p: { points: number; pages: number; seriesDone: number; seriesTotal: number }): void => {
      // At most ~10 progress messages a second.
      const now = performance.now();
      if (now - lastProgress < 100 && p.seriesDone < p.seriesTotal) return;
      lastProgress = now;
      this.post({ type: 'progress', requestId, ...p });
    };
    try {
      if (query.mode === 'stats') {
        const r = await runStatsQuery(entries, query, { signal: abort.signal, onProgress });
        const fetchMs = Math.round(performance.now() - started);
        this.lastResult = { requestId, mode: 'stats', points: r.points, drawnPoints: r.series.reduce((s, x) => s + x.timestamps.length, 0), errors: r.series.flatMap((x) => (x.error ? [x.error] : [])) };
        this.post({ type: 'stats', requestId, query, dimension: r.dimension, from: r.range.from, to: r.range.to, series: r.series, fetchMs, sentAt: Date.now() });
      } else {
        let previews = 0;
        const preview = new PreviewPoster(query, (p) => {
          // The host's part of a chart's first frame (npm run bench splits chart_first_paint_ms with it).
          if (previews++ === 0) this.hooks.log.info(`chart ${this.id}: first preview of request ${requestId} posted ${Math.round(performance.now() - started)} ms after the request came in${cameAfter} (${p.points} points)`);
          this.post({ type: 'preview', requestId, query, ...p, sentAt: Date.now() });
          // The rest of the read waits until the webview has drawn it (or FIRST_FRAME_MAX_WAIT_MS).
          gate.hold(abort.signal);
        });
        const r = await runRawQuery(entries, query, {
          signal: abort.signal,
          onProgress,
          onPage: (id, page, more) => preview.add(id, page, more),
          beforeRequest: () => gate.wait(),
        }).finally(() => preview.stop());
        const fetchMs = Math.round(performance.now() - started);
        this.lastResult = { requestId, mode: 'raw', points: r.points, drawnPoints: r.series.reduce((s, x) => s + x.timestamps.length, 0), errors: r.series.flatMap((x) => (x.error ? [x.error] : [])) };
        this.post({ type: 'data', requestId, query, series: r.series, fetchMs, sentAt: Date.now() });
      }
      for (const e of this.lastResult.errors) this.hooks.log.warn(`chart ${this.id}: ${e}`);
    } catch (err) {
      const cancelled = abort.signal.aborted;
      if (!cancelled) this.hooks.log.error(`chart ${this.id}: fetch failed: ${errorMessage(err)}`);
      this.post({ type: 'fetchFailed', requestId, cancelled, message: cancelled ? vscode.l10n.t('Cancelled') : errorMessage(err) });
    } finally {
      if (this.inflight?.requestId === requestId) this.inflight = undefined;
    }
  }

  private applyLive(live: LiveOptions): void {
    const prev = this.liveOptions;
    this.liveOptions = live;
    if (!live.enabled) {
      this.live?.stop();
      this.live = undefined;
      this.post({ type: 'liveStatus', state: 'off' });
      return;
    }
    const sameSession = this.live && prev && prev.enabled && prev.start === live.start && prev.startTime === live.startTime && prev.intervalMs === live.intervalMs;
    if (sameSession && this.live) {
      if (live.paused) this.live.pause();
      else this.live.resume();
      return;
    }
    this.live?.stop();
    const startAt = live.start === 'time' && live.startTime !== undefined ? live.startTime : Date.now();
    const session = new LiveSession(
      () => this.seriesEntries.map((e) => ({ id: e.info.id, source: e.source, descriptor: e.source.descriptor })),
      {
        append: (now, series) => this.onLiveAppend(now, series),
        status: (status) => {
          if (status.state === 'disconnected') this.hooks.log.warn(`chart ${this.id}: live mode disconnected: ${status.message ?? ''}`);
          this.post({ type: 'liveStatus', ...status });
        },
      },
      { intervalMs: Math.max(250, live.intervalMs), startAt, push: this.hooks.livePush },
    );
    this.live = session;
    session.start();
    if (live.paused) session.pause();
  }

  private onLiveAppend(now: number, series: readonly LiveAppend[]): void {
    const width = this.lastQuery?.widthPx ?? 1000;
    const capped = series.map((s) => capLive(s, width));
    if (this.panel.visible) {
      this.post({ type: 'append', now, series: capped });
      return;
    }
    for (const s of capped) {
      const prev = this.liveBacklog.get(s.seriesId);
      this.liveBacklog.set(s.seriesId, capXY(prev ? appendAfter(prev, s) : s, width));
    }
  }

  private flushLiveBacklog(): void {
    if (this.liveBacklog.size === 0 || !this.isReady) return;
    const series = [...this.liveBacklog].map(([seriesId, xy]) => ({ seriesId, timestamps: xy.timestamps, values: xy.values }));
    this.liveBacklog = new Map();
    this.post({ type: 'append', now: Date.now(), series });
  }
}

/** A back-fill of many points is cut to min/max per pixel column before it crosses to the webview. */
function capLive(s: LiveAppend, widthPx: number): LiveAppend {
  const xy = capXY(s, widthPx);
  return xy === s ? s : { seriesId: s.seriesId, timestamps: xy.timestamps, values: xy.values };
}

function capXY<T extends XY>(xy: T, widthPx: number): T | XY {
  const n = xy.timestamps.length;
  if (n <= widthPx * 4) return xy;
  return minMaxPerColumn(xy, xy.timestamps[0], xy.timestamps[n - 1], widthPx);
}

function infoOf(s: SeriesSource): SeriesInfo {
  return { id: s.id || seriesKey(s.descriptor), label: s.label, unit: s.unit, kind: s.kind, descriptor: s.descriptor, platformStatistics: typeof s.fetchStatistics === 'function' };
}

function titleOf(labels: readonly string[]): string {
  if (labels.length === 0) return vscode.l10n.t('Chart');
  const text = labels.length <= 2 ? labels.join(', ') : `${labels.slice(0, 2).join(', ')} +${labels.length - 2}`;
  return vscode.l10n.t('Chart: {0}', text);
}
