/**
 * The Python backend's process: each missing piece answered before any call, the handshake, calls in flight,
 * cancellation, timeouts, a crash mid-request and the restart, the permanent "failed" state, secrets kept
 * out of argv, the environment and files, and a protocol stream that nothing printed can corrupt.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError, ValidationError } from '../../../../src/platforms/http';
import {
  PythonBackendFailedError, PythonCallError, PythonProcessExitedError, PythonSetupError, PythonTimeoutError, type BackendState,
} from '../../../../src/platforms/iotticket/python';
import { rejects } from '../fixture';
import { PYTHON, requirePython, startPyFixture, until, type PyFixture } from './pyFixture';

let f: PyFixture;
before(async () => {
  f = await startPyFixture();
});
after(() => f.close());

void test('the test interpreter has pandas (required, never skipped)', () => {
  requirePython();
});

void describe('missing pieces, before any call', () => {
  void test('no Python at the path', async () => {
    const api = f.backend({ interpreter: '/nonexistent/bin/python3' });
    const err = await rejects(api.organizations.getOrganizations(), PythonSetupError);
    assert.equal(err.reason, 'python-not-found');
    assert.equal(err.interpreter, '/nonexistent/bin/python3');
    assert.equal(api.python.status.state, 'failed');
    assert.equal(await rejects(api.assets.getAssetTemplates(), PythonSetupError), err, 'the same answer, without another start');
  });

  void test('no Python of that name on PATH', async () => {
    const err = await rejects(f.backend({ interpreter: 'python-that-does-not-exist-3' }).describe(), PythonSetupError);
    assert.equal(err.reason, 'python-not-found');
    assert.match(err.message, /not found on PATH/);
  });

  void test('das.iot_client not importable: names the interpreter and the ImportError', async () => {
    const api = f.backend({ sysPath: [] });
    const err = await rejects(api.describe(), PythonSetupError);
    assert.equal(err.reason, 'sdk-not-importable');
    assert.equal(err.pythonType, 'ModuleNotFoundError');
    assert.match(err.message, new RegExp(`das\\.iot_client cannot be imported by ${PYTHON.replace(/[/.]/g, '\\$&')}: ModuleNotFoundError: No module named 'das'`));
    assert.equal(api.python.status.state, 'failed');
  });

  void test('a factory that cannot be found, and one that raises', async () => {
    const missing = await rejects(f.backend({ factory: 'bridge_probe:no_such_factory' }).describe(), PythonSetupError);
    assert.equal(missing.reason, 'factory-not-found');
    assert.match(missing.message, /no_such_factory/);
    const api = f.backend({ factory: 'bridge_probe:failing_factory', maxFailedStarts: 2 });
    const raised = await rejects(api.describe(), PythonSetupError);
    assert.equal(raised.reason, 'factory-failed');
    assert.equal(raised.pythonType, 'RuntimeError');
    assert.match(raised.message, /bridge_probe:failing_factory raised RuntimeError: the configuration file ~\/\.das\/config is missing/);
    assert.equal(api.python.status.state, 'idle', 'a raising factory may succeed later: another start is allowed');
    await rejects(api.describe(), PythonSetupError);
    assert.equal(api.python.status.state, 'failed');
    assert.ok((await rejects(api.describe(), PythonBackendFailedError)).message.includes('gave up after 2 failed starts'));
  });

  void test('an interpreter that is not Python: three failed starts, then a permanent "failed" with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iot-py-'));
    const fake = join(dir, 'python3');
    writeFileSync(fake, '#!/bin/sh\necho "not python" >&2\nexit 9\n');
    chmodSync(fake, 0o755);
    const api = f.backend({ interpreter: fake });
    const states: BackendState[] = [];
    api.python.onDidChangeStatus((s) => states.push(s.state));
    for (let i = 0; i < 3; i++) {
      const err = await rejects(api.describe(), PythonSetupError);
      assert.equal(err.reason, 'bridge-failed');
      assert.match(err.message, /exited \(code 9\) before the bridge was ready: not python/);
    }
    const failed = await rejects(api.describe(), PythonBackendFailedError);
    assert.match(failed.message, /gave up after 3 failed starts: .*code 9/);
    assert.equal(api.python.status.state, 'failed');
    assert.ok(states.includes('waiting'), 'restarts wait (backoff)');
    api.python.restart();
    assert.equal(api.python.status.state, 'idle', 'restart() clears the failed state');
  });
});

void describe('a running backend', () => {
  void test('describe: interpreter, Python and SDK versions, the organization it sees', async () => {
    const d = await f.api.describe();
    assert.equal(d.backend, 'python');
    assert.equal(d.interpreter, PYTHON);
    assert.match(d.pythonVersion, /^3\.\d+\.\d+$/);
    assert.equal(d.sdkVersion, '0.0.0+standin');
    assert.equal(d.factory, 'das.iot_client:IoTClient');
    assert.equal(d.organization?.id, f.info.organizationId);
    assert.equal(d.organization?.tenantId, f.info.tenant);
    assert.equal(f.api.python.status.state, 'ready');
  });

  void test('secrets reach the process over stdin only: not in argv, the environment or any open file', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    await api.describe();
    const pid = api.python.pid!;
    assert.equal(Number(await api.python.call('probe_pid')), pid);
    const secret = f.info.password;
    assert.ok(!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(secret), 'argv');
    assert.ok(!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(secret), 'environment');
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('/') || !statSync(target, { throwIfNoEntry: false })?.isFile()) continue;
      assert.ok(!readFileSync(target, 'latin1').includes(secret), `open file ${target}`);
    }
    assert.ok(f.log.lines.every((l) => !l.includes(secret)), 'log');
  });

  void test('SDK errors: ValueError → ValidationError; others typed, with the HTTP status; tracebacks in the log only; secrets redacted', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    const v = await rejects(api.python.call('probe_raise', { kwargs: { kind: 'value', text: 'limit must be positive' } }), ValidationError);
    assert.equal(v.parameter, 'probe_raise');
    assert.equal(v.message, 'probe_raise: limit must be positive');
    const h = await rejects(api.python.call('probe_raise', { kwargs: { kind: 'http', text: 'No asset "X"' } }), PythonCallError);
    assert.deepEqual([h.pythonType, h.status, h.pythonMessage], ['HttpLikeError', 404, '404 Client Error: No asset "X"']);
    assert.ok(!h.message.includes('Traceback'));
    const k = await rejects(api.python.call('probe_raise', { kwargs: { kind: 'key', text: f.info.password } }), PythonCallError);
    assert.equal(k.pythonType, 'KeyError');
    assert.ok(!k.message.includes(f.info.password), 'the password the SDK echoed is masked');
    await until(() => f.log.lines.some((l) => l.includes('Traceback (most recent call last)')), 'the traceback in the log');
    assert.ok(f.log.lines.every((l) => !l.includes(f.info.password)));
    const missing = await rejects(api.python.call('no_such_method'), PythonCallError);
    assert.match(missing.message, /AttributeError: ProbeClient has no method no_such_method/);
  });

  void test('what the SDK, its libraries and its child processes print goes to the log, not into the protocol', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    assert.equal(await api.python.call('probe_print'), 'clean');
    await until(() => ['printed by the SDK', 'written to fd 1', 'a child process printing'].every((t) => f.log.lines.some((l) => l.includes(t))), 'the printed lines in the log');
    assert.equal((await api.organizations.getOrganizations()).length, 2, 'the stream is intact afterwards');
  });

  void test('10 calls in flight at once, answered by id', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    await api.describe();
    const seconds = [0.3, 0.1, 0.2, 0.05, 0.25, 0.15, 0.35, 0.02, 0.12, 0.22];
    const results = await Promise.all(seconds.map((s) => api.python.call('probe_sleep', { args: [s] })));
    assert.deepEqual(results, seconds);
    const mixed = await Promise.all([
      api.assets.getAttributes({ assetId: f.info.asset.id }), api.organizations.getOrganizations(), api.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 100 }),
      ...Array.from({ length: 7 }, () => api.devices.getDevice(f.info.device.id)),
    ]);
    assert.equal((mixed[2] as { timestamps: Float64Array }).timestamps.length, 100);
    assert.ok(mixed.slice(3).every((d) => (d as { id: string }).id === f.info.device.id));
  });

  void test('cancellation: the call rejects at once, the process stays, its late answer is dropped', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    await api.describe();
    const pid = api.python.pid;
    const controller = new AbortController();
    const slow = api.python.call('probe_sleep', { args: [2], signal: controller.signal });
    controller.abort();
    await rejects(slow, CancelledError);
    await rejects(api.python.call('probe_sleep', { args: [1], signal: AbortSignal.abort() }), CancelledError);
    assert.equal(await api.python.call('probe_sleep', { args: [0.01] }), 0.01);
    assert.equal(api.python.pid, pid);
  });

  void test('a timeout per call', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client', timeoutMs: 60_000 });
    const err = await rejects(api.python.call('probe_sleep', { args: [5], timeoutMs: 200 }), PythonTimeoutError);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /probe_sleep did not answer within 200 ms; the platform may or may not have applied it/);
    assert.equal(await api.python.call('probe_sleep', { args: [0.01] }), 0.01);
  });

  void test('a crash mid-request fails every pending call; the next call starts a new process', async () => {
    const api = f.backend({ factory: 'bridge_probe:make_client' });
    await api.describe();
    const first = api.python.pid!;
    // Long enough to be in flight when the process is killed; short, as the emulator's timer outlives the test.
    f.emu.faults.add({ kind: 'latency', pathPrefix: '/core/v1/attributes', ms: 3000, count: 1 });
    const pending = [api.python.call('probe_sleep', { args: [30] }), api.python.call('probe_sleep', { args: [30] }), api.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId })];
    await until(() => f.emu.faults.list().some((r) => (r.seen ?? 0) > 0), 'the series request to reach the emulator');
    process.kill(first, 'SIGKILL');
    for (const p of pending) {
      const err = await rejects(p, PythonProcessExitedError);
      assert.equal(err.signal, 'SIGKILL');
      assert.equal(err.kind, 'network');
      assert.match(err.message, /was killed by SIGKILL while (probe_sleep|get_timeseries) was in flight; the platform may or may not have applied it/);
    }
    f.emu.faults.clear();
    await until(() => api.python.status.state === 'idle', 'the backend to notice the exit');
    assert.equal(api.python.status.failures, 1);
    assert.equal((await api.organizations.getOrganizations()).length, 2);
    assert.notEqual(api.python.pid, first);
    assert.equal(api.python.status.failures, 0, 'an answered call resets the count');
  });

  void test('dispose ends the process; calls then fail clearly', async () => {
    const api = f.backend();
    await api.describe();
    const pid = api.python.pid!;
    api.dispose();
    await until(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, 'the process to end');
    assert.equal(api.python.status.state, 'disposed');
    await rejects(api.organizations.getOrganizations(), PythonBackendFailedError);
  });
});
