/**
 * Altair cursor paging: `limit`/`next_cursor`/`previous_cursor` in, `{data, paging}` out, where an
 * empty cursor means "no further page". Single pages serve a tree's "Load more"; `paginateCursor`
 * turns them into an AsyncIterable that repeats the same request with the next cursor.
 */
import { ParseError, ValidationError, paginate, type QueryValue, type RequestInfo } from '../http';
import type { CursorPage, PageOptions, PaginateOptions } from './types';

export const MAX_PAGE_SIZE = 1000;

/** Validates `limit` (1..1000) before any request is made. */
export function checkLimit(limit: number | undefined): void {
  if (limit === undefined) return;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError('limit', `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}`);
  }
}

/** The paging part of a list request's query. */
export function pageQuery(opts: PageOptions): Record<string, QueryValue> {
  checkLimit(opts.limit);
  if (opts.nextCursor && opts.previousCursor) throw new ValidationError('previousCursor', 'give either nextCursor or previousCursor, not both');
  return { limit: opts.limit, next_cursor: opts.nextCursor || undefined, previous_cursor: opts.previousCursor || undefined };
}

/** Checks the list envelope and converts it; a body of another shape is a ParseError, not a silent empty page. */
export function toCursorPage<T>(body: unknown, request: RequestInfo, status = 200): CursorPage<T> {
  const envelope = body as { data?: unknown; paging?: { next_cursor?: unknown; previous_cursor?: unknown } } | undefined;
  if (!envelope || typeof envelope !== 'object' || !Array.isArray(envelope.data)) {
    const start = body === undefined ? '' : JSON.stringify(body).slice(0, 80);
    throw new ParseError(request, status, 'expected a list envelope {"data":[…],"paging":{…}}', start);
  }
  const odd = envelope.data.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
  if (odd >= 0) throw new ParseError(request, status, `data[${odd}] is ${JSON.stringify(envelope.data[odd]) ?? 'undefined'}, not an object`, JSON.stringify(body).slice(0, 80));
  const next = envelope.paging?.next_cursor;
  const previous = envelope.paging?.previous_cursor;
  return {
    items: envelope.data as T[],
    nextCursor: typeof next === 'string' && next !== '' ? next : undefined,
    previousCursor: typeof previous === 'string' && previous !== '' ? previous : undefined,
  };
}

/** Every item of every page, fetched lazily one page at a time. */
export async function* paginateCursor<T>(opts: PaginateOptions, fetchPage: (opts: PageOptions) => Promise<CursorPage<T>>): AsyncGenerator<T, void, undefined> {
  checkLimit(opts.limit);
  yield* paginate<T, string | null>(null, async (cursor) => {
    const page = await fetchPage({ ...opts, nextCursor: cursor ?? undefined });
    return { items: page.items, next: page.nextCursor };
  });
}
