/** The hold on a long chart read until its first preview is drawn (src/charts/firstFrameGate.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FirstFrameGate } from '../../../src/charts/firstFrameGate';

const settled = async (p: Promise<void> | undefined): Promise<boolean> => {
  if (!p) return true;
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

void test('nothing is held before the first preview', () => {
  assert.equal(new FirstFrameGate().wait(), undefined);
});

void test('held after the preview, open once the webview drew it', async () => {
  const gate = new FirstFrameGate(60_000);
  gate.hold();
  const waiting = gate.wait();
  assert.ok(waiting);
  assert.equal(await settled(waiting), false);
  gate.drawn();
  assert.equal(await settled(waiting), true);
  assert.equal(gate.wait(), undefined, 'and stays open');
  gate.hold();
  assert.equal(gate.wait(), undefined, 'a read is held once');
});

void test('a frame drawn before the hold (a read done at once) leaves nothing to hold', () => {
  const gate = new FirstFrameGate(60_000);
  gate.drawn();
  gate.hold();
  assert.equal(gate.wait(), undefined);
});

void test('cancelling the read opens it', async () => {
  const gate = new FirstFrameGate(60_000);
  const abort = new AbortController();
  gate.hold(abort.signal);
  const waiting = gate.wait();
  abort.abort();
  assert.equal(await settled(waiting), true);
  const after = new FirstFrameGate(60_000);
  after.hold(abort.signal);
  assert.equal(after.wait(), undefined, 'a read already cancelled is not held');
});

void test('a webview that never draws (hidden) holds the read no longer than the wait', async () => {
  const gate = new FirstFrameGate(30);
  gate.hold();
  const started = Date.now();
  // The gate's timer does not keep a process alive by itself: this one does, for the test.
  const alive = setTimeout(() => undefined, 5000);
  await gate.wait();
  clearTimeout(alive);
  assert.ok(Date.now() - started >= 25, 'it waited');
  assert.equal(gate.wait(), undefined);
});
