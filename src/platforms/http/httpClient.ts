/**
 * The HTTP core both platform clients stand on: Node's built-in fetch with a per-request timeout,
 * cancellation, retries for idempotent requests only, typed errors and redacted logging.
 */
import { CancelledError, HttpError, ParseError, PlatformError, ValidationError, type RequestInfo } from './errors';
import { silentLogger, type Logger } from './logger';
import { ERROR_BODY_MAX_BYTES, readCapped } from './body';
import { redact } from './redact';
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
    const url = this.url(opts.path, opts.query);
    const info: RequestInfo = { method, path: redact(url.pathname + url.search) };
    const idempotent = opts.idempotent ?? (method === 'GET' || method === 'HEAD');
    let refreshedAuth = false;
    for (let attempt = 0; ; attempt++) {
      if (opts.signal?.aborted) throw new CancelledError(info);
      const started = Date.now();
      try {
        const response = await this.once<T>(url, method, opts, info);
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

  private async once<T>(url: URL, method: string, opts: RequestOptions, info: RequestInfo): Promise<HttpResponse<T>> {
    const { headers, body } = this.prepare(opts);
    const auth = opts.auth === undefined ? this.options.auth : opts.auth;
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const fail = (err: unknown): never => {
      if (opts.signal?.aborted) throw new CancelledError(info);
      if (timeout.aborted) throw new PlatformError(`${method} ${info.path} timed out`, 'timeout', info, { cause: err });
      if (err instanceof PlatformError) throw err;
      const detail = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err);
      throw new PlatformError(`${method} ${info.path}: ${detail}`, 'network', info, { cause: err });
    };
    let response: Response;
    try {
      await auth?.apply(headers, opts.signal);
      const init: RequestInit = { method, headers, body: body as RequestInit['body'], signal, redirect: 'follow' };
      // undici's own dispatcher type is not the global one; it is passed through untyped.
      if (this.dispatcher) (init as { dispatcher?: unknown }).dispatcher = this.dispatcher;
      response = await fetch(url, init);
    } catch (err) {
      return fail(err);
    }
    // Reading the body can fail too (a connection reset mid-body): that is a network error, retried like one.
    let bytes: Uint8Array;
    try {
      // Error bodies are always read (up to a cap): they carry the platform's message.
      if (!response.ok) bytes = (await readCapped(response, ERROR_BODY_MAX_BYTES)).bytes;
      else bytes = opts.responseType === 'none' ? new Uint8Array() : new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      return fail(err);
    }
    if (!response.ok) throw this.httpError(response, bytes, info);
    const type = opts.responseType ?? 'json';
    if (type === 'bytes') return { status: response.status, headers: response.headers, data: bytes as T };
    const text = new TextDecoder().decode(bytes);
    if (type === 'text' || type === 'none') return { status: response.status, headers: response.headers, data: text as T };
    if (text.trim() === '') return { status: response.status, headers: response.headers, data: undefined as T };
    try {
      return { status: response.status, headers: response.headers, data: JSON.parse(text) as T };
    } catch (err) {
      throw new ParseError(info, response.status, (err as Error).message, text.slice(0, 80));
    }
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
