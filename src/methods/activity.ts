/**
 * Every change an SDK-method command makes on a platform goes into the Activity view with its outcome
 * (succeeded, failed; cancelled and refused are recorded where the question is asked), so a delete or a
 * bulk patch done from the tree can be found again, with the platform's message when it failed.
 */
import type { ActivityOutcome } from '../activity/activityLog';
import { errorMessage } from '../platforms/http';
import type { EntityRef } from '../shared/refs';
import type { MethodsDeps } from './deps';

export interface Done {
  readonly connectionId: string;
  /** What was done ("Delete Thing"). */
  readonly action: string;
  /** What it was done to (a title, a name, "12 Things"). */
  readonly target: string;
  readonly ref?: EntityRef;
  readonly itemId?: string;
}

/**
 * Runs the change and records how it ended; a failure is recorded and rethrown (the command reports it).
 * `partlyFailed` marks an answer that reports failures of its own (a bulk patch some Things refused).
 */
export async function recorded<T>(deps: MethodsDeps, done: Done, run: () => Promise<T>, detail?: (result: T) => string | undefined, partlyFailed?: (result: T) => boolean): Promise<T> {
  try {
    const result = await run();
    record(deps, done, partlyFailed?.(result) ? 'failed' : 'succeeded', detail?.(result));
    return result;
  } catch (err) {
    record(deps, done, 'failed', errorMessage(err, { platformWords: true }));
    throw err;
  }
}

/** A question declined before anything was sent. */
export function recordCancelled(deps: MethodsDeps, done: Done, detail: string): void {
  record(deps, done, 'cancelled', detail);
}

function record(deps: MethodsDeps, done: Done, outcome: ActivityOutcome, detail: string | undefined): void {
  deps.activity.add({ ...done, connectionLabel: deps.services.store.get(done.connectionId)?.label ?? done.connectionId, outcome, detail });
}
