/**
 * Page-parallel fetching of one series within a platform's per-request limit (IoT-TICKET 10000 points,
 * Altair 1000): the first page shows whether there is more and how dense the data is; the rest of the
 * range is then cut into slices paged concurrently, and the pages are merged by timestamp.
 * A series that fits one page costs exactly one request.
 */
import { mapConcurrent } from '../platforms/http';
import type { XY } from '../shared/chart/downsample';
import { PageMerger } from '../shared/chart/pageMerge';
import type { FetchRangeOptions, SeriesData } from './seriesSource';

export interface PageRequest {
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly signal?: AbortSignal;
}

export interface FetchedPage extends XY {
  /** More points exist in the requested range than this page holds. */
  readonly truncated: boolean;
}

/** Fetches one page of [from, to]: the oldest `limit` points ('asc' platforms) or the newest ('desc'). */
export type PageFetcher = (request: PageRequest) => Promise<FetchedPage>;

export interface PagedFetchOptions extends FetchRangeOptions {
  /** The platform's maximum points per request. */
  readonly pageLimit: number;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Which end of the range a page comes from (default 'asc'). */
  readonly order?: 'asc' | 'desc';
}

export async function fetchPaged(fetchPage: PageFetcher, options: PagedFetchOptions): Promise<SeriesData> {
  const { from, to, pageLimit, signal, onPage, limit, beforeRequest } = options;
  const order = options.order ?? 'asc';
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const merger = new PageMerger();
  const take = (page: FetchedPage): void => {
    merger.add(page);
    onPage?.({ timestamps: page.timestamps, values: page.values }, page.truncated);
  };

  signal?.throwIfAborted();
  const first = await fetchPage({ from, to, limit: pageLimit, signal });
  take(first);
  const rest = remaining(first, { from, to }, order);
  if (!first.truncated || !rest) return merger.result();

  if (limit !== undefined) {
    // With a limit the pages must come in order, so it is sequential.
    let range: { from: number; to: number } | undefined = rest;
    while (range && merger.points < limit) {
      await beforeRequest?.();
      signal?.throwIfAborted();
      const page = await fetchPage({ ...range, limit: Math.min(pageLimit, limit - merger.points), signal });
      take(page);
      range = page.truncated ? remaining(page, range, order) : undefined;
    }
    const all = merger.result();
    if (all.timestamps.length <= limit && !range) return all;
    const keep = Math.min(limit, all.timestamps.length);
    const start = order === 'asc' ? 0 : all.timestamps.length - keep;
    return { timestamps: all.timestamps.slice(start, start + keep), values: all.values.slice(start, start + keep), truncated: true };
  }

  // Density of the first page tells how many pages the rest needs; slice it so every worker has some.
  const covered = Math.max(1, to - from - (rest.to - rest.from));
  const estimatedPages = Math.ceil(((first.timestamps.length / covered) * (rest.to - rest.from)) / pageLimit);
  const slices = Math.max(1, Math.min(estimatedPages, concurrency * 2));
  const bounds = splitRange(rest, slices);
  await mapConcurrent(bounds, concurrency, async (slice) => {
    let range: { from: number; to: number } | undefined = slice;
    while (range) {
      await beforeRequest?.();
      signal?.throwIfAborted();
      const page = await fetchPage({ ...range, limit: pageLimit, signal });
      take(page);
      range = page.truncated ? remaining(page, range, order) : undefined;
    }
  });
  return merger.result();
}

/** What is left of `range` after a truncated page; undefined when the page made no progress. */
function remaining(page: XY, range: { from: number; to: number }, order: 'asc' | 'desc'): { from: number; to: number } | undefined {
  const t = page.timestamps;
  if (t.length === 0) return undefined;
  let lo = t[0];
  let hi = t[0];
  for (let i = 1; i < t.length; i++) {
    if (t[i] < lo) lo = t[i];
    else if (t[i] > hi) hi = t[i];
  }
  // Millisecond timestamps: the next page starts one ms past the last one seen.
  const next = order === 'asc' ? { from: Math.floor(hi) + 1, to: range.to } : { from: range.from, to: Math.ceil(lo) - 1 };
  return next.from <= next.to ? next : undefined;
}

/** `n` contiguous, non-overlapping integer ranges covering [from, to]. */
export function splitRange(range: { from: number; to: number }, n: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const span = range.to - range.from + 1;
  const parts = Math.max(1, Math.min(n, span));
  let start = range.from;
  for (let i = 1; i <= parts; i++) {
    const end = i === parts ? range.to : range.from + Math.floor((span * i) / parts) - 1;
    out.push({ from: start, to: end });
    start = end + 1;
  }
  return out;
}
