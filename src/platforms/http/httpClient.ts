/**
 * The HTTP core both platform clients stand on: Node's built-in fetch with a per-request timeout,
 * cancellation, retries for idempotent requests only, typed errors and redacted logging.
 */
import { CancelledError, HttpError, OutcomeUnknownError, ParseError, PlatformError, ValidationError, type RequestInfo } from './errors';
import { silentLogger, type Logger } from './logger';
import { ERROR_BODY_MAX_BYTES, readCapped } from './body';
import { redact } from './redact';
import { causeCodes } from './errorText';
import { expectShape, type Shape } from './shape';
import { backoffDelayMs, defaultRetryPolicy, parseRetryAfter, sleep, type RetryPolicy } from './retry';
import { dispatcherFor, type TlsOptions } from './tls';

export interface AuthStrategy {
  /** Adds credentials to the request's headers. */
  apply(headers: Headers, signal?: AbortSignal): Promise<void> | void;
  /** Called once after a 401; resolves true when fresh credentials were obtained and the request may be sent again. */
  refreshAfterUnauthorized?(signal?: AbortSignal): Promise<boolean>;
}

/** Extracts the platform's code and message from an error body (the two platforms differ). */
export type ErrorBodyParser = (status: number, body: unknown) => { code?: string | number; message?: string; details?: unknown } | undefined;

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly auth?: AuthStrategy;
  /** Per-attempt timeout. Default 30 s. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: Logger;
  readonly tls?: TlsOptions;
  readonly userAgent?: string;
  readonly errorParser?: ErrorBodyParser;
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | undefined | null;

export interface RequestOptions {
  readonly method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the base URL; may carry its own query string. */
  readonly path: string;
  /** Arrays repeat the key (`thingID[]=a&thingID[]=b`); undefined and null are left out. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A JSON body; sets the content type unless `contentType` is given. */
  readonly json?: unknown;
  /** A raw body (form, multipart, bytes). */
  readonly body?: string | Uint8Array | URLSearchParams | FormData | Blob;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Whether the request may be repeated safely. Default: true for GET and HEAD only. */
  readonly idempotent?: boolean;
  readonly timeoutMs?: number;
  /** How to read the body. Default 'json' (an empty body gives undefined). */
  readonly responseType?: 'json' | 'text' | 'bytes' | 'none';
  /** Overrides the client's auth for this request; null sends none. */
  readonly auth?: AuthStrategy | null;
  /** The minimum shape the caller reads from a 2xx JSON body; another shape is a ParseError (reads) or an unknown outcome (writes). */
  readonly expect?: Shape;
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T;
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly dispatcher: unknown;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? silentLogger;
    this.dispatcher = dispatcherFor(options.tls);
  }

  get<T>(path: string, opts: Omit<RequestOptions, 'path' | 'method'> = {}): Promise<T> {
    return this.request<T>({ ...opts, path, method: 'GET' }).then((r) => r.data);
  }

  async request<T>(opts: RequestOptions): Promise<HttpResponse<T>> {
    const method = opts.method ?? 'GET';
    let url: URL;
    try {
      url = this.url(opts.path, opts.query);
    } catch (err) {
      throw new ValidationError('path', `"${opts.path}" is not a valid path: ${err instanceof Error ? err.message : String(err)}`);
    }
    const info: RequestInfo = { method, path: redact(url.pathname + url.search) };
    const idempotent = opts.idempotent ?? (method === 'GET' || method === 'HEAD');
    let refreshedAuth = false;
    for (let attempt = 0; ; attempt++) {
      if (opts.signal?.aborted) throw new CancelledError(info);
      const started = Date.now();
      try {
        const response = await this.once<T>(url, method, opts, info, idempotent);
        this.logger.debug(`${method} ${info.path} → ${response.status} in ${Date.now() - started} ms`);
        return response;
      } catch (err) {
        if (err instanceof CancelledError || !(err instanceof PlatformError)) throw err;
        this.logger.debug(`${method} ${info.path} → ${err.message} after ${Date.now() - started} ms`);
        const auth = opts.auth === undefined ? this.options.auth : opts.auth;
        if (err instanceof HttpError && err.status === 401 && !refreshedAuth && auth?.refreshAfterUnauthorized) {
          refreshedAuth = true;
          if (await auth.refreshAfterUnauthorized(opts.signal)) {
            attempt--;
            continue;
          }
        }
        if (!idempotent || !err.transient || attempt >= this.retry.retries) throw err;
        const delay = backoffDelayMs(this.retry, attempt + 1, err instanceof HttpError ? err.retryAfterSec : undefined);
        this.logger.warn(`${method} ${info.path}: ${err instanceof HttpError ? err.status : err.kind}, retry ${attempt + 1}/${this.retry.retries} in ${delay} ms`);
        try {
          await sleep(delay, opts.signal);
        } catch {
          throw new CancelledError(info);
        }
      }
    }
  }

  /** Builds the absolute URL for a path relative to the base URL. */
  url(path: string, query?: Readonly<Record<string, QueryValue>>): URL {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
    }
    return url;
  }

  private async once<T>(url: URL, method: string, opts: RequestOptions, info: RequestInfo, idempotent: boolean): Promise<HttpResponse<T>> {
    const { headers, body } = this.prepare(opts);
    const auth = opts.auth === undefined ? this.options.auth : opts.auth;
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    /** Turns what fetch threw into our error; `sent` says whether the request may have reached the server. */
    const fail = (err: unknown, sent: boolean): never => {
      if (opts.signal?.aborted) throw new CancelledError(info, sent && !idempotent);
      if (err instanceof PlatformError) throw err;
      const detail = timeout.aborted ? 'timed out' : err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      // A write that may have arrived is never reported as failed: it may have been applied.
      if (sent && !idempotent) throw new OutcomeUnknownError(info, timeout.aborted ? 'timeout' : 'connection', detail, undefined, { cause: err });
      if (timeout.aborted) throw new PlatformError(`${method} ${info.path} timed out`, 'timeout', info, { cause: err });
      throw new PlatformError(`${method} ${info.path}: ${detail}`, 'network', info, { cause: err });
    };
    try {
      await auth?.apply(headers, opts.signal);
    } catch (err) {
      if (err instanceof PlatformError || opts.signal?.aborted) return fail(err, false);
      throw new ValidationError('credentials', `cannot be sent: ${err instanceof Error ? err.message : String(err)}`);
    }
    let response: Response;
    try {
      const init: RequestInit = { method, headers, body: body as RequestInit['body'], signal, redirect: 'follow' };
      // undici's own dispatcher type is not the global one; it is passed through untyped.
      if (this.dispatcher) (init as { dispatcher?: unknown }).dispatcher = this.dispatcher;
      response = await fetch(url, init);
    } catch (err) {
      return fail(err, !nothingSent(err));
    }
    if (!response.ok) {
      // Error bodies are read up to a cap: they carry the platform's message. A body cut short still leaves the status.
      const bytes = await readCapped(response, ERROR_BODY_MAX_BYTES).then((r) => r.bytes, () => new Uint8Array());
      if (opts.signal?.aborted) throw new CancelledError(info);
      throw this.httpError(response, bytes, info);
    }
    // Reading the body can fail too (a reset mid-body): a network error for reads (retried), an unknown outcome for writes.
    let bytes: Uint8Array;
    try {
      bytes = opts.responseType === 'none' ? new Uint8Array() : new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      return fail(err, true);
    }
    const type = opts.responseType ?? 'json';
    const done = (data: unknown): HttpResponse<T> => ({ status: response.status, headers: response.headers, data: data as T });
    if (type === 'bytes') return done(bytes);
    const text = new TextDecoder().decode(bytes);
    if (type === 'text' || type === 'none') return done(text);
    let data: unknown;
    try {
      data = text.trim() === '' ? undefined : JSON.parse(text);
      if (opts.expect) expectShape(opts.expect, data, info, response.status);
    } catch (err) {
      const parse = err instanceof ParseError ? err : new ParseError(info, response.status, err instanceof Error ? err.message : String(err), text.slice(0, 80));
      if (!idempotent) throw new OutcomeUnknownError(info, 'response', parse.message.replace(/^[^:]*: /, ''), response.status);
      throw parse;
    }
    return done(data);
  }

  /** Headers and body of a request; what cannot be sent (a header with a line break, JSON with a cycle) is refused before sending. */
  private prepare(opts: RequestOptions): { headers: Headers; body: RequestOptions['body'] | undefined } {
    try {
      const headers = new Headers({ Accept: 'application/json', ...this.options.defaultHeaders, ...opts.headers });
      if (this.options.userAgent) headers.set('User-Agent', this.options.userAgent);
      if (opts.json !== undefined || opts.contentType) headers.set('Content-Type', opts.contentType ?? 'application/json');
      return { headers, body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.body };
    } catch (err) {
      throw new ValidationError(opts.json !== undefined ? 'json' : 'headers', `cannot be sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** A typed error for any error body: JSON of any shape, text, nothing, or bytes that are not UTF-8. */
  private httpError(response: Response, bytes: Uint8Array, info: RequestInfo): HttpError {
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown = text;
    try {
      parsed = text.trim() ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (or cut at the cap): keep the text
    }
    let extracted: ReturnType<ErrorBodyParser>;
    try {
      extracted = this.options.errorParser?.(response.status, parsed);
    } catch {
      // A parser surprised by an odd body must not hide the status.
      extracted = undefined;
    }
    const fromParser = typeof extracted?.message === 'string' && extracted.message.trim() ? extracted.message : undefined;
    const fromText = typeof parsed === 'string' && parsed.trim() ? parsed : undefined;
    const code = typeof extracted?.code === 'string' || typeof extracted?.code === 'number' ? extracted.code : undefined;
    return new HttpError(
      response.status,
      code,
      clip(fromParser ?? fromText ?? response.statusText, MESSAGE_MAX_CHARS),
      info,
      parseRetryAfter(response.headers.get('retry-after')),
      extracted?.details,
    );
  }
}

/** A platform message longer than this is cut: it goes into notifications and log lines. */
const MESSAGE_MAX_CHARS = 500;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Errors that mean the request never left: refused or unreachable connections, name lookups, TLS
 * handshakes, a request that could not even be built. Anything else may have reached the server.
 */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|UND_ERR_INVALID_ARG|ERR_INVALID_URL|ERR_TLS_\w+|ERR_SSL_\w+|\w*CERT\w*|UNABLE_TO_\w+)$/;

function nothingSent(err: unknown): boolean {
  // fetch rejects a request it cannot build (bad URL, credentials in it) with a TypeError of its own, without a cause.
  if (err instanceof TypeError && err.cause === undefined) return true;
  return causeCodes(err, 5).some((code) => NOT_SENT.test(code));
}
