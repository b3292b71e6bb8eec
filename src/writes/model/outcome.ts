/**
 * What a write did, in words a user can act on: whether it was applied or only accepted (202: queued,
 * validated and applied later by the platform), for split writes exactly which parts went through, and
 * when the outcome cannot be known (timeout, dropped connection, unreadable answer), how to find out.
 */
import { HttpError, isOutcomeUnknown, PlatformError, ValidationError } from '../../platforms/http';
import type { BatchOutcome, WriteReport } from '../../platforms/iotticket/adapterClient';

/** `unknown`: the write may or may not have been applied; the user must check before sending again. */
export type OutcomeResult = 'ok' | 'accepted' | 'partial' | 'failed' | 'refused' | 'unknown';

export interface WriteOutcome {
  readonly result: OutcomeResult;
  /** One line for the notification. */
  readonly summary: string;
  /** What the platform's answer means (asynchronous acceptance and what to check next). */
  readonly meaning?: string;
  /** Details, one per line (per batch, per target). */
  readonly details: readonly string[];
  /** Command ids to follow in the command log. */
  readonly commandIds?: readonly string[];
  /** The platform's answer, for "show details". */
  readonly response?: unknown;
}

export const MEANINGS = {
  command:
    'IoT-TICKET accepted the command (202) and queued it; it is not applied yet. The device receives it when it next contacts the platform (QUEUED → DELIVERED) and reports the result (SUCCEEDED or FAILED): follow it in the command log.',
  control:
    'IoT-TICKET accepted the control command (202): it keeps commanding the device until the telemetry reaches the desired value. Follow it in the command log.',
  controlSkipped:
    'IoT-TICKET accepted the control command (202) without sending a first command (skip-first-command); it sends one later if the value is not reached.',
  static: 'The value was stored on the attribute.',
  calculated:
    'IoT-TICKET accepted the values (202); writing Calculated attributes is asynchronous on the server, so they appear in reads shortly, and a value the platform rejects later is not reported back.',
  adapter:
    'The device HTTP adapter accepted every request (202). Acceptance is not storage: IoT-TICKET validates the documents afterwards, and values for names that match no telemetry attribute of the device are dropped without an error. Check the attribute\'s time series to confirm.',
  altairAction:
    'Altair IoT Studio created the action resource (201) with status "pending": the Thing has to pick it up and complete it. Follow its status under the action.',
  altairEvent: 'Altair IoT Studio stored the event (201).',
  altairProperties: 'Altair IoT Studio stored the new values (200).',
  altairEmail: 'Altair IoT Studio accepted the e-mail for delivery (202); links, styles and images are stripped from the body, and delivery failures are not reported back.',
} as const;

/** The outcome of a write that was refused before any request (bad input). */
export function refused(err: unknown): WriteOutcome {
  const message = err instanceof Error ? err.message : String(err);
  return { result: 'refused', summary: `Not sent: ${message}`, details: [err instanceof ValidationError ? `Field: ${err.parameter}` : message] };
}

/** How to find out whether a write whose outcome is unknown was applied, per kind of write. */
export const CHECKS = {
  telemetry: "read the latest values of the device's telemetry attributes (their time series) at the timestamps you sent",
  timesignals: "read the attribute's time signal with the id you sent",
  deviceEvents: "look at the asset's active events and event history for the event you sent",
  static: "read the attribute's current value",
  calculated: "read the latest values of the attribute's time series at the timestamps you sent",
  command: "open the command log: a command that arrived is listed there (QUEUED or later)",
  altairProperties: "read the thing's properties (or their history) to see whether the new values are there",
  altairAction: "list the thing's requests of this action: one that arrived is listed with its status",
  altairEvent: "list the thing's events of this name for the one you created",
  altairEmail: "delivery cannot be checked from here: ask the recipients before sending it again",
} as const;

/** The outcome of a single request that failed, or whose outcome is unknown (then `check` says how to find out). */
export function failed(err: unknown, what: string, check?: string): WriteOutcome {
  if (isOutcomeUnknown(err)) return unknownOutcome(err, what, check);
  const details: string[] = [];
  if (err instanceof HttpError) {
    details.push(`HTTP ${err.status}${err.code !== undefined ? ` (code ${err.code})` : ''}: ${err.platformMessage}`);
    if (err.status === 413) details.push('The request was larger than the platform accepts.');
    if (err.status === 401 || err.status === 403) details.push('Check the credentials and the rights of the user or device.');
  } else if (err instanceof PlatformError && err.kind === 'network') {
    // A write that may have arrived is an unknown outcome (above); this one could not be delivered.
    details.push('The platform could not be reached, so the request was not delivered.');
  } else if (err instanceof PlatformError && err.kind === 'timeout') {
    details.push('The platform did not answer in time.');
  }
  return { result: 'failed', summary: `${what} failed: ${err instanceof Error ? err.message : String(err)}`, details };
}

/** A write that may or may not have been applied: say so, say how to check, and never advise sending it again blindly. */
export function unknownOutcome(err: unknown, what: string, check?: string): WriteOutcome {
  return {
    result: 'unknown',
    summary: `${what}: outcome unknown. It may or may not have been applied; it was not sent again.`,
    meaning: unknownMeaning(check),
    details: [err instanceof Error ? err.message : String(err)],
  };
}

function unknownMeaning(check: string | undefined): string {
  return `Check before sending anything again${check ? `: ${check}` : ''}. Sending it again without checking could apply it twice.`;
}

