/**
 * Reads Altair's two error shapes into the HttpError's code and message:
 * the API envelope `{"error":{"status","message","details"}}` and the OAuth2 server's
 * `{"error":"invalid_client","error_description":"…"}`.
 */
import type { ErrorBodyParser } from '../http';

export const altairErrorParser: ErrorBodyParser = (_status, body) => {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const error = b.error;
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    return {
      code: typeof e.status === 'number' || typeof e.status === 'string' ? e.status : typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : undefined,
      details: e.details,
    };
  }
  if (typeof error === 'string') {
    const description = typeof b.error_description === 'string' ? b.error_description : typeof b.error_hint === 'string' ? b.error_hint : undefined;
    return { code: error, message: description ?? error };
  }
  // Anything else (a proxy's page, another platform's envelope): keep a message if there is one.
  if (typeof b.message === 'string') return { message: b.message };
  if (typeof b.description === 'string') return { message: b.description, code: typeof b.code === 'number' ? b.code : undefined };
  return undefined;
};
