/**
 * The base of every fluent resource object (`api.spaces('demo').things(id)…`): it knows its path and
 * how to send a request through the API object, so resources stay small declarations of endpoints.
 */
import { anyObject, type HttpResponse, type QueryValue, type RequestOptions } from '../http';
import { pageQuery, paginateCursor, toCursorPage } from './paging';
import type { CursorPage, PageOptions, PaginateOptions } from './types';

/** What resources need from `AltairApi`. */
export interface AltairTransport {
  request<T>(opts: RequestOptions): Promise<HttpResponse<T>>;
}

export type Query = Readonly<Record<string, QueryValue>>;

/** Joins path segments, percent-encoding each one (names may hold `:` or spaces). */
export function joinPath(base: string, ...segments: Array<string | number>): string {
  return [base, ...segments.map((s) => encodeURIComponent(String(s)))].join('/');
}

export abstract class Resource {
  constructor(
    protected readonly transport: AltairTransport,
    /** Path of this resource relative to the host, e.g. `/spaces/demo/things/01F…`. */
    readonly path: string,
  ) {}

  /** Sends a request to this resource; a JSON answer must be an object unless `expect` says what else it is. */
  protected async call<T>(opts: Omit<RequestOptions, 'path'> & { path?: string }): Promise<T> {
    const json = opts.responseType === undefined || opts.responseType === 'json';
    const response = await this.transport.request<T>({ ...opts, path: opts.path ?? this.path, expect: opts.expect ?? (json ? anyObject : undefined) });
    return response.data;
  }

  protected async page<T>(opts: PageOptions, query: Query = {}, path = this.path): Promise<CursorPage<T>> {
    const url = { ...query, ...pageQuery(opts) };
    const response = await this.transport.request<unknown>({ method: 'GET', path, query: url, signal: opts.signal });
    return toCursorPage<T>(response.data, { method: 'GET', path }, response.status);
  }

  protected pages<T>(opts: PaginateOptions, fetchPage: (opts: PageOptions) => Promise<CursorPage<T>>): AsyncGenerator<T, void, undefined> {
    return paginateCursor(opts, fetchPage);
  }
}
