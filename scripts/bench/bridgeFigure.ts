/**
 * bridge_series_ratio: a 1,000,000-point get_timeseries through the Python backend (request, the bridge's
 * conversion to float64 columns, the pipe, our decoding into a Series) ÷ the same call made directly in
 * Python with the stand-in das package (scripts/bench/direct_series.py), against the same emulator, in
 * the same run, repetitions paired and alternated.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { silentLogger } from '../../src/platforms/http';
import { PythonAssetApi, WireFrame } from '../../src/platforms/iotticket/python';
import { Mapper } from '../../src/platforms/iotticket/python/mapping';
import { frameToSeries } from '../../src/platforms/iotticket/python/seriesFrames';
import { pythonType } from '../../src/platforms/iotticket/python/wire';
import { median } from './timing';

const PYTHON = process.env.IOT_BENCH_PYTHON ?? '/usr/bin/python3';

export interface BridgeFigure {
  /** Median of per-repetition (through the backend) / (direct in Python). */
  readonly ratio: number;
  readonly ms: number;
  readonly directMs: number;
  readonly points: number;
  readonly samples: readonly { readonly ms: number; readonly directMs: number }[];
}

export interface BridgeTarget {
  readonly coreBaseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly attributeId: string;
  readonly from: number;
  readonly to: number;
}

/** Null (with the reason on stderr) when the machine has no Python with pandas. */
export function pythonMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `${PYTHON} with pandas is missing (scripts/provision-tools.sh --python installs it)`;
}

class DirectPython {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: AsyncIterator<string>;

  constructor(root: string, t: BridgeTarget) {
    this.child = spawn(PYTHON, ['-B', join(root, 'scripts/bench/direct_series.py'), join(root, 'test/fixtures/das')], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
    this.child.stdin.write(`${JSON.stringify({ base_url: t.coreBaseUrl, username: t.user, password: t.password })}\n`);
  }

  async call(kwargs: Record<string, unknown>): Promise<{ ms: number; points: number }> {
    this.child.stdin.write(`${JSON.stringify(kwargs)}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error('the direct Python baseline ended');
    return JSON.parse(next.value) as { ms: number; points: number };
  }

  close(): void {
    this.child.stdin.end();
  }
}

export async function bridgeSeriesRatio(root: string, t: BridgeTarget, reps: number, expectedPoints: number): Promise<BridgeFigure> {
  const kwargs = {
    attribute_id: t.attributeId, start_time: new Date(t.from).toISOString(), end_time: new Date(t.to).toISOString(),
    limit: 2 * expectedPoints + 10, chronological_order: true, timestamp: 'epoch',
  };
  const api = new PythonAssetApi({
    interpreter: PYTHON, bridgeScript: join(root, 'python/iot_explorer_bridge.py'), sysPath: [join(root, 'test/fixtures/das')],
    factoryKwargs: { base_url: t.coreBaseUrl }, secrets: { username: t.user, password: t.password }, timeoutMs: 600_000, logger: silentLogger,
  });
  const direct = new DirectPython(root, t);
  const mapper = new Mapper(silentLogger);
  const viaBackend = async (): Promise<{ ms: number; points: number }> => {
    const started = performance.now();
    const frame = await api.python.call('get_timeseries', { kwargs: { ...kwargs, astype: pythonType('float') } });
    if (!(frame instanceof WireFrame)) throw new Error('get_timeseries through the backend gave no DataFrame');
    const series = frameToSeries(frame, { name: '', unit: '' }, mapper);
    return { ms: performance.now() - started, points: series.timestamps.length };
  };
  try {
    await api.describe();
    // Warm-up of both paths (imports, the emulator's caches), not counted.
    const [a, b] = [await viaBackend(), await direct.call(kwargs)];
    // The emulator's series end at its clock, so two reads a moment apart may differ by a point at either end.
    if (Math.abs(a.points - b.points) > 2 || a.points === 0) throw new Error(`the backend read ${a.points} points, Python directly ${b.points}`);
    const samples: { ms: number; directMs: number }[] = [];
    for (let i = 0; i < reps; i++) {
      // Alternate which goes first, so drift on a shared machine hits both alike.
      if (i % 2 === 0) {
        const d = await direct.call(kwargs);
        const m = await viaBackend();
        samples.push({ ms: m.ms, directMs: d.ms });
      } else {
        const m = await viaBackend();
        const d = await direct.call(kwargs);
        samples.push({ ms: m.ms, directMs: d.ms });
      }
    }
    return {
      ratio: median(samples.map((s) => s.ms / s.directMs)), ms: median(samples.map((s) => s.ms)), directMs: median(samples.map((s) => s.directMs)), points: a.points, samples,
    };
  } finally {
    direct.close();
    api.dispose();
  }
}
