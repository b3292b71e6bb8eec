/**
 * The chart's reader of one property's history: every page of a time range (1000 points per
 * request) into typed arrays, oldest first. Fast enough to sit close to the raw transfer time:
 * the next page is requested as soon as its cursor is found in the text, before the current page is
 * parsed, the common compact shape is scanned without building objects (`historyScan`), and
 * timestamps go through the cached-day parser.
 */
import { CancelledError, ParseError, type RequestInfo } from '../http';
import { formatAt, type TimeValue } from './propertiesHistory';
import { scanHistoryPage } from './historyScan';
import { MAX_PAGE_SIZE, checkLimit } from './paging';
import type { AltairTransport } from './resource';
import { parseAltairTime } from './timestamps';
import { checkTimestamps } from '../calendar';

export interface HistorySeries {
  /** Epoch ms, ascending. */
  readonly timestamps: Float64Array;
  /** Numbers as numbers, booleans as 1/0, numeric strings parsed; anything else is NaN (a gap). */
  readonly values: Float64Array;
}

export interface HistoryPageProgress extends HistorySeries {
  /** Pages read so far. */
  readonly pages: number;
  /** Points read so far. */
  readonly points: number;
}

export interface HistoryReadOptions {
  readonly from?: TimeValue;
  readonly to?: TimeValue;
  readonly signal?: AbortSignal;
  /** Called after each page with that page's points (ascending) and the running totals. */
  readonly onPage?: (progress: HistoryPageProgress) => void;
  /** Points per request, default (and at most) 1000. */
  readonly pageSize?: number;
}

export interface HistoryPageOptions {
  readonly from?: TimeValue;
  readonly to?: TimeValue;
  /** 1..1000, default 1000. */
  readonly limit?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
  readonly signal?: AbortSignal;
}

/** One page as typed arrays (ascending), with the cursors for the pages around it. */
export interface HistoryPage extends HistorySeries {
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

interface RawPage {
  readonly text: string;
  readonly status: number;
}

const NEXT_CURSOR = /"next_cursor"\s*:\s*"([^"\\]*)"/;

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

