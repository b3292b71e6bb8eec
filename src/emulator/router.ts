/**
 * A small router for the emulator: method + path pattern (`/api/v1/devices/:deviceId`) to a handler.
 * Trailing slashes are optional on every route, as on the real IoT-TICKET v1 server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** Path without query, percent-decoded per segment into `params`. */
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  /**
   * The raw request body, read in full before the handler runs, so a handler's read-modify-write of the
   * model cannot interleave with another request's. Throws BodyTooLargeError (413) past the route's limit.
   */
  body(): Promise<Buffer>;
  /** The body parsed as JSON; throws EmulatorHttpError(400) on malformed or over-deep JSON. */
  json<T = unknown>(): Promise<T>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

export interface RouteOptions {
  /** The largest body this route takes, when not the surface's default (uploads). */
  readonly maxBody?: () => number;
}

/** Thrown by handlers to answer with a status and a platform-shaped body. */
export class EmulatorHttpError extends Error {
  constructor(readonly status: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

/** The body was larger than the route takes; handlers may catch it to answer in their own words. */
export class BodyTooLargeError extends EmulatorHttpError {
  constructor(readonly limit: number, body: unknown) {
    super(413, body);
  }
}

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
  readonly options: RouteOptions;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler, options });
    return this;
  }

  get(pattern: string, handler: Handler, options?: RouteOptions): this { return this.add('GET', pattern, handler, options); }
  post(pattern: string, handler: Handler, options?: RouteOptions): this { return this.add('POST', pattern, handler, options); }
  put(pattern: string, handler: Handler, options?: RouteOptions): this { return this.add('PUT', pattern, handler, options); }
  patch(pattern: string, handler: Handler, options?: RouteOptions): this { return this.add('PATCH', pattern, handler, options); }
  delete(pattern: string, handler: Handler, options?: RouteOptions): this { return this.add('DELETE', pattern, handler, options); }

  /** Every route as method and pattern (for tests that walk them all). */
  list(): { method: string; pattern: string }[] {
    return this.routes.map((r) => ({ method: r.method, pattern: r.pattern }));
  }

  /** Finds the handler for a request; `methodMismatch` tells 405 from 404. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string>; options: RouteOptions } | { methodMismatch: boolean } {
    const parts = split(path);
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { handler: route.handler, params, options: route.options };
      methodMismatch = true;
    }
    return { methodMismatch };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith('*')) {
      // `*rest` swallows the remaining segments (datanode paths, names paths)
      params[p.slice(1)] = parts.slice(i).map(decode).join('/');
      return params;
    }
    if (i >= parts.length) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = decode(parts[i]);
    else if (p !== parts[i]) return undefined;
  }
  return pattern.length === parts.length ? params : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
