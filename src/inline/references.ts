/**
 * Recognizes references to platform data in source text (pure: no `vscode`, no network):
 * IoT-TICKET names paths (`['Plant', 'Line 1', 'Pump 3', 'Temperature']`, `names_path=[…]`), attribute ids
 * (`attribute_id='AT12'`), REST API v1 device ids (32 hex digits) with datanode paths, and Altair thing
 * ids (ULIDs) with property names — in Python, JavaScript/TypeScript and JSON. Also finds the calls
 * that read series (for CodeLens) and the names-path list a cursor is in (for completion).
 *
 * Lists with a names-path key are certain; other lists of two or more strings are only candidates that
 * the live tree confirms (their first name must be a root asset).
 */
import { tokenize, type ScanLanguage, type Token } from './scanner';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Segment extends Span {
  readonly text: string;
}

export interface NamesPathReference extends Span {
  readonly kind: 'namesPath';
  readonly path: readonly string[];
  /** Each name's string literal (content only, without quotes). */
  readonly segments: readonly Segment[];
  /** True when a key says so (`names_path=`, `"namesPath":`); false for a bare list of strings. */
  readonly explicit: boolean;
}

export interface AttributeIdReference extends Span {
  readonly kind: 'attributeId';
  readonly attributeId: string;
}

export interface V1Reference extends Span {
  readonly kind: 'v1';
  readonly deviceId: string;
  /** Datanode path (`/temperature`, `/Drive/Primary/temperature`) or bare name; absent for the device itself. */
  readonly datanode?: string;
}

export interface AltairReference extends Span {
  readonly kind: 'altair';
  readonly thingId: string;
  readonly property?: string;
  readonly space?: string;
}

export type Reference = NamesPathReference | AttributeIdReference | V1Reference | AltairReference;

/** A call that reads values, with the references it reads (directly or through a variable). */
export interface SeriesCall extends Span {
  /** The called name (`get_timeseries`). */
  readonly name: string;
  /** Where the called name starts (the CodeLens line). */
  readonly nameStart: number;
  readonly references: readonly Reference[];
}

export interface ScanResult {
  readonly references: readonly Reference[];
  readonly calls: readonly SeriesCall[];
}

/** das, v1 and iots readers of values and series (Python and TypeScript spellings). */
export const SERIES_READERS: ReadonlySet<string> = new Set([
  'get_timeseries', 'get_multiple_timeseries', 'get_statistics', 'getTimeseries', 'getMultipleTimeseries', 'getStatistics',
  'fetchSeriesPaged', 'readdata', 'readData', 'readSeries', 'readStatistics', 'properties_history', 'propertiesHistory',
  'fetchPropertyHistory', 'fetchPropertyHistoryPage',
]);

/** Calls whose plain string arguments after a thing id are property names. */
const PROPERTY_CALLS: ReadonlySet<string> = new Set(['properties', 'properties_history', 'propertiesHistory', 'fetchPropertyHistory', 'fetchPropertyHistoryPage']);

