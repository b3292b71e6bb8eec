/**
 * The one way an error becomes text, and the checks on errors by name: a client that threw may come
 * from another copy of these modules (the extension bundle, while tests load the sources separately),
 * where `instanceof` fails, so nothing outside this layer tests our error classes by identity.
 */
import { redact } from './redact';

interface HttpLike {
  readonly name: 'HttpError';
  readonly status: number;
  readonly platformMessage?: string;
  readonly message: string;
}

function asHttpError(err: unknown): HttpLike | undefined {
  const e = err as Partial<HttpLike> | null | undefined;
  return e && e.name === 'HttpError' && typeof e.status === 'number' ? (e as HttpLike) : undefined;
}

/** The status the platform answered with, when the error is an HTTP error. */
export function httpStatusOf(err: unknown): number | undefined {
  return asHttpError(err)?.status;
}

/**
 * The text of an error, redacted: its message and its causes (`a ← b`). `platformWords` gives only the
 * platform's own message for an HTTP error (for sentences that already say what failed).
 */
export function errorMessage(err: unknown, options: { platformWords?: boolean } = {}): string {
  const http = options.platformWords ? asHttpError(err) : undefined;
  if (http) return redact(http.platformMessage || http.message);
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return redact(parts.filter((p, i) => i === 0 || !parts[0].includes(p)).join(' ← '));
}

/**
 * The string `code`s along an error's cause chain, outermost first, looking `depth` errors deep (undici's
 * connect errors carry ECONNREFUSED, ENOTFOUND, certificate codes … on a cause).
 */
export function causeCodes(err: unknown, depth: number): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, level = 0; e instanceof Error && level < depth; e = e.cause, level++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** Bad input a command was given (run on a node it does not apply to): `ValidationError('node', …)`. */
export function isUsageError(err: unknown): err is Error & { readonly parameter: 'node' } {
  const e = err as { name?: unknown; parameter?: unknown } | null | undefined;
  return e?.name === 'ValidationError' && e.parameter === 'node';
}

/** The platform has no such entity: a 404, or a lookup the client refused before sending (no asset at that names path). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: unknown } | null | undefined;
  return e?.name === 'ValidationError' || httpStatusOf(err) === 404;
}
