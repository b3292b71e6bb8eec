/**
 * The Things list filters (`title`, `@type`, `model`, `version`, `thingID[]`, `category[]`,
 * `in_category`, `property:<name>=<op>:<value>`, `links.rel`, `links.href`) and `sort`.
 */
import { badRequest } from './errors';
import { deepEqual } from './jsonPatch';
import { arraySource, compareValues, type CursorKey, type Ordered } from './paging';
import type { ThingTable } from './thingTable';
import type { ThingDoc } from './types';

export type ThingPredicate = (doc: ThingDoc) => boolean;

export interface ThingFilter {
  readonly match: ThingPredicate;
  /** Whether any filter was given (bulk DELETE refuses to run without one). */
  readonly any: boolean;
}

const OPERATORS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Equality of a stored value with the text of a query: numbers by value, booleans and null by name. */
function equalsText(actual: unknown, text: string): boolean {
  if (typeof actual === 'number') return text.trim() !== '' && Number(text) === actual;
  if (typeof actual === 'boolean') return text === String(actual);
  if (typeof actual === 'string') return actual === text;
  if (actual === null) return text === 'null';
  try {
    return deepEqual(actual, JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * One `property:` condition. Choice: a thing without the property never matches, not even `neq`;
 * comparisons work on numbers (numerically) and strings (alphabetically, case-sensitive) only.
 */
export function matchesProperty(actual: unknown, op: string, text: string): boolean {
  if (actual === undefined) return false;
  switch (op) {
    case 'eq': return equalsText(actual, text);
    case 'neq': return !equalsText(actual, text);
    case 'contains':
      if (typeof actual === 'string') return actual.includes(text);
      if (Array.isArray(actual)) return actual.some((el) => equalsText(el, text));
      if (isObject(actual)) return Object.prototype.hasOwnProperty.call(actual, text);
      return false;
    default: {
      let c: number;
      if (typeof actual === 'number') {
        const n = text.trim() === '' ? NaN : Number(text);
        if (Number.isNaN(n)) return false;
        c = actual - n;
      } else if (typeof actual === 'string') {
        c = actual < text ? -1 : actual > text ? 1 : 0;
      } else {
        return false;
      }
      return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
    }
  }
}

/** Splits `gt:20` into operator and value; no known operator prefix means `eq` with the whole text. */
export function parseCondition(text: string): { op: string; value: string } {
  const colon = text.indexOf(':');
  if (colon > 0 && OPERATORS.has(text.slice(0, colon))) return { op: text.slice(0, colon), value: text.slice(colon + 1) };
  return { op: 'eq', value: text };
}

function listParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(`${name}[]`), ...query.getAll(name)].flatMap((v) => v.split(',')).filter((v) => v !== '');
}

/** Builds the predicate of a Things list or bulk DELETE; `categoryScoped` lists ignore `category[]` and `in_category`. */
export function parseThingFilter(query: URLSearchParams, categoryScoped: boolean): ThingFilter {
  const tests: ThingPredicate[] = [];
  const title = query.get('title');
  if (title !== null) tests.push((d) => d.td.title === title);
  const type = query.get('@type');
  if (type !== null) {
    tests.push((d) => {
      const t = d.td['@type'];
      return t === type || (Array.isArray(t) && t.includes(type));
    });
  }
  const model = query.get('model');
  const version = query.get('version');
  if (version !== null) {
    if (model === null) throw badRequest('the version filter needs the model filter');
    if (!/^\d+$/.test(version)) throw badRequest('version must be an integer');
  }
  if (model !== null) {
    const v = version === null ? undefined : Number(version);
    tests.push((d) => {
      const m = d.td.model as { name?: unknown; version?: unknown } | null | undefined;
      return !!m && m.name === model && (v === undefined || m.version === v);
    });
  }
  const ids = listParam(query, 'thingID');
  if (ids.length > 0) {
    const set = new Set(ids);
    tests.push((d) => set.has(d.uid));
  }
  if (!categoryScoped) {
    const cats = listParam(query, 'category');
    if (cats.length > 0) {
      const set = new Set(cats);
      tests.push((d) => d.categories.some((c) => set.has(c)));
    }
    // The spec's schema says `default: true`, its text says "omitted = all Things"; the text wins.
    const inCategory = query.get('in_category');
    if (inCategory !== null) {
      if (inCategory !== 'true' && inCategory !== 'false') throw badRequest('in_category must be true or false');
      const want = inCategory === 'true';
      tests.push((d) => d.categories.length > 0 === want);
    }
  }
  for (const [key, value] of query) {
    if (!key.startsWith('property:')) continue;
    const name = key.slice('property:'.length);
    if (name === '') throw badRequest('property filter without a property name');
    const { op, value: text } = parseCondition(value);
    tests.push((d) => matchesProperty(d.status[name], op, text));
  }
  for (const field of ['rel', 'href'] as const) {
    const want = query.get(`links.${field}`);
    if (want !== null) {
      tests.push((d) => Array.isArray(d.td.links) && (d.td.links as unknown[]).some((l) => isObject(l) && l[field] === want));
    }
  }
  return { match: (d) => tests.every((t) => t(d)), any: tests.length > 0 };
}

export interface SortField {
  readonly path: readonly string[];
  readonly desc: boolean;
}

/** `sort=uid,+title,-status.temperature` (a `+` sent unencoded arrives as a space and is trimmed). */
export function parseSort(text: string | null): SortField[] | undefined {
  if (text === null) return undefined;
  const fields = text.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s): SortField => {
    const desc = s.startsWith('-');
    const path = (s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s).trim();
    if (path === '') throw badRequest('empty sort field');
    return { path: path.split('.'), desc };
  });
  return fields.length > 0 ? fields : undefined;
}

