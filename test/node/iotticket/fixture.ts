/** Shared setup of the IoT-TICKET client tests: one emulator per test file and clients pointed at it. */
import assert from 'node:assert/strict';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/server';
import type { FaultRule } from '../../../src/emulator/faults';
import { ValidationError, type Logger } from '../../../src/platforms/http';
import { DeviceAdapterClient, IotTicketClient, IotTicketV1Client, type DeviceCredentials } from '../../../src/platforms/iotticket';

/** What the emulator's `info().iotticket` holds. */
export interface IotTicketInfo {
  readonly user: string;
  readonly password: string;
  readonly tenant: string;
  readonly organizationId: string;
  readonly v1: { readonly deviceId: string; readonly datanodePath: string };
  readonly device: { readonly id: string; readonly username: string; readonly password: string };
  readonly asset: {
    readonly id: string;
    readonly namesPath: string[];
    readonly telemetryAttributeId: string;
    readonly telemetryAttributeName: string;
    readonly commandAttributeId: string;
  };
  readonly v1BaseUrl: string;
  readonly adapterBaseUrl: string;
  readonly coreBaseUrl: string;
}

export interface Fixture {
  readonly emu: Emulator;
  readonly info: IotTicketInfo;
  readonly client: IotTicketClient;
  readonly v1: IotTicketV1Client;
  readonly adapter: DeviceAdapterClient;
  readonly device: DeviceCredentials;
  /** Lines the clients logged (retries show up here). */
  readonly log: string[];
  /** Calls an emulator control route and returns its JSON. */
  control<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** Fault rules with their counters of matching requests. */
  faults(): readonly FaultRule[];
  close(): Promise<void>;
}

/** Fast retries so tests do not wait on real backoff (Retry-After is still honoured). */
export const fastRetry = { retries: 3, baseDelayMs: 1, maxDelayMs: 50 };

export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const emu = await startEmulator({ dataset: 'demo', ...options });
  const info = emu.info().iotticket as IotTicketInfo;
  const log: string[] = [];
  const logger: Logger = {
    trace: (m) => void log.push(m), debug: (m) => void log.push(m), info: (m) => void log.push(m), warn: (m) => void log.push(m), error: (m) => void log.push(m),
  };
  const common = { retry: fastRetry, logger };
  return {
    emu,
    info,
    log,
    client: new IotTicketClient({ ...common, coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password, adapterBaseUrl: info.adapterBaseUrl }),
    v1: new IotTicketV1Client({ ...common, baseUrl: info.v1BaseUrl, username: info.user, password: info.password }),
    adapter: new DeviceAdapterClient({ ...common, baseUrl: info.adapterBaseUrl, tenant: info.tenant }),
    device: { deviceId: info.device.id, username: info.device.username, password: info.device.password },
    async control<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const res = await fetch(`${emu.url}${path}`, {
        method: init.method ?? 'GET',
        headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    faults: () => emu.faults.list(),
    close: () => emu.close(),
  };
}

/** Awaits a rejection of `type` and returns it for further checks. */
export async function rejects<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof type, `expected ${type.name}, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    return err;
  }
  assert.fail(`expected ${type.name}, but it succeeded`);
}

/** Awaits a ValidationError and checks the parameter it names (and its message). */
export async function rejectsValidation(promise: Promise<unknown>, parameter: string, message?: RegExp): Promise<ValidationError> {
  const err = await rejects(promise, ValidationError);
  assert.equal(err.parameter, parameter, `parameter of "${err.message}"`);
  if (message) assert.match(err.message, message);
  return err;
}
