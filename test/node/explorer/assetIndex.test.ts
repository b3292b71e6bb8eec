/**
 * The Go to… index of an IoT-TICKET asset tree (issue 17 §4) in plain Node: built from the emulator's
 * get_all_assets pages, parsed in the worker thread, checked against the names paths the server itself
 * reports; matches streaming while pages arrive; parents that arrive after their children, cycles and
 * duplicates in the server's data; a page that is not a page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AssetApiAccess } from '../../../src/explorer/nodes/iotticket/assetApiAccess';
import { AssetIndex, buildIndex, INDEX_PAGE, scanIndex, type ScanProgress } from '../../../src/explorer/nodes/iotticket/assetIndexCore';
import { parsePage, stopPageParser } from '../../../src/explorer/nodes/iotticket/assetPageParser';
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
    stopPageParser();
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
      assert.deepEqual([...found.matches].sort(), oracle(assets, text).sort(), `"${text}"`);
      assert.ok(found.complete);
      assert.equal(found.scanned, assets.length);
    }
    assert.ok((await scanIndex(index, index.matcher(`${area} ${own.split(' ').at(-1)}`), never)).matches.includes(deepest.id), 'words from two levels of the path');
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
      assert.deepEqual(done.matches, [first.id]);
      assert.ok(done.complete);
    } finally {
      await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE' });
    }
  });
});

void describe('Go to… index data', () => {
  after(stopPageParser);

  const page = (total: number, rows: [string, string, string | null][]) => ({
    total,
    ids: rows.map((r) => r[0]),
    names: rows.map((r) => r[1]),
    parentIds: rows.map((r) => r[2]),
  });

  void test('a parent listed after its children is linked when it arrives; duplicates are kept once', () => {
    const index = new AssetIndex();
    index.add(page(4, [['c', 'Pump 7', 'b'], ['b', 'Line 2', 'a']]));
    assert.deepEqual(index.namesPath('c'), ['Line 2', 'Pump 7'], 'as far as the index knows');
    index.add(page(4, [['a', 'Plant', null], ['c', 'Pump 7 again', 'b'], ['d', 'Pump 8', 'b']]));
    assert.equal(index.size, 4);
    assert.deepEqual(index.namesPath('c'), ['Plant', 'Line 2', 'Pump 7']);
    assert.deepEqual(index.get('d'), { id: 'd', name: 'Pump 8', parentId: 'b' });
    const test = index.matcher('plant pump');
    assert.deepEqual([0, 1, 2, 3].filter(test).map((i) => index.idAt(i)), ['c', 'd']);
  });

  void test('a cycle in the server data ends the chain instead of hanging a search', async () => {
    const index = new AssetIndex();
    index.add(page(2, [['x', 'Loop X', 'y'], ['y', 'Loop Y', 'x']]));
    index.finish();
    assert.deepEqual(index.namesPath('x'), ['Loop Y', 'Loop X']);
    const done = await scanIndex(index, index.matcher('loop nowhere'), never);
    assert.deepEqual(done.matches, []);
  });

  void test('more assets than a column chunk and an id shard hold', () => {
    const index = new AssetIndex();
    const n = 20_000;
    index.add(page(n, Array.from({ length: n }, (_, i) => [`A${i}`, `Asset ${i}`, i === 0 ? null : `A${(i - 1) >> 1}`] as [string, string, string | null])));
    assert.equal(index.size, n);
    const path: string[] = [];
    for (let i = n - 1; ; i = (i - 1) >> 1) {
      path.unshift(`Asset ${i}`);
      if (i === 0) break;
    }
    assert.deepEqual(index.namesPath(`A${n - 1}`), path);
    assert.equal(index.idAt(12_345), 'A12345');
  });

  void test('the worker refuses a body that is not a page, naming why, and parses hostile names unchanged', async () => {
    const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    await assert.rejects(parsePage(bytes({ items: [] })), /not a \{fullSize, items\} page/);
    await assert.rejects(parsePage(bytes({ fullSize: 1, items: [{ id: 'A1' }] })), /no id or name/);
    await assert.rejects(parsePage(new TextEncoder().encode('{"fullSize": 1, "items": [')), /JSON/);
    const names = ['It\'s a "quoted" name', 'ends with a backslash \\', 'nul\0byte', 'line\u2028sep', '😀 Ünïcödé'];
    const parsed = await parsePage(bytes({ fullSize: names.length, items: names.map((name, i) => ({ id: `H${i}`, name, parentId: i ? 'H0' : null })) }));
    assert.deepEqual(parsed, { total: names.length, ids: names.map((_, i) => `H${i}`), names, parentIds: [null, 'H0', 'H0', 'H0', 'H0'] });
  });
});
