/**
 * The chart webview's logic as one pure function: `reduce(state, input, env)` → next state + effects.
 * Host messages, user actions and page events all go through it, so every rule of the chart (which
 * response is stale, when a fetch is cancelled, how live mode moves the range, what the status says) is
 * tested in plain Node (test/node/charts/chartReduce.test.ts).
 */
import * as l10n from '@vscode/l10n';
import type { FetchQuery, SeriesInfo } from '../../src/shared/chart/protocol';
import { formatWallClock, parseInZone } from '../../src/shared/chart/timeRange';
import { normalizeZone, zoneOffsetAt, type ZoneSpec } from '../../src/shared/chart/timeZone';
import { defaultViewOptions, type ChartViewOptions, type LiveOptions } from '../../src/shared/chart/viewOptions';
import { appendCapped } from './downsample';
import { dropBefore, fittedInterval } from './liveWindow';
import { TIME_OF_DAY } from '../../src/shared/chart/timeTicks';
import {
  baseRange, savedState, type ChartEnv, type ChartInput, type ChartState, type DrawReport, type Effect, type FetchReason, type Line, type Range, type Step,
} from './state';

type Msg<T extends ChartInput['type']> = Extract<ChartInput, { type: T }>;

export function reduce(state: ChartState, input: ChartInput, env: ChartEnv): Step {
  const effects: Effect[] = [];
  const next = apply(state, input, env, effects);
  return { state: next, effects };
}

