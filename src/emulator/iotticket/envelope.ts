/**
 * The IoT-TICKET v1 error envelope (`{description, code, moreInfo, apiver}`, codes 8000–8004), reused by the
 * asset API, and the paging envelope `{fullSize, limit, offset, items}`.
 */
import type { ServerResponse } from 'node:http';
import { EmulatorHttpError } from '../router';

export const ErrorCode = { internal: 8000, permission: 8001, quota: 8002, badInput: 8003, writeFailed: 8004 } as const;

const MORE_INFO = 'https://my.iot-ticket.com/api/v1/errorcodes';

export interface V1ErrorBody {
  readonly description: string;
  readonly code: number;
  readonly moreInfo: string;
  readonly apiver: 1;
}

export function v1Error(status: number, code: number, description: string, headers: Record<string, string> = {}): EmulatorHttpError {
  const body: V1ErrorBody = { description, code, moreInfo: MORE_INFO, apiver: 1 };
  return new EmulatorHttpError(status, body, headers);
}

export const badInput = (description: string): EmulatorHttpError => v1Error(400, ErrorCode.badInput, description);
export const notFound = (description: string): EmulatorHttpError => v1Error(404, ErrorCode.badInput, description);
export const conflict = (description: string): EmulatorHttpError => v1Error(409, ErrorCode.badInput, description);

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

/** Reads `limit`/`offset`; a limit above the maximum is clamped (and reported as such in the envelope). */
export function parsePaging(query: URLSearchParams, defaultLimit: number, maxLimit: number): Paging {
  const limit = intParam(query, 'limit') ?? defaultLimit;
  const offset = intParam(query, 'offset') ?? 0;
  if (limit < 1) throw badInput('limit must be at least 1');
  return { limit: Math.min(limit, maxLimit), offset };
}

/** A non-negative integer query parameter, or undefined when absent. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badInput(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (/^(true|1)$/i.test(raw)) return true;
  if (/^(false|0)$/i.test(raw)) return false;
  throw badInput(`${name} must be true or false, got "${raw}"`);
}

export interface Page<T> {
  readonly fullSize: number;
  readonly limit: number;
  readonly offset: number;
  readonly items?: T[];
}

/** v1 paging envelope: `items` is omitted when the page is empty, as the real server does. */
export function v1Page<T>(items: T[], fullSize: number, paging: Paging): Page<T> {
  return items.length > 0 ? { fullSize, limit: paging.limit, offset: paging.offset, items } : { fullSize, limit: paging.limit, offset: paging.offset };
}

/** Asset API paging envelope: `items` always present (our design, see the spec §5.2). */
export function assetApiPage<T>(items: T[], fullSize: number, paging: Paging): Required<Page<T>> {
  return { fullSize, limit: paging.limit, offset: paging.offset, items };
}

/** Pages an in-memory list. */
export function pageOf<T>(all: readonly T[], paging: Paging): T[] {
  return all.slice(paging.offset, paging.offset + paging.limit);
}

/**
 * Sends an already serialised JSON text (large time-series pages are built as strings, not objects), whole or
 * in pieces encoded one by one (see `seriesJson`).
 */
export function sendJsonText(res: ServerResponse, status: number, text: string | readonly string[]): void {
  const pieces = (typeof text === 'string' ? [text] : text).map((t) => Buffer.from(t));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': pieces.reduce((n, p) => n + p.length, 0) });
  res.cork();
  for (const p of pieces) res.write(p);
  res.end();
}
