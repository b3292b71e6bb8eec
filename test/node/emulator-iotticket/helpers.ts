/** Raw-HTTP helpers for the IoT-TICKET emulator tests (plain fetch; no client code). */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/server';

export interface IotInfo {
  user: string;
  password: string;
  tenant: string;
  organizationId: string;
  v1: { deviceId: string; datanodePath: string };
  device: { id: string; username: string; password: string };
  asset: { id: string; namesPath: string[]; telemetryAttributeId: string; telemetryAttributeName: string; commandAttributeId: string };
  v1BaseUrl: string;
  adapterBaseUrl: string;
  coreBaseUrl: string;
}

/** A fixed clock so generated values are the same on every run. */
export const FIXED_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface Harness {
  emu: Emulator;
  info: IotInfo;
  /** Basic header of the demo user. */
  user: string;
  /** Basic header of the example device. */
  device: string;
}

export async function start(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ now: () => FIXED_NOW, ...options });
  const info = (emu.info() as { iotticket: IotInfo }).iotticket;
  return { emu, info, user: basic(info.user, info.password), device: basic(info.device.username, info.device.password) };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** A request with an optional JSON body; the answer's JSON is parsed when there is one. */
export async function call<T = Record<string, unknown>>(url: string, init: { method?: string; auth?: string; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth) headers.authorization = init.auth;
  let body: string | Buffer | undefined = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export type Page<T = Record<string, unknown>> = { fullSize: number; limit: number; offset: number; items?: T[] };