function apply(s: ChartState, input: ChartInput, env: ChartEnv, out: Effect[]): ChartState {
  switch (input.type) {
    // ---- host messages ----
    case 'init': {
      const options = input.options ? { ...defaultViewOptions, ...input.options } : s.options;
      let n: ChartState = { ...s, title: input.title, series: [...input.series], options };
      out.push(persist(n), { kind: 'setZone', zone: zoneChoice(n.options) }, { kind: 'syncControls' });
      n = { ...n, emptyHint: n.series.length === 0 };
      if (n.options.live.enabled) out.push(post({ type: 'live', live: n.options.live }));
      return fetchData(n, 'initial', baseRange(n.options, env.now), env, out);
    }
    case 'seriesAdded': {
      const fresh = input.series.filter((x) => !s.series.some((y) => y.id === x.id));
      const n: ChartState = { ...s, series: [...s.series, ...fresh], emptyHint: false };
      out.push(persist(n));
      return fetchData(n, 'series', n.range, env, out);
    }
    case 'seriesRemoved': {
      const gone = new Set(input.seriesIds);
      const n: ChartState = {
        ...s,
        series: s.series.filter((x) => !gone.has(x.id)),
        raw: without(s.raw, gone),
        stats: without(s.stats, gone),
      };
      out.push(persist(n), { kind: 'draw' });
      return n.series.length === 0 ? { ...n, emptyHint: true, status: line(l10n.t('No series')) } : { ...n, emptyHint: false };
    }
    case 'progress':
      if (input.requestId !== s.current?.id) return s;
      return {
        ...s,
        status: s.previewOf === input.requestId
          ? loadingLine(input.points)
          : line(l10n.t('Fetching… {0} points · {1} pages · {2}/{3} series', input.points.toLocaleString(), input.pages, input.seriesDone, input.seriesTotal)),
      };
    case 'preview': {
      // A long read in progress: draw what has come (the rest shows as gaps); the read goes on and `data` replaces it.
      if (input.requestId !== s.current?.id) return s;
      const range = { from: input.query.from, to: input.query.to };
      out.push({ kind: 'draw', range, ...(s.previewOf === input.requestId ? {} : { firstOf: input.requestId }) });
      return {
        ...s,
        shown: 'raw',
        raw: new Map(input.series.map((x) => [x.seriesId, { timestamps: x.timestamps, values: x.values }])),
        stats: new Map(),
        range,
        previewOf: input.requestId,
        status: loadingLine(input.points),
      };
    }
    case 'data':
    case 'stats':
      return onData(s, input, env, out);
    case 'fetchFailed':
      if (input.requestId !== s.current?.id) return s;
      return {
        ...s,
        current: undefined,
        busy: false,
        status: input.cancelled ? line(l10n.t('Cancelled. {0}', s.lastSummary)) : line(l10n.t('Fetch failed: {0}', input.message), true),
      };
    case 'append':
      return onAppend(s, input, env, out);
    case 'liveStatus':
      return onLiveStatus(s, input, env);
    case 'request':
      return s; // answered by the page: only it has the canvas

    // ---- user actions ----
    case 'user.preset': {
      if (input.preset === 'custom') {
        const n = setOptions(s, { preset: 'custom', customFrom: s.range.from, customTo: s.range.to }, out);
        out.push({ kind: 'syncControls' });
        return n;
      }
      const n = setOptions(s, { preset: input.preset }, out);
      out.push({ kind: 'syncControls' });
      return fetchData({ ...n, zoomed: false }, 'range', baseRange(n.options, env.now), env, out);
    }
    case 'user.customRange': {
      const offset = zoneOffset(s.options, env, env.now);
      const from = parseInZone(input.fromText, offset);
      const to = parseInZone(input.toText, offset);
      if (from === undefined || to === undefined || from >= to) return { ...s, status: line(l10n.t('Enter a valid range: "from" must be before "to".'), true) };
      const n = setOptions(s, { customFrom: from, customTo: to }, out);
      return fetchData({ ...n, zoomed: false }, 'range', { from, to }, env, out);
    }
    case 'user.zone': {
      const n = setOptions(s, { zone: input.zone }, out);
      out.push({ kind: 'setZone', zone: zoneChoice(n.options) }, { kind: 'syncControls' });
      return fetchData(n, 'options', n.range, env, out);
    }
    case 'user.mode': {
      const n = setOptions(s, { mode: input.mode }, out);
      out.push({ kind: 'syncControls' });
      return fetchData(n, 'options', n.range, env, out);
    }
    case 'user.downsample':
      return fetchData(setOptions(s, { downsample: input.downsample }, out), 'options', s.range, env, out);
    case 'user.limit': {
      const n = Number.parseInt(input.text, 10);
      return fetchData(setOptions(s, { limit: Number.isFinite(n) && n > 0 ? n : undefined }, out), 'options', s.range, env, out);
    }
    case 'user.period':
      return fetchData(setOptions(s, { statsPeriod: input.period }, out), 'options', s.range, env, out);
    case 'user.dimension':
      return fetchData(setOptions(s, { statsDimension: input.dimension }, out), 'options', s.range, env, out);
    case 'user.live':
      return setLive(s, { enabled: input.enabled, paused: false }, env, out);
    case 'user.liveInterval':
      return setLive(s, { intervalMs: input.intervalMs }, env, out);
    case 'user.liveStart':
      return setLive(s, input.start === 'time' ? { start: 'time', startTime: s.options.live.startTime ?? s.range.from } : { start: input.start }, env, out);
    case 'user.liveTime': {
      const t = parseInZone(input.text, zoneOffset(s.options, env, env.now));
      return t === undefined ? s : setLive(s, { startTime: t }, env, out);
    }
    case 'user.pause':
      return setLive(s, { paused: !s.options.live.paused }, env, out);
    case 'user.resetZoom': {
      out.push({ kind: 'syncControls' });
      return fetchData({ ...s, zoomed: false }, 'range', baseRange(s.options, env.now), env, out);
    }
    case 'user.range':
      out.push({ kind: 'scheduleZoom', from: input.from, to: input.to });
      return { ...s, zoomed: true };
    case 'user.toggleSeries': {
      const hidden = new Set(s.options.hidden);
      if (input.hidden) hidden.add(input.seriesId);
      else hidden.delete(input.seriesId);
      return setOptions(s, { hidden: [...hidden] }, out);
    }
    case 'user.removeSeries':
      out.push(post({ type: 'removeSeries', seriesId: input.seriesId }));
      return s;
    case 'user.command':
      out.push(post({ type: 'command', command: input.command }));
      return s;
    case 'user.cancel':
      if (s.current) out.push(post({ type: 'cancel', requestId: s.current.id }));
      return s;
    case 'user.drop':
      out.push(post({ type: 'drop', uris: [...input.uris] }));
      return s;

    // ---- page events ----
    case 'page.zoomSettled': {
      // The range control shows the zoomed window (as "Custom" from–to) until Reset zoom.
      const n = fetchData(s, 'zoom', { from: input.from, to: input.to }, env, out);
      out.push({ kind: 'syncControls' });
      return n;
    }
    case 'page.drawn': {
      const { report, drawn, drawMs } = input;
      out.push(post({ type: 'rendered', requestId: report.requestId, fetchMs: report.fetchMs, transferMs: report.transferMs, drawMs, points: report.points, drawnPoints: drawn, series: report.series }));
      return summarize(s, report, drawn, drawMs);
    }
    case 'page.liveDrawn':
      return {
        ...s,
        emptyHint: false,
        status: line(l10n.t('{0} series · {1} points drawn · live, updated {2} · waiting for the next point', s.series.length, input.drawn.toLocaleString(), clock(s, env, input.now))),
      };
  }
}

