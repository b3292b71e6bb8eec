/**
 * Runs one chart query over the chart's series: raw points (from the host cache when it already holds the
 * whole range, else fetched), gap-marked and downsampled to the plot width; or statistics buckets
 * (platform-side when the source has them, computed here otherwise). vscode-free.
 */
import type { FetchQuery, RawSeriesPayload, SeriesInfo, StatsSeriesPayload } from '../shared/chart/protocol';
import type { StatsDimension } from '../shared/chart/viewOptions';
import { errorMessage, mapConcurrent } from '../platforms/http';
import { lowerBound, upperBound, visibleSlice, type XY } from '../shared/chart/downsample';
import { downsampleWithGaps } from '../shared/chart/gaps';
import type { SeriesData, SeriesSource } from './seriesSource';
import { computeBuckets, type StatsData } from '../shared/chart/statsBuckets';
import { autoDimension, formatZone, resolvePeriod, type TimeRange } from '../shared/chart/timeRange';

/** Full-resolution points of the last fetch of a series, kept on the host so zoom and export need no refetch. */
export interface RawCache {
  readonly from: number;
  readonly to: number;
  readonly data: SeriesData;
  /** False when a limit cut the fetch: the cache then cannot answer other ranges. */
  readonly complete: boolean;
}

export interface SeriesEntry {
  readonly info: SeriesInfo;
  readonly source: SeriesSource;
  cache?: RawCache;
  /** Points the last query found in its range (sizes export windows). */
  lastPoints?: number;
}

export interface QueryProgress {
  readonly points: number;
  readonly pages: number;
  readonly seriesDone: number;
  readonly seriesTotal: number;
}

export interface QueryOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: QueryProgress) => void;
  /** Each page of raw points as it arrives (pages of one series may come out of order): what a preview draws. */
  readonly onPage?: (seriesId: string, page: XY, more?: boolean) => void;
  /** Series fetched at once (each fetch is page-parallel itself); raw reads default to 1, statistics to 2. */
  readonly seriesConcurrency?: number;
  readonly now?: () => number;
  /** Full-resolution points the chart keeps for all its series together (default CHART_CACHE_POINTS). */
  readonly cachePoints?: number;
  /** Awaited before each request after a series' first (FetchRangeOptions.beforeRequest). */
  readonly beforeRequest?: () => Promise<void> | undefined;
}

export interface RawQueryResult {
  readonly series: RawSeriesPayload[];
  readonly points: number;
}

export interface StatsQueryResult {
  readonly series: StatsSeriesPayload[];
  readonly dimension: StatsDimension;
  readonly range: TimeRange;
  readonly points: number;
}

/**
 * Full-resolution points one chart keeps on the host for all its series together (16 bytes a point:
 * 2,000,000 points = 32 MB), so that ten series of a million points stay bounded (issue 17 §3). A series
 * that does not fit is drawn from its downsampled copy and read again when the user zooms or exports.
 */
export const CHART_CACHE_POINTS = 2_000_000;

/** Whether `entry` may keep `points` more, given what the chart's other series keep. */
function cacheRoom(entries: readonly SeriesEntry[], budget: number): (entry: SeriesEntry, points: number) => boolean {
  return (entry, points) => entries.reduce((n, e) => n + (e === entry ? 0 : (e.cache?.data.timestamps.length ?? 0)), 0) + points <= budget;
}

export async function runRawQuery(entries: readonly SeriesEntry[], query: FetchQuery, options: QueryOptions = {}): Promise<RawQueryResult> {
  const progress = progressTracker(entries.length, options.onProgress);
  const room = cacheRoom(entries, options.cachePoints ?? CHART_CACHE_POINTS);
  // One series at a time (each is read page-parallel already): two long reads at once held twice the pages for
  // little gain, and ten series of a million points then peaked above 250 MB (issue 17 §3).
  const series = await mapConcurrent(entries, options.seriesConcurrency ?? 1, async (entry): Promise<RawSeriesPayload> => {
    try {
      const { data, truncated } = await rawPoints(entry, query, {
        limit: query.limit,
        signal: options.signal,
        onPage: (page, more) => {
          progress.page(page.timestamps.length);
          options.onPage?.(entry.info.id, page, more);
        },
        mayCache: (n) => room(entry, n),
        beforeRequest: options.beforeRequest,
      });
      const [a, b] = visibleSlice(data.timestamps, query.from, query.to);
      const slice: XY = { timestamps: data.timestamps.subarray(a, b), values: data.values.subarray(a, b) };
      const inRange = countWithin(slice.timestamps, query.from, query.to);
      entry.lastPoints = inRange;
      const drawn = downsampleWithGaps(slice, query.downsample, query.from, query.to, query.widthPx);
      return { seriesId: entry.info.id, timestamps: drawn.timestamps, values: drawn.values, fetchedPoints: inRange, truncated };
    } catch (err) {
      if (options.signal?.aborted) throw err;
      return { seriesId: entry.info.id, timestamps: new Float64Array(0), values: new Float64Array(0), fetchedPoints: 0, truncated: false, error: errorMessage(err) };
    } finally {
      progress.seriesDone();
    }
  });
  return { series, points: series.reduce((s, p) => s + p.fetchedPoints, 0) };
}

