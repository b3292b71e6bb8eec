/**
 * The names index of an IoT-TICKET asset tree, vscode-free (the bench measures it in Node): every
 * asset's id, name and parent from get_all_assets, growing page by page while it is built, and a scan
 * that streams matches as pages arrive and yields the event loop every few milliseconds, so that an
 * index of 1,000,000 assets never blocks the extension host (issue 17 §4). assetIndex.ts caches it.
 */
import { mapConcurrent, raceAbort, type Logger } from '../../../platforms/http';
import type { AssetApiAccess } from './assetApiAccess';
import { ByteColumn, IntColumn } from './column';
import { endBuild, startBuild } from './indexWorkerClient';
import { packStrings, type PackedChunk, type PackedPage } from './packedChunk';

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

/** A search's memo of an ancestor (ByteColumn). */
const UNKNOWN = 0;
const NO = 1;
const YES = 2;
/** Longest chain walked (a cycle in the server's data must not hang a scan). */
const MAX_DEPTH = 256;

/** Entry i of a packed string list: [ends[i - 1] ?? 0, ends[i]). */
const startOf = (ends: Uint32Array, i: number): number => (i === 0 ? 0 : ends[i - 1]);

/** The entry an offset of a packed string falls in (the first whose end is past it). */
function entryAt(ends: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Which entries of a packed list hold `word` within themselves (an occurrence across two entries does not count). */
function entriesWith(text: string, ends: Uint32Array, word: string): Uint8Array {
  const out = new Uint8Array(ends.length);
  for (let o = text.indexOf(word); o !== -1; ) {
    const i = entryAt(ends, o);
    if (o + word.length <= ends[i]) {
      out[i] = 1;
      o = text.indexOf(word, ends[i]);
    } else o = text.indexOf(word, o + 1);
  }
  return out;
}

/** A chunk as the index holds it: where it starts, and its lower-case names once a search asked. */
interface HeldChunk {
  readonly start: number;
  readonly c: PackedChunk;
  lower?: { readonly text: string; readonly ends: Uint32Array };
}

/**
 * The index as packed chunks (packedChunk.ts: each page's ids and names one string each, parents as
 * positions) plus two integer columns: which chunk holds each position, and each position's parent
 * (fixed up as late parents arrive). A million assets are a few thousand objects, so the collector has
 * little to do and nothing is copied or rehashed as the index grows; searches run `indexOf` over each
 * chunk's lower-case names.
 */
export class AssetIndex {
  private readonly chunks: HeldChunk[] = [];
  private readonly chunkOf = new IntColumn();
  private readonly parents = new IntColumn();
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
    return this.parents.length;
  }

  /** Pages packed ahead of one still on its way, by their first position. */
  private readonly early = new Map<number, PackedPage>();

  /**
   * Adds a packed page and the parents it resolved for earlier entries, in the order its positions were
   * given out: a page that overtook another on the way waits for it.
   */
  add(page: PackedPage): void {
    // A page of duplicates only brings nothing (and shares its first position with the next page).
    if (page.chunk.parents.length === 0) return;
    if (page.first !== this.size) {
      if (page.first > this.size) this.early.set(page.first, page);
      return;
    }
    this.append(page);
    for (let next = this.early.get(this.size); next; next = this.early.get(this.size)) {
      this.early.delete(next.first);
      this.append(next);
    }
    this.wake();
  }

  private append(page: PackedPage): void {
    const { chunk, fixups } = page;
    this.total = page.total;
    const held = this.chunks.push({ start: this.size, c: chunk }) - 1;
    for (let i = 0; i < chunk.parents.length; i++) {
      this.chunkOf.push(held);
      this.parents.push(chunk.parents[i]);
    }
    for (let i = 0; i + 1 < fixups.length; i += 2) if (fixups[i] < this.size) this.parents.set(fixups[i], fixups[i + 1]);
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

  private held(at: number): { h: HeldChunk; i: number } {
    const h = this.chunks[this.chunkOf.at(at)];
    return { h, i: at - h.start };
  }

  idAt(at: number): string {
    const { h, i } = this.held(at);
    return h.c.ids.slice(startOf(h.c.idEnds, i), h.c.idEnds[i]);
  }

  nameAt(at: number): string {
    const { h, i } = this.held(at);
    return h.c.names.slice(startOf(h.c.nameEnds, i), h.c.nameEnds[i]);
  }

  /** The parent's position, ROOT, or UNRESOLVED (not in the index). */
  private parentOf(at: number): number {
    return this.parents.at(at);
  }

  assetAt(at: number): IndexedAsset {
    const parent = this.parentOf(at);
    return { id: this.idAt(at), name: this.nameAt(at), parentId: parent >= 0 ? this.idAt(parent) : null };
  }

  /** The position of an id, by a search of every chunk's ids (for tests and tools: searches work by position). */
  positionOf(id: string): number | undefined {
    for (const h of this.chunks) {
      const { ids, idEnds } = h.c;
      for (let o = ids.indexOf(id); o !== -1; o = ids.indexOf(id, o + 1)) {
        const i = entryAt(idEnds, o);
        if (o === startOf(idEnds, i) && o + id.length === idEnds[i]) return h.start + i;
      }
    }
    return undefined;
  }

  get(id: string): IndexedAsset | undefined {
    const at = this.positionOf(id);
    return at === undefined ? undefined : this.assetAt(at);
  }

  /** The index as packed chunks with every parent known now, for the stored index. */
  *storedChunks(): Generator<PackedChunk> {
    for (const h of this.chunks) {
      const parents = Int32Array.from(h.c.parents, (_, i) => this.parentOf(h.start + i));
      yield { ...h.c, parents };
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

  /** A chunk's names in lower case, packed (lower-casing may change a name's length, so the ends are its own). */
  private lowerOf(h: HeldChunk): { text: string; ends: Uint32Array } {
    if (h.lower) return h.lower;
    const { names, nameEnds } = h.c;
    const text = names.toLowerCase();
    if (text.length === names.length) return (h.lower = { text, ends: nameEnds });
    return (h.lower = packStrings(Array.from(nameEnds, (end, i) => names.slice(startOf(nameEnds, i), end).toLowerCase())));
  }

  /**
   * The test of a Go to… text, by position: the exact id, or every word (case-insensitive) in the
   * asset's name or the names above it ("line 2 pump" finds Pump 7 under Line 2). Each word is looked
   * for once per chunk, with `indexOf` over the chunk's names.
   */
  matcher(text: string): (position: number) => boolean {
    const t = text.trim();
    const words = t.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return () => false;
    // Per word, per chunk: which of its entries hold the word; per chunk: which entry has the id `t` (-1: none).
    const flags = words.map(() => [] as (Uint8Array | undefined)[]);
    const idEntry: (number | undefined)[] = [];
    const own = (at: number, k: number): boolean => {
      const c = this.chunkOf.at(at);
      const h = this.chunks[c];
      let f = flags[k][c];
      if (!f) {
        const lower = this.lowerOf(h);
        f = flags[k][c] = entriesWith(lower.text, lower.ends, words[k]);
      }
      return f[at - h.start] === 1;
    };
    const isId = (at: number): boolean => {
      const c = this.chunkOf.at(at);
      const h = this.chunks[c];
      let e = idEntry[c];
      if (e === undefined) {
        const hits = entriesWith(h.c.ids, h.c.idEnds, t);
        e = idEntry[c] = hits.findIndex((x, i) => x === 1 && h.c.idEnds[i] - startOf(h.c.idEnds, i) === t.length);
      }
      return e === at - h.start;
    };
    if (words.length === 1) return (at) => own(at, 0) || isId(at);
    // Whether an ancestor's chain holds word k, remembered per ancestor (a million assets share a few
    // thousand parents).
    const memo = words.map(() => new ByteColumn());
    const above = (at: number, k: number, hops: number): boolean => {
      if (at < 0 || hops >= MAX_DEPTH) return false;
      const known = memo[k].at(at);
      if (known !== UNKNOWN) return known === YES;
      memo[k].set(at, NO); // a cycle ends here
      const found = own(at, k) || above(this.parentOf(at), k, hops + 1);
      memo[k].set(at, found ? YES : NO);
      return found;
    };
    return (at) => {
      if (isId(at)) return true;
      for (let k = 0; k < words.length; k++) if (!own(at, k) && !above(this.parentOf(at), k, 0)) return false;
      return true;
    };
  }
}

/** Fills `index` from get_all_assets: the first page tells the size, the rest come a few at a time, each packed in the index worker. */
export async function buildIndex(access: AssetApiAccess, index: AssetIndex, log: Pick<Logger, 'info'>, label: string): Promise<AssetIndex> {
  const started = Date.now();
  const build = startBuild();
  let failed = false;
  const add = (page: PackedPage): void => {
    // Pages still in flight when another failed are dropped: the index has failed.
    if (!failed) index.add(page);
  };
  try {
    const first = await access.allAssetsPacked(build, 0, INDEX_PAGE);
    add(first);
    const offsets: number[] = [];
    for (let o = first.listed; o < first.total; o += INDEX_PAGE) offsets.push(o);
    await mapConcurrent(offsets, INDEX_CONCURRENCY, async (offset) => add(await access.allAssetsPacked(build, offset, INDEX_PAGE)));
    index.builtAt = Date.now();
    index.buildMs = index.builtAt - started;
    index.finish();
    log.info(`Indexed ${index.size} assets of "${label}" in ${index.buildMs} ms (pages parsed in ${access.packedIn})`);
    return index;
  } catch (err) {
    failed = true;
    index.finish(err);
    throw err;
  } finally {
    endBuild(build);
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
