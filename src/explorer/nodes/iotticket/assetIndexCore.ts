/**
 * The names index of an IoT-TICKET asset tree, vscode-free (the bench measures it in Node): every
 * asset's id, name and parent from get_all_assets, growing page by page while it is built, and a scan
 * that streams matches as pages arrive and yields the event loop every few milliseconds, so that an
 * index of 1,000,000 assets never blocks the extension host (issue 17 §4). assetIndex.ts caches it.
 */
import { mapConcurrent, raceAbort, type Logger } from '../../../platforms/http';
import type { AssetApiAccess } from './assetApiAccess';
import type { PageColumns } from './assetPageColumns';
import type { StoredChunk } from './indexWorkerProtocol';
import { ByteColumn, Column } from './column';
import { IdPositions } from './idPositions';

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

/** `parents` entries: a root, or a parent not indexed yet (looked up again when asked). */
const ROOT = -1;
const UNRESOLVED = -2;
/** A search's memo of an ancestor (ByteColumn). */
const UNKNOWN = 0;
const NO = 1;
const YES = 2;
/** Longest chain walked (a cycle in the server's data must not hang a scan). */
const MAX_DEPTH = 256;

/**
 * Columns rather than an object per asset, in chunks (column.ts) and with the ids in a sharded map
 * (idPositions.ts): neither ever copies or rehashes a million entries in one go. A restored index
 * (addStored) gets its parents as positions and fills the id map only if asked for an id, because
 * a million map insertions would take most of its restore; searches work by position.
 */
export class AssetIndex {
  private readonly ids = new Column<string>();
  private readonly names = new Column<string>();
  /** Lower-case names, filled as scans first read them (a scan tests each name on every keystroke). */
  private readonly lowers = new Column<string | undefined>();
  /** Position of each asset's parent, ROOT, or UNRESOLVED with the id kept in `parentIds`. */
  private readonly parents = new Column<number>();
  private readonly parentIds = new Column<string | null>();
  private readonly positions = new IdPositions();
  /** How many positions the id map holds (all of them, except in a restored index). */
  private mapped = 0;
  private restoring = false;
  private readonly waiting = new Set<() => void>();
  /** The asset count the server reported (undefined before the first page). */
  total: number | undefined;
  complete = false;
  failed: unknown;
  builtAt = 0;
  buildMs = 0;
  /** When the build it was restored from completed (indexStore.ts); undefined for a build of this session. */
  restoredFrom: number | undefined;

  /** How many assets are indexed so far. */
  get size(): number {
    return this.ids.length;
  }

  /** Adds a page of get_all_assets (an id seen before is skipped). */
  add(page: PageColumns): void {
    this.total = page.total;
    const { ids, names, parentIds } = page;
    for (let i = 0; i < ids.length; i++) {
      const at = this.ids.length;
      if (!this.positions.add(ids[i], at)) continue;
      this.mapped = at + 1;
      this.push(ids[i], names[i]);
      const parentId = parentIds[i];
      const parent = parentId === null ? ROOT : this.positions.get(parentId);
      this.parents.push(parent ?? UNRESOLVED);
      this.parentIds.push(parent === undefined ? parentId : null);
    }
    this.wake();
  }

  /** Adds a chunk of a stored index (its positions were checked by the worker that read it). */
  addStored(chunk: StoredChunk, total: number): void {
    this.total = total;
    this.restoring = true;
    const { ids, names, parents } = chunk;
    for (let i = 0; i < ids.length; i++) {
      this.push(ids[i], names[i]);
      const p = parents[i];
      this.parents.push(p === null ? ROOT : typeof p === 'number' ? p : UNRESOLVED);
      this.parentIds.push(typeof p === 'string' ? p : null);
    }
    this.wake();
  }