const DECLARATION: ReadonlySet<string> = new Set(['export', 'const', 'let', 'var']);
const NAMES_PATH_KEY = /names[_-]?path/i;
const ATTRIBUTE_ID_KEY = /^attribute_?id$/i;
const ATTRIBUTE_IDS_KEY = /^attribute_?ids$/i;
const DATANODE_KEY = /^(datanodes?|datanode_?paths?|path)$/i;
const PROPERTY_KEY = /^(property|property_?name)$/i;
export const HEX32 = /^[0-9a-f]{32}$/i;
export const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const THING_URL = /things\/([0-7][0-9A-HJKMNP-TV-Z]{25})(?:\/properties(?:-history)?\/([^/?#\s]+))?/g;
const SPACE_URL = /spaces\/([^/?#\s]+)\/(?:categories\/[^/]+\/)?things\//;

interface Frame {
  readonly open: string;
  readonly start: number;
  /** The key of this bracket: `names_path` in `names_path=[`, `"namesPath"` in `"namesPath": [`. */
  readonly key?: string;
  /** The called name when this is a call's parenthesis. */
  readonly callee?: string;
  readonly calleeStart?: number;
  device?: string;
  thing?: string;
  /** Elements of a list: each a run of tokens between commas. */
  readonly elements: Token[][];
  /** References bound to identifiers used as arguments. */
  readonly viaVariables: Reference[];
}

interface Binding {
  readonly device?: string;
  readonly thing?: string;
  readonly references: Reference[];
}

/** Every reference and series call in a text. */
export function scanReferences(text: string, language: ScanLanguage): ScanResult {
  const tokens = tokenize(text, language);
  const refs: Reference[] = [];
  const calls: SeriesCall[] = [];
  const stack: Frame[] = [];
  const bindings = new Map<string, Binding>();
  // Statement state: the thing and space of a chained call (`spaces('x').things(ID).properties('p')`).
  // Statements are counted at the top level and inside blocks (`{ … }`): `depth` is the bracket depth they start at.
  let statement: { thing?: string; space?: string; binding?: string; depth: number } = { depth: 0 };

  const top = (): Frame | undefined => stack[stack.length - 1];
  const scopeDevice = (): string | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].device) return stack[k].device;
    return undefined;
  };
  const scopeThing = (): string | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].thing) return stack[k].thing;
    return statement.thing;
  };
  /** `name = <literal>` at the start of a statement binds the name to what the literal references. */
  const bindAt = (start: number): void => {
    let i = start;
    while (tokens[i]?.kind === 'ident' && DECLARATION.has(tokens[i].text)) i++;
    const value = tokens[i + 2];
    if (!isAssignment(tokens, i) || !value || (value.kind !== 'string' && value.text !== '[')) return;
    statement.binding = tokens[i].text;
    bindings.set(tokens[i].text, { references: [] });
  };
  const emit = (ref: Reference): void => {
    refs.push(ref);
    if (statement.binding && stack.length <= statement.depth + 1) bindings.get(statement.binding)?.references.push(ref);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // A new line outside brackets (or directly in a block) starts a new statement, unless it continues a
    // chain (`.properties(…)`); so does what follows a `;`.
    const inBlock = stack.length === 0 || top()?.open === '{';
    if (inBlock && ((t.newlineBefore && t.text !== '.') || tokens[i - 1]?.text === ';' || tokens[i - 1]?.text === '{')) {
      statement = { depth: stack.length };
      bindAt(i);
    } else if (i === 0) {
      bindAt(i);
    }
    const frame = top();
    if (frame && frame.elements.length > 0 && t.text !== ',' && !isClose(t.text)) frame.elements[frame.elements.length - 1].push(t);

    if (t.text === '(' || t.text === '[' || t.text === '{') {
      const prev = tokens[i - 1];
      const callee = t.text === '(' && prev?.kind === 'ident' ? prev : undefined;
      stack.push({
        open: t.text,
        start: t.start,
        key: keyBefore(tokens, i),
        callee: callee?.text,
        calleeStart: callee?.start,
        elements: [[]],
        viaVariables: [],
      });
      continue;
    }
    if (t.text === ',') {
      frame?.elements.push([]);
      continue;
    }
    if (isClose(t.text)) {
      const closed = stack.pop();
      if (!closed) continue;
      if (closed.open === '[') listClosed(closed, t.end);
      if (closed.open === '(' && closed.callee && SERIES_READERS.has(closed.callee)) {
        const inside = refs.filter((r) => r.start >= closed.start && r.end <= t.end);
        const all = [...inside, ...closed.viaVariables.filter((r) => !inside.includes(r))];
        if (all.length > 0) calls.push({ name: closed.callee, nameStart: closed.calleeStart!, start: closed.calleeStart!, end: t.end, references: all });
      }
      // Arguments bound through variables belong to every enclosing call too (`f(g(names_path=p))`).
      const outer = top();
      if (outer && closed.viaVariables.length) outer.viaVariables.push(...closed.viaVariables);
      continue;
    }
    if (t.kind === 'ident') {
      const bound = bindings.get(t.text);
      if (!bound || isAssignment(tokens, i) || tokens[i - 1]?.text === '.') continue;
      if (frame) {
        // An argument or object value: the enclosing call or object reads what the variable references.
        if (bound.device) frame.device ??= bound.device;
        if (bound.thing) frame.thing ??= bound.thing;
        frame.viaVariables.push(...bound.references.filter((r) => r.kind === 'namesPath' || r.kind === 'attributeId'));
      }
      if (bound.thing) statement.thing = bound.thing;
      continue;
    }
    if (t.kind === 'string') stringToken(t, i);
  }
  // Lists still open at the end (the user is typing) are not references.
  return { references: refs.sort((a, b) => a.start - b.start), calls };

  function stringToken(t: Token, i: number): void {
    const value = t.value ?? '';
    const frame = top();
    const key = keyBefore(tokens, i);
    const span = { start: t.start, end: t.end };
    if (HEX32.test(value)) {
      if (statement.binding && stack.length === statement.depth) bindings.set(statement.binding, { device: value, references: [] });
      else if (frame) frame.device = value;
      emit({ kind: 'v1', deviceId: value, ...span });
      return;
    }
    if (ULID.test(value)) {
      if (statement.binding && stack.length === statement.depth) bindings.set(statement.binding, { thing: value, references: [] });
      else if (frame) frame.thing = value;
      statement.thing = value;
      emit({ kind: 'altair', thingId: value, ...(statement.space ? { space: statement.space } : {}), ...span });
      return;
    }
    // Other strings inside lists are read when the list closes (names paths, id lists, datanode lists).
    if (frame?.open === '[') return;
    if (key && ATTRIBUTE_ID_KEY.test(key)) {
      emit({ kind: 'attributeId', attributeId: value, ...span });
      return;
    }
    if (frame?.callee === 'spaces' || (key && /^space$/i.test(key))) {
      statement.space = value;
      return;
    }
    const device = scopeDevice();
    if (device && (value.startsWith('/') || (key && DATANODE_KEY.test(key)))) {
      emit({ kind: 'v1', deviceId: device, datanode: value, ...span });
      return;
    }
    const thing = scopeThing();
    if (thing && value && ((frame?.callee && PROPERTY_CALLS.has(frame.callee)) || (key && PROPERTY_KEY.test(key)))) {
      emit({ kind: 'altair', thingId: thing, property: value, ...(statement.space ? { space: statement.space } : {}), ...span });
      return;
    }
    urlReferences(t);
  }

  /** `…/spaces/demo/things/<ULID>/properties/temperature` inside a string (URLs, REST paths). */
  function urlReferences(t: Token): void {
    const value = t.value ?? '';
    if (t.contentStart === undefined || value.length !== (t.contentEnd ?? 0) - t.contentStart) return; // escapes shift offsets
    const space = SPACE_URL.exec(value)?.[1];
    for (const m of value.matchAll(THING_URL)) {
      const start = t.contentStart + (m.index ?? 0) + 'things/'.length;
      const property = m[2] ? decodeURIComponent(m[2]) : undefined;
      emit({
        kind: 'altair',
        thingId: m[1],
        ...(property ? { property } : {}),
        ...(space ? { space } : {}),
        start,
        end: t.contentStart + (m.index ?? 0) + m[0].length,
      });
    }
  }

  function listClosed(frame: Frame, end: number): void {
    const elements = frame.elements.filter((e, k) => e.length > 0 || k < frame.elements.length - 1);
    const strings = elements.every((e) => e.length === 1 && e[0].kind === 'string' && !e[0].unterminated);
    if (!strings || elements.length === 0) return;
    const toks = elements.map((e) => e[0]);
    const key = frame.key ? unquote(frame.key) : undefined;
    if (key && ATTRIBUTE_IDS_KEY.test(key)) {
      for (const s of toks) emit({ kind: 'attributeId', attributeId: s.value ?? '', start: s.start, end: s.end });
      return;
    }
    const device = scopeDevice();
    if (device && ((key && DATANODE_KEY.test(key)) || toks.every((s) => (s.value ?? '').startsWith('/')))) {
      for (const s of toks) emit({ kind: 'v1', deviceId: device, datanode: s.value ?? '', start: s.start, end: s.end });
      return;
    }
    if (toks.some((s) => HEX32.test(s.value ?? '') || ULID.test(s.value ?? ''))) return;
    const explicit = !!key && NAMES_PATH_KEY.test(key);
    if (!explicit && toks.length < 2) return;
    emit({
      kind: 'namesPath',
      path: toks.map((s) => s.value ?? ''),
      segments: toks.map((s) => ({ start: s.contentStart!, end: s.contentEnd!, text: s.value ?? '' })),
      explicit,
      start: frame.start,
      end,
    });
  }
}

