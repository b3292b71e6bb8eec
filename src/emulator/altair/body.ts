/** Reads request bodies with the Altair error envelope (the shared `ctx.json()` answers in the v1 shape). */
import { parseJson } from '../boundary';
import type { RequestContext } from '../router';
import { altairError, badRequest } from './errors';

/** The 5 KB message limit of Altair units, applied to property, action and event bodies. */
export const MESSAGE_LIMIT_BYTES = 5 * 1024;

export interface ReadOptions {
  /** Bodies longer than this are refused. */
  readonly maxBytes?: number;
  /** Status for a too large body: 400 on AnythingDB routes (the spec lists no 413 there), 413 for e-mail. */
  readonly tooLargeStatus?: number;
  /** When false, an empty body gives `undefined` instead of a 400. */
  readonly required?: boolean;
}

export async function readJson(ctx: RequestContext, options: ReadOptions = {}): Promise<unknown> {
  const raw = await ctx.body();
  if (options.maxBytes !== undefined && raw.length > options.maxBytes) {
    throw altairError(options.tooLargeStatus ?? 400, `payload too large: the limit is ${options.maxBytes} bytes`);
  }
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    if (options.required === false) return undefined;
    throw badRequest();
  }
  const parsed = parseJson(text);
  if ('error' in parsed) throw parsed.error === 'Malformed JSON body' ? badRequest() : badRequest(parsed.error);
  return parsed.value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON object body; anything else is a 400. */
export async function readObject(ctx: RequestContext, options: ReadOptions = {}): Promise<Record<string, unknown>> {
  const body = await readJson(ctx, options);
  if (!isObject(body)) throw badRequest();
  return body;
}
