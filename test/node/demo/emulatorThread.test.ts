/**
 * The demo's emulator in a thread of its own (src/demo/emulatorThread.ts): it serves over loopback, its
 * faults go through its admin routes, a start that fails says why, and closing it frees its port. (What the
 * thread is for, a chart's preview not waiting behind the pages the emulator generates, is a bench figure.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startEmulatorThread } from '../../../src/demo/emulatorThread';

// Transpiled beside this file's source in out/ (the extension runs dist/emulator-worker.js, the same code bundled).
const WORKER = join(__dirname, '../../../src/demo/emulatorWorker.js');

void test('serves the demo over loopback from its thread, injects faults through its admin routes, and closes', async () => {
  const exits: string[] = [];
  const emu = await startEmulatorThread(WORKER, { port: 0 }, (why) => exits.push(why));
  try {
    const info = (await emu.info()) as { url: string; iotticket: { coreBaseUrl: string; user: string; password: string } };
    assert.equal(info.url, emu.url);
    const auth = { Authorization: `Basic ${Buffer.from(`${info.iotticket.user}:${info.iotticket.password}`).toString('base64')}` };
    const path = `${new URL(info.iotticket.coreBaseUrl).pathname}/organizations`;

    assert.equal((await fetch(`${info.iotticket.coreBaseUrl}/organizations`, { headers: auth })).status, 200);

    await emu.faults.set([{ kind: '503', pathPrefix: path, count: 1 }]);
    assert.equal((await fetch(`${info.iotticket.coreBaseUrl}/organizations`, { headers: auth })).status, 503);
    const [rule] = await emu.faults.list();
    assert.equal(rule?.seen, 1);
    assert.equal(rule?.count, 0);
    await emu.faults.clear();
    assert.deepEqual(await emu.faults.list(), []);
    await assert.rejects(emu.faults.set([{ kind: 'nonsense' as '503' }]), /unknown fault kind nonsense/);
  } finally {
    await emu.close();
  }
  await assert.rejects(fetch(`${emu.url}/_emulator/info`), 'nothing listens after close');
  assert.deepEqual(exits, [], 'a close is not reported as the thread stopping');
});

void test('a start that fails rejects with the emulator\'s reason', async () => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as { port: number }).port;
  try {
    await assert.rejects(startEmulatorThread(WORKER, { port }, () => undefined), /EADDRINUSE/);
  } finally {
    busy.close();
  }
});
