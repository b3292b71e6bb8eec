/**
 * Shared setup of the Python backend's tests: Debian's python3 with pandas (required: the tests fail with
 * the install command when it is missing, they never skip), the stand-in das package of test/fixtures/das,
 * and an emulator per test file with both backends pointed at it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../../src/emulator/server';
import type { Logger } from '../../../../src/platforms/http';
import { IotTicketClient } from '../../../../src/platforms/iotticket';
import { PythonAssetApi, type PythonAssetApiOptions } from '../../../../src/platforms/iotticket/python';
import type { IotTicketInfo } from '../fixture';

/** out/test/node/iotticket/python → the repository. */
export const ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const PYTHON = process.env.IOT_TEST_PYTHON ?? '/usr/bin/python3';
export const BRIDGE = join(ROOT, 'python', 'iot_explorer_bridge.py');
export const STANDIN = join(ROOT, 'test', 'fixtures', 'das');

/** Fails (does not skip) when the test interpreter or pandas is missing, saying how to install them. */
export function requirePython(): void {
  const r = spawnSync(PYTHON, ['-c', 'import pandas, numpy, sys; print(sys.version_info[:2] >= (3, 8))'], { encoding: 'utf8' });
  assert.ok(r.status === 0 && r.stdout.trim() === 'True',
    `the Python backend's tests need ${PYTHON} (3.8+) with pandas: run "sudo apt-get install -y python3 python3-pandas" or scripts/provision-tools.sh` +
    ` (got ${r.error ? r.error.message : `exit ${r.status}: ${r.stderr.trim().split('\n').pop()}`})`);
}

export interface Recorder extends Logger {
  readonly lines: string[];
}

export function recorder(): Recorder {
  const lines: string[] = [];
  const push = (m: string): void => void lines.push(m);
  return { lines, trace: push, debug: push, info: push, warn: push, error: push };
}

/** Options of a PythonAssetApi on the stand-in against `info`'s emulator, secrets over stdin. */
export function standinOptions(info: IotTicketInfo, extra: Partial<PythonAssetApiOptions> = {}): PythonAssetApiOptions {
  return {
    interpreter: PYTHON,
    bridgeScript: BRIDGE,
    sysPath: [STANDIN],
    factoryKwargs: { base_url: info.coreBaseUrl, adapter_url: info.adapterBaseUrl },
    secrets: { username: info.user, password: info.password },
    tenant: info.tenant,
    backoff: { baseMs: 20, maxMs: 200 },
    ...extra,
  };
}

export interface PyFixture {
  readonly emu: Emulator;
  readonly info: IotTicketInfo;
  readonly api: PythonAssetApi;
  readonly http: IotTicketClient;
  readonly log: Recorder;
  /** Another backend on the same emulator (closed with the fixture). */
  backend(extra?: Partial<PythonAssetApiOptions>): PythonAssetApi;
  close(): Promise<void>;
}

export async function startPyFixture(options: EmulatorOptions = {}, extra: Partial<PythonAssetApiOptions> = {}): Promise<PyFixture> {
  requirePython();
  const emu = await startEmulator({ dataset: 'demo', ...options });
  const info = emu.info().iotticket as IotTicketInfo;
  const log = recorder();
  const opened: PythonAssetApi[] = [];
  const backend = (more: Partial<PythonAssetApiOptions> = {}): PythonAssetApi => {
    const api = new PythonAssetApi(standinOptions(info, { logger: log, ...extra, ...more }));
    opened.push(api);
    return api;
  };
  return {
    emu, info, log, backend,
    api: backend(),
    http: new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password, adapterBaseUrl: info.adapterBaseUrl, tenant: info.tenant }),
    async close() {
      for (const api of opened) api.dispose();
      await emu.close();
    },
  };
}

/** Resolves when `check` holds, polling; fails after `timeoutMs` with `what`. Waits on a condition, never a fixed time. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
