import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { splitRange } from '../../../src/charts/pagedFetch';
import { emulatorSource, sequentialRead } from './emulatorSource';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;
let emu: Emulator;

before(async () => {
  emu = await startEmulator({ now: () => NOW });
});
after(() => emu.close());

void test('a range that fits one page costs one request', async () => {
  const src = emulatorSource(emu);
  const data = await src.fetchRange({ from: NOW - 3_600_000, to: NOW });
  const ref = await sequentialRead(emu, NOW - 3_600_000, NOW);
  assert.equal(src.requests.length, 1);
  assert.ok(ref.timestamps.length > 30);
  assert.deepEqual([...data.timestamps], ref.timestamps);
});

void test('90 days (13 pages of 10000) come page-parallel and equal a sequential read', async () => {
  const src = emulatorSource(emu, { concurrency: 4 });
  let pages = 0;
  let points = 0;
  const data = await src.fetchRange({ from: NOW - 90 * DAY, to: NOW, onPage: (p) => { pages++; points += p.timestamps.length; } });
  const ref = await sequentialRead(emu, NOW - 90 * DAY, NOW);
  assert.ok(ref.timestamps.length > 100_000, `${ref.timestamps.length} points`);
  assert.deepEqual([...data.timestamps], ref.timestamps);
  assert.deepEqual([...data.values], ref.values);
  assert.ok(src.maxInFlight() > 1, `in flight at once: ${src.maxInFlight()}`);
  assert.ok(src.maxInFlight() <= 4);
  assert.equal(pages, src.requests.length);
  assert.ok(points >= ref.timestamps.length);
  assert.ok(src.requests.every((r) => r.limit <= 10_000));
});

void test('the Altair limit (1000 a page) and newest-first pages give the same series', async () => {
  const from = NOW - 7 * DAY;
  const ref = await sequentialRead(emu, from, NOW);
  for (const order of ['asc', 'desc'] as const) {
    const src = emulatorSource(emu, { pageLimit: 1000, order });
    const data = await src.fetchRange({ from, to: NOW });
    assert.deepEqual([...data.timestamps], ref.timestamps, order);
    assert.ok(src.requests.length >= Math.ceil(ref.timestamps.length / 1000), `${order}: ${src.requests.length} requests`);
    assert.ok(src.requests.every((r) => r.limit <= 1000));
  }
});

void test('a limit returns the first N points, in order, and says it truncated', async () => {
  const src = emulatorSource(emu);
  const from = NOW - 30 * DAY;
  const data = await src.fetchRange({ from, to: NOW, limit: 25_000 });
  const ref = await sequentialRead(emu, from, NOW);
  assert.equal(data.truncated, true);
  assert.deepEqual([...data.timestamps], ref.timestamps.slice(0, 25_000));
  assert.equal(src.maxInFlight(), 1);
});

void test('aborting stops the paging: the promise rejects and no page is requested after it', async () => {
  emu.faults.set([{ kind: 'latency', ms: 60, pathPrefix: '/core/v1/' }]);
  try {
    const src = emulatorSource(emu, { concurrency: 2 });
    const ac = new AbortController();
    let pages = 0;
    const p = src.fetchRange({ from: NOW - 90 * DAY, to: NOW, signal: ac.signal, onPage: () => { if (++pages === 2) ac.abort(); } });
    await assert.rejects(p, (err: Error) => err.name === 'AbortError');
    const requested = src.requests.length;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(src.requests.length, requested);
    assert.ok(requested < 13, `${requested} requests`);
  } finally {
    emu.faults.clear();
  }
});

void test('splitRange covers the range exactly with no overlap', () => {
  for (const [from, to, n] of [[0, 99, 4], [10, 10, 3], [0, 1_000_000, 7]] as const) {
    const parts = splitRange({ from, to }, n);
    assert.equal(parts[0].from, from);
    assert.equal(parts[parts.length - 1].to, to);
    for (let i = 1; i < parts.length; i++) assert.equal(parts[i].from, parts[i - 1].to + 1);
    assert.ok(parts.every((p) => p.from <= p.to));
  }
});

void test('beforeRequest holds every request after the first until it resolves, and the read is complete after', async () => {
  const src = emulatorSource(emu, { concurrency: 4 });
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  let waits = 0;
  const reading = src.fetchRange({ from: NOW - 30 * DAY, to: NOW, beforeRequest: () => { waits++; return held; } });
  // The first page comes; the slices after it wait on the promise.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(src.requests.length, 1, 'only the first page was asked for');
  assert.ok(waits >= 1);
  open();
  const data = await reading;
  const ref = await sequentialRead(emu, NOW - 30 * DAY, NOW);
  assert.deepEqual([...data.timestamps], ref.timestamps);
  assert.equal(waits, src.requests.length - 1, 'each request after the first waited');
});
