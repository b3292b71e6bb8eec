/**
 * What the emulator lets in. It is a user-facing default and our test oracle, reachable by anything on
 * this machine, web pages included: Host names other than loopback ones are refused (DNS rebinding),
 * control routes refuse cross-origin callers, bodies are bounded, and JSON is bounded in depth.
 */
import type { IncomingMessage } from 'node:http';
import { statusMessage } from './altair/errors';

/** Bodies of platform routes: room for 10,000-point writes with long names. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
/** Bodies of `/_emulator/*` routes (fault rules, limits). */
export const CONTROL_BODY_LIMIT = 256 * 1024;
/** Deeper JSON than this is refused before any handler walks it. */
export const MAX_JSON_DEPTH = 64;

const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/** True for a loopback Host header (any port), or one naming the address the server was bound to. */
export function hostAllowed(host: string | undefined, boundHost: string): boolean {
  if (!host) return false;
  if (LOOPBACK.test(host)) return true;
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  return !['0.0.0.0', '[::]'].includes(bound) && new RegExp(`^${bound.replace(/[.[\]]/g, '\\$&')}(?::\\d{1,5})?$`, 'i').test(host);
}

/** True when a browser says the request comes from another site: an Origin that is not loopback, or `Sec-Fetch-Site: cross-site`. */
export function crossOrigin(req: IncomingMessage): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return !(url.protocol === 'http:' || url.protocol === 'https:') || !LOOPBACK.test(url.host);
  } catch {
    // `Origin: null` (sandboxed frames, file: pages) and garbage are foreign too.
    return true;
  }
}

export function bodyLimitFor(path: string): number {
  return path.startsWith('/_emulator/') ? CONTROL_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/** An error body in the envelope of the platform a path belongs to (Altair's, else IoT-TICKET v1's). */
export function errorBody(path: string, status: number, message: string): unknown {
  if (/^\/(spaces|oauth2)(\/|$)/.test(path)) return { error: { status, message: message || statusMessage(status) } };
  if (path.startsWith('/_emulator/') || path.startsWith('/http-adapter')) return { error: message };
  return { description: message, code: status === 429 ? 8002 : status === 403 ? 8001 : status >= 500 ? 8000 : 8003, moreInfo: 'emulator', apiver: 1 };
}

/** Reads at most `max` bytes of a request body; beyond that the rest is drained and the answer is undefined. */
export function readBodyCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON text parsed and checked for depth; `error` says what is wrong in words for a 400. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): { value: unknown } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'Malformed JSON body' };
  }
  return depthOf(value, maxDepth) > maxDepth ? { error: `JSON nested deeper than ${maxDepth} levels` } : { value };
}

/** Nesting depth of a parsed value, counted without recursion and stopping once past `limit`. */
function depthOf(root: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}