  private push(id: string, name: string): void {
    this.ids.push(id);
    this.names.push(name);
    this.lowers.push(undefined);
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

  idAt(position: number): string {
    return this.ids.at(position);
  }

  /** The position of an id (a restored index maps its ids on the first call: by-id lookups are for tests and tools). */
  positionOf(id: string): number | undefined {
    for (; this.mapped < this.size; this.mapped++) this.positions.add(this.ids.at(this.mapped), this.mapped);
    return this.positions.get(id);
  }

  get(id: string): IndexedAsset | undefined {
    const at = this.positionOf(id);
    return at === undefined ? undefined : this.assetAt(at);
  }

  assetAt(at: number): IndexedAsset {
    const parent = this.parentOf(at);
    return { id: this.ids.at(at), name: this.names.at(at), parentId: parent >= 0 ? this.ids.at(parent) : this.parentIds.at(at) };
  }

  /** The parent's position, ROOT, or UNRESOLVED while the parent is not indexed. */
  private parentOf(at: number): number {
    const known = this.parents.at(at);
    // A stored index was written with every parent it could find: the rest stay unresolved.
    if (known !== UNRESOLVED || this.restoring) return known;
    const found = this.positions.get(this.parentIds.at(at)!);
    if (found === undefined) return UNRESOLVED;
    this.parents.set(at, found);
    this.parentIds.set(at, null);
    return found;
  }

  /** The index as chunks of at most `size` assets, for the stored index. */
  *storedChunks(size = 4096): Generator<StoredChunk> {
    for (let start = 0; start < this.size; start += size) {
      const positions = Array.from({ length: Math.min(size, this.size - start) }, (_, i) => start + i);
      yield {
        ids: this.ids.slice(start, start + size),
        names: this.names.slice(start, start + size),
        parents: positions.map((at) => {
          const parent = this.parentOf(at);
          return parent >= 0 ? parent : parent === ROOT ? null : this.parentIds.at(at);
        }),
      };
    }
  }

  /** The chain from the root to the asset at `at` (inclusive), as far as the index knows it. */
  chainAt(at: number): IndexedAsset[] {
    const out: IndexedAsset[] = [];
    const seen = new Set<number>();
    for (let p = at; p >= 0 && !seen.has(p) && out.length < MAX_DEPTH; p = this.parentOf(p)) {
      seen.add(p);
      out.unshift(this.assetAt(p));
    }
    return out;
  }

  /** The chain from the root to the asset (inclusive), as far as the index knows it. */
  chain(id: string): IndexedAsset[] {
    const at = this.positionOf(id);
    return at === undefined ? [] : this.chainAt(at);
  }

  namesPath(id: string): string[] {
    return this.chain(id).map((a) => a.name);
  }

  private lowerAt(at: number): string {
    let lower = this.lowers.at(at);
    if (lower === undefined) this.lowers.set(at, (lower = this.names.at(at).toLowerCase()));
    return lower;
  }

  /**
   * The test of a Go to… text, by position: the exact id, or every word (case-insensitive) in the
   * asset's name or the names above it ("line 2 pump" finds Pump 7 under Line 2).
   */
  matcher(text: string): (position: number) => boolean {
    const t = text.trim();
    const words = t.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return () => false;
    if (words.length === 1) {
      const [w] = words;
      return (at) => this.lowerAt(at).includes(w) || this.ids.at(at) === t;
    }
    // Whether an ancestor's chain holds word k, remembered per ancestor (a million assets share a few
    // thousand parents); a chain cut by a parent not indexed yet is not remembered.
    const memo = words.map(() => new ByteColumn());
    const above = (at: number, k: number, hops: number): boolean | undefined => {
      if (at === ROOT || hops >= MAX_DEPTH) return false;
      if (at === UNRESOLVED) return undefined;
      const known = memo[k].at(at);
      if (known !== UNKNOWN) return known === YES;
      memo[k].set(at, NO); // a cycle ends here
      const found = this.lowerAt(at).includes(words[k]) || above(this.parentOf(at), k, hops + 1);
      memo[k].set(at, found === undefined ? UNKNOWN : found ? YES : NO);
      return found;
    };
    return (at) => this.ids.at(at) === t || words.every((w, k) => this.lowerAt(at).includes(w) || above(this.parentOf(at), k, 0) === true);
  }
}

/** Fills `index` from get_all_assets: the first page tells the size, the rest come a few at a time. */
export async function buildIndex(access: AssetApiAccess, index: AssetIndex, log: Pick<Logger, 'info'>, label: string): Promise<AssetIndex> {
  const started = Date.now();
  try {
    const first = await access.allAssetColumns(0, INDEX_PAGE);
    index.add(first);
    const offsets: number[] = [];
    for (let o = first.ids.length; o < first.total; o += INDEX_PAGE) offsets.push(o);
    await mapConcurrent(offsets, INDEX_CONCURRENCY, async (offset) => index.add(await access.allAssetColumns(offset, INDEX_PAGE)));
    index.builtAt = Date.now();
    index.buildMs = index.builtAt - started;
    index.finish();
    log.info(`Indexed ${index.size} assets of "${label}" in ${index.buildMs} ms (pages parsed in ${access.columnsParsedIn})`);
    return index;
  } catch (err) {
    index.finish(err);
    throw err;
  }
}

export interface ScanProgress {
  /** Positions of the matches so far, in index order (`idAt`, `assetAt`, `chainAt` read them). */
  readonly matches: readonly number[];
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
  test: (position: number) => boolean,
  signal: AbortSignal,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanProgress> {
  const matches: number[] = [];
  let i = 0;
  const progress = (): ScanProgress => ({ matches, scanned: i, total: index.total, complete: index.complete && i >= index.size });
  let reported = performance.now();
  const report = (): void => {
    reported = performance.now();
    onProgress?.(progress());
  };
  for (;;) {
    signal.throwIfAborted();
    const sliceEnd = performance.now() + SLICE_MS;
    const before = matches.length;
    while (i < index.size) {
      if (test(i)) matches.push(i);
      i++;
      if ((i & 255) === 0 && performance.now() > sliceEnd) break;
    }
    if (matches.length > before || performance.now() - reported > REPORT_MS) report();
    if (i < index.size) {
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
