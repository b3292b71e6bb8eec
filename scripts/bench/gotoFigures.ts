/**
 * "Go to…" at a million (issue 17 §4), the vscode-free part: the session index of sessionIndex.ts built
 * from get_all_assets through AssetApiAccess (pages parsed in the index worker) while Go to…'s search
 * (searchAssets, what iotTicketSearch runs) looks for the name of the deepest asset (the last one
 * get_all_assets lists); then stored, and read back by the next session's index.
 *  - goto_first_match_ms: from the search's start to its first match, the index reused (a later search
 *    in the same session); `coldMs`: the same for the first search, while the index is built (the
 *    server's exact-name lookup can answer first); `coldIndexMs`: the first match of the index's own scan
 *    in the same search (what a part of a name waits for: the listing reaching the target);
 *    `storedMs`: the index's scan in the first search of the next session, while the stored index is read.
 *  - goto_max_block_ms: the longest the event loop was blocked (perf_hooks.monitorEventLoopDelay, 10 ms
 *    resolution, so blocks under ~10 ms read as ~10) during the build, the scans, the store, the read and
 *    the refresh that follows it.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IotTicketClient } from '../../src/platforms/iotticket';
import { AssetApiAccess } from '../../src/explorer/nodes/iotticket/assetApiAccess';
import { scanIndex, type AssetIndex } from '../../src/explorer/nodes/iotticket/assetIndexCore';
import { storedIndexFile } from '../../src/explorer/nodes/iotticket/indexStore';
import { searchAssets, type AssetSearchProgress } from '../../src/explorer/nodes/iotticket/assetSearch';
import { SessionIndex } from '../../src/explorer/nodes/iotticket/sessionIndex';

export interface GotoFigure {
  readonly assets: number;
  readonly target: string;
  readonly depth: number;
  readonly coldMs: number;
  /** Whether the first search's first match was the server's answer to the exact name. */
  readonly coldByName: boolean;
  readonly coldIndexMs: number;
  readonly buildMs: number;
  readonly warmMs: number;
  readonly warmSamples: readonly number[];
  /** The first search of the next session, answered from the stored index while it is read. */
  readonly storedMs: number;
  /** Reading the whole stored index. */
  readonly restoreMs: number;
  readonly storedBytes: number;
  readonly maxBlockMs: number;
  /** The longest block in each phase: which one holds the maximum. */
  readonly maxBlockByPhaseMs: Readonly<Record<'build' | 'scans' | 'store' | 'read' | 'refresh', number>>;
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

/**
 * ms from the start of Go to…'s search to its first match (the index's or the server's exact name), and
 * to the index's own first match in the same search (its scan goes on after the server has answered).
 */
async function firstHit(index: AssetIndex, access: AssetApiAccess, text: string): Promise<{ ms: number; byName: boolean; indexMs: number; matches: number }> {
  const started = performance.now();
  let first: { ms: number; byName: boolean } | undefined;
  let indexMs: number | undefined;
  const seen = (p: AssetSearchProgress): void => {
    const now = performance.now() - started;
    if (first === undefined && (p.named || p.scan.matches.length > 0)) first = { ms: now, byName: p.scan.matches.length === 0 };
    if (indexMs === undefined && p.scan.matches.length > 0) indexMs = now;
  };
  const done = await searchAssets(index, access, text, new AbortController().signal, seen);
  seen(done);
  if (first === undefined || indexMs === undefined) throw new Error(`Go to… found no "${text}" among ${index.size} assets`);
  return { ...first, indexMs, matches: done.scan.matches.length };
}

export async function gotoFigures(client: IotTicketClient, reps: number): Promise<GotoFigure> {
  const access = new AssetApiAccess(client);
  const total = (await access.allAssets(0, 1)).total;
  const last = (await access.allAssets(total - 1, 1)).items[0];
  if (!last) throw new Error('get_all_assets has no last asset');
  const dir = mkdtempSync(join(tmpdir(), 'bench-goto-'));
  const storeFile = storedIndexFile(dir, { connectionId: 'bench', source: 'bench', username: 'bench' });
  const quiet = { info: () => undefined, warn: (m: string) => console.error(m) };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const byPhase: Record<string, number> = {};
  /** Closes a phase: its longest block, then a fresh histogram for the next. */
  const phase = (name: 'build' | 'scans' | 'store' | 'read' | 'refresh'): void => {
    byPhase[name] = delay.max / 1e6;
    delay.reset();
  };
  try {
    const open = (): SessionIndex => new SessionIndex({ access, label: 'bench', log: quiet, storeFile, maxAgeMs: () => Infinity });
    const completed = async (index: AssetIndex): Promise<void> => {
      while (!index.complete) await index.grown();
    };
    // The first session: built from get_all_assets, searched while it grows, then stored.
    const buildStarted = performance.now();
    const first = open();
    const index = first.current;
    const cold = await firstHit(index, access, last.name);
    await completed(index);
    const buildMs = performance.now() - buildStarted;
    phase('build');
    const warmSamples: number[] = [];
    for (let i = 0; i < reps; i++) warmSamples.push((await firstMatch(index, last.name)).ms);
    phase('scans');
    await first.stored;
    phase('store');
    if (!existsSync(storeFile)) throw new Error('the index was not stored');
    // The next session: the stored index read (the target is in its last chunk), a fresh build following.
    const restoreStarted = performance.now();
    const second = open();
    const restored = second.current;
    const stored = await firstMatch(restored, last.name);
    await completed(restored);
    const restoreMs = performance.now() - restoreStarted;
    if (restored.restoredFrom === undefined) throw new Error('the second session did not read the stored index');
    phase('read');
    while (second.live() === restored) await new Promise((resolve) => setTimeout(resolve, 50));
    await second.stored;
    phase('refresh');
    delay.disable();
    const sorted = [...warmSamples].sort((a, b) => a - b);
    return {
      assets: index.size,
      target: last.name,
      depth: index.chain(last.id).length,
      coldMs: cold.ms,
      coldByName: cold.byName,
      coldIndexMs: cold.indexMs,
      buildMs,
      warmMs: sorted[Math.floor(sorted.length / 2)],
      warmSamples,
      storedMs: stored.ms,
      restoreMs,
      storedBytes: statSync(storeFile).size,
      maxBlockMs: Math.max(...Object.values(byPhase)),
      maxBlockByPhaseMs: byPhase as GotoFigure['maxBlockByPhaseMs'],
      matches: cold.matches,
    };
  } finally {
    delay.disable();
    rmSync(dir, { recursive: true, force: true });
  }
}
