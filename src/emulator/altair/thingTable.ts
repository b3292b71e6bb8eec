/**
 * The Things of one space in uid order. Generated things (the large dataset) are computed from
 * their index on demand and only stored once changed, so a million of them cost no memory.
 */
import type { ThingDoc } from './types';

export interface ThingGenerator {
  readonly count: number;
  /** Must grow with the index so that index order is uid order. */
  uidAt(index: number): string;
  indexOf(uid: string): number | undefined;
  build(index: number): ThingDoc;
}

export class ThingTable {
  /** Things stored in full: every non-generated one, and generated ones once changed. */
  private readonly docs = new Map<string, ThingDoc>();
  /** Sorted uids of the non-generated things. */
  private extra: string[] = [];
  private extraSorted = true;
  private readonly deletedGenerated = new Set<string>();
  /** Deleted categories, removed from generated things as they are built. */
  private readonly retired = new Set<string>();

  /** Grows with every change, so derived lists (sorted pages) know when to rebuild. */
  private changes = 0;

  constructor(private readonly gen?: ThingGenerator) {}

  get version(): number {
    return this.changes;
  }

  get size(): number {
    return (this.gen?.count ?? 0) - this.deletedGenerated.size + this.extra.length;
  }

  get(uid: string): ThingDoc | undefined {
    const doc = this.docs.get(uid);
    if (doc) return doc;
    if (!this.gen || this.deletedGenerated.has(uid)) return undefined;
    const i = this.gen.indexOf(uid);
    return i === undefined ? undefined : this.built(i);
  }

  /** Inserts or replaces a thing (callers put a changed copy back). */
  put(doc: ThingDoc): void {
    if (!this.docs.has(doc.uid) && this.gen?.indexOf(doc.uid) === undefined) {
      this.extra.push(doc.uid);
      this.extraSorted = false;
    }
    this.docs.set(doc.uid, doc);
    this.changes++;
  }

  delete(uid: string): boolean {
    if (!this.get(uid)) return false;
    this.changes++;
    this.docs.delete(uid);
    if (this.gen?.indexOf(uid) !== undefined) this.deletedGenerated.add(uid);
    else this.extra = this.extra.filter((u) => u !== uid);
    return true;
  }

  /**
   * Removes a deleted category from every thing. Generated things keep it filtered out for good, so a
   * re-created category of the same name starts empty; things that join it later are stored in full.
   */
  retireCategory(name: string): void {
    this.retired.add(name);
    this.changes++;
    for (const doc of this.docs.values()) doc.categories = doc.categories.filter((c) => c !== name);
  }

  private built(i: number): ThingDoc {
    const doc = this.gen!.build(i);
    if (this.retired.size > 0) doc.categories = doc.categories.filter((c) => !this.retired.has(c));
    return doc;
  }

  private sortedExtra(): string[] {
    if (!this.extraSorted) {
      this.extra.sort();
      this.extraSorted = true;
    }
    return this.extra;
  }

  /** Things in ascending uid order from `from` (inclusive or not). */
  *ascending(from?: string, inclusive = true): Generator<ThingDoc> {
    const extra = this.sortedExtra().slice();
    const gen = this.gen;
    const below = (a: string): boolean => from !== undefined && (a < from || (!inclusive && a === from));
    let e = lowerBound(extra.length, (i) => below(extra[i]));
    let g = gen ? lowerBound(gen.count, (i) => below(gen.uidAt(i))) : 0;
    const gCount = gen?.count ?? 0;
    let gUid = g < gCount ? gen!.uidAt(g) : undefined;
    while (e < extra.length || gUid !== undefined) {
      if (gUid !== undefined && (e >= extra.length || gUid < extra[e])) {
        if (!this.deletedGenerated.has(gUid)) yield this.docs.get(gUid) ?? this.built(g);
        g++;
        gUid = g < gCount ? gen!.uidAt(g) : undefined;
      } else {
        const doc = this.docs.get(extra[e++]);
        if (doc) yield doc;
      }
    }
  }

  /** Things in descending uid order from `from` (inclusive or not). */
  *descending(from?: string, inclusive = true): Generator<ThingDoc> {
    const extra = this.sortedExtra().slice();
    const gen = this.gen;
    const atOrBelow = (a: string): boolean => from === undefined || a < from || (inclusive && a === from);
    let e = lowerBound(extra.length, (i) => atOrBelow(extra[i])) - 1;
    let g = gen ? lowerBound(gen.count, (i) => atOrBelow(gen.uidAt(i))) - 1 : -1;
    let gUid = g >= 0 ? gen!.uidAt(g) : undefined;
    while (e >= 0 || gUid !== undefined) {
      if (gUid !== undefined && (e < 0 || gUid > extra[e])) {
        if (!this.deletedGenerated.has(gUid)) yield this.docs.get(gUid) ?? this.built(g);
        g--;
        gUid = g >= 0 ? gen!.uidAt(g) : undefined;
      } else {
        const doc = this.docs.get(extra[e--]);
        if (doc) yield doc;
      }
    }
  }
}

/** The first index in [0, n) for which `isBefore` is false (it must be true, then false). */
function lowerBound(n: number, isBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
