/**
 * Cursor paging as on AnythingDB: `limit` (1..1000, default 50), `next_cursor`, `previous_cursor`,
 * answered with `{data, paging:{next_cursor, previous_cursor}}` where `""` means "no further page".
 *
 * A cursor is `base64(JSON.stringify(sortKey))` of one boundary item (the spec's example decodes to
 * `["01F53PMHJGCPSZX95QFJJEADS4"]`). Choice: `next_cursor` names the first item of the next page and
 * `previous_cursor` the last item of the previous page (the reading of the SDK tests), so both are
 * inclusive and still work when that item has been deleted meanwhile.
 */
import { badRequest } from './errors';

export type CursorKey = readonly unknown[];

/** A list in a fixed order that can be walked both ways from any key. */
export interface Ordered<T> {
  /** Items from `key` onwards (all when undefined), in list order. */
  forward(key: CursorKey | undefined, inclusive: boolean): Iterator<T>;
  /** Items from `key` backwards (from the end when undefined), in reverse list order. */
  backward(key: CursorKey | undefined, inclusive: boolean): Iterator<T>;
  keyOf(item: T): CursorKey;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

export interface PageRequest {
  readonly limit: number;
  readonly next?: CursorKey;
  readonly previous?: CursorKey;
}

export interface Page<T> {
  data: T[];
  paging: { next_cursor: string; previous_cursor: string };
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length > 0) return key;
  } catch {
    // fall through
  }
  throw badRequest('invalid cursor');
}

/** Reads `limit` and the cursors; a `limit` outside 1..1000 is a 400 (choice: not clamped). */
export function parsePageRequest(query: URLSearchParams): PageRequest {
  const raw = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (raw !== null && raw !== '') {
    limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) throw badRequest(`limit must be an integer between 1 and ${MAX_LIMIT}`);
  }
  const next = query.get('next_cursor');
  const previous = query.get('previous_cursor');
  // Choice: when both cursors are sent, next_cursor wins (the SDK only ever sends one).
  if (next) return { limit, next: decodeCursor(next) };
  if (previous) return { limit, previous: decodeCursor(previous) };
  return { limit };
}

function take<T>(it: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const r = it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

function firstKey<T>(source: Ordered<T>, it: Iterator<T>): string {
  const r = it.next();
  return r.done ? '' : encodeCursor(source.keyOf(r.value));
}

/** One page of `source` for a request, with both cursors. */
export function pageOf<T>(source: Ordered<T>, request: PageRequest): Page<T>;
export function pageOf<T, R>(source: Ordered<T>, request: PageRequest, render: (item: T) => R): Page<R>;
export function pageOf<T, R>(source: Ordered<T>, request: PageRequest, render?: (item: T) => R): Page<T | R> {
  const map: (item: T) => T | R = render ?? ((item) => item);
  if (request.previous) {
    const before = source.backward(request.previous, true);
    const items = take(before, request.limit).reverse();
    return {
      data: items.map(map),
      paging: { previous_cursor: firstKey(source, before), next_cursor: firstKey(source, source.forward(request.previous, false)) },
    };
  }
  const after = source.forward(request.next, true);
  const items = take(after, request.limit);
  return {
    data: items.map(map),
    paging: {
      next_cursor: firstKey(source, after),
      previous_cursor: request.next ? firstKey(source, source.backward(request.next, false)) : '',
    },
  };
}

/** Orders plain JSON values: numbers, then strings, then booleans, then anything else by its JSON text. */
export function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ra === 2) return Number(a) - Number(b);
  const ja = JSON.stringify(a) ?? '';
  const jb = JSON.stringify(b) ?? '';
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** Element-wise ascending comparison of keys. */
export function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** First index whose key is >= key (or > key when `strict`) in a sorted array. */
export function bound<T>(items: readonly T[], key: CursorKey, keyOf: (item: T) => CursorKey, compare: (a: CursorKey, b: CursorKey) => number, strict: boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(keyOf(items[mid]), key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An Ordered view of an array already sorted by `compare` over `keyOf`. */
export function arraySource<T>(items: readonly T[], keyOf: (item: T) => CursorKey, compare: (a: CursorKey, b: CursorKey) => number = compareKeys): Ordered<T> {
  return {
    keyOf,
    *forward(key, inclusive) {
      const start = key === undefined ? 0 : bound(items, key, keyOf, compare, !inclusive);
      for (let i = start; i < items.length; i++) yield items[i];
    },
    *backward(key, inclusive) {
      const start = key === undefined ? items.length - 1 : bound(items, key, keyOf, compare, inclusive) - 1;
      for (let i = start; i >= 0; i--) yield items[i];
    },
  };
}

/** Sorts a copy of `items` by key and pages it. */
export function pageArray<T>(items: readonly T[], keyOf: (item: T) => CursorKey, request: PageRequest): Page<T>;
export function pageArray<T, R>(items: readonly T[], keyOf: (item: T) => CursorKey, request: PageRequest, render: (item: T) => R, compare?: (a: CursorKey, b: CursorKey) => number): Page<R>;
export function pageArray<T, R>(items: readonly T[], keyOf: (item: T) => CursorKey, request: PageRequest, render?: (item: T) => R, compare: (a: CursorKey, b: CursorKey) => number = compareKeys): Page<T | R> {
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const source = arraySource(sorted, keyOf, compare);
  return render ? pageOf(source, request, render) : pageOf(source, request);
}
