/**
 * The Go to… index of an IoT-TICKET asset tree (issue 17 §4) in plain Node: built from the emulator's
 * get_all_assets pages, parsed in the worker thread, checked against the names paths the server itself
 * reports; matches streaming while pages arrive; parents that arrive after their children, cycles and
 * duplicates in the server's data; a page that is not a page.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AssetApiAccess } from '../../../src/explorer/nodes/iotticket/assetApiAccess';
import { AssetIndex, buildIndex, INDEX_PAGE, scanIndex, type ScanProgress } from '../../../src/explorer/nodes/iotticket/assetIndexCore';
import { searchAssets, type AssetSearchProgress } from '../../../src/explorer/nodes/iotticket/assetSearch';
import { pruneStoredIndexes, storedIndexFile } from '../../../src/explorer/nodes/iotticket/indexStore';
import { endBuild, packPage, startBuild, stopIndexWorker } from '../../../src/explorer/nodes/iotticket/indexWorkerClient';
import { BuildState } from '../../../src/explorer/nodes/iotticket/packedChunk';
import { SessionIndex } from '../../../src/explorer/nodes/iotticket/sessionIndex';
import { IotTicketClient } from '../../../src/platforms/iotticket';
import type { Asset } from '../../../src/platforms/iotticket/types';

const quiet = { info: (): void => undefined };
const never = new AbortController().signal;

/** The ids of the server's assets whose names path holds every word (case-insensitive), or whose id is `text`. */
function oracle(assets: readonly Asset[], text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return assets
    .filter((a) => a.id === text || words.every((w) => (a.namesPath ?? []).some((n) => n.toLowerCase().includes(w))))
    .map((a) => a.id);
}

function clientOf(emu: Emulator): IotTicketClient {
  const info = (emu.info() as { iotticket: { coreBaseUrl: string; user: string; password: string } }).iotticket;
  return new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
}

void describe('Go to… index over the emulator', () => {
  let emu: Emulator;
  let client: IotTicketClient;
  let assets: Asset[];

  before(async () => {
    // 2,500 assets: three get_all_assets pages, names paths four deep.
    emu = await startEmulator({ dataset: 'large', large: { assets: 2500, childrenPerLevel: 12, pointsPerSeries: 10 } });
    client = clientOf(emu);
    assets = [];
    for await (const a of client.assets.getAllAssets()) assets.push(a);
    assert.ok(assets.length > 2 * INDEX_PAGE, `more than two pages (${assets.length} assets)`);
  });

  after(async () => {
    stopIndexWorker();
    await emu.close();
  });

  void test('holds every asset once, with the names path the server reports, and matches as the server data says', async () => {
    const index = await buildIndex(new AssetApiAccess(client), new AssetIndex(), quiet, 'test');
    assert.equal(index.size, assets.length);
    assert.equal(index.total, assets.length);
    assert.ok(index.complete);
    for (const a of assets) assert.deepEqual(index.namesPath(a.id), a.namesPath, a.id);
    const deepest = assets.reduce((d, a) => ((a.namesPath?.length ?? 0) > (d.namesPath?.length ?? 0) ? a : d));
    const [, area, , own] = deepest.namesPath!;
    for (const text of [own, `${area} ${own.split(' ').at(-1)}`, area.toUpperCase(), deepest.id, 'no such asset']) {
      const found = await scanIndex(index, index.matcher(text), never);
      assert.deepEqual(found.matches.map((at) => index.idAt(at)).sort(), oracle(assets, text).sort(), `"${text}"`);
      assert.ok(found.complete);
      assert.equal(found.scanned, assets.length);
    }
    assert.ok((await scanIndex(index, index.matcher(`${area} ${own.split(' ').at(-1)}`), never)).matches.map((at) => index.idAt(at)).includes(deepest.id), 'words from two levels of the path');
  });

  void test('the server finds a whole name at once, and the chain of parents of what it found', async () => {
    const access = new AssetApiAccess(client);
    const deepest = assets.at(-1)!;
    const named = await access.assetNamed(deepest.name, never);
    assert.equal(named?.id, deepest.id);
    assert.deepEqual((await access.chainOf(named!, never)).map((a) => a.name), deepest.namesPath);
    await assert.rejects(access.assetNamed('no such asset', never));
  });

  void test("Go to…'s search has the server's answer to a whole name while the index is still empty; a part of a name, and a complete index, only the index", { timeout: 60_000 }, async () => {
    const access = new AssetApiAccess(client);
    const deepest = assets.at(-1)!;
    const pending = new AssetIndex(); // never built: its scan waits for pages that do not come
    const stop = new AbortController();
    const seen: AssetSearchProgress[] = [];
    const search = searchAssets(pending, access, ` ${deepest.name} `, stop.signal, (p) => {
      seen.push(p);
      if (p.named) stop.abort();
    });
    await assert.rejects(search, 'the scan stops when the search is cancelled');
    assert.equal(seen.at(-1)?.named?.id, deepest.id, 'the exact name came from the server');
    assert.deepEqual(seen.at(-1)?.scan.matches, [], 'the index had nothing yet');

    const errors: unknown[] = [];
    const part = deepest.name.slice(1);
    const partStop = new AbortController();
    const partial = searchAssets(new AssetIndex(), access, part, partStop.signal, undefined, (err) => {
      errors.push(err);
      partStop.abort();
    });
    await assert.rejects(partial);
    assert.equal(errors.length, 1, 'the server has no asset named like a part of a name, and says so');

    const built = await buildIndex(access, new AssetIndex(), quiet, 'test');
    const requests = seen.length;
    const done = await searchAssets(built, access, deepest.name, never, (p) => seen.push(p));
    assert.equal(done.named, undefined, 'a complete index does not ask the server');
    assert.deepEqual(done.scan.matches.map((at) => built.idAt(at)), oracle(assets, deepest.name));
    assert.equal(seen.length, requests, 'and a complete scan reports only its result');
  });

  void test('streams the matches of the first page while the others are still on their way', async () => {
    const first = assets[0];
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ kind: 'latency', ms: 300, pathPrefix: '/core/v1/assets' }] }),
    });
    try {
      const index = new AssetIndex();
      const build = buildIndex(new AssetApiAccess(client), index, quiet, 'test');
      const reports: ScanProgress[] = [];
      const done = await scanIndex(index, index.matcher(first.id), never, (p) => reports.push({ ...p, matches: [...p.matches] }));
      await build;
      const firstHit = reports.find((p) => p.matches.length > 0);
      assert.ok(firstHit, 'a report with the match');
      assert.equal(firstHit.complete, false, 'the match came before the last page');
      assert.ok(firstHit.scanned < assets.length);
      assert.deepEqual(done.matches.map((at) => index.idAt(at)), [first.id]);
      assert.ok(done.complete);
    } finally {
      await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE' });
    }
  });
});

