/**
 * Following commands until their status is final: the command log re-reads statuses on an interval that
 * grows (so a slow device does not cost a request a second) and stops when every command is final, when
 * the user cancels, or after a bound so a command that is never delivered does not poll forever.
 */
import { sleep } from '../../platforms/http';

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED', 'EXPIRED', 'TIMEOUT']);

export function isFinalStatus(status: string | undefined): boolean {
  return status !== undefined && FINAL_STATUSES.has(status.toUpperCase());
}

export interface FollowOptions<T> {
  /** Reads the current state of every followed command. */
  readonly read: (signal: AbortSignal) => Promise<readonly T[]>;
  readonly statusOf: (item: T) => string | undefined;
  /** Called after every read (to repaint the log). */
  readonly onUpdate?: (items: readonly T[]) => void;
  readonly signal?: AbortSignal;
  /** First delay between reads; doubles up to `maxIntervalMs`. Default 1 s → 10 s. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  /** Stop after this many reads even if something is still open. Default 60. */
  readonly maxReads?: number;
}

export interface FollowResult<T> {
  readonly items: readonly T[];
  /** True when every command reached a final status. */
  readonly final: boolean;
  readonly reads: number;
}

export async function followUntilFinal<T>(options: FollowOptions<T>): Promise<FollowResult<T>> {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  let delay = options.intervalMs ?? 1000;
  const maxDelay = options.maxIntervalMs ?? 10_000;
  const maxReads = options.maxReads ?? 60;
  for (let reads = 1; ; reads++) {
    const items = await options.read(signal);
    options.onUpdate?.(items);
    const final = items.length > 0 && items.every((i) => isFinalStatus(options.statusOf(i)));
    if (final || reads >= maxReads || signal.aborted) return { items, final, reads };
    try {
      await sleep(delay, signal);
    } catch {
      return { items, final: false, reads };
    }
    delay = Math.min(maxDelay, delay * 2);
  }
}
