/** Turns any page-by-page API into an AsyncIterable that fetches the next page only when the consumer gets there. */
import { PlatformError } from './errors';

export interface Page<T, C> {
  readonly items: readonly T[];
  /** Where the next page starts; undefined on the last page. */
  readonly next?: C;
  /** Total number of items, when the platform reports it. */
  readonly total?: number;
}

export async function* paginate<T, C>(first: C, fetchPage: (cursor: C) => Promise<Page<T, C>>): AsyncGenerator<T, void, undefined> {
  let cursor: C | undefined = first;
  // A server that hands out a cursor it gave before would make this loop forever.
  const seen = new Set<C>();
  while (cursor !== undefined) {
    seen.add(cursor);
    const page: Page<T, C> = await fetchPage(cursor);
    yield* page.items;
    cursor = page.items.length === 0 ? undefined : page.next;
    if (cursor !== undefined && seen.has(cursor)) throw new PlatformError(`the server sent the page cursor ${JSON.stringify(cursor)} a second time; the list was read up to there`, 'parse');
  }
}

/** Collects an AsyncIterable into an array (for callers that really want everything). */
export async function collect<T>(iterable: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

/** Runs `task` over `items` with at most `concurrency` in flight, keeping result order. */
export async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
