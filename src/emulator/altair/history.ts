/**
 * Property history. A series is a generated part (computed by index: `start + i*step`, value from a
 * function of the timestamp, so 90 days × hundreds of things or a million points cost nothing) merged
 * with stored points (posted, or appended by property writes) and minus deleted ranges.
 * Lists are newest first; without `group` every (timestamp, property) is its own item.
 */
import { badRequest } from './errors';
import { arraySource, type CursorKey, type Ordered } from './paging';

export interface GeneratedSeries {
  /** Time of point 0 (ms). */
  readonly start: number;
  readonly step: number;
  readonly count: number;
  valueAt(at: number): unknown;
}

export interface Point {
  at: number;
  value: unknown;
}

export class Series {
  /** Ascending by `at`; a stored point hides a generated one at the same time. */
  private readonly stored: Point[] = [];
  /** Deleted [from, to) ranges of generated points. */
  private readonly removed: Array<[number, number]> = [];

  constructor(private readonly gen?: GeneratedSeries) {}

  private genAt(i: number): number {
    return this.gen!.start + i * this.gen!.step;
  }

  /** Largest generated index with time <= t, or -1. */
  private genBelow(t: number): number {
    if (!this.gen || t < this.gen.start) return -1;
    return Math.min(this.gen.count - 1, Math.floor((t - this.gen.start) / this.gen.step));
  }

  /** Smallest generated index with time >= t, or count. */
  private genAbove(t: number): number {
    if (!this.gen) return 0;
    if (t <= this.gen.start) return 0;
    return Math.min(this.gen.count, Math.ceil((t - this.gen.start) / this.gen.step));
  }

  private isRemoved(at: number): boolean {
    for (const [from, to] of this.removed) if (at >= from && at < to) return true;
    return false;
  }

  private storedIndex(at: number): number {
    let lo = 0;
    let hi = this.stored.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.stored[mid].at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private genHas(at: number): boolean {
    if (!this.gen) return false;
    const i = this.genBelow(at);
    return i >= 0 && this.genAt(i) === at && !this.isRemoved(at);
  }

  has(at: number): boolean {
    const i = this.storedIndex(at);
    return (i < this.stored.length && this.stored[i].at === at) || this.genHas(at);
  }

  /** Adds a point, replacing one with the same time. */
  set(at: number, value: unknown): void {
    const i = this.storedIndex(at);
    if (i < this.stored.length && this.stored[i].at === at) this.stored[i] = { at, value };
    else this.stored.splice(i, 0, { at, value });
  }

  /** Deletes the points in [from, to); returns how many went. */
  deleteRange(from: number, to: number): number {
    let n = 0;
    const a = this.storedIndex(from);
    const b = this.storedIndex(to);
    n += b - a;
    this.stored.splice(a, b - a);
    if (this.gen) {
      const lo = this.genAbove(from);
      const hi = this.genAbove(to);
      for (let i = lo; i < hi && n < 1_000_000; i++) if (!this.isRemoved(this.genAt(i))) n++;
      if (hi > lo) this.removed.push([from, to]);
    }
    return n;
  }

  /** Points with time in [lo, hi], newest first. */
  *desc(hi: number, lo: number): Generator<Point> {
    let s = this.storedIndex(hi + 1) - 1;
    let g = this.genBelow(hi);
    for (;;) {
      while (g >= 0 && this.isRemoved(this.genAt(g))) g--;
      const sAt = s >= 0 ? this.stored[s].at : -Infinity;
      const gAt = g >= 0 ? this.genAt(g) : -Infinity;
      const at = Math.max(sAt, gAt);
      if (at < lo || at === -Infinity) return;
      if (sAt >= gAt) {
        yield this.stored[s--];
        if (gAt === sAt) g--;
      } else {
        yield { at: gAt, value: this.gen!.valueAt(gAt) };
        g--;
      }
    }
  }

  /** Points with time in [lo, hi], oldest first. */
  *asc(lo: number, hi: number): Generator<Point> {
    let s = this.storedIndex(lo);
    let g = this.genAbove(lo);
    const gCount = this.gen?.count ?? 0;
    for (;;) {
      while (g < gCount && this.isRemoved(this.genAt(g))) g++;
      const sAt = s < this.stored.length ? this.stored[s].at : Infinity;
      const gAt = g < gCount ? this.genAt(g) : Infinity;
      const at = Math.min(sAt, gAt);
      if (at > hi || at === Infinity) return;
      if (sAt <= gAt) {
        yield this.stored[s++];
        if (gAt === sAt) g++;
      } else {
        yield { at: gAt, value: this.gen!.valueAt(gAt) };
        g++;
      }
    }
  }

  /** What the series' generator gives at `at` (any time, not only its steps); undefined without one. */
  generated(at: number): unknown {
    return this.gen?.valueAt(at);
  }

  /** The newest point at or before `t` and not before `lo`: the "as of" value. */
  latest(t: number, lo: number): Point | undefined {
    const r = this.desc(t, lo).next();
    return r.done ? undefined : r.value;
  }
}

export type HistoryGenerator = (uid: string) => Record<string, GeneratedSeries> | undefined;

/** The series of every thing of a space, created on first use. */
export class HistoryStore {
  private readonly byThing = new Map<string, Map<string, Series>>();
  /** Time of each thing's last property write. */
  private readonly lastWrite = new Map<string, number>();

  constructor(private readonly generator?: HistoryGenerator) {}