/** The status while a preview is drawn and the read goes on. */
function loadingLine(points: number): Line {
  return line(l10n.t('Loading… {0} points so far; the parts still loading are blank', points.toLocaleString()));
}

function onData(s: ChartState, msg: Msg<'data'> | Msg<'stats'>, env: ChartEnv, out: Effect[]): ChartState {
  if (msg.requestId !== s.current?.id) return s;
  const points = msg.series.reduce((n, x) => n + x.fetchedPoints, 0);
  const errors = msg.series.filter((x) => x.error).map((x) => `${labelOf(s.series, x.seriesId)}: ${x.error}`);
  const base = { requestId: msg.requestId, fetchMs: msg.fetchMs, transferMs: Math.max(0, env.now - msg.sentAt), points, series: msg.series.length, errors };
  let n: ChartState;
  let report: DrawReport;
  if (msg.type === 'data') {
    const truncated = msg.series.filter((x) => x.truncated).map((x) => labelOf(s.series, x.seriesId));
    n = { ...s, shown: 'raw', raw: new Map(msg.series.map((x) => [x.seriesId, { timestamps: x.timestamps, values: x.values }])), stats: new Map(), range: { from: msg.query.from, to: msg.query.to } };
    report = { ...base, note: truncated.length > 0 ? l10n.t('limit reached for {0}', truncated.join(', ')) : undefined };
  } else {
    const computed = msg.series.some((x) => x.source === 'computed');
    n = { ...s, shown: 'stats', stats: new Map(msg.series.map((x) => [x.seriesId, x])), raw: new Map(), range: { from: msg.from, to: msg.to } };
    report = { ...base, note: computed ? l10n.t('{0} buckets (computed here)', msg.dimension) : l10n.t('{0} buckets', msg.dimension) };
  }
  out.push({ kind: 'draw', range: n.range, report, ...(s.previewOf === msg.requestId ? {} : { firstOf: msg.requestId }) });
  return { ...n, current: undefined, busy: false };
}

function onAppend(s: ChartState, msg: Msg<'append'>, env: ChartEnv, out: Effect[]): ChartState {
  if (s.shown !== 'raw') return s;
  // The window the user chose slides forward with the clock; points that leave it are dropped.
  const range: Range | undefined = s.zoomed ? undefined : { from: msg.now - liveSpan(s), to: msg.now };
  const raw = new Map(s.raw);
  for (const x of msg.series) {
    const merged = appendCapped(raw.get(x.seriesId), { timestamps: x.timestamps, values: x.values }, env.widthPx);
    raw.set(x.seriesId, range ? dropBefore(merged, range.from) : merged);
  }
  out.push({ kind: 'draw', range, liveAt: msg.now });
  return { ...s, raw, range: range ?? s.range };
}

