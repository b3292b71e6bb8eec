/** A `node:http` server on loopback whose answers each test scripts, for misbehaving-server cases. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../src/platforms/http';

export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Script = (req: IncomingMessage, res: ServerResponse, index: number, body: string) => void;

/** A server whose behaviour each test scripts; it records every request it receives. */
export class ScriptedServer {
  readonly seen: Seen[] = [];
  script: Script = (_req, res) => json(res, 200, { ok: true });
  private server?: Server;
  private arrivalWaiters: (() => void)[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const index = this.seen.length;
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        for (const w of this.arrivalWaiters.splice(0)) w();
        this.script(req, res, index, body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/base/`;
  }

  /** Resolves when the next request has fully arrived. */
  nextArrival(): Promise<void> {
    return new Promise((resolve) => this.arrivalWaiters.push(resolve));
  }

  reset(script: Script): void {
    this.seen.length = 0;
    this.script = script;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  raw(res, status, text, headers);
}

/** Answers with a body exactly as given (text or bytes), labelled JSON. */
export function raw(res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** A logger that keeps every line, to check what reaches logs. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string): void => void lines.push(`${level} ${m}`);
  return { lines, trace: rec('trace'), debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') };
}

export async function rejects<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${type.name}, but the request succeeded`);
}

/** Every string reachable from a value through own properties (enumerable or not: message, stack, cause …). */
export function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === 'string') return void out.push(v);
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || depth > 20) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key === 'string') out.push(key);
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) visit(d.value, depth + 1);
    }
    // Getters on the prototype chain (e.g. `transient`) hold no data; `cause`, `stack` and `message` are own.
  };
  visit(root, 0);
  return out;
}
