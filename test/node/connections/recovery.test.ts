/**
 * Recovery in plain Node against the emulator: a connection whose server went away is tried again
 * with backoff by itself and recovers without a click when the server is back on the same port; a
 * check is throttled; a failure that will not pass (wrong password) is not transient.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { isTransientFailure, Recovery } from '../../../src/connections/recovery';
import { IotTicketClient } from '../../../src/platforms/iotticket';

type Info = { coreBaseUrl: string; user: string; password: string };

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

void describe('Recovery of a connection whose server went away', () => {
  let emu: Emulator | undefined;
  after(() => emu?.close());

  void test('retries with growing delays while the server is gone and recovers when it is back', async () => {
    emu = await startEmulator();
    const port = emu.port;
    const info = (emu.info() as { iotticket: Info }).iotticket;
    const client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    const outcomes: { at: number; ok: boolean; err?: unknown }[] = [];
    const recovery = new Recovery({
      probe: async (_id, signal) => void (await client.organizations.getOrganizations({ signal })),
      report: (_id, outcome) => outcomes.push({ at: Date.now(), ok: outcome === 'ok', err: outcome === 'ok' ? undefined : outcome }),
      firstDelayMs: 40,
      maxDelayMs: 400,
    });
    try {
      assert.equal(await recovery.check('c1', true), true, 'the server answers');
      await emu.close();
      emu = undefined;
      assert.equal(await recovery.check('c1', true), false, 'a check sees the server gone');
      const failure = outcomes.at(-1)?.err;
      assert.ok(isTransientFailure(failure), `connection refused is transient: ${String(failure)}`);
      recovery.failed('c1');
      assert.ok(recovery.nextTry('c1'), 'a try is planned');
      await until(() => outcomes.filter((o) => !o.ok).length >= 4, 'three retries');
      const fails = outcomes.filter((o) => !o.ok).slice(1);
      const gaps = fails.slice(1).map((o, i) => o.at - fails[i].at);
      assert.ok(gaps[1] > gaps[0], `the delays grow: ${gaps.join(', ')} ms`);
      emu = await startEmulator({ port });
      await until(() => outcomes.at(-1)?.ok === true, 'recovery without a click');
      assert.equal(recovery.nextTry('c1'), undefined, 'no more tries once it answered');
      const count = outcomes.length;
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(outcomes.length, count, 'nothing is probed after recovery');
    } finally {
      recovery.dispose();
    }
  });

  void test('checks are throttled and shared; a wrong password is not a transient failure', async () => {
    emu ??= await startEmulator();
    const info = (emu.info() as { iotticket: Info }).iotticket;
    const wrong = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: 'not-the-password' });
    let probes = 0;
    let lastError: unknown;
    const recovery = new Recovery({
      probe: async (_id, signal) => {
        probes++;
        await wrong.organizations.getOrganizations({ signal });
      },
      report: (_id, outcome) => void (lastError = outcome),
      throttleMs: 60_000,
    });
    try {
      const [a, b] = await Promise.all([recovery.check('c2'), recovery.check('c2')]);
      assert.deepEqual([a, b, probes], [false, false, 1], 'two checks at once share one probe');
      assert.equal(await recovery.check('c2'), true, 'a check within the throttle does not probe');
      assert.equal(probes, 1);
      assert.equal(isTransientFailure(lastError), false, `a 401 does not pass by itself: ${String(lastError)}`);
    } finally {
      recovery.dispose();
    }
  });
});