function onLiveStatus(s: ChartState, msg: Msg<'liveStatus'>, env: ChartEnv): ChartState {
  let n: ChartState = { ...s, live: msg };
  if (msg.startedAt !== undefined && msg.state !== 'off' && (s.live.state === 'off' || s.liveStartedAt !== msg.startedAt)) {
    // A new session keeps what the chart shows and the span the user chose: live points extend it.
    const keep = s.shown === 'raw';
    n = {
      ...n, liveStartedAt: msg.startedAt, liveWindowMs: Math.max(60_000, s.range.to - s.range.from), raw: keep ? s.raw : new Map(), shown: 'raw', zoomed: false,
      status: line(l10n.t('Live · waiting for the next point (polling {0})', intervalText(s.options.live.intervalMs))),
    };
  }
  switch (msg.state) {
    case 'disconnected': {
      const since = msg.since !== undefined ? clock(s, env, msg.since) : '';
      const text = msg.message
        ? l10n.t('Disconnected since {0} — retrying automatically. ({1})', since, msg.message)
        : l10n.t('Disconnected since {0} — retrying automatically.', since);
      return { ...n, banner: line(text, true) };
    }
    case 'paused':
      return { ...n, banner: line(l10n.t('Live mode paused.')) };
    case 'connected':
      // How points arrive: "live · MQTT" or "polling every 5 s" (and since when MQTT is down).
      return { ...n, banner: line(msg.message ?? '') };
    default:
      return { ...n, banner: line('') };
  }
}

function setOptions(s: ChartState, patch: Partial<ChartViewOptions>, out: Effect[]): ChartState {
  const n = { ...s, options: { ...s.options, ...patch } };
  out.push(persist(n), post({ type: 'options', options: n.options }));
  return n;
}

function setLive(s: ChartState, patch: Partial<LiveOptions>, env: ChartEnv, out: Effect[]): ChartState {
  // Switching live on polls at a rate fitted to the series' own sampling (the user may change it after).
  const fitted = patch.enabled && !s.options.live.enabled && patch.intervalMs === undefined ? fittedInterval(s.raw.values()) : undefined;
  const live = { ...s.options.live, ...patch, ...(fitted !== undefined ? { intervalMs: fitted } : {}) };
  const n = setOptions(s, { live }, out);
  out.push(post({ type: 'live', live }), { kind: 'syncControls' });
  if (s.options.live.enabled && !live.enabled) {
    return fetchData({ ...n, liveStartedAt: undefined, liveWindowMs: undefined, zoomed: false }, 'range', baseRange(n.options, env.now), env, out);
  }
  return n;
}

/** Asks the host for the series over `range` at the plot's width; a request still in flight is cancelled. */
function fetchData(s: ChartState, reason: FetchReason, range: Range, env: ChartEnv, out: Effect[]): ChartState {
  if (s.series.length === 0) {
    const n: ChartState = { ...s, range, raw: new Map(), stats: new Map(), emptyHint: true, status: line(s.title ? l10n.t('No series') : '') };
    out.push({ kind: 'draw', range });
    return n;
  }
  const o = s.options;
  const query: FetchQuery = {
    from: Math.floor(range.from), to: Math.ceil(range.to), widthPx: env.widthPx,
    mode: o.live.enabled ? 'raw' : o.mode, limit: o.limit, period: o.statsPeriod, dimension: o.statsDimension,
    downsample: o.downsample, zoneOffsetMin: zoneOffset(o, env, range.to), reason,
  };
  if (s.current) out.push(post({ type: 'cancel', requestId: s.current.id }));
  const id = s.requestSeq + 1;
  out.push(post({ type: 'fetch', requestId: id, query, askedAt: env.now }));
  return { ...s, range, requestSeq: id, current: { id, query }, emptyHint: false, busy: true, status: line(l10n.t('Fetching {0} series…', s.series.length)) };
}

