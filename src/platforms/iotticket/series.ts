/**
 * Time series as typed arrays (what charts and exports consume), the page parser that fills them
 * straight from the server's JSON, and the paged fetch that walks a long range 10,000 points at a time.
 */
import { CancelledError, PlatformError } from '../http';
import { parseServerTime } from './time';

export interface Series {
  /** Epoch milliseconds. */
  readonly timestamps: Float64Array;
  /** Numbers; booleans as 1/0; NaN for gaps and non-numeric values. */
  readonly values: Float64Array;
  /** The original values of a string (or binary) series, index-aligned with `timestamps`. */
  readonly strings?: readonly (string | null)[];
  readonly name: string;
  readonly unit: string;
  readonly dataType: string;
  readonly assetId?: string;
  readonly attributeId?: string;
  /** v1 series: the device and datanode path. */
  readonly deviceId?: string;
  readonly datanode?: string;
  /** True when the server had more points than the request's limit returned. */
  readonly truncated?: boolean;
  /** The zone the caller asked to see timestamps in (`±hh:mm`); exports default to it. */
  readonly tz?: string;
}

/** Metadata that comes with every page of a series. */
export type SeriesMeta = Pick<Series, 'name' | 'unit' | 'dataType' | 'assetId' | 'attributeId' | 'deviceId' | 'datanode'>;

export interface SeriesPage extends SeriesMeta {
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
  readonly strings?: (string | null)[];
  readonly truncated: boolean;
}

const NUMERIC_TYPES = new Set(['double', 'long', 'float', 'integer', 'int', 'number', 'decimal']);

/** True when values of this data type are text (kept in `strings`). */
export function isTextType(dataType: string): boolean {
  const t = dataType.toLowerCase();
  return t === 'string' || t === 'binary' || t === 'text';
}

/** One value as a number: numbers as they are, booleans 1/0, numeric strings parsed, anything else NaN. */
export function toNumber(v: unknown, dataType: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string' || v === '') return NaN;
  const t = dataType.toLowerCase();
  if (t === 'boolean') return v.toLowerCase() === 'true' ? 1 : v.toLowerCase() === 'false' ? 0 : NaN;
  if (NUMERIC_TYPES.has(t) || t === '') return Number(v);
  return NaN;
}

/** Fills typed arrays from `[{ts, v}, …]` in one pass (no intermediate objects beyond JSON.parse's). */
export function pointsToArrays(
  points: readonly { readonly ts: unknown; readonly v?: unknown }[] | undefined,
  dataType: string,
): { timestamps: Float64Array; values: Float64Array; strings?: (string | null)[] } {
  const n = points?.length ?? 0;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  const strings = isTextType(dataType) ? new Array<string | null>(n) : undefined;
  for (let i = 0; i < n; i++) {
    const p = points![i];
    timestamps[i] = parseServerTime(p.ts);
    const v = p.v;
    values[i] = v === null || v === undefined ? NaN : toNumber(v, dataType);
    if (strings) strings[i] = v === null || v === undefined ? null : String(v);
  }
  return strings ? { timestamps, values, strings } : { timestamps, values };
}

/**
 * Accumulates pages into one series: the pages are kept as they came and copied once, into arrays of the
 * final size (growing by doubling touched three times the memory, and fresh memory is slow on some machines).
 */
export class SeriesBuilder {
  private readonly pages: { readonly timestamps: Float64Array; readonly values: Float64Array }[] = [];
  private strs?: (string | null)[];
  private n = 0;

  get length(): number {
    return this.n;
  }

  append(page: { timestamps: Float64Array; values: Float64Array; strings?: readonly (string | null)[] }): void {
    if (page.timestamps.length === 0) return;
    this.pages.push({ timestamps: page.timestamps, values: page.values });
    if (page.strings) {
      this.strs ??= new Array<string | null>(this.n).fill(null);
      for (const s of page.strings) this.strs.push(s);
    }
    this.n += page.timestamps.length;
  }

  build(meta: SeriesMeta, truncated = false): Series {
    const timestamps = new Float64Array(this.n);
    const values = new Float64Array(this.n);
    let at = 0;
    for (const p of this.pages) {
      timestamps.set(p.timestamps, at);
      values.set(p.values, at);
      at += p.timestamps.length;
    }
    return { ...meta, timestamps, values, ...(this.strs ? { strings: this.strs } : {}), truncated };
  }
}

export interface PageRequest {
  /** Inclusive, epoch ms. */
  readonly start: number;
  /** Inclusive, epoch ms. */
  readonly end: number;
  readonly limit: number;
  readonly signal?: AbortSignal;
}

export interface PageProgress {
  /** Points received so far, this page included. */
  readonly points: number;
  readonly pages: number;
  /** Timestamp of the last point so far. */
  readonly lastTimestamp: number;
}

export interface PagedFetchOptions {
  readonly start: number;
  readonly end: number;
  /** Points per request; default 10,000 (the server's maximum). */
  readonly pageSize?: number;
  /** Stop after this many points (the result is then marked truncated). */
  readonly maxPoints?: number;
  readonly signal?: AbortSignal;
  /** Called after every page with the page's own points (for progressive drawing) and the running totals. */
  readonly onPage?: (page: SeriesPage, progress: PageProgress) => void;
}

/**
 * Reads [start, end] in ascending pages: while the server says `truncated`, the next request starts one
 * millisecond after the last timestamp received. Cancellable between and during pages.
 */
export async function fetchPagedSeries(fetchPage: (request: PageRequest) => Promise<SeriesPage>, options: PagedFetchOptions): Promise<Series> {
  const pageSize = options.pageSize ?? 10_000;
  const builder = new SeriesBuilder();
  let start = options.start;
  let pages = 0;
  let meta: SeriesMeta | undefined;
  let truncated = false;
  for (;;) {
    if (options.signal?.aborted) throw new CancelledError();
    const remaining = options.maxPoints === undefined ? pageSize : Math.min(pageSize, options.maxPoints - builder.length);
    const page = await fetchPage({ start, end: options.end, limit: remaining, signal: options.signal });
    pages++;
    meta ??= pickMeta(page);
    builder.append(page);
    const n = page.timestamps.length;
    const last = n > 0 ? page.timestamps[n - 1] : start;
    options.onPage?.(page, { points: builder.length, pages, lastTimestamp: last });
    if (!page.truncated || n === 0 || last >= options.end) break;
    if (options.maxPoints !== undefined && builder.length >= options.maxPoints) {
      truncated = true;
      break;
    }
    if (last < start) throw new PlatformError(`the server sent a series page out of order: ${last} after asking from ${start}`, 'parse');
    start = last + 1;
  }
  return builder.build(meta ?? { name: '', unit: '', dataType: '' }, truncated);
}

function pickMeta(page: SeriesPage): SeriesMeta {
  const { name, unit, dataType, assetId, attributeId, deviceId, datanode } = page;
  return {
    name, unit, dataType,
    ...(assetId !== undefined && { assetId }),
    ...(attributeId !== undefined && { attributeId }),
    ...(deviceId !== undefined && { deviceId }),
    ...(datanode !== undefined && { datanode }),
  };
}
