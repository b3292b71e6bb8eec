// Waits until the machine is mostly idle before a measurement in the real VS Code: a window that has just
// loaded keeps the two cores busy for a few seconds (built-in extensions activating, the workbench
// rendering, code-server), and an extension activated into that rush measures the rush as much as itself.
// Reads the idle share of all CPUs from /proc/stat over short windows; where there is none, waits a fixed time.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Idle and total CPU time (clock ticks) of all CPUs together. */
function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
}

/**
 * Resolves once a `windowMs` window had at least `idleShare` of the CPUs idle (after `minMs`), or at
 * `maxMs`. Returns how long it waited and the idle share of the last window.
 * @returns {Promise<{ waitedMs: number, idleShare: number | null }>}
 */
export async function waitForQuiet({ idleShare = 0.75, windowMs = 500, minMs = 2000, maxMs = 20_000 } = {}) {
  const started = Date.now();
  if (!existsSync('/proc/stat')) {
    await sleep(4000);
    return { waitedMs: Date.now() - started, idleShare: null };
  }
  await sleep(minMs);
  for (;;) {
    const a = cpuTimes();
    await sleep(windowMs);
    const b = cpuTimes();
    const share = b.total > a.total ? (b.idle - a.idle) / (b.total - a.total) : 1;
    if (share >= idleShare || Date.now() - started >= maxMs) return { waitedMs: Date.now() - started, idleShare: Math.round(share * 100) / 100 };
  }
}