/** Resolves when `ready()` holds, checking whenever `index`-like state may have moved (every turn of the loop). */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

void describe('Go to… index stored between sessions', () => {
  let emu: Emulator;
  let client: IotTicketClient;
  let dir: string;
  let assets: Asset[];
  const logged: string[] = [];
  const log = { info: (m: string) => void logged.push(m), warn: (m: string) => void logged.push(`warn: ${m}`) };

  before(async () => {
    emu = await startEmulator({ dataset: 'large', large: { assets: 2500, childrenPerLevel: 12, pointsPerSeries: 10 } });
    client = clientOf(emu);
    assets = [];
    for await (const a of client.assets.getAllAssets()) assets.push(a);
    dir = mkdtempSync(join(tmpdir(), 'goto-index-'));
  });

  after(async () => {
    stopIndexWorker();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const session = (file: string): SessionIndex => new SessionIndex({ access: new AssetApiAccess(client), label: 'test', log, storeFile: file, maxAgeMs: () => 600_000 });

  void test('a built index is stored for the owner only; the next session answers from it, then from a fresh build', async () => {
    const file = storedIndexFile(dir, { connectionId: 'conn-1', source: 'https://example/core', username: 'user-7f3a' });
    const first = session(file);
    const built = first.current;
    await until(() => built.complete, 'the first build');
    await first.stored;
    assert.ok(existsSync(file), 'stored');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!readFileSync(file, 'utf8').includes('user-7f3a'), 'no user name in the file');

    // The next session: its index is the stored one, with the names paths as built, while a new build runs.
    const second = session(file);
    const restored = second.current;
    const last = assets.at(-1)!;
    const found = await scanIndex(restored, restored.matcher(last.id), never);
    assert.deepEqual(found.matches.map((at) => restored.idAt(at)), [last.id]);
    assert.deepEqual(restored.chainAt(found.matches[0]).map((a) => a.name), last.namesPath, 'the chain by position, without the id map');
    assert.equal(restored.restoredFrom, built.builtAt);
    assert.equal(restored.size, assets.length);
    for (const a of assets) assert.deepEqual(restored.namesPath(a.id), a.namesPath, a.id);
    await until(() => second.live() !== restored, 'the fresh build to replace the stored index');
    assert.equal(second.current.restoredFrom, undefined);
    assert.equal(second.current.size, assets.length);
    assert.ok(logged.some((m) => m.startsWith('Read the stored Go to… index of "test"')), logged.join('\n'));
  });

  void test('a cut stored index is refused and deleted, and a new one built and stored', async () => {
    const file = storedIndexFile(dir, { connectionId: 'conn-2', source: 'https://example/core', username: 'user-7f3a' });
    const first = session(file);
    await until(() => first.current.complete, 'the first build');
    await first.stored;
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)), { mode: 0o600 });
    const second = session(file);
    await until(() => second.current.complete && second.current.restoredFrom === undefined, 'a new build');
    assert.equal(second.current.size, assets.length);
    assert.ok(logged.some((m) => m.startsWith('warn: The stored Go to… index of "test" could not be read')), logged.join('\n'));
    await until(() => existsSync(file) && readFileSync(file).length === whole.length, 'the new build stored');
  });

  void test('a stored index whose parents point outside it is refused', async () => {
    const file = storedIndexFile(dir, { connectionId: 'conn-3', source: 'https://example/core', username: 'user-7f3a' });
    const first = session(file);
    await until(() => first.current.complete, 'the first build');
    await first.stored;
    const lines = readFileSync(file, 'utf8').split('\n');
    const chunk = JSON.parse(lines[0]) as { parents: unknown[] };
    chunk.parents[1] = 10_000_000;
    lines[0] = JSON.stringify(chunk);
    writeFileSync(file, lines.join('\n'), { mode: 0o600 });
    const second = session(file);
    const restored = second.current;
    await until(() => restored.failed !== undefined, 'the restore to fail');
    assert.match(String(restored.failed), /damaged chunk/);
    await until(() => second.live() !== restored && second.current.complete, 'a new build');
    assert.equal(second.current.size, assets.length);
  });

  void test('the stored indexes of removed connections are deleted; a connection keeps only its latest server and user', async () => {
    const keep = storedIndexFile(dir, { connectionId: 'kept', source: 'a', username: 'u' });
    const gone = storedIndexFile(dir, { connectionId: 'removed', source: 'a', username: 'u' });
    for (const f of [keep, gone]) writeFileSync(f, 'x');
    await pruneStoredIndexes(dir, ['kept', 'conn-1', 'conn-2', 'conn-3']);
    assert.ok(existsSync(keep));
    assert.ok(!existsSync(gone));
    // conn-1 moves to another server: its next store replaces the file of the old one.
    const moved = storedIndexFile(dir, { connectionId: 'conn-1', source: 'https://other/core', username: 'user-7f3a' });
    const s = session(moved);
    await until(() => s.current.complete, 'the build');
    await s.stored;
    const conn1 = storedIndexFile(dir, { connectionId: 'conn-1', source: 'x', username: 'y' }).split('/').at(-1)!.split('-')[0];
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith(`${conn1}-`)), [moved.split('/').at(-1)]);
  });
});

