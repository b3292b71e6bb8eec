/**
 * Reading the HTTP core's errors by their names rather than `instanceof`: the client that threw may come
 * from another copy of the module (the extension bundle, while tests load src/ separately), and the
 * user must still get the platform's own words.
 */
import { describeError } from '../log';

interface HttpLike {
  readonly name: 'HttpError';
  readonly status: number;
  readonly platformMessage?: string;
  readonly message: string;
}

export function asHttpError(err: unknown): HttpLike | undefined {
  const e = err as Partial<HttpLike> | undefined;
  return e && e.name === 'HttpError' && typeof e.status === 'number' ? (e as HttpLike) : undefined;
}

/** The platform answered with this status. */
export function httpStatus(err: unknown): number | undefined {
  return asHttpError(err)?.status;
}

export function isCancelled(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  return name === 'CancelledError' || name === 'AbortError';
}

/** The platform's message for an HTTP error, else the error chain. */
export function platformReason(err: unknown): string {
  const http = asHttpError(err);
  return http ? http.platformMessage || http.message : describeError(err);
}
