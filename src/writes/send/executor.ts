/**
 * One entry point for every write: `prepareWrite` checks a spec (its shape, then what only the platform
 * knows: the command's template, the Thing Description, the device's credentials) and returns something
 * the caller confirms and runs; `sendSpec` does both for callers that confirmed already. Bad input ends
 * as a "refused" outcome naming the field, and nothing has been written then.
 */
import { ValidationError } from '../../platforms/http';
import { checkCommand } from '../model/commandFile';
import { failed, refused, type WriteOutcome } from '../model/outcome';
import type { JsonNode } from '../model/jsonTree';
import type { WriteSpec } from '../model/writeSpec';
import { prepareAltairAction, prepareAltairEmail, prepareAltairEvent, prepareAltairProperties } from './altairWrites';
import type { PreparedWrite, WriteContext } from './context';
import {
  prepareCalculated, prepareCommand, prepareControl, prepareDeviceEvents, prepareStatic, prepareTelemetry, prepareTimesignals,
} from './iotticketWrites';

/** Checks a spec object against the command-file schema of its kind (the same check a file gets). */
export function checkSpecShape(spec: unknown): WriteSpec {
  const node: JsonNode = { type: 'object', offset: 0, length: 0, value: spec };
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new ValidationError('command', 'must be an object with a "kind"');
  const entry = checkCommand(node, '', undefined);
  if (!entry.spec) {
    const [field, ...rest] = (entry.error ?? 'command: is invalid').split(': ');
    throw new ValidationError(field, rest.join(': '));
  }
  return entry.spec;
}

export async function prepareWrite(spec: WriteSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const checked = checkSpecShape(spec);
  switch (checked.kind) {
    case 'iotticket.command':
      return prepareCommand(checked, ctx, signal);
    case 'iotticket.control':
      return prepareControl(checked, ctx, signal);
    case 'iotticket.static':
      return prepareStatic(checked, ctx, signal);
    case 'iotticket.calculated':
      return prepareCalculated(checked, ctx, signal);
    case 'iotticket.telemetry':
      return prepareTelemetry(checked, ctx);
    case 'iotticket.timesignals':
      return prepareTimesignals(checked, ctx);
    case 'iotticket.deviceEvents':
      return prepareDeviceEvents(checked, ctx);
    case 'altair.action':
      return prepareAltairAction(checked, ctx, signal);
    case 'altair.event':
      return prepareAltairEvent(checked, ctx, signal);
    case 'altair.properties':
      return prepareAltairProperties(checked, ctx, signal);
    case 'altair.email':
      return prepareAltairEmail(checked, ctx);
  }
}

/** Prepares and runs a spec without asking anyone (tests, and callers that confirmed already). */
export async function sendSpec(spec: WriteSpec, ctx: WriteContext, signal?: AbortSignal): Promise<WriteOutcome> {
  let prepared: PreparedWrite;
  try {
    prepared = await prepareWrite(spec, ctx, signal);
  } catch (err) {
    return notPrepared(err);
  }
  return prepared.run(signal);
}

/** The outcome when checking failed: refused for bad input, failed (with nothing written) when the platform could not be asked. */
export function notPrepared(err: unknown): WriteOutcome {
  if (err instanceof ValidationError) return refused(err);
  const outcome = failed(err, 'Checking the target');
  return { ...outcome, details: [...outcome.details, 'Nothing was written.'] };
}
