/**
 * "Go to…" at a million (issue 17 §4), the vscode-free part: the names index of assetIndexCore.ts built
 * from get_all_assets through AssetApiAccess while scanIndex streams matches for the name of the deepest
 * asset (the last one get_all_assets lists) with the matcher iotTicketSearch uses.
 *  - goto_first_match_ms: from the search's start to its first match, the index reused (a later search
 *    in the same session); `coldMs`: the same for the first search, while the index is built.
 *  - goto_max_block_ms: the longest the event loop was blocked (perf_hooks.monitorEventLoopDelay, 10 ms
 *    resolution, so blocks under ~10 ms read as ~10) during the build and both scans.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IotTicketClient } from '../../src/platforms/iotticket';
import { AssetApiAccess } from '../../src/explorer/nodes/iotticket/assetApiAccess';
import { AssetIndex, buildIndex, scanIndex } from '../../src/explorer/nodes/iotticket/assetIndexCore';

export interface GotoFigure {
  readonly assets: number;
  readonly target: string;
  readonly depth: number;
  readonly coldMs: number;
  readonly buildMs: number;
  readonly warmMs: number;
  readonly warmSamples: readonly number[];
  readonly maxBlockMs: number;
  readonly matches: number;
}

/** ms from the start of a scan to its first match. */
async function firstMatch(index: AssetIndex, text: string): Promise<{ ms: number; matches: number }> {
  const started = performance.now();
  let first: number | undefined;
  const done = await scanIndex(index, index.matcher(text), new AbortController().signal, (p) => {
    if (first === undefined && p.matches.length > 0) first = performance.now() - started;
  });
  if (first === undefined) throw new Error(`no match for "${text}" among ${index.size} assets`);
  return { ms: first, matches: done.matches.length };
}

export async function gotoFigures(client: IotTicketClient, reps: number): Promise<GotoFigure> {
  const access = new AssetApiAccess(client);
  const total = (await access.allAssets(0, 1)).total;
  const last = (await access.allAssets(total - 1, 1)).items[0];
  if (!last) throw new Error('get_all_assets has no last asset');
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const index = new AssetIndex();
  const started = performance.now();
  const build = buildIndex(access, index, { info: () => undefined }, 'bench');
  const cold = await firstMatch(index, last.name);
  await build;
  const buildMs = performance.now() - started;
  const warmSamples: number[] = [];
  for (let i = 0; i < reps; i++) warmSamples.push((await firstMatch(index, last.name)).ms);
  delay.disable();
  const sorted = [...warmSamples].sort((a, b) => a - b);
  return {
    assets: index.size,
    target: last.name,
    depth: index.chain(last.id).length,
    coldMs: cold.ms,
    buildMs,
    warmMs: sorted[Math.floor(sorted.length / 2)],
    warmSamples,
    maxBlockMs: delay.max / 1e6,
    matches: cold.matches,
  };
}
