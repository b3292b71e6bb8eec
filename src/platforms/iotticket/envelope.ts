/** The IoT-TICKET error and paging envelopes (v1, reused by the asset API), and their parsers. */
import type { ErrorBodyParser } from '../http';

/** `{"description","code","moreInfo","apiver"}` — codes 8000 internal, 8001 permission, 8002 quota, 8003 bad input, 8004 write failed. */
export interface V1ErrorBody {
  readonly description?: string;
  readonly code?: number;
  readonly moreInfo?: string;
  readonly apiver?: number;
}

export const V1_ERROR_CODES: Readonly<Record<number, string>> = {
  8000: 'internal server error',
  8001: 'permission not sufficient',
  8002: 'quota violation',
  8003: 'bad input parameter',
  8004: 'write failed',
};

/** Reads the v1 envelope into `HttpError.code`/`platformMessage`; other JSON shapes fall back to `error`/`message` keys. */
export const iotTicketErrorParser: ErrorBodyParser = (_status, body) => {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as V1ErrorBody & { error?: unknown; message?: unknown };
  if (typeof b.code === 'number' || typeof b.description === 'string') {
    return { code: b.code, message: b.description, details: b.moreInfo === undefined ? undefined : { moreInfo: b.moreInfo } };
  }
  const message = typeof b.message === 'string' ? b.message : typeof b.error === 'string' ? b.error : undefined;
  return message === undefined ? undefined : { message };
};

/** `{"fullSize","limit","offset","items"}`; the server leaves `items` out when it is empty. */
export interface PagedEnvelope<T> {
  readonly fullSize: number;
  readonly limit: number;
  readonly offset: number;
  readonly items?: readonly T[];
}