void describe('Go to… index data', () => {
  after(stopIndexWorker);

  /** An index fed by one build's packing, as the worker packs pages. */
  const fed = (): { index: AssetIndex; page(total: number, rows: [string, string, string | null][]): void } => {
    const index = new AssetIndex();
    const build = new BuildState();
    return { index, page: (total, rows) => index.add(build.pack(rows.map(([id, name, parentId]) => ({ id, name, parentId })), total)) };
  };

  void test('a parent listed after its children is linked when it arrives; duplicates are kept once', () => {
    const { index, page } = fed();
    page(4, [['c', 'Pump 7', 'b'], ['b', 'Line 2', 'a']]);
    assert.deepEqual(index.namesPath('c'), ['Line 2', 'Pump 7'], 'as far as the index knows');
    page(4, [['a', 'Plant', null], ['c', 'Pump 7 again', 'b'], ['d', 'Pump 8', 'b']]);
    assert.equal(index.size, 4);
    assert.deepEqual(index.namesPath('c'), ['Plant', 'Line 2', 'Pump 7']);
    assert.deepEqual(index.get('d'), { id: 'd', name: 'Pump 8', parentId: 'b' });
    const test = index.matcher('plant pump');
    assert.deepEqual([0, 1, 2, 3].filter(test).map((i) => index.idAt(i)), ['c', 'd']);
  });

  void test('a word is found inside one name only, in any case, and an id only whole', () => {
    const { index, page } = fed();
    // "ab" + "cd" hold "bc" only across the two names; İ lower-cases to two characters.
    page(5, [['X1', 'ab', null], ['X10', 'cd', null], ['X100', 'İstanbul Pump', null], ['X2', 'Ab Cd', null], ['Y', 'bc', null]]);
    const hits = (text: string): string[] => [0, 1, 2, 3, 4].filter(index.matcher(text)).map((i) => index.idAt(i));
    assert.deepEqual(hits('bc'), ['Y']);
    assert.deepEqual(hits('AB'), ['X1', 'X2']);
    assert.deepEqual(hits('pump'), ['X100'], 'after a name whose lower case is longer');
    assert.deepEqual(hits('stanbul'), ['X100']);
    assert.deepEqual(hits('X10'), ['X10'], 'the id X10, not X100 that starts with it');
    assert.equal(index.positionOf('X1'), 0);
    assert.equal(index.positionOf('X'), undefined);
  });

  void test('pages that arrive out of order are added in the order their positions were given out', () => {
    const build = new BuildState();
    const pack = (rows: [string, string, string | null][]) => build.pack(rows.map(([id, name, parentId]) => ({ id, name, parentId })), 5);
    const p1 = pack([['a', 'Plant', null]]);
    const p2 = pack([['a', 'Plant again', null]]);
    const p3 = pack([['b', 'Line', 'a'], ['c', 'Pump', 'd']]);
    const p4 = pack([['d', 'Skid', 'a']]);
    const index = new AssetIndex();
    for (const p of [p4, p3, p2, p1]) index.add(p);
    assert.equal(index.size, 4);
    assert.deepEqual([0, 1, 2, 3].map((i) => index.idAt(i)), ['a', 'b', 'c', 'd']);
    assert.deepEqual(index.namesPath('c'), ['Plant', 'Skid', 'Pump']);
  });

  void test('a cycle in the server data ends the chain instead of hanging a search', async () => {
    const { index, page } = fed();
    page(2, [['x', 'Loop X', 'y'], ['y', 'Loop Y', 'x']]);
    index.finish();
    assert.deepEqual(index.namesPath('x'), ['Loop Y', 'Loop X']);
    const done = await scanIndex(index, index.matcher('loop nowhere'), never);
    assert.deepEqual(done.matches, []);
  });

  void test('more assets than a column chunk holds', () => {
    const { index, page } = fed();
    const n = 20_000;
    page(n, Array.from({ length: n }, (_, i) => [`A${i}`, `Asset ${i}`, i === 0 ? null : `A${(i - 1) >> 1}`] as [string, string, string | null]));
    assert.equal(index.size, n);
    const path: string[] = [];
    for (let i = n - 1; ; i = (i - 1) >> 1) {
      path.unshift(`Asset ${i}`);
      if (i === 0) break;
    }
    assert.deepEqual(index.namesPath(`A${n - 1}`), path);
    assert.equal(index.idAt(12_345), 'A12345');
  });

  void test('the worker refuses a body that is not a page, naming why, and packs hostile names unchanged', async () => {
    const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    const build = startBuild();
    try {
      await assert.rejects(packPage(build, bytes({ items: [] })), /not a \{fullSize, items\} page/);
      await assert.rejects(packPage(build, bytes({ fullSize: 1, items: [{ id: 'A1' }] })), /no id or name/);
      await assert.rejects(packPage(build, new TextEncoder().encode('{"fullSize": 1, "items": [')), /JSON/);
      const names = ['It\'s a "quoted" name', 'ends with a backslash \\', 'nul\0byte', 'line\u2028sep', '😀 Ünïcödé'];
      const packed = await packPage(build, bytes({ fullSize: names.length, items: names.map((name, i) => ({ id: `H${i}`, name, parentId: i ? 'H0' : null })) }));
      const index = new AssetIndex();
      index.add(packed);
      assert.deepEqual(names.map((_, i) => index.assetAt(i)), names.map((name, i) => ({ id: `H${i}`, name, parentId: i ? 'H0' : null })));
    } finally {
      endBuild(build);
    }
  });
});
