/**
 * The Altair error envelope `{"error":{"status","message"[,"details"]}}` with the messages the
 * spec's examples use, thrown from handlers as EmulatorHttpError.
 */
import { EmulatorHttpError } from '../router';

export function altairError(status: number, message: string, details?: Record<string, unknown>): EmulatorHttpError {
  return new EmulatorHttpError(status, { error: { status, message, ...(details ? { details } : {}) } });
}

export const badRequest = (message = 'malformed body'): EmulatorHttpError => altairError(400, message);
export const notFound = (message = 'Item not found'): EmulatorHttpError => altairError(404, message);
/** The spec's 403 text for a missing scope is literally "Unauthorized". */
export const forbidden = (message = 'Unauthorized'): EmulatorHttpError => altairError(403, message);
export const conflict = (message = 'This item already exists'): EmulatorHttpError => altairError(409, message);

/** The standard message for each status, also used for injected faults. */
export function statusMessage(status: number): string {
  switch (status) {
    case 400: return 'malformed body';
    case 401: return 'Unauthenticated';
    case 403: return 'Unauthorized';
    case 404: return 'Item not found';
    case 409: return 'This item already exists';
    case 413: return 'Request Entity Too Large';
    case 429: return 'Too Many Requests';
    case 502: return 'Bad Gateway';
    case 503: return 'Service Unavailable';
    case 504: return 'Gateway Timeout';
    default: return 'Something went wrong';
  }
}
