import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/server';

test('emulator answers /_emulator/info', async () => {
  const emu = await startEmulator();
  try {
    const res = await fetch(`${emu.url}/_emulator/info`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { url: string }).url, emu.url);
  } finally {
    await emu.close();
  }
});
