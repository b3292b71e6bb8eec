/** Exponential backoff for reconnecting: initial, ×factor per failed attempt, capped. */
export interface BackoffOptions {
  /** First delay, default 1 s. */
  readonly initialMs?: number;
  /** Longest delay, default 60 s. */
  readonly maxMs?: number;
  /** Growth per attempt, default 2. */
  readonly factor?: number;
}

/** The delay before attempt `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const initial = opts.initialMs ?? 1000;
  const max = opts.maxMs ?? 60_000;
  const factor = opts.factor ?? 2;
  return Math.min(max, initial * factor ** Math.max(0, attempt - 1));
}
