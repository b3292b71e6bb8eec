import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, FIXED_NOW, start, type Harness, type Page } from './helpers';

let h: Harness;
let core: string;
const ASSETS = 20_000;
const CHILDREN = 10_000;
const POINTS = 30_000;

before(async () => {
  h = await start({ dataset: 'large', large: { assets: ASSETS, childrenPerLevel: CHILDREN, pointsPerSeries: POINTS } });
  core = h.info.coreBaseUrl;
});
after(() => h.emu.close());

interface Asset { id: string; name: string; parentId: string | null; namesPath: string[]; childCount: number }
interface Tree { asset: Asset | null; children: Asset[]; fullSize: number; limit: number; offset: number }

void test('a level of 10,000 children pages completely with limit/offset', async () => {
  const roots = await call<Tree>(`${core}/assets/tree`, { auth: h.user });
  assert.equal(roots.body.fullSize, 1);
  const root = roots.body.children[0];
  assert.equal(root.childCount, CHILDREN);
  const ids = new Set<string>();
  for (let offset = 0; offset < CHILDREN; offset += 1000) {
    const page = await call<Tree>(`${core}/assets/tree?assetId=${root.id}&limit=1000&offset=${offset}`, { auth: h.user });
    assert.equal(page.body.fullSize, CHILDREN);
    assert.equal(page.body.children.length, 1000);
    assert.equal(page.body.offset, offset);
    for (const c of page.body.children) {
      assert.equal(c.parentId, root.id);
      ids.add(c.id);
    }
  }
  assert.equal(ids.size, CHILDREN);
  const past = await call<Tree>(`${core}/assets/tree?assetId=${root.id}&limit=1000&offset=${CHILDREN}`, { auth: h.user });
  assert.deepEqual(past.body.children, []);
  const second = await call<Tree>(`${core}/assets/tree?assetId=${[...ids][0]}&limit=1`, { auth: h.user });
  assert.equal(second.body.fullSize, ASSETS - 1 - CHILDREN);
});

void test('get_all_assets covers every asset; a deep asset is found by names path and by name', async () => {
  const first = await call<Page<Asset>>(`${core}/assets?limit=1000`, { auth: h.user });
  assert.equal(first.body.fullSize, ASSETS);
  const last = await call<Page<Asset>>(`${core}/assets?limit=1000&offset=${ASSETS - 10}`, { auth: h.user });
  assert.equal(last.body.items!.length, 10);
  const deep = h.info.asset;
  assert.ok(deep.namesPath.length >= 3);
  const byPath = await call<Tree>(`${core}/assets/tree?namesPath=${encodeURIComponent(deep.namesPath.join('/'))}`, { auth: h.user });
  assert.equal(byPath.body.asset!.id, deep.id);
  assert.deepEqual(byPath.body.asset!.namesPath, deep.namesPath);
  const byName = await call<Tree>(`${core}/assets/tree?assetName=${encodeURIComponent(deep.namesPath.at(-1)!)}`, { auth: h.user });
  assert.equal(byName.body.asset!.id, deep.id);
  const wrongPath = await call(`${core}/assets/tree?namesPath=${encodeURIComponent([...deep.namesPath.slice(0, -2), deep.namesPath.at(-1)!].join('/'))}`, { auth: h.user });
  assert.equal(wrongPath.status, 404);
});

void test('every large asset has attributes of all seven types, resolvable by id', async () => {
  const attrs = await call<Page<{ id: string; type: string; assetId: string }>>(`${core}/assets/${h.info.asset.id}/attributes`, { auth: h.user });
  assert.deepEqual(attrs.body.items!.map((a) => a.type).sort(), ['AssetEvent', 'Calculated', 'Command', 'DeviceEvent', 'Number', 'String', 'TelemetryData', 'TelemetryData']);
  for (const a of attrs.body.items!) {
    const one = await call<{ id: string; assetId: string; namesPath: string[] }>(`${core}/attributes/${a.id}`, { auth: h.user });
    assert.equal(one.body.assetId, h.info.asset.id);
    assert.deepEqual(one.body.namesPath.slice(0, -1), h.info.asset.namesPath);
  }
});

void test('a generated series has pointsPerSeries points over 90 days, fetched in 10,000-point pages', async () => {
  let start = 0;
  let total = 0;
  let pages = 0;
  let previous = -Infinity;
  for (;;) {
    const page = await call<{ values: { ts: number; v: number }[]; truncated: boolean }>(
      `${core}/attributes/${h.info.asset.telemetryAttributeId}/timeseries?start=${start}&order=asc&limit=10000&timestamp=epoch`, { auth: h.user });
    for (const p of page.body.values) {
      assert.ok(p.ts > previous);
      previous = p.ts;
    }
    total += page.body.values.length;
    pages++;
    if (!page.body.truncated) break;
    start = previous + 1;
  }
  assert.ok(total <= POINTS + 1 && total >= POINTS * 0.95, `about ${POINTS} points, got ${total}`);
  assert.equal(pages, Math.ceil(total / 10000));
  assert.ok(previous <= FIXED_NOW && previous > FIXED_NOW - 86_400_000);
});

void test('telemetry written by a large-dataset device is visible on its asset', async () => {
  const ts = FIXED_NOW - 1234;
  const res = await call(`${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/${h.info.device.id}`, {
    method: 'PUT', auth: h.device, json: { t: [{ n: 'temperature', dt: 'double', data: [{ [new Date(ts).toISOString()]: -5.5 }] }] },
  });
  assert.equal(res.status, 202);
  const page = await call<{ values: { ts: number; v: number }[] }>(`${core}/attributes/${h.info.asset.telemetryAttributeId}/timeseries?start=${ts}&end=${ts}&timestamp=epoch`, { auth: h.user });
  assert.deepEqual(page.body.values, [{ ts, v: -5.5 }]);
});

void test('1,000,000 assets: the tree is computed, not stored', async () => {
  const big = await start({ dataset: 'large', large: { assets: 1_000_000, childrenPerLevel: 10_000, pointsPerSeries: 1_000_000 } });
  try {
    const all = await call<Page<Asset>>(`${big.info.coreBaseUrl}/assets?limit=1&offset=999999`, { auth: big.user });
    assert.equal(all.body.fullSize, 1_000_000);
    assert.equal(all.body.items![0].id, big.info.asset.id);
    const tree = await call<Tree>(`${big.info.coreBaseUrl}/assets/tree?namesPath=${encodeURIComponent(big.info.asset.namesPath.join('/'))}`, { auth: big.user });
    assert.equal(tree.body.asset!.id, big.info.asset.id);
    const page = await call<{ values: unknown[]; truncated: boolean }>(`${big.info.coreBaseUrl}/attributes/${big.info.asset.telemetryAttributeId}/timeseries?limit=10000`, { auth: big.user });
    assert.equal(page.body.values.length, 10000);
    assert.equal(page.body.truncated, true);
  } finally {
    await big.emu.close();
  }
});
