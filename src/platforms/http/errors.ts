/**
 * Typed errors shared by both platform clients. Every error carries what a user needs to act on it
 * (the platform's own message and code) and what a log reader needs (method, path, status); none
 * carries credentials: messages pass through `redact` before they are stored.
 */
import { redact, redactValue } from './redact';

/** `backend`: the Python backend could not serve the call (no Python, no SDK, the SDK raised, the process failed). */
export type ErrorKind = 'http' | 'network' | 'timeout' | 'cancelled' | 'parse' | 'validation' | 'outcome-unknown' | 'backend';

export interface RequestInfo {
  readonly method: string;
  /** Path and query of the request, redacted. */
  readonly path: string;
}

export class PlatformError extends Error {
  override readonly name: string = 'PlatformError';
  constructor(
    message: string,
    readonly kind: ErrorKind,
    readonly request?: RequestInfo,
    options?: { cause?: unknown },
  ) {
    super(redact(message), options && 'cause' in options ? { cause: safeCause(options.cause) } : undefined);
  }

  /** True when repeating the same request may succeed (the HTTP core uses it for idempotent requests only). */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout';
  }
}

/** The server answered with a non-2xx status. */
export class HttpError extends PlatformError {
  override readonly name = 'HttpError';
  /** The platform's error code: v1 envelope 8000–8004, Altair `error.status`/`error.code`, or undefined. */
  readonly code: string | number | undefined;
  /** The platform's message, as it sent it (redacted). */
  readonly platformMessage: string;
  /** Structured details from the error body (Altair `details`, v1 `moreInfo`), redacted value by value. */
  readonly details?: unknown;

  constructor(
    readonly status: number,
    code: string | number | undefined,
    platformMessage: string,
    request: RequestInfo,
    /** Seconds from a `Retry-After` header, when the server sent one. */
    readonly retryAfterSec?: number,
    details?: unknown,
  ) {
    super(`${request.method} ${request.path} failed: ${status}${code !== undefined ? ` (${code})` : ''} ${platformMessage}`.trim(), 'http', request);
    this.code = typeof code === 'string' ? redact(code) : code;
    this.platformMessage = redact(platformMessage);
    if (details !== undefined) this.details = redactValue(details);
  }

  override get transient(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** The server's body could not be parsed as the JSON the endpoint promises. */
export class ParseError extends PlatformError {
  override readonly name = 'ParseError';
  readonly bodyStart: string;
  constructor(request: RequestInfo, readonly status: number, detail: string, bodyStart: string) {
    super(`${request.method} ${request.path}: the server sent a malformed response (${detail}); it starts with ${JSON.stringify(bodyStart)}`, 'parse', request);
    this.bodyStart = redact(bodyStart);
  }
}

/** Bad input caught before any request was sent. `parameter` names the offending argument. */
export class ValidationError extends PlatformError {
  override readonly name = 'ValidationError';
  constructor(readonly parameter: string, message: string) {
    super(`${parameter}: ${message}`, 'validation');
  }
}

/** The caller's AbortSignal fired. */
export class CancelledError extends PlatformError {
  override readonly name = 'CancelledError';
  constructor(
    request?: RequestInfo,
    /** True when a write was cancelled while in flight: the server may have applied it all the same. */
    readonly mayHaveBeenApplied = false,
  ) {
    super(request ? `${request.method} ${request.path} was cancelled${mayHaveBeenApplied ? ' while in flight; it may have been applied' : ''}` : 'Cancelled', 'cancelled', request);
  }
}

/** Why a write's outcome cannot be known. */
export type UnknownOutcomeReason = 'timeout' | 'connection' | 'response';

const UNKNOWN_REASONS: Readonly<Record<UnknownOutcomeReason, string>> = {
  timeout: 'no answer came in time',
  connection: 'the connection broke before the answer came',
  response: 'the server accepted it but its answer could not be read',
};

/**
 * A write whose outcome cannot be known: the time ran out or the connection broke after the request may
 * have reached the server, or the server answered 2xx with a body that is not what the endpoint sends.
 * The write may or may not have been applied. It is never repeated; the caller must check before resending.
 */
export class OutcomeUnknownError extends PlatformError {
  override readonly name = 'OutcomeUnknownError';
  constructor(
    request: RequestInfo,
    readonly reason: UnknownOutcomeReason,
    detail: string,
    /** The HTTP status, when the server answered (2xx with a body we cannot read). */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${request.method} ${request.path}: outcome unknown, ${UNKNOWN_REASONS[reason]} (${detail}); it may or may not have been applied and was not sent again`, 'outcome-unknown', request, options);
  }
}

/** True for an error after which a write may or may not have been applied. */
export function isOutcomeUnknown(err: unknown): err is OutcomeUnknownError | CancelledError {
  return err instanceof OutcomeUnknownError || (err instanceof CancelledError && err.mayHaveBeenApplied);
}

/** Cancelled by the caller: our `CancelledError` or a DOM `AbortError`, told by name (see errorText.ts). */
export function isCancellation(err: unknown): boolean {
  const name = (err as { name?: unknown } | null | undefined)?.name;
  return name === 'CancelledError' || name === 'AbortError';
}

/**
 * A redacted copy of an error that is kept as `cause` (undici's errors quote URLs, headers and sockets):
 * its name, code, message and stack with credentials masked, and its own cause chain the same way.
 * Our own errors are redacted when built and are kept as they are.
 */
export class RedactedCause extends Error {
  override readonly name: string;
  readonly code?: string | number;

  constructor(source: unknown, depth = 0) {
    const err = source instanceof Error ? source : undefined;
    super(redact(err ? err.message : String(source)));
    this.name = err?.name ?? 'Error';
    const code = (source as { code?: unknown } | null)?.code;
    if (typeof code === 'string' || typeof code === 'number') this.code = code;
    this.stack = err?.stack === undefined ? undefined : redact(err.stack);
    if (err && err.cause !== undefined && depth < 8) Object.defineProperty(this, 'cause', { value: safeCause(err.cause, depth + 1), enumerable: false });
  }
}

function safeCause(cause: unknown, depth = 0): unknown {
  if (cause === undefined || cause instanceof PlatformError) return cause;
  return new RedactedCause(cause, depth);
}
