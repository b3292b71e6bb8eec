/**
 * The names index of an IoT-TICKET asset tree, vscode-free (the bench measures it in Node): every
 * asset's id, name and parent from get_all_assets, growing page by page while it is built, and a scan
 * that streams matches as pages arrive and yields the event loop every few milliseconds, so that an
 * index of 1,000,000 assets never blocks the extension host (issue 17 §4). assetIndex.ts caches it.
 */
import { mapConcurrent, raceAbort, type Logger } from '../../../platforms/http';
import type { AssetApiAccess } from './assetApiAccess';
import type { PageColumns } from './assetPageColumns';
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
 * (idPositions.ts): neither ever copies or rehashes a million entries in one go.
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
  private readonly waiting = new Set<() => void>();
  /** The asset count the server reported (undefined before the first page). */
  total: number | undefined;
  complete = false;
  failed: unknown;
  builtAt = 0;
  buildMs = 0;

  /** How many assets are indexed so far. */
  get size(): number {
    return this.ids.length;
  }

  add(page: PageColumns): void {
    this.total = page.total;
    const { ids, names, parentIds } = page;
    for (let i = 0; i < ids.length; i++) {
      const at = this.ids.length;
      if (!this.positions.add(ids[i], at)) continue;
      this.ids.push(ids[i]);
      this.names.push(names[i]);
      this.lowers.push(undefined);
      const parentId = parentIds[i];
      const parent = parentId === null ? ROOT : this.positions.get(parentId);
      this.parents.push(parent ?? UNRESOLVED);
      this.parentIds.push(parent === undefined ? parentId : null);
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

  idAt(position: number): string {
    return this.ids.at(position);
  }

  get(id: string): IndexedAsset | undefined {
    const at = this.positions.get(id);
    return at === undefined ? undefined : this.assetAt(at);
  }

  private assetAt(at: number): IndexedAsset {
    const parent = this.parentOf(at);
    return { id: this.ids.at(at), name: this.names.at(at), parentId: parent >= 0 ? this.ids.at(parent) : this.parentIds.at(at) };
  }

  /** The parent's position, ROOT, or UNRESOLVED while the parent is not indexed. */
  private parentOf(at: number): number {
    const known = this.parents.at(at);
    if (known !== UNRESOLVED) return known;
    const found = this.positions.get(this.parentIds.at(at)!);
    if (found === undefined) return UNRESOLVED;
    this.parents.set(at, found);
    this.parentIds.set(at, null);
    return found;
  }

  /** The chain from the root to the asset (inclusive), as far as the index knows it. */
  chain(id: string): IndexedAsset[] {
    const out: IndexedAsset[] = [];
    for (let at = this.positions.get(id) ?? ROOT; at >= 0 && out.length < MAX_DEPTH; at = this.parentOf(at)) {
      if (out.some((a) => a.id === this.ids.at(at))) break;
      out.unshift(this.assetAt(at));
    }
    return out;
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
  test: (position: number) => boolean,
  signal: AbortSignal,
  onProgress?: (p: ScanProgress) => void,
): Promise<ScanProgress> {
  const matches: string[] = [];
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
      if (test(i)) matches.push(index.idAt(i));
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
