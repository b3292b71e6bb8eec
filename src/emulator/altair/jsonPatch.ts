/**
 * RFC 6902 JSON Patch over RFC 6901 JSON Pointers (`~1` = `/`, `~0` = `~`, `-` = end of an array).
 * Atomic: the operations run on a deep copy that is returned only when all of them succeed.
 */

export type JsonPatchOp = { op: string; path: string; value?: unknown; from?: string };

export class JsonPatchError extends Error {}

type Container = Record<string, unknown> | unknown[];

/** Splits a pointer into unescaped reference tokens. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new JsonPatchError(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map((token) => {
    if (/~[^01]|~$/.test(token)) throw new JsonPatchError(`invalid escape in JSON pointer "${pointer}"`);
    return token.replace(/~1/g, '/').replace(/~0/g, '~');
  });
}

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function arrayIndex(token: string, length: number, allowEnd: boolean): number {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`invalid array index "${token}"`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new JsonPatchError(`array index ${i} out of bounds`);
  return i;
}

function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The value at a pointer; throws when any part of the path is missing. */
function get(doc: unknown, tokens: readonly string[]): unknown {
  let cur = doc;
  for (const token of tokens) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(token, cur.length, false)];
    else if (isContainer(cur) && has(cur as Record<string, unknown>, token)) cur = (cur as Record<string, unknown>)[token];
    else throw new JsonPatchError(`path "/${tokens.join('/')}" does not exist`);
  }
  return cur;
}

function parentOf(doc: unknown, tokens: readonly string[]): Container {
  const parent = get(doc, tokens.slice(0, -1));
  if (!isContainer(parent)) throw new JsonPatchError(`parent of "/${tokens.join('/')}" is not an object or array`);
  return parent;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (!isContainer(a) || !isContainer(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => has(b as Record<string, unknown>, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Applies `ops` to a copy of `doc` and returns it; throws JsonPatchError and leaves `doc` untouched on any failure. */
export function applyJsonPatch<T>(doc: T, ops: unknown): T {
  if (!Array.isArray(ops)) throw new JsonPatchError('a JSON Patch must be an array of operations');
  let root: unknown = clone(doc);

  const add = (tokens: string[], value: unknown): void => {
    if (tokens.length === 0) {
      root = value;
      return;
    }
    const parent = parentOf(root, tokens);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
    else parent[last] = value;
  };
  const remove = (tokens: string[]): unknown => {
    if (tokens.length === 0) throw new JsonPatchError('cannot remove the whole document');
    const value = get(root, tokens);
    const parent = parentOf(root, tokens);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, false), 1);
    else delete parent[last];
    return value;
  };

  for (const raw of ops) {
    if (!isContainer(raw) || Array.isArray(raw)) throw new JsonPatchError('each operation must be an object');
    const op = raw as JsonPatchOp;
    if (typeof op.path !== 'string') throw new JsonPatchError('operation without a "path"');
    const tokens = parsePointer(op.path);
    const needsValue = op.op === 'add' || op.op === 'replace' || op.op === 'test';
    if (needsValue && !has(raw as Record<string, unknown>, 'value')) throw new JsonPatchError(`"${op.op}" needs a "value"`);
    const fromTokens = (): string[] => {
      if (typeof op.from !== 'string') throw new JsonPatchError(`"${op.op}" needs a "from"`);
      return parsePointer(op.from);
    };
    switch (op.op) {
      case 'add':
        add(tokens, clone(op.value));
        break;
      case 'remove':
        remove(tokens);
        break;
      case 'replace':
        get(root, tokens);
        if (tokens.length === 0) root = clone(op.value);
        else {
          const parent = parentOf(root, tokens);
          const last = tokens[tokens.length - 1];
          if (Array.isArray(parent)) parent[arrayIndex(last, parent.length, false)] = clone(op.value);
          else parent[last] = clone(op.value);
        }
        break;
      case 'move': {
        const from = fromTokens();
        if (tokens.length > from.length && from.every((t, i) => tokens[i] === t)) throw new JsonPatchError('cannot move a value into one of its children');
        if (from.length === tokens.length && from.every((t, i) => tokens[i] === t)) {
          get(root, from);
          break;
        }
        add(tokens, remove(from));
        break;
      }
      case 'copy':
        add(tokens, clone(get(root, fromTokens())));
        break;
      case 'test':
        if (!deepEqual(get(root, tokens), op.value)) throw new JsonPatchError(`test failed at "${op.path}"`);
        break;
      default:
        throw new JsonPatchError(`unknown operation "${String(op.op)}"`);
    }
  }
  return root as T;
}