/** A Thing Description path over a stored thing (`id` sorts as `uid`: the same within one space). */
export function valueAtPath(doc: ThingDoc, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  let cur: unknown;
  switch (head) {
    case 'uid': case 'id': cur = doc.uid; break;
    case 'categories': cur = doc.categories; break;
    case 'status': cur = doc.status; break;
    case 'created': cur = doc.created; break;
    case 'modified': cur = doc.modified; break;
    case 'client_id': cur = doc.client_id; break;
    default: cur = doc.td[head];
  }
  for (const seg of rest) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Compares sort keys `[v1..vn, uid]`: missing values (null) last in either direction, then by uid. */
export function sortComparator(fields: readonly SortField[]): (a: CursorKey, b: CursorKey) => number {
  return (a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return x === null ? 1 : -1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return fields[i].desc ? -c : c;
    }
    return compareValues(a[fields.length], b[fields.length]);
  };
}

interface Keyed {
  readonly uid: string;
  readonly key: CursorKey;
}

/** The last sorted list per table, so paging through it does not sort again (rebuilt on any change). */
const sortedCache = new WeakMap<ThingTable, { version: number; signature: string; items: Keyed[] }>();

function* filtered(it: Iterator<ThingDoc>, match: ThingPredicate): Generator<ThingDoc> {
  for (let r = it.next(); !r.done; r = it.next()) if (match(r.value)) yield r.value;
}

function cursorUid(key: CursorKey | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length !== 1 || typeof key[0] !== 'string') throw badRequest('invalid cursor');
  return key[0];
}

/**
 * The matching things of a table in list order. Without `sort` (or with only `uid`) the order is uid
 * ascending (choice: the SDK tests' cursors are uids) and pages stream from the cursor, which keeps a
 * million-thing space fast; any other sort collects and sorts the matches once per distinct query
 * (`signature`: every filter and sort parameter) until the table changes.
 */
export function thingsSource(table: ThingTable, match: ThingPredicate, sort: readonly SortField[] | undefined, signature: string): Ordered<ThingDoc> {
  const byUid = !sort || (sort.length === 1 && !sort[0].desc && sort[0].path.length === 1 && sort[0].path[0] === 'uid');
  if (byUid) {
    return {
      keyOf: (d) => [d.uid],
      forward: (key, inclusive) => filtered(table.ascending(cursorUid(key), inclusive), match),
      backward: (key, inclusive) => filtered(table.descending(cursorUid(key), inclusive), match),
    };
  }
  const fields = sort!;
  const compare = sortComparator(fields);
  const keyOf = (d: ThingDoc): CursorKey => [...fields.map((f) => valueAtPath(d, f.path) ?? null), d.uid];
  let cached = sortedCache.get(table);
  if (!cached || cached.version !== table.version || cached.signature !== signature) {
    const items: Keyed[] = [];
    for (const doc of table.ascending()) if (match(doc)) items.push({ uid: doc.uid, key: keyOf(doc) });
    items.sort((a, b) => compare(a.key, b.key));
    cached = { version: table.version, signature, items };
    sortedCache.set(table, cached);
  }
  const inner = arraySource(cached.items, (k) => k.key, compare);
  const check = (key: CursorKey | undefined): CursorKey | undefined => {
    if (key !== undefined && (key.length !== fields.length + 1 || typeof key[fields.length] !== 'string')) throw badRequest('invalid cursor');
    return key;
  };
  const docs = function* (it: Iterator<Keyed>): Generator<ThingDoc> {
    for (let r = it.next(); !r.done; r = it.next()) {
      const doc = table.get(r.value.uid);
      if (doc) yield doc;
    }
  };
  return {
    keyOf,
    forward: (key, inclusive) => docs(inner.forward(check(key), inclusive)),
    backward: (key, inclusive) => docs(inner.backward(check(key), inclusive)),
  };
}
