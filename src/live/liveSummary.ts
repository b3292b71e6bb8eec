/**
 * How a connection's Altair values arrive, summed up over its watched Things and Categories: over
 * MQTT, polled (and why), or polled while the broker connection is down (since when). Pure.
 */
import type { NotLive, OwnerState } from './altairLiveHub';

export type LiveSummary =
  | { readonly mode: 'mqtt'; readonly since: number; readonly owners: number }
  /** At least one owner lost its broker connection: polled meanwhile. */
  | { readonly mode: 'disconnected'; readonly since: number; readonly error?: string }
  | { readonly mode: 'polling'; readonly reason?: NotLive; readonly error?: string };

export function summarize(states: readonly OwnerState[]): LiveSummary {
  const down = states.filter((s) => s.status?.state === 'reconnecting');
  if (down.length > 0) {
    const first = down.reduce((a, b) => (a.status!.since <= b.status!.since ? a : b));
    const error = first.status?.state === 'reconnecting' ? first.status.error : undefined;
    return { mode: 'disconnected', since: first.status!.since, ...(error ? { error } : {}) };
  }
  const live = states.filter((s) => s.status?.state === 'connected');
  if (live.length > 0) return { mode: 'mqtt', since: Math.min(...live.map((s) => s.status!.since)), owners: live.length };
  const why = states.find((s) => s.notLive === 'failed') ?? states.find((s) => s.notLive === 'no-credentials') ?? states.find((s) => s.notLive);
  return { mode: 'polling', ...(why?.notLive ? { reason: why.notLive } : {}), ...(why?.error ? { error: why.error } : {}) };
}
