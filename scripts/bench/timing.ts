/**
 * Timing helpers: wall-clock durations, medians, and paired repetitions (the measured path and its
 * baseline run back to back in each repetition, so drift on a shared machine hits both alike).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Cumulative CPU time of another process (the emulator), ms; NaN when it cannot be read. */
export type CpuProbe = () => number;

/** Reads a Linux process's user + system time from /proc (clock ticks taken as the usual 100 Hz). */
export function procCpuProbe(pid: number | undefined): CpuProbe {
  return () => {
    if (!pid) return NaN;
    try {
      // Fields after the command name, which sits in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return NaN;
    }
  };
}

export interface Timed<T> {
  readonly ms: number;
  /** CPU time of this process (user + system). */
  readonly cpuMs: number;
  /** CPU time of the probed process (the emulator) meanwhile. */
  readonly serverCpuMs: number;
  readonly value: T;
}

/** Milliseconds `task` took (wall clock and CPU), and what it returned. */
export async function timed<T>(task: () => Promise<T>, server: CpuProbe = () => NaN): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const serverBefore = server();
  const started = performance.now();
  const value = await task();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, serverCpuMs: server() - serverBefore, value };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Sample {
  readonly ms: number;
  readonly baselineMs: number;
  /** CPU time of this process during each (the emulator's is not ours). */
  readonly cpuMs: number;
  readonly baselineCpuMs: number;
  /** CPU time of the emulator during each. */
  readonly serverCpuMs: number;
  readonly baselineServerCpuMs: number;
}

export interface PairedResult {
  /** Median duration of the measured path, ms. */
  readonly ms: number;
  /** Median duration of the baseline, ms. */
  readonly baselineMs: number;
  /** Median of the per-repetition ratios measured / baseline. */
  readonly ratio: number;
  /** Median CPU time of this process on the measured path and on the baseline, ms. */
  readonly cpuMs: number;
  readonly baselineCpuMs: number;
  /** Median CPU time of the emulator serving each (NaN when it cannot be read). */
  readonly serverCpuMs: number;
  readonly baselineServerCpuMs: number;
  readonly samples: readonly Sample[];
}

export interface PairedOptions {
  /** Skip the warm-up when the caller already ran both. */
  readonly warmUp?: boolean;
  readonly server?: CpuProbe;
}

/**
 * Runs `measured` and `baseline` `reps` times each, alternating which goes first, after one untimed
 * warm-up of each (JIT, connection pool, the emulator's own caches) unless the caller already warmed up.
 */
export async function paired(reps: number, measured: () => Promise<unknown>, baseline: () => Promise<unknown>, options: PairedOptions = {}): Promise<PairedResult> {
  const server = options.server;
  if (options.warmUp !== false) {
    await baseline();
    await measured();
  }
  const samples: Sample[] = [];
  for (let i = 0; i < reps; i++) {
    let m: Timed<unknown>;
    let b: Timed<unknown>;
    if (i % 2 === 0) {
      b = await timed(baseline, server);
      m = await timed(measured, server);
    } else {
      m = await timed(measured, server);
      b = await timed(baseline, server);
    }
    samples.push({ ms: m.ms, baselineMs: b.ms, cpuMs: m.cpuMs, baselineCpuMs: b.cpuMs, serverCpuMs: m.serverCpuMs, baselineServerCpuMs: b.serverCpuMs });
  }
  return {
    ms: median(samples.map((s) => s.ms)),
    baselineMs: median(samples.map((s) => s.baselineMs)),
    ratio: median(samples.map((s) => s.ms / s.baselineMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    baselineCpuMs: median(samples.map((s) => s.baselineCpuMs)),
    serverCpuMs: median(samples.map((s) => s.serverCpuMs)),
    baselineServerCpuMs: median(samples.map((s) => s.baselineServerCpuMs)),
    samples,
  };
}

/** Median of `reps` timed runs after one untimed warm-up. */
export async function repeated(reps: number, task: () => Promise<unknown>): Promise<{ ms: number; samples: readonly number[] }> {
  await task();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) samples.push((await timed(task)).ms);
  return { ms: median(samples), samples };
}