/** Parses one history page into ascending typed arrays; anything but a list envelope is a ParseError. */
function parsePage(text: string, status: number, info: RequestInfo, property: string): HistoryPage {
  const scanned = scanHistoryPage(text, property);
  if (scanned) {
    checkTimestamps(scanned.timestamps, info, status);
    return ascending(scanned.timestamps, scanned.values, scanned.nextCursor, scanned.previousCursor);
  }
  let body: { data?: unknown; paging?: { next_cursor?: unknown; previous_cursor?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch (err) {
    throw new ParseError(info, status, (err as Error).message, text.slice(0, 80));
  }
  if (!body || !Array.isArray(body.data)) throw new ParseError(info, status, 'expected a list envelope {"data":[…],"paging":{…}}', text.slice(0, 80));
  const items = body.data as Array<{ at?: unknown; properties?: Record<string, unknown> }>;
  const n = items.length;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    timestamps[i] = typeof item?.at === 'string' ? parseAltairTime(item.at) : NaN;
    values[i] = toNumber(item?.properties?.[property]);
  }
  checkTimestamps(timestamps, info, status);
  const next = body.paging?.next_cursor;
  const previous = body.paging?.previous_cursor;
  return ascending(timestamps, values, typeof next === 'string' ? next : '', typeof previous === 'string' ? previous : '');
}

function ascending(timestamps: Float64Array, values: Float64Array, next: string, previous: string): HistoryPage {
  const n = timestamps.length;
  if (n > 1 && timestamps[0] > timestamps[n - 1]) {
    timestamps.reverse();
    values.reverse();
  }
  return { timestamps, values, nextCursor: next || undefined, previousCursor: previous || undefined };
}

function rangeOf(from: TimeValue | undefined, to: TimeValue | undefined): string | undefined {
  return from === undefined && to === undefined ? undefined : formatAt({ from, to });
}

/** One request (for callers that slice a range and page it in parallel themselves). */
export async function readPropertyHistoryPage(transport: AltairTransport, path: string, property: string, opts: HistoryPageOptions = {}): Promise<HistoryPage> {
  const limit = opts.limit ?? MAX_PAGE_SIZE;
  checkLimit(limit);
  const response = await transport.request<string>({
    method: 'GET',
    path,
    query: { at: rangeOf(opts.from, opts.to), limit, next_cursor: opts.nextCursor || undefined, previous_cursor: opts.previousCursor || undefined },
    signal: opts.signal,
    responseType: 'text',
  });
  return parsePage(response.data, response.status, { method: 'GET', path }, property);
}

/** Reads `path` (a `…/properties-history/{property}` URL path) into typed arrays. */
export async function readPropertyHistory(transport: AltairTransport, path: string, property: string, opts: HistoryReadOptions = {}): Promise<HistorySeries> {
  const limit = opts.pageSize ?? MAX_PAGE_SIZE;
  checkLimit(limit);
  const at = rangeOf(opts.from, opts.to);
  const info: RequestInfo = { method: 'GET', path };
  const inflight = new Set<AbortController>();

  const fetchPage = (cursor: string | undefined): { promise: Promise<RawPage>; controller: AbortController } => {
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    inflight.add(controller);
    const promise = transport
      .request<string>({ method: 'GET', path, query: { at, limit, next_cursor: cursor }, signal, responseType: 'text' })
      .then((r) => ({ text: r.data, status: r.status }))
      .finally(() => inflight.delete(controller));
    // A prefetch may be abandoned (an error elsewhere); it must not become an unhandled rejection.
    promise.catch(() => undefined);
    return { promise, controller };
  };

  const chunks: Array<{ t: Float64Array; v: Float64Array }> = [];
  let points = 0;
  let pages = 0;
  const seen = new Set<string>();
  let current: ReturnType<typeof fetchPage> | undefined = fetchPage(undefined);
  try {
    while (current) {
      const { text, status }: RawPage = await current.promise;
      // Ask for the next page before parsing this one, so parsing overlaps the network.
      const guessed: string = NEXT_CURSOR.exec(text)?.[1] ?? '';
      let next: ReturnType<typeof fetchPage> | undefined = guessed ? fetchPage(guessed) : undefined;

      const page = parsePage(text, status, info, property);
      const actual = page.nextCursor ?? '';
      // A cursor handed out twice would read the same pages forever.
      if (actual && seen.has(actual)) {
        next?.controller.abort();
        throw new ParseError(info, status, `the server sent the page cursor "${actual}" a second time`, '');
      }
      seen.add(actual);
      if (actual !== guessed) {
        // The pattern matched something else (a property named next_cursor): follow the real cursor.
        next?.controller.abort();
        next = actual ? fetchPage(actual) : undefined;
      }
      const t = page.timestamps;
      const v = page.values;
      const n = t.length;
      chunks.push({ t, v });
      points += n;
      pages++;
      opts.onPage?.({ pages, points, timestamps: t, values: v });
      // An empty page ends the read even if the server offers a cursor (no endless loop on a bad server).
      if (n === 0 && next) {
        next.controller.abort();
        next = undefined;
      }
      current = next;
    }
  } catch (err) {
    for (const c of inflight) c.abort();
    if (opts.signal?.aborted && !(err instanceof CancelledError)) throw new CancelledError(info);
    throw err;
  }
  return assemble(chunks, points);
}

/** Joins the pages into one ascending series, whichever order the server used. */
function assemble(chunks: ReadonlyArray<{ t: Float64Array; v: Float64Array }>, points: number): HistorySeries {
  const newestFirst = chunks.length > 1 && chunks[0].t.length > 0 && chunks[chunks.length - 1].t.length > 0 && chunks[0].t[0] > chunks[chunks.length - 1].t[0];
  const ordered = newestFirst ? [...chunks].reverse() : chunks;
  const timestamps = new Float64Array(points);
  const values = new Float64Array(points);
  let offset = 0;
  for (const c of ordered) {
    timestamps.set(c.t, offset);
    values.set(c.v, offset);
    offset += c.t.length;
  }
  for (let i = 1; i < points; i++) {
    if (timestamps[i] < timestamps[i - 1]) return sortSeries(timestamps, values);
  }
  return { timestamps, values };
}

function sortSeries(timestamps: Float64Array, values: Float64Array): HistorySeries {
  const order = Array.from(timestamps.keys()).sort((a, b) => timestamps[a] - timestamps[b]);
  return { timestamps: Float64Array.from(order, (i) => timestamps[i]), values: Float64Array.from(order, (i) => values[i]) };
}