  seriesOf(uid: string): Map<string, Series> {
    let map = this.byThing.get(uid);
    if (!map) {
      map = new Map();
      for (const [name, gen] of Object.entries(this.generator?.(uid) ?? {})) map.set(name, new Series(gen));
      this.byThing.set(uid, map);
    }
    return map;
  }

  ensure(uid: string, property: string): Series {
    const map = this.seriesOf(uid);
    let series = map.get(property);
    if (!series) {
      series = new Series();
      map.set(property, series);
    }
    return series;
  }

  /**
   * The history time of a property write at `now`: writes to one thing in the same millisecond get
   * successive milliseconds, so none replaces another and their order is kept (an emulator choice).
   */
  writeTime(uid: string, now: number): number {
    const at = Math.max(now, (this.lastWrite.get(uid) ?? -Infinity) + 1);
    this.lastWrite.set(uid, at);
    return at;
  }

  /** Forgets a deleted thing's history for good (no regeneration). */
  clear(uid: string): void {
    this.byThing.set(uid, new Map());
  }
}

export interface HistoryItem {
  at: number;
  properties: Record<string, unknown>;
  /** The property of an ungrouped item (part of its cursor key). */
  prop?: string;
}

/** What to list: these properties, times in [lo, hi], grouped by timestamp or one item per value. */
export interface HistoryWindow {
  readonly props: readonly string[];
  readonly lo: number;
  readonly hi: number;
  /** Grouped items (and single-property lists) have the key [at]; ungrouped ones [at, property]. */
  readonly group: boolean;
}

function keyOf(group: boolean): (item: HistoryItem) => CursorKey {
  return group ? (item) => [item.at] : (item) => [item.at, item.prop];
}

/** List order is time descending, then property ascending. */
function compareItems(a: CursorKey, b: CursorKey): number {
  if (a[0] !== b[0]) return (b[0] as number) - (a[0] as number);
  const pa = String(a[1] ?? '');
  const pb = String(b[1] ?? '');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

interface Stream {
  prop: string;
  it: Generator<Point>;
  head: Point | undefined;
}

function advance(s: Stream): void {
  const r = s.it.next();
  s.head = r.done ? undefined : r.value;
}

/** The merged history of several series as an Ordered list (newest first). */
export function historySource(series: ReadonlyMap<string, Series>, window: HistoryWindow): Ordered<HistoryItem> {
  const props = [...window.props].sort();
  const { lo, hi, group } = window;
  const cursorAt = (key: CursorKey): number => {
    const at = key[0];
    if (typeof at !== 'number' || (!group && typeof key[1] !== 'string')) throw badRequest('invalid cursor');
    return at;
  };

  function* merge(streams: Stream[], newestFirst: boolean): Generator<HistoryItem> {
    for (const s of streams) advance(s);
    // Ungrouped ties go property-ascending in list order, so descending when walking backwards.
    const ordered = newestFirst ? streams : [...streams].reverse();
    for (;;) {
      let best: number | undefined;
      for (const s of ordered) {
        if (s.head && (best === undefined || (newestFirst ? s.head.at > best : s.head.at < best))) best = s.head.at;
      }
      if (best === undefined) return;
      if (group) {
        const properties: Record<string, unknown> = {};
        for (const s of streams) {
          if (s.head && s.head.at === best) {
            properties[s.prop] = s.head.value;
            advance(s);
          }
        }
        yield { at: best, properties };
      } else {
        const s = ordered.find((x) => x.head?.at === best)!;
        const item = { at: best, properties: { [s.prop]: s.head!.value }, prop: s.prop };
        advance(s);
        yield item;
      }
    }
  }

  return {
    keyOf: keyOf(group),
    forward(key, inclusive) {
      const streams = props.map((prop): Stream => {
        let upper = hi;
        if (key) {
          const at = cursorAt(key);
          const sameAtIncluded = group ? inclusive : prop > String(key[1]) || (inclusive && prop === key[1]);
          upper = Math.min(hi, sameAtIncluded ? at : at - 1);
        }
        return { prop, it: series.get(prop)?.desc(upper, lo) ?? empty(), head: undefined };
      });
      return merge(streams, true);
    },
    backward(key, inclusive) {
      const streams = props.map((prop): Stream => {
        let lower = lo;
        if (key) {
          const at = cursorAt(key);
          const sameAtIncluded = group ? inclusive : prop < String(key[1]) || (inclusive && prop === key[1]);
          lower = Math.max(lo, sameAtIncluded ? at : at + 1);
        }
        return { prop, it: series.get(prop)?.asc(lower, hi) ?? empty(), head: undefined };
      });
      return merge(streams, false);
    },
  };
}

/** The "as of" snapshot: each property's newest value at or before `at`. */
export function snapshotSource(series: ReadonlyMap<string, Series>, window: HistoryWindow, at: number): Ordered<HistoryItem> {
  const items: HistoryItem[] = [];
  for (const prop of [...window.props].sort()) {
    const p = series.get(prop)?.latest(at, window.lo);
    if (!p) continue;
    const same = window.group ? items.find((i) => i.at === p.at) : undefined;
    if (same) same.properties[prop] = p.value;
    else items.push({ at: p.at, properties: { [prop]: p.value }, prop });
  }
  const keyFn = keyOf(window.group);
  items.sort((a, b) => compareItems(keyFn(a), keyFn(b)));
  return arraySource(items, keyFn, compareItems);
}

function* empty(): Generator<Point> {
  // no points
}
