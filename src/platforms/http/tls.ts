/**
 * TLS options per connection. Verification is on unless a connection switches it off; a CA file's
 * PEM text can be added for installations behind a private CA. Only then do we need our own
 * dispatcher: plain connections use fetch's default one, which honours VS Code's proxy support.
 */
import { join } from 'node:path';
import type { Agent as UndiciAgent } from 'undici';

export interface TlsOptions {
  /** Default true. */
  readonly verify?: boolean;
  /** PEM text of extra trusted CA certificates. */
  readonly ca?: string;
}

export function dispatcherFor(tls: TlsOptions | undefined): unknown {
  if (!tls || (tls.verify !== false && !tls.ca)) return undefined;
  const { Agent } = loadUndici();
  return new Agent({ connect: { rejectUnauthorized: tls.verify !== false, ...(tls.ca ? { ca: tls.ca } : {}) } });
}

/**
 * Loaded lazily so that connections without TLS options never pay for it: from node_modules in
 * development and tests, else from the `dist/undici.js` bundle that ships beside the extension.
 */
function loadUndici(): { Agent: typeof UndiciAgent } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  try {
    return require('undici') as { Agent: typeof UndiciAgent };
  } catch {
    return require(join(__dirname, 'undici.js')) as { Agent: typeof UndiciAgent };
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
