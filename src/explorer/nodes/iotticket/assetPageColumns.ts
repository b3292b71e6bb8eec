/**
 * One get_all_assets page reduced to what the Go to… index keeps: ids, names and parent ids in three
 * parallel arrays. Shared by the worker that parses pages (indexWorker.ts) and the main thread (pages
 * of the das bridge, or when no worker can start); it imports nothing, so the worker's bundle stays small.
 */
export interface PageColumns {
  readonly total: number;
  readonly ids: string[];
  readonly names: string[];
  readonly parentIds: (string | null)[];
}

/** The columns of a decoded page; throws naming what is missing (the server's page is data, not trusted). */
export function columnsOf(page: unknown): PageColumns {
  const env = page as { fullSize?: unknown; items?: unknown } | null;
  if (!env || typeof env.fullSize !== 'number' || !Array.isArray(env.items)) throw new Error('the asset list is not a {fullSize, items} page');
  const ids: string[] = [];
  const names: string[] = [];
  const parentIds: (string | null)[] = [];
  for (const item of env.items as unknown[]) {
    const a = item as { id?: unknown; name?: unknown; parentId?: unknown } | null;
    if (!a || typeof a.id !== 'string' || typeof a.name !== 'string') throw new Error('an asset of the list has no id or name');
    ids.push(a.id);
    names.push(a.name);
    parentIds.push(typeof a.parentId === 'string' ? a.parentId : null);
  }
  return { total: env.fullSize, ids, names, parentIds };
}
