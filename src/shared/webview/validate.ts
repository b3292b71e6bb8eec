/**
 * The runtime check of what a webview sends. Webviews are an untrusted boundary: the host acts only on
 * messages that pass their protocol's schema (valibot), field by field.
 */
import * as v from 'valibot';
import { oneLine } from '../escape/text';
import { LOG_LEVELS, MAX_TEXT, MAX_TIME } from './ipc';

export const requestIdSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
export const timeSchema = v.pipe(v.number(), v.finite(), v.minValue(-MAX_TIME), v.maxValue(MAX_TIME));
export const textSchema = (max: number = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max));
export const logSchema = v.object({ type: v.literal('log'), level: v.picklist(LOG_LEVELS), message: textSchema() });
export const replyErrorSchema = v.object({ type: v.literal('replyError'), requestId: requestIdSchema, error: textSchema() });

/** A reply of one kind: `{ type: 'reply', requestId, what, value }`. */
export function replySchema<K extends string, S extends v.GenericSchema>(what: K, value: S) {
  return v.object({ type: v.literal('reply'), requestId: requestIdSchema, what: v.literal(what), value });
}

export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly problem: string };

/** Checks a message against a schema; the problem names the first offending field, never echoes its value. */
export function parseWith<S extends v.GenericSchema>(schema: S, message: unknown): Parsed<v.InferOutput<S>> {
  const r = v.safeParse(schema, message, { abortEarly: true });
  if (r.success) return { ok: true, message: r.output };
  const issue = r.issues[0];
  const type = typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string'
    ? oneLine((message as { type: string }).type, 40)
    : typeof message;
  return { ok: false, problem: `${type}: ${v.getDotPath(issue) ?? '(message)'}: ${issue.expected ? `expected ${issue.expected}` : issue.kind}` };
}

/** Compile-time proof that a schema's output is exactly the protocol type it guards. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Assert<T extends true> = T;