function describeBatch(b: BatchOutcome, total: number): string {
  const part = `Part ${b.index + 1} of ${total} (${b.items} value${b.items === 1 ? '' : 's'}, ${b.bytes} bytes)`;
  switch (b.status) {
    case 'written':
      return `${part}: written (HTTP ${b.httpStatus ?? 202})`;
    case 'failed':
      return `${part}: FAILED${b.httpStatus ? ` (HTTP ${b.httpStatus})` : ''} — ${b.error ?? 'error'}`;
    case 'unknown':
      return `${part}: OUTCOME UNKNOWN (may or may not have arrived) — ${b.error ?? 'error'}`;
    case 'not-sent':
      return `${part}: not sent`;
  }
}

/** An adapter write (telemetry, time signals, events): every part, and exactly which were written, unknown or not sent when one failed. */
export function adapterOutcome(report: WriteReport, what: string, check?: string): WriteOutcome {
  const total = report.batches.length;
  const details = report.batches.map((b) => describeBatch(b, total));
  if (report.ok) {
    return {
      result: 'accepted',
      summary: `${what}: ${report.itemsWritten} value(s) accepted in ${total} request${total === 1 ? '' : 's'} of at most 2048 bytes`,
      meaning: MEANINGS.adapter,
      details,
    };
  }
  const written = report.batches.filter((b) => b.status === 'written');
  const stop = report.batches.find((b) => b.status !== 'written');
  const writtenText = written.length === 0 ? 'no part was written' : `parts ${ranges(written.map((b) => b.index + 1))} were written`;
  const at = (stop?.index ?? 0) + 1;
  if (stop?.status === 'unknown') {
    return {
      result: 'unknown',
      summary: `${what} stopped at part ${at} of ${total}: ${writtenText} (${report.itemsWritten} of ${report.itemsTotal} values), part ${at} may or may not have arrived (outcome unknown), the rest was not sent. Nothing was retried.`,
      meaning: `${unknownMeaning(check ? `${check} (part ${at})` : undefined)} Then send only the parts that did not arrive.`,
      details,
    };
  }
  return {
    result: written.length === 0 ? 'failed' : 'partial',
    summary: `${what} stopped at part ${at} of ${total}: ${writtenText} (${report.itemsWritten} of ${report.itemsTotal} values); the rest was not sent. Nothing was retried.`,
    meaning: written.length > 0 ? 'Sending again would write the accepted parts twice: send only the parts that were not written (the report lists them).' : undefined,
    details,
  };
}

/** `1-3, 5` */
export function ranges(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * The buttons an outcome's notification offers, in order. "Send Again" only after a write known to have
 * failed (the user decides, having seen what was written); never when it may have been applied.
 */
export function outcomeActions(outcome: WriteOutcome, isCommand: boolean): ('details' | 'log' | 'again')[] {
  switch (outcome.result) {
    case 'ok':
    case 'accepted':
      return outcome.commandIds?.length ? ['log', 'details'] : ['details'];
    case 'unknown':
      // The message says how to check; for a command, the log is where to look.
      return isCommand ? ['log', 'details'] : ['details'];
    case 'refused':
      return ['details'];
    case 'failed':
    case 'partial':
      return ['details', 'again'];
  }
}

/** One line per outcome for the log and the details document. */
export function outcomeText(outcome: WriteOutcome): string {
  return [outcome.summary, ...(outcome.meaning ? [outcome.meaning] : []), ...outcome.details.map((d) => `  ${d}`)].join('\n');
}

export interface PartResult {
  readonly label: string;
  readonly ok: boolean;
  readonly error?: unknown;
  /** False for parts after a failure (not attempted). */
  readonly attempted: boolean;
}

function describePart(p: PartResult): string {
  if (!p.attempted) return `${p.label}: not sent`;
  if (p.ok) return `${p.label}: written`;
  const message = p.error instanceof Error ? p.error.message : String(p.error);
  return isOutcomeUnknown(p.error) ? `${p.label}: OUTCOME UNKNOWN (may or may not have been written) — ${message}` : `${p.label}: FAILED — ${message}`;
}

/** Several requests in a row (one per attribute, per target): which succeeded, which failed or are unknown, which were never sent. */
export function partsOutcome(parts: readonly PartResult[], what: string, success: { result: OutcomeResult; meaning?: string; check?: string }): WriteOutcome {
  const details = parts.map(describePart);
  const done = parts.filter((p) => p.ok).length;
  if (done === parts.length) return { result: success.result, summary: `${what}: ${done} of ${parts.length} written`, meaning: success.meaning, details };
  const stop = parts.find((p) => p.attempted && !p.ok);
  const writtenList = done > 0 ? ` (${parts.filter((p) => p.ok).map((p) => p.label).join(', ')})` : '';
  if (stop && isOutcomeUnknown(stop.error)) {
    return {
      result: 'unknown',
      summary: `${what} stopped at ${stop.label}: ${done} of ${parts.length} written${writtenList}, ${stop.label} may or may not have been written (outcome unknown), the rest was not sent. Nothing was retried.`,
      meaning: `${unknownMeaning(success.check ? `${success.check} (${stop.label})` : undefined)} Then send only what is missing.`,
      details,
    };
  }
  return {
    result: done === 0 ? 'failed' : 'partial',
    summary: `${what} stopped at ${stop?.label ?? 'a part'}: ${done} of ${parts.length} written${writtenList}; the rest was not sent. Nothing was retried.`,
    meaning: done > 0 ? 'Sending again would repeat the parts that were written: send only the rest.' : undefined,
    details,
  };
}
