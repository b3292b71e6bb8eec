/**
 * One response-shape guard for every sub-client: a request names the minimum shape its code reads from
 * a 2xx body (valibot schemas, checked without copying the data), and a body of another shape becomes a
 * ParseError naming the first mismatch instead of a TypeError somewhere later.
 */
import { getDotPath, looseObject, safeParse, type GenericSchema } from 'valibot';
import { ParseError, type RequestInfo } from './errors';

export type Shape = GenericSchema;

/** The first mismatch as `path: message`, or undefined when the data fits. */
export function shapeProblem(shape: Shape, data: unknown): string | undefined {
  const result = safeParse(shape, data, { abortEarly: true, abortPipeEarly: true });
  if (result.success) return undefined;
  const issue = result.issues[0];
  const path = getDotPath(issue);
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

/** `data` as it is when it fits `shape`; a ParseError for `request` otherwise. */
export function expectShape<T>(shape: Shape, data: unknown, request: RequestInfo, status = 200): T {
  const problem = shapeProblem(shape, data);
  if (problem !== undefined) throw new ParseError(request, status, `unexpected shape: ${problem}`, bodyStart(data));
  return data as T;
}

/** The start of a body for messages: its JSON text, or nothing. */
export function bodyStart(data: unknown): string {
  if (data === undefined) return '';
  try {
    return (JSON.stringify(data) ?? '').slice(0, 80);
  } catch {
    return '';
  }
}

/** Any JSON object (arrays pass too): the least an object-answering endpoint must send. */
export const anyObject = /* @__PURE__ */ looseObject({});
