// Measures the explorer's two scale paths against the large emulator dataset (100,000 assets, a level of
// 10,000 children), outside VS Code and outside the tests, with the same client calls the tree makes:
//   1. first page of the 10,000-child level: the asset's attributes, then children 0–99 (AssetNode);
//   2. "Go to…" on 100,000 assets: the names-path index (get_all_assets, 1000 per page, 4 in flight),
//      the search over it, and loading the levels down to the hit (root, its level, the hit's level).
// Usage: node scripts/measure-explorer.mjs [--runs 5] [--assets 100000]
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt('runs', 5);
const assets = opt('assets', 100_000);

// The emulator server and the platform client, bundled from source (no vscode anywhere in them).
const dir = mkdtempSync(join(tmpdir(), 'measure-explorer-'));
const entry = `
export { startEmulator } from './src/emulator/server';
export { IotTicketClient } from './src/platforms/iotticket/client';
export { AssetApiAccess } from './src/explorer/nodes/iotticket/assetApiAccess';
export { matchesFilter, rank } from './src/explorer/search';
export { mapConcurrent } from './src/platforms/http';
`;
await esbuild.build({
  stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: join(dir, 'measure.cjs'), logLevel: 'error',
});
const require = createRequire(import.meta.url);
const { startEmulator, IotTicketClient, AssetApiAccess, matchesFilter, mapConcurrent } = require(join(dir, 'measure.cjs'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;

const started = performance.now();
const emulator = await startEmulator({ port: 0, dataset: 'large', large: { assets, childrenPerLevel: 10_000 } });
const info = emulator.info().iotticket;
console.log(`large emulator with ${assets.toLocaleString('en-US')} assets up in ${(performance.now() - started).toFixed(0)} ms`);
try {
  const client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
  const access = new AssetApiAccess(client);
  const signal = undefined; // no cancellation while measuring
  const root = await access.level(null, 0, 100, signal);
  const big = root.children.find((c) => (c.childCount ?? 0) >= 10_000);
  if (!big) throw new Error('no level with 10,000 children in this dataset');

  // 1. First page of the 10,000-child level.
  const firstPage = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await access.attributes(big.id, signal);
    const level = await access.level(big.id, 0, 100, signal);
    firstPage.push(performance.now() - t);
    if (level.children.length !== 100 || level.fullSize < 10_000) throw new Error(`unexpected level: ${level.children.length} of ${level.fullSize}`);
  }

  // 2. Go to… a deep asset: index, search, levels down to it.
  const target = info.asset.namesPath.at(-1);
  const goTo = [];
  const parts = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const first = await access.allAssets(0, 1000, signal);
    const offsets = [];
    for (let o = first.items.length; o < first.total; o += 1000) offsets.push(o);
    const rest = await mapConcurrent(offsets, 4, (o) => access.allAssets(o, 1000, signal));
    const byId = new Map();
    for (const page of [first, ...rest]) for (const a of page.items) byId.set(a.id, { id: a.id, name: a.name, parentId: a.parentId ?? null });
    const t1 = performance.now();
    const hits = [...byId.values()].filter((a) => matchesFilter(a.name, target));
    const hit = hits.find((a) => a.name === target) ?? hits[0];
    const chain = [];
    for (let a = hit; a; a = a.parentId ? byId.get(a.parentId) : undefined) chain.unshift(a);
    const t2 = performance.now();
    await access.level(null, 0, 100, signal);
    for (const a of chain.slice(0, -1)) {
      await access.attributes(a.id, signal);
      await access.level(a.id, 0, 100, signal);
    }
    const t3 = performance.now();
    if (byId.size !== assets) throw new Error(`indexed ${byId.size} of ${assets}`);
    goTo.push(t3 - t0);
    parts.push({ index: t1 - t0, search: t2 - t1, levels: t3 - t2 });
  }
  console.log(`first page (100 of ${big.childCount.toLocaleString('en-US')}) of "${big.name}": ${fmt(firstPage)}`);
  console.log(`Go to… "${target}" among ${assets.toLocaleString('en-US')} assets (index built each run): ${fmt(goTo)}`);
  console.log(`  of which index ${fmt(parts.map((p) => p.index))}`);
  console.log(`  search ${fmt(parts.map((p) => p.search))}; levels down to it ${fmt(parts.map((p) => p.levels))}`);
} finally {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
}