function summarize(s: ChartState, r: DrawReport, drawn: number, drawMs: number): ChartState {
  const parts = [l10n.t('{0} series', s.series.length), l10n.t('{0} points', r.points.toLocaleString()), l10n.t('fetched in {0} ms', r.fetchMs.toLocaleString())];
  if (drawn !== r.points) parts.push(l10n.t('{0} drawn in {1} ms', drawn.toLocaleString(), drawMs));
  if (r.note) parts.push(r.note);
  const summary = parts.join(' · ');
  return { ...s, lastSummary: summary, status: r.errors.length > 0 ? line(`${summary} · ${r.errors.join('; ')}`, true) : line(summary) };
}

/** What the range control shows: the chosen preset, or "custom" while the user is zoomed in. */
export function shownPreset(s: ChartState): ChartViewOptions['preset'] {
  return s.zoomed ? 'custom' : s.options.preset;
}

/** The text fields of the controls for the options in the state (custom range or zoomed window, and live start time). */
export function controlTimes(s: ChartState, env: ChartEnv): { from?: string; to?: string; liveTime?: string } {
  const offset = zoneOffset(s.options, env, env.now);
  const out: { from?: string; to?: string; liveTime?: string } = {};
  if (shownPreset(s) === 'custom') {
    const r = s.zoomed ? s.range : baseRange(s.options, env.now);
    out.from = formatWallClock(r.from, offset);
    out.to = formatWallClock(r.to, offset);
  }
  if (s.options.live.startTime !== undefined) out.liveTime = formatWallClock(s.options.live.startTime, offset);
  return out;
}

/** The chosen zone, normalised (`local`, `±hh:mm` or an IANA name; unknown text falls back to UTC). */
export function zoneChoice(o: ChartViewOptions): ZoneSpec {
  return normalizeZone(o.zone) ?? '+00:00';
}

/** Minutes east of UTC of the chosen zone at `at` (daylight saving included for IANA zones). */
function zoneOffset(o: ChartViewOptions, env: ChartEnv, at: number): number {
  const z = zoneChoice(o);
  return z === 'local' ? env.localOffsetMin(at) : zoneOffsetAt(z, at);
}

/** The span live mode keeps: the chosen window, a minute at least. */
function liveSpan(s: ChartState): number {
  return s.liveWindowMs ?? Math.max(60_000, s.range.to - s.range.from);
}

/** A time of day in the chart's zone, written as the axis and tooltips write it (the user's locale). */
function clock(s: ChartState, env: ChartEnv, ts: number): string {
  const shown = ts + (zoneOffset(s.options, env, ts) - env.localOffsetMin(ts)) * 60_000;
  return new Intl.DateTimeFormat(undefined, TIME_OF_DAY).format(shown);
}

function intervalText(ms: number): string {
  return ms < 60_000 ? l10n.t('every {0} s', ms / 1000) : l10n.t('every {0} min', ms / 60_000);
}

function labelOf(series: readonly SeriesInfo[], seriesId: string): string {
  return series.find((x) => x.id === seriesId)?.label ?? seriesId;
}

function without<V>(map: ReadonlyMap<string, V>, ids: ReadonlySet<string>): ReadonlyMap<string, V> {
  return new Map([...map].filter(([id]) => !ids.has(id)));
}

const line = (text: string, error = false) => ({ text, error });
const post = (message: Extract<Effect, { kind: 'post' }>['message']): Effect => ({ kind: 'post', message });
const persist = (s: ChartState): Effect => ({ kind: 'persist', state: savedState(s) });

