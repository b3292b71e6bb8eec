/** Raw-HTTP helpers for the Altair emulator tests (no client code of ours: plain fetch). */
import assert from 'node:assert/strict';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/server';

export interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  thing: { id: string; title: string; numericProperty: string; actionName: string; eventName: string };
  category: string;
  baseUrl: string;
  readOnlyClient: { clientId: string; clientSecret: string; scopes: string[] };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Page<T = Record<string, unknown>> {
  data: T[];
  paging: { next_cursor: string; previous_cursor: string };
}

export class AltairSession {
  token = '';
  constructor(readonly emu: Emulator, readonly info: AltairInfo) {}

  get space(): string {
    return this.info.space;
  }

  async login(scope?: string, clientId = this.info.clientId, clientSecret = this.info.clientSecret): Promise<string> {
    const r = await requestToken(this.emu.url, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...(scope !== undefined ? { scope } : {}) });
    assert.equal(r.status, 200, r.text);
    this.token = (r.body as { access_token: string }).access_token;
    return this.token;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.emu.url}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }

  /** GET that must answer 200. */
  async ok<T = unknown>(path: string): Promise<T> {
    const r = await this.get<T>(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.body;
  }

  /** Every item of a list, following next_cursor. */
  async all<T = Record<string, unknown>>(path: string): Promise<T[]> {
    const out: T[] = [];
    let cursor = '';
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.ok<Page<T>>(`${path}${cursor ? `${sep}next_cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...page.data);
      cursor = page.paging.next_cursor;
      if (!cursor) return out;
    }
  }
}

export async function requestToken(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined, text };
}

/** Starts an emulator and logs the demo client in with all its scopes. */
export async function startSession(options: EmulatorOptions = {}, scope?: string): Promise<AltairSession> {
  const emu = await startEmulator(options);
  const session = new AltairSession(emu, (emu.info() as { altair: AltairInfo }).altair);
  await session.login(scope);
  return session;
}

/** The Altair error envelope. */
export function assertError(reply: Reply, status: number, message?: string | RegExp): void {
  assert.equal(reply.status, status, reply.text);
  const body = reply.body as { error?: { status?: number; message?: string } };
  assert.equal(body.error?.status, status, reply.text);
  assert.equal(typeof body.error?.message, 'string');
  if (typeof message === 'string') assert.equal(body.error?.message, message);
  else if (message) assert.match(body.error!.message!, message);
}

/** A fixed clock for deterministic tests: 2025-03-10T12:00:00.000Z. */
export const FIXED_NOW = Date.UTC(2025, 2, 10, 12);
