/**
 * Writes a device makes through the IoT-TICKET device HTTP adapter, with that device's own credentials:
 * telemetry (separate items or a telemetry set, from rows or a CSV file), time signals and device events.
 * Everything is packed into bodies of at most 2048 bytes before the first request, so a payload that
 * cannot be sent is refused whole; a failure mid-way reports exactly which bodies were written.
 */
import { PlatformError, ValidationError } from '../../platforms/http';
import { PartialWriteError, type DeviceAdapterClient, type DeviceCredentials, type WriteReport } from '../../platforms/iotticket/adapterClient';
import { packDeviceEvents, packTelemetry, packTimesignals } from '../../platforms/iotticket/adapterPayloads';
import { planOf, type WritePlan } from '../../platforms/iotticket/writePlan';
import { parseCsv } from '../model/csv';
import { adapterOutcome, CHECKS, failed, type WriteOutcome } from '../model/outcome';
import { tableFromRows, telemetryFromTable, type TelemetryTable } from '../model/telemetryTable';
import { describeSpec, type IotDeviceEventsSpec, type IotTelemetrySpec, type IotTimesignalsSpec } from '../model/writeSpec';
import type { PreparedWrite, WriteContext } from './context';

/** No credentials are stored for the device: the UI asks for them and stores them in SecretStorage. */
export class MissingDeviceCredentialsError extends ValidationError {
  constructor(readonly connectionId: string, readonly deviceId: string) {
    super('deviceId', `no credentials are stored for device ${deviceId}; set them with "Set Device Credentials…" (they are kept in SecretStorage)`);
  }
}

/** The connection lacks a setting the write needs: the UI says which and offers to edit the connection at that field. */
export class MissingConnectionFieldError extends ValidationError {
  constructor(readonly connectionId: string, readonly field: string, readonly what: string) {
    super('connection', `connection "${connectionId}" has no ${what} (${field})`);
  }
}

async function adapterFor(ctx: WriteContext, connectionId: string, deviceId: string): Promise<{ adapter: DeviceAdapterClient; device: DeviceCredentials }> {
  const endpoints = await ctx.iotticket(connectionId);
  const adapter = await endpoints.adapter(deviceId);
  if (!adapter) throw new MissingConnectionFieldError(connectionId, 'adapterBaseUrl', 'device HTTP adapter URL');
  const device = await ctx.deviceCredentials(connectionId, deviceId);
  if (!device) throw new MissingDeviceCredentialsError(connectionId, deviceId);
  return { adapter, device };
}

/** Runs an adapter write and turns its report, or the error that stopped it, into an outcome; `check` says how to verify an unknown one. */
async function runAdapter(what: string, check: string, send: () => Promise<WriteReport>): Promise<WriteOutcome> {
  try {
    return adapterOutcome(await send(), what, check);
  } catch (err) {
    if (err instanceof PartialWriteError) return adapterOutcome(err.report, what, check);
    if (err instanceof PlatformError) return failed(err, what, check);
    throw err;
  }
}

function partsNote(plan: WritePlan): string {
  return `${plan.items} value(s) in ${plan.requests} request${plan.requests === 1 ? '' : 's'} (${plan.bytes.join(', ')} bytes; the adapter accepts at most 2048 per request)`;
}

/** A split write is asked about before sending: it is several requests and not atomic. */
function splitWarnings(plan: WritePlan): string[] {
  return plan.atomic ? [] : [`This will be ${plan.requests} requests and is not atomic: if one fails, the requests before it stay written and the rest are not sent.`];
}

/** Reads the spec's rows or CSV file into telemetry rows, naming file, line and column on bad cells. */
export async function telemetryOf(spec: IotTelemetrySpec, ctx: WriteContext): Promise<TelemetryTable> {
  if ((spec.rows === undefined) === (spec.file === undefined)) throw new ValidationError('rows', 'give either "rows" or "file"');
  const options = { units: spec.units, setId: spec.setId, tz: spec.tz };
  if (spec.file !== undefined) {
    const { text, name } = await ctx.readFile(spec.file);
    return telemetryFromTable(parseCsv(text, name), { ...options, source: name });
  }
  return telemetryFromTable(tableFromRows(spec.rows ?? [], 'rows'), { ...options, source: 'rows' });
}

export async function prepareTelemetry(spec: IotTelemetrySpec, ctx: WriteContext): Promise<PreparedWrite> {
  const table = await telemetryOf(spec, ctx);
  const options = { units: table.units, dataTypes: table.dataTypes, setId: spec.setId };
  // Packing here refuses an oversized value or a null in a set before the first request.
  const plan = planOf(packTelemetry(table.rows, options));
  const { adapter, device } = await adapterFor(ctx, spec.connection, spec.deviceId);
  const notes = [partsNote(plan), `measurements: ${table.measurements.map((m) => `${m} (${table.dataTypes[m]}${table.units[m] ? `, ${table.units[m]}` : ''})`).join(', ')}`];
  if (table.nullCells > 0) notes.push(`${table.nullCells} empty cell(s) are left out`);
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    notes,
    warnings: splitWarnings(plan),
    run: (signal) => runAdapter(spec.setId ? `Telemetry set ${spec.setId}` : 'Telemetry', CHECKS.telemetry, () => adapter.writeTelemetry(device, table.rows, { ...options, signal })),
  };
}

export async function prepareTimesignals(spec: IotTimesignalsSpec, ctx: WriteContext): Promise<PreparedWrite> {
  const payload = { ts: spec.timesignals };
  const plan = planOf(packTimesignals(payload.ts, spec.tz));
  const { adapter, device } = await adapterFor(ctx, spec.connection, spec.deviceId);
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    notes: [partsNote(plan)],
    warnings: splitWarnings(plan),
    run: (signal) => runAdapter('Time signals', CHECKS.timesignals, () => adapter.writeTimesignals(device, payload, { tz: spec.tz, signal })),
  };
}

export async function prepareDeviceEvents(spec: IotDeviceEventsSpec, ctx: WriteContext): Promise<PreparedWrite> {
  const payload = { e: spec.events };
  // Checks the type and severity enums (case-sensitive, as das does) and every length.
  const plan = planOf(packDeviceEvents(payload.e, spec.tz, undefined, 'events'));
  const { adapter, device } = await adapterFor(ctx, spec.connection, spec.deviceId);
  return {
    spec,
    description: describeSpec(spec),
    targets: 1,
    warnings: splitWarnings(plan),
    notes: [partsNote(plan), ...spec.events.slice(0, 5).map((e) => `${e.active === false ? 'clear' : 'raise'} ${e.id}${e.type ? ` ${e.type}` : ''}${e.severity ? `/${e.severity}` : ''}: ${e.m}`)],
    run: (signal) => runAdapter('Device events', CHECKS.deviceEvents, () => adapter.writeDeviceEvents(device, payload, { tz: spec.tz, signal })),
  };
}
