/**
 * RFC 6902 diff: the operations that turn `before` into `after`, touching only what changed, so that
 * saving an edited Thing document sends a JSON-Patch of the changed fields and nothing else.
 * With `guard`, every replaced or removed value is preceded by a `test` of its old value: the server
 * then refuses the whole patch (all or nothing) when someone changed that field meanwhile.
 */
import type { JsonPatchOperation } from './types';

export interface JsonPatchDiffOptions {
  /** Emit `test` operations for the old values of replaced and removed members. */
  readonly guard?: boolean;
}

/** RFC 6901 escaping of one reference token. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON values (member order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!(k in b) || !jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export function jsonPatchDiff(before: unknown, after: unknown, options: JsonPatchDiffOptions = {}): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diffValue(before, after, '', ops, options.guard === true);
  return ops;
}

function replace(path: string, oldValue: unknown, value: unknown, ops: JsonPatchOperation[], guard: boolean): void {
  if (guard) ops.push({ op: 'test', path, value: oldValue });
  ops.push({ op: 'replace', path, value });
}

function remove(path: string, oldValue: unknown, ops: JsonPatchOperation[], guard: boolean): void {
  if (guard) ops.push({ op: 'test', path, value: oldValue });
  ops.push({ op: 'remove', path });
}

function diffValue(before: unknown, after: unknown, path: string, ops: JsonPatchOperation[], guard: boolean): void {
  if (jsonEqual(before, after)) return;
  if (isObject(before) && isObject(after)) return diffObject(before, after, path, ops, guard);
  if (Array.isArray(before) && Array.isArray(after)) return diffArray(before, after, path, ops, guard);
  replace(path, before, after, ops, guard);
}

function diffObject(before: Record<string, unknown>, after: Record<string, unknown>, path: string, ops: JsonPatchOperation[], guard: boolean): void {
  // A member set to undefined is absent in JSON, so it counts as removed.
  for (const key of Object.keys(before)) {
    if (before[key] === undefined) continue;
    const child = `${path}/${escapePointerToken(key)}`;
    if (!(key in after) || after[key] === undefined) remove(child, before[key], ops, guard);
    else diffValue(before[key], after[key], child, ops, guard);
  }
  for (const key of Object.keys(after)) {
    if (after[key] === undefined || (key in before && before[key] !== undefined)) continue;
    ops.push({ op: 'add', path: `${path}/${escapePointerToken(key)}`, value: after[key] });
  }
}

function diffArray(before: unknown[], after: unknown[], path: string, ops: JsonPatchOperation[], guard: boolean): void {
  const common = Math.min(before.length, after.length);
  // Element-wise over the common prefix keeps a small edit small; a guard on an array pins its length too.
  for (let i = 0; i < common; i++) diffValue(before[i], after[i], `${path}/${i}`, ops, guard);
  for (let i = common; i < after.length; i++) ops.push({ op: 'add', path: `${path}/-`, value: after[i] });
  // Removals run from the end so the indexes of the remaining elements stay valid.
  for (let i = before.length - 1; i >= common; i--) remove(`${path}/${i}`, before[i], ops, guard);
}