function isClose(text: string): boolean {
  return text === ')' || text === ']' || text === '}';
}

function unquote(key: string): string {
  return key.replace(/^["'`]|["'`]$/g, '');
}

/** `ident =` (not `==`), at token `i`. */
function isAssignment(tokens: readonly Token[], i: number): boolean {
  return tokens[i]?.kind === 'ident' && tokens[i + 1]?.text === '=';
}

/**
 * The key a value at token `i` belongs to: `key=` / `key =` (keyword arguments, assignments, including
 * `const key =`), `key:` / `"key":` (objects, dicts).
 */
function keyBefore(tokens: readonly Token[], i: number): string | undefined {
  const op = tokens[i - 1];
  const name = tokens[i - 2];
  if (!op || !name) return undefined;
  if (op.text !== '=' && op.text !== ':') return undefined;
  if (name.kind === 'ident') return name.text;
  if (name.kind === 'string' && op.text === ':') return name.value;
  return undefined;
}

/** Where a completion happens inside a names-path list. */
export interface NamesPathCompletionContext {
  /** The names before the one being typed. */
  readonly before: readonly string[];
  /** The content of the string being typed (start, end) and its current text. */
  readonly current: Segment;
  /** How that string opens: its prefix and quotes as written (`'`, `rb"`, `'''`, `` ` ``). */
  readonly opener: string;
  readonly explicit: boolean;
}

/**
 * The names-path list around `offset` when it is inside a string literal that is an element of a list
 * of strings; undefined elsewhere. Works while the list is still open (the user is typing).
 */
export function namesPathAt(text: string, offset: number, language: ScanLanguage): NamesPathCompletionContext | undefined {
  const tokens = tokenize(text, language);
  const index = tokens.findIndex((t) => t.kind === 'string' && t.contentStart !== undefined && offset >= t.contentStart && offset <= (t.contentEnd ?? t.end));
  if (index < 0) return undefined;
  const cur = tokens[index];
  const before: string[] = [];
  let k = index - 1;
  for (;;) {
    const sep = tokens[k];
    if (!sep) return undefined;
    if (sep.text === '[') break;
    if (sep.text !== ',') return undefined;
    const prev = tokens[k - 1];
    if (!prev || prev.kind !== 'string') return undefined;
    before.unshift(prev.value ?? '');
    k -= 2;
  }
  const key = keyBefore(tokens, k);
  const explicit = !!key && NAMES_PATH_KEY.test(unquote(key));
  if (!explicit && before.length === 0) return undefined;
  if (!explicit && key && (ATTRIBUTE_IDS_KEY.test(key) || DATANODE_KEY.test(key))) return undefined;
  return { before, current: { start: cur.contentStart!, end: cur.contentEnd ?? cur.end, text: cur.value ?? '' }, opener: text.slice(cur.start, cur.contentStart), explicit };
}

/** The reference whose span contains `offset` (the innermost when spans nest). */
export function referenceAt(refs: readonly Reference[], offset: number): Reference | undefined {
  let best: Reference | undefined;
  for (const r of refs) {
    if (offset >= r.start && offset <= r.end && (!best || r.end - r.start < best.end - best.start)) best = r;
  }
  return best;
}
