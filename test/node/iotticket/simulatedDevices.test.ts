/**
 * The demo's devices answer their commands (issue 19 §15): a command sent through the client goes
 * QUEUED → DELIVERED → SUCCEEDED by itself when the emulator runs with `deviceAnswerMs`, and stays QUEUED
 * without it (tests that play the device need that). The demo turns it on unless in test mode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoDevices } from '../../../src/demo/demoOptions';
import { startFixture, type Fixture } from './fixture';

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || performance.now() > end) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

void describe('demo devices answer their commands', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ deviceAnswerMs: 40 });
  });
  after(() => f.emu.close());

  void test('a sent command is delivered, then succeeds, each step in the command log', async () => {
    const receipt = await f.client.commands.sendCommand({ namesPath: [...f.info.asset.namesPath, 'Speed setpoint'], templateVariables: { rpm: 900 } });
    assert.equal(receipt.status, 'QUEUED');
    const details = await until(
      () => f.client.commands.getCommandDetails({ assetId: f.info.asset.id, identifierName: 'setSpeed', timestamp: 'epoch' }),
      (d) => d.some((c) => c.commandId === receipt.commandId && c.status === 'SUCCEEDED'),
    );
    const done = details.find((c) => c.commandId === receipt.commandId);
    assert.equal(done?.status, 'SUCCEEDED');
  });

  void test('without deviceAnswerMs a command stays queued; the demo answers outside test mode only', async () => {
    const quiet = await startFixture();
    try {
      const receipt = await quiet.client.commands.sendCommand({ namesPath: [...quiet.info.asset.namesPath, 'Speed setpoint'], templateVariables: { rpm: 900 } });
      await new Promise((r) => setTimeout(r, 200));
      const details = await quiet.client.commands.getCommandDetails({ assetId: quiet.info.asset.id, identifierName: 'setSpeed', timestamp: 'epoch' });
      assert.equal(details.find((c) => c.commandId === receipt.commandId)?.status, 'QUEUED');
    } finally {
      await quiet.emu.close();
    }
    assert.deepEqual(demoDevices({}), { deviceAnswerMs: 2000 });
    assert.deepEqual(demoDevices({ IOT_EXPLORER_TEST: '1' }), {});
    assert.deepEqual(demoDevices({ IOT_EXPLORER_TEST: '1', IOT_EXPLORER_DEMO_DEVICE_MS: '300' }), { deviceAnswerMs: 300 });
    assert.deepEqual(demoDevices({ IOT_EXPLORER_DEMO_DEVICE_MS: '0' }), {});
  });
});