export async function runStatsQuery(entries: readonly SeriesEntry[], query: FetchQuery, options: QueryOptions = {}): Promise<StatsQueryResult> {
  const now = (options.now ?? Date.now)();
  const range = resolvePeriod(query.period, now, query.zoneOffsetMin, { from: query.from, to: query.to });
  // About four pixels per bucket keeps the band readable.
  const dimension = query.dimension === 'auto' ? autoDimension(range.from, range.to, Math.max(1, Math.floor(query.widthPx / 4))) : query.dimension;
  const progress = progressTracker(entries.length, options.onProgress);
  const room = cacheRoom(entries, options.cachePoints ?? CHART_CACHE_POINTS);
  const series = await mapConcurrent(entries, options.seriesConcurrency ?? 2, async (entry): Promise<StatsSeriesPayload> => {
    try {
      let stats: StatsData;
      let source: 'platform' | 'computed';
      let fetched: number;
      if (entry.source.fetchStatistics) {
        stats = await entry.source.fetchStatistics({
          from: range.from, to: range.to, period: query.period, dimension, tz: formatZone(query.zoneOffsetMin), signal: options.signal,
        });
        source = 'platform';
        fetched = stats.timestamps.length;
        progress.page(stats.timestamps.length);
      } else {
        const { data } = await rawPoints(entry, { ...query, from: range.from, to: range.to }, {
          signal: options.signal,
          onPage: (page) => progress.page(page.timestamps.length),
          mayCache: (n) => room(entry, n),
        });
        stats = computeBuckets(data, { from: range.from, to: range.to, dimension, offsetMin: query.zoneOffsetMin });
        source = 'computed';
        fetched = countWithin(data.timestamps, range.from, range.to);
      }
      return { seriesId: entry.info.id, timestamps: stats.timestamps, min: stats.min, max: stats.max, avg: stats.avg, count: stats.count, source, fetchedPoints: fetched };
    } catch (err) {
      if (options.signal?.aborted) throw err;
      const empty = new Float64Array(0);
      return { seriesId: entry.info.id, timestamps: empty, min: empty, max: empty, avg: empty, count: empty, source: 'computed', fetchedPoints: 0, error: errorMessage(err) };
    } finally {
      progress.seriesDone();
    }
  });
  return { series, dimension, range, points: series.reduce((s, p) => s + p.fetchedPoints, 0) };
}

/** How `rawPoints` reads what its cache does not hold. */
interface RawRead {
  /** At most this many points (the source may stop early and say `truncated`). */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  /** Each page as it arrives; `more` when the platform said more is coming. */
  readonly onPage: (page: XY, more?: boolean) => void;
  /** Whether the chart's budget leaves room to keep this many points at full resolution. */
  readonly mayCache: (points: number) => boolean;
  /** Awaited before each request after the first (the chart's first-frame gate). */
  readonly beforeRequest?: () => Promise<void> | undefined;
}

/** Raw points covering the query range: from the cache when it holds all of it, else fetched (and cached). */
async function rawPoints(entry: SeriesEntry, range: TimeRange, read: RawRead): Promise<{ data: SeriesData; truncated: boolean }> {
  const { limit, signal, onPage, mayCache, beforeRequest } = read;
  const c = entry.cache;
  if (c && c.complete && c.from <= range.from && c.to >= range.to) return { data: c.data, truncated: false };
  const fetched = await entry.source.fetchRange({
    from: range.from, to: range.to, signal, limit, onPage, beforeRequest,
  });
  let data: SeriesData = fetched;
  let truncated = fetched.truncated === true;
  if (limit !== undefined && data.timestamps.length > limit) {
    // The source ignored the limit: cut it here.
    data = { timestamps: data.timestamps.slice(0, limit), values: data.values.slice(0, limit), truncated: true };
    truncated = true;
  }
  if (mayCache(data.timestamps.length)) entry.cache = { from: range.from, to: range.to, data, complete: !truncated };
  else entry.cache = undefined;
  return { data, truncated };
}

function countWithin(t: Float64Array, from: number, to: number): number {
  return Math.max(0, upperBound(t, to) - lowerBound(t, from));
}

function progressTracker(total: number, report?: (p: QueryProgress) => void): { page: (points: number) => void; seriesDone: () => void } {
  let points = 0;
  let pages = 0;
  let done = 0;
  const emit = (): void => report?.({ points, pages, seriesDone: done, seriesTotal: total });
  return {
    page: (n) => {
      points += n;
      pages++;
      emit();
    },
    seriesDone: () => {
      done++;
      emit();
    },
  };
}

