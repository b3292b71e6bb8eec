/**
 * The names index of an IoT-TICKET asset tree, vscode-free (the bench measures it in Node): every
 * asset's id, name and parent from get_all_assets, growing page by page while it is built, and a scan
 * that streams matches as pages arrive and yields the event loop every few milliseconds, so that an
 * index of 1,000,000 assets never blocks the extension host (issue 17 §4). assetIndex.ts caches it.
 */
import { mapConcurrent, raceAbort, type Logger } from '../../../platforms/http';
import type { AssetApiAccess } from './assetApiAccess';

export const INDEX_PAGE = 1000;
export const INDEX_CONCURRENCY = 4;
/** Longest run of scanning before the event loop gets a turn. */
const SLICE_MS = 8;
/** Progress is reported at least this often while scanning or waiting for pages, and whenever matches grow. */
const REPORT_MS = 100;

export interface IndexedAsset {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
}

export class AssetIndex {
  readonly assets: IndexedAsset[] = [];
  private readonly byId = new Map<string, IndexedAsset>();
  private readonly pathTexts = new Map<string, string>();
  private readonly waiting = new Set<() => void>();
  /** The asset count the server reported (undefined before the first page). */
  total: number | undefined;
  complete = false;
  failed: unknown;
  builtAt = 0;
  buildMs = 0;

  add(items: readonly IndexedAsset[], total: number): void {
    this.total = total;
    for (const a of items) {
      if (this.byId.has(a.id)) continue;
      this.byId.set(a.id, a);
      this.assets.push(a);
    }
    this.wake();
  }

  finish(err?: unknown): void {
    this.complete = err === undefined;
    this.failed = err;
    this.wake();
  }

  /** Resolves when more assets arrive or the build ends. */
  grown(): Promise<void> {
    return new Promise((resolve) => this.waiting.add(resolve));
  }

  private wake(): void {
    for (const w of this.waiting) w();
    this.waiting.clear();
  }

  get(id: string): IndexedAsset | undefined {
    return this.byId.get(id);
  }

  /** The chain from the root to the asset (inclusive), as far as the index knows it. */
  chain(id: string): IndexedAsset[] {
    const out: IndexedAsset[] = [];
    const seen = new Set<string>();
    for (let a = this.byId.get(id); a && !seen.has(a.id); a = a.parentId ? this.byId.get(a.parentId) : undefined) {
      seen.add(a.id);
      out.unshift(a);
    }
    return out;
  }

  namesPath(id: string): string[] {
    return this.chain(id).map((a) => a.name);
  }

  /** "Plant / Line 1 / Pump 3", computed once per asset whose parents are all indexed (searches match against it). */
  pathText(id: string): string {
    let text = this.pathTexts.get(id);
    if (text === undefined) {
      const a = this.byId.get(id);
      const parent = a?.parentId ? this.byId.get(a.parentId) : undefined;
      text = parent ? `${this.pathText(parent.id)} / ${a!.name}` : (a?.name ?? '');
      if (!a?.parentId || parent) this.pathTexts.set(id, text);
    }
    return text;
  }
}

/** Fills `index` from get_all_assets: the first page tells the size, the rest come a few at a time. */
export async function buildIndex(access: AssetApiAccess, index: AssetIndex, log: Pick<Logger, 'info'>, label: string): Promise<AssetIndex> {
  const started = Date.now();
  try {
    const first = await access.allAssets(0, INDEX_PAGE);
    index.add(toIndexed(first.items), first.total);
    const offsets: number[] = [];
    for (let o = first.items.length; o < first.total; o += INDEX_PAGE) offsets.push(o);
    await mapConcurrent(offsets, INDEX_CONCURRENCY, async (offset) => {
      const page = await access.allAssets(offset, INDEX_PAGE);
      index.add(toIndexed(page.items), page.total);
    });
    index.builtAt = Date.now();
    index.buildMs = index.builtAt - started;
    index.finish();
    log.info(`Indexed ${index.assets.length} assets of "${label}" in ${index.buildMs} ms`);
    return index;
  } catch (err) {
    index.finish(err);
    throw err;
  }
}

function toIndexed(items: readonly { id: string; name: string; parentId?: string | null }[]): IndexedAsset[] {
  return items.map((a) => ({ id: a.id, name: a.name, parentId: a.parentId ?? null }));
}

export interface ScanProgress {
  /** Ids of the matches so far, in index order. */
  readonly matches: readonly string[];
  readonly scanned: number;
  readonly total: number | undefined;
  readonly complete: boolean;
}

/**
 * Every asset matching `test`, scanning what is indexed and then each page as it arrives; `onProgress`
 * gets the matches so far after each slice that found some, every REPORT_MS otherwise, and at the end.
 * Yields the event loop at least every SLICE_MS; stops with the abort reason when `signal` aborts.
 */
export async function scanIndex(
  index: AssetIndex,
  test: (asset: IndexedAsset) => boolean,
  signal: AbortSignal,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanProgress> {
  const matches: string[] = [];
  let i = 0;
  const progress = (): ScanProgress => ({ matches, scanned: i, total: index.total, complete: index.complete && i >= index.assets.length });
  let reported = performance.now();
  const report = (): void => {
    reported = performance.now();
    onProgress?.(progress());
  };
  for (;;) {
    signal.throwIfAborted();
    const sliceEnd = performance.now() + SLICE_MS;
    const before = matches.length;
    while (i < index.assets.length) {
      const a = index.assets[i++];
      if (test(a)) matches.push(a.id);
      if ((i & 255) === 0 && performance.now() > sliceEnd) break;
    }
    if (matches.length > before || performance.now() - reported > REPORT_MS) report();
    if (i < index.assets.length) {
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    if (index.failed !== undefined) throw index.failed;
    if (index.complete) break;
    await raceAbort(index.grown(), signal);
  }
  report();
  return progress();
}
