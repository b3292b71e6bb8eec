/**
 * The runtime schema of every message the chart webview may send, field by field, and of the state it
 * saves for the serializer. The host acts on nothing that fails it: a `log` message reaches only the
 * three log levels with bounded text, a live interval is a finite number within bounds, ids are safe
 * integers, ranges ordered and finite, series ids and URI lists bounded.
 */
import * as v from 'valibot';
import {
  logSchema, parseWith, replyErrorSchema, replySchema, requestIdSchema, textSchema, timeSchema, type Assert, type Parsed, type Same,
} from '../webview/validate';
import { FETCH_REASONS, VIEW_COMMANDS, type ViewToHost } from './protocol';
import { isSeriesDescriptor, type SeriesDescriptor } from './series';
import { isZoneSpec } from './timeZone';
import {
  CHART_MODES, DOWNSAMPLE_METHODS, LIVE_INTERVAL_MAX_MS, LIVE_INTERVAL_MIN_MS, RANGE_PRESETS, STATS_DIMENSIONS, STATS_PERIODS,
  type ChartViewOptions, type ChartWebviewState, type LiveOptions,
} from './viewOptions';

/** Wider than any screen: the downsampling target must not ask for millions of points. */
export const MAX_WIDTH_PX = 16_384;
/** Longest series id and most ids in one list (hidden series, URIs of one drop). */
const MAX_ID = 4096;
const MAX_LIST = 10_000;
/** A PNG of the canvas as a data URL. */
const MAX_PNG = 64 * 1024 * 1024;
/** ISO 8601 allows offsets to ±18:00. */
const MAX_ZONE_OFFSET_MIN = 18 * 60;

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const duration = v.pipe(v.number(), v.finite(), v.minValue(0));
const id = textSchema(MAX_ID);
const list = <S extends v.GenericSchema>(item: S) => v.pipe(v.array(item), v.maxLength(MAX_LIST), v.readonly());
const limit = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const zone = v.pipe(v.string(), v.maxLength(64), v.check(isZoneSpec, 'a zone: local, ±hh:mm or an IANA name'));
const statsDimension = v.picklist([...STATS_DIMENSIONS, 'auto']);

export const liveOptionsSchema = v.object({
  enabled: v.boolean(),
  intervalMs: v.pipe(v.number(), v.finite(), v.minValue(LIVE_INTERVAL_MIN_MS), v.maxValue(LIVE_INTERVAL_MAX_MS)),
  start: v.picklist(['now', 'time']),
  startTime: v.optional(timeSchema),
  paused: v.boolean(),
});

export const viewOptionsSchema = v.object({
  preset: v.picklist(RANGE_PRESETS),
  customFrom: v.optional(timeSchema),
  customTo: v.optional(timeSchema),
  zone,
  limit: v.optional(limit),
  mode: v.picklist(CHART_MODES),
  statsPeriod: v.picklist(STATS_PERIODS),
  statsDimension,
  downsample: v.picklist(DOWNSAMPLE_METHODS),
  live: liveOptionsSchema,
  hidden: list(id),
});

const descriptor = v.custom<SeriesDescriptor>(isSeriesDescriptor, 'a series descriptor');

export const chartStateSchema = v.object({
  version: v.literal(1),
  title: v.optional(textSchema(MAX_ID)),
  series: list(descriptor),
  options: viewOptionsSchema,
});

const fetchQuerySchema = v.pipe(
  v.object({
    from: timeSchema,
    to: timeSchema,
    widthPx: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_WIDTH_PX)),
    mode: v.picklist(CHART_MODES),
    limit: v.optional(limit),
    period: v.picklist(STATS_PERIODS),
    dimension: statsDimension,
    downsample: v.picklist(DOWNSAMPLE_METHODS),
    zoneOffsetMin: v.pipe(v.number(), v.safeInteger(), v.minValue(-MAX_ZONE_OFFSET_MIN), v.maxValue(MAX_ZONE_OFFSET_MIN)),
    reason: v.picklist(FETCH_REASONS),
  }),
  v.check((q) => q.from < q.to, 'from before to'),
);

const float64 = v.custom<Float64Array>((x) => x instanceof Float64Array, 'a Float64Array');
const heldSeries = v.pipe(
  v.object({ seriesId: id, timestamps: float64, values: float64 }),
  v.check((s) => s.timestamps.length === s.values.length, 'as many values as timestamps'),
);

const messageSchema = v.variant('type', [
  // A saved state that no longer parses is dropped, not the handshake: the chart then opens with defaults.
  v.object({ type: v.literal('ready'), state: v.fallback(v.optional(chartStateSchema), undefined) }),
  v.object({ type: v.literal('fetch'), requestId: requestIdSchema, query: fetchQuerySchema, askedAt: v.optional(v.pipe(v.number(), v.finite())) }),
  v.object({ type: v.literal('cancel'), requestId: requestIdSchema }),
  v.object({ type: v.literal('firstFrame'), requestId: requestIdSchema }),
  v.object({
    type: v.literal('rendered'), requestId: requestIdSchema, fetchMs: duration, transferMs: duration, drawMs: duration,
    points: count, drawnPoints: count, series: count,
  }),
  v.object({ type: v.literal('live'), live: liveOptionsSchema }),
  v.object({ type: v.literal('options'), options: viewOptionsSchema }),
  v.object({ type: v.literal('removeSeries'), seriesId: id }),
  v.object({ type: v.literal('drop'), uris: list(textSchema(65_536)) }),
  v.object({ type: v.literal('command'), command: v.picklist(VIEW_COMMANDS) }),
  v.variant('what', [
    replySchema('png', v.object({ png: textSchema(MAX_PNG) })),
    replySchema('visibleRange', v.pipe(v.object({ from: timeSchema, to: timeSchema }), v.check((r) => r.from <= r.to, 'from before to'))),
    replySchema('held', v.object({ held: list(heldSeries) })),
  ]),
  replyErrorSchema,
  logSchema,
]);

/** Checks one message from the chart webview. */
export function parseViewToHost(message: unknown): Parsed<ViewToHost> {
  return parseWith(messageSchema, message);
}

/** A state VS Code handed back after a reload, or undefined when it does not parse. */
export function parseChartState(state: unknown): ChartWebviewState | undefined {
  const r = v.safeParse(chartStateSchema, state);
  return r.success ? r.output : undefined;
}

// The schemas describe exactly the protocol's types: a change to one without the other does not compile.
export type SchemasMatchProtocol = [
  Assert<Same<v.InferOutput<typeof messageSchema>, ViewToHost>>,
  Assert<Same<v.InferOutput<typeof viewOptionsSchema>, ChartViewOptions>>,
  Assert<Same<v.InferOutput<typeof liveOptionsSchema>, LiveOptions>>,
  Assert<Same<v.InferOutput<typeof chartStateSchema>, ChartWebviewState>>,
];
