/**
 * Surface B — the device HTTP adapter at `/http-adapter/` (spec §4, Eclipse Hono semantics), device credentials
 * `deviceId@tenant : password`. Telemetry `{"t"}`, sets `{"t_set"}` and time signals `{"ts"}` go to
 * `PUT telemetry/{tenant}/{device}`, events `{"e"}` to `PUT event/{tenant}/{device}` (POST without the ids too).
 * Answers: 202 with an empty body even for documents that are semantically wrong (those are kept in the
 * ingest-error log, `GET /_emulator/iotticket/ingest-errors`), 400 without Content-Type or with an empty
 * body, 413 above `adapterMaxBytes` (2048), 401 for bad credentials, 403 for another tenant's/device's path.
 *
 * Command delivery (our design for §4.7, since the real exposure is unknown):
 *   - Poll: `GET /http-adapter/command/{tenant}/{device}[?max=N]` (device credentials) → 200
 *     `{"commands":[{"reqId","command","payload","contentType","createdAt"}]}` (possibly empty); every command
 *     returned moves QUEUED → DELIVERED.
 *   - Hono style: a telemetry/event request with a `hono-ttd` header or query parameter gets 200 instead of
 *     202 when a command is queued, with headers `hono-command`, `hono-cmd-req-id` and the payload as body.
 *   - Answer: `PUT /http-adapter/command/res/{tenant}/{device}/{reqId}?hono-cmd-status=<http status>` (or
 *     `POST /http-adapter/command/res/{reqId}?hono-cmd-status=…`), any body → 202; 2xx → SUCCEEDED, else FAILED.
 */
import type { RequestContext, Router } from '../router';
import { parseJson } from '../boundary';
import { BodyTooLargeError, EmulatorHttpError } from '../router';
import { sendEmpty, sendJson } from '../respond';
import { requireDevice } from './auth';
import type { CommandRecord } from './commands';
import type { Device, IotTicketModel } from './model';
import { parseTime, iso } from './time';
import { DATA_TYPES, EVENT_TYPES, SEVERITIES, type DataType, type EventType, type Severity } from './types';
import { convert, inferType } from './values';

type Kind = 'telemetry' | 'event';

export function registerAdapterRoutes(router: Router, state: () => IotTicketModel): void {
  const ingest = (kind: Kind) => async (ctx: RequestContext): Promise<void> => {
    const model = state();
    let bytes = Number(ctx.req.headers['content-length'] ?? 0);
    let status = 500;
    try {
      const device = requireDevice(ctx, model, ctx.params.tenant, ctx.params.deviceId);
      if (!ctx.req.headers['content-type']) throw new EmulatorHttpError(400, { error: 'Content-Type header is required' });
      const body = await ctx.body().catch((err: unknown) => {
        throw err instanceof BodyTooLargeError ? new EmulatorHttpError(413, { error: `Payload larger than ${err.limit} bytes` }) : err;
      });
      bytes = body.length;
      if (body.length === 0) throw new EmulatorHttpError(400, { error: 'Empty body' });
      applyDocument(model, device, kind, body, ctx.path);
      const command = hasTtd(ctx) ? model.commands.deliver(device.id, 1, model.now())[0] : undefined;
      if (command) {
        status = 200;
        const payload = Buffer.from(command.payload, 'utf8');
        ctx.res.writeHead(200, {
          'hono-command': command.commandName, 'hono-cmd-req-id': command.id,
          'Content-Type': 'application/json', 'Content-Length': payload.length,
        });
        ctx.res.end(payload);
        return;
      }
      status = 202;
      sendEmpty(ctx.res, 202);
    } catch (err) {
      if (err instanceof EmulatorHttpError) status = err.status;
      throw err;
    } finally {
      model.adapterRequests.push({ at: model.now(), method: ctx.method, path: ctx.path, bytes, status });
      if (model.adapterRequests.length > 1000) model.adapterRequests.shift();
    }
  };
  // The adapter's own limit (2048 by default) bounds its bodies.
  const adapterLimit = { maxBody: (): number => state().limits.adapterMaxBytes };
  router.put('/http-adapter/telemetry/:tenant/:deviceId', ingest('telemetry'), adapterLimit);
  router.post('/http-adapter/telemetry', ingest('telemetry'), adapterLimit);
  router.put('/http-adapter/event/:tenant/:deviceId', ingest('event'), adapterLimit);
  router.post('/http-adapter/event', ingest('event'), adapterLimit);

  router.get('/http-adapter/command/:tenant/:deviceId', (ctx) => {
    const model = state();
    const device = requireDevice(ctx, model, ctx.params.tenant, ctx.params.deviceId);
    const max = Math.max(1, Math.min(100, Number(ctx.query.get('max') ?? 100) || 100));
    sendJson(ctx.res, 200, { commands: model.commands.deliver(device.id, max, model.now()).map(commandForDevice) });
  });

  const respond = async (ctx: RequestContext): Promise<void> => {
    const model = state();
    const device = requireDevice(ctx, model, ctx.params.tenant, ctx.params.deviceId);
    const status = Number(ctx.query.get('hono-cmd-status'));
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new EmulatorHttpError(400, { error: 'hono-cmd-status must be an HTTP status code (200-599)' });
    }
    const command = model.commands.get(ctx.params.reqId);
    if (!command || command.deviceId !== device.id || command.status !== 'DELIVERED') {
      throw new EmulatorHttpError(404, { error: `No delivered command ${ctx.params.reqId} awaits an answer from this device` });
    }
    model.commands.respond(command, status, (await ctx.body()).toString('utf8'), model.now());
    sendEmpty(ctx.res, 202);
  };
  router.put('/http-adapter/command/res/:tenant/:deviceId/:reqId', respond);
  router.post('/http-adapter/command/res/:reqId', respond);
}

function hasTtd(ctx: RequestContext): boolean {
  return ctx.req.headers['hono-ttd'] !== undefined || ctx.query.has('hono-ttd');
}

function commandForDevice(c: CommandRecord): Record<string, unknown> {
  let payload: unknown = c.payload;
  try {
    payload = JSON.parse(c.payload);
  } catch {
    // a non-JSON payload goes out as the string it is
  }
  return { reqId: c.id, command: c.commandName, payload, contentType: 'application/json', createdAt: iso(c.createdAt) };
}

/** Applies a telemetry or event document; problems go to the ingest-error log (the request still gets 202). */
function applyDocument(model: IotTicketModel, device: Device, kind: Kind, body: Buffer, path: string): void {
  const problem = (message: string): void => model.logIngestError(path, device.id, message);
  const parsed = parseJson(body.toString('utf8'));
  if ('error' in parsed) return problem(parsed.error === 'Malformed JSON body' ? 'Body is not valid JSON' : parsed.error);
  const doc = parsed.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return problem('Body must be a JSON object');
  const o = doc as Record<string, unknown>;
  try {
    if (kind === 'event') {
      if (!Array.isArray(o.e)) return problem('An event document needs an "e" array');
      o.e.forEach((e, i) => applyEvent(model, device, e, (m) => problem(`e[${i}]: ${m}`)));
      return;
    }
    const known = ['t', 't_set', 'ts'].filter((k) => o[k] !== undefined);
    if (known.length === 0) return problem('A telemetry document needs a "t", "t_set" or "ts" array');
    for (const key of known) {
      if (!Array.isArray(o[key])) {
        problem(`"${key}" must be an array`);
        continue;
      }
      (o[key] as unknown[]).forEach((entry, i) => {
        const report = (m: string): void => problem(`${key}[${i}]: ${m}`);
        if (typeof entry !== 'object' || entry === null) return report('must be an object');
        const e = entry as Record<string, unknown>;
        if (key === 't') applyTelemetry(model, device, e, report);
        else if (key === 't_set') applySet(model, device, e, report);
        else applyTimesignal(device, e, report);
      });
    }
  } catch (err) {
    // e.g. the datanode quota (EmulatorHttpError from the model): recorded, not answered.
    problem(err instanceof EmulatorHttpError ? err.message : String(err));
  }
}

function timeOf(raw: unknown): number | undefined {
  try {
    return typeof raw === 'string' || typeof raw === 'number' ? parseTime(raw, 'ts') : undefined;
  } catch {
    return undefined;
  }
}

function dataTypeOf(raw: unknown, report: (m: string) => void): DataType | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  const dt = DATA_TYPES.find((t) => t === String(raw).toLowerCase());
  if (!dt) report(`dt "${String(raw)}" is not one of ${DATA_TYPES.join(', ')}`);
  return dt ?? null;
}

/** Writes one value to `(device, "", name)`, creating the datanode on first use. */
function writePoint(model: IotTicketModel, device: Device, name: string, dt: DataType | undefined, unit: string, ts: number, raw: unknown, report: (m: string) => void): void {
  if (raw === null || raw === undefined) return report(`null value for "${name}" at ${iso(ts)} dropped`);
  const existing = model.datanode(device, '', name);
  const type = existing?.dataType ?? dt ?? inferType(raw);
  const value = convert(raw, type);
  if (value === undefined) return report(`value ${JSON.stringify(raw)} of "${name}" is not a ${type}`);
  const node = model.ensureDatanode(device, '', name, type, unit);
  model.write(node.written, ts, value);
}

/** `{"n","dt","unit","data":[{ISO: value}, …]}` (or `data` as one object map, an earlier form). */
function applyTelemetry(model: IotTicketModel, device: Device, e: Record<string, unknown>, report: (m: string) => void): void {
  if (typeof e.n !== 'string' || !e.n) return report('"n" (telemetry name) is required');
  const dt = dataTypeOf(e.dt, report);
  if (dt === null) return;
  const unit = typeof e.unit === 'string' ? e.unit.trim() : '';
  const data = Array.isArray(e.data) ? e.data : typeof e.data === 'object' && e.data !== null ? [e.data] : undefined;
  if (!data) return report('"data" must be an array of {timestamp: value} objects');
  for (const point of data) {
    if (typeof point !== 'object' || point === null) {
      report('data entries must be {timestamp: value} objects');
      continue;
    }
    for (const [key, value] of Object.entries(point as Record<string, unknown>)) {
      const ts = timeOf(key);
      if (ts === undefined) report(`timestamp "${key}" is not ISO-8601 or epoch ms`);
      else writePoint(model, device, e.n, dt, unit, ts, value, report);
    }
  }
}

/** `{"id","ts","t":[{"n","dt","value"}]}`: every member at the set's time. */
function applySet(model: IotTicketModel, device: Device, e: Record<string, unknown>, report: (m: string) => void): void {
  const ts = timeOf(e.ts);
  if (ts === undefined) return report('"ts" must be an ISO-8601 time or epoch ms');
  if (typeof e.id !== 'string' || !e.id) return report('"id" (telemetry set id) is required');
  if (!Array.isArray(e.t)) return report('"t" must be an array');
  for (const member of e.t as unknown[]) {
    const m = (typeof member === 'object' && member !== null ? member : {}) as Record<string, unknown>;
    if (typeof m.n !== 'string' || !m.n) {
      report('set members need "n"');
      continue;
    }
    const dt = dataTypeOf(m.dt, report);
    if (dt !== null) writePoint(model, device, m.n, dt, typeof m.unit === 'string' ? m.unit : '', ts, m.value, report);
  }
}

/** `{"n","ts","id","value"}`: a time signal (JSON content) under the telemetry name n. */
function applyTimesignal(device: Device, e: Record<string, unknown>, report: (m: string) => void): void {
  const ts = timeOf(e.ts);
  if (typeof e.n !== 'string' || !e.n) return report('"n" is required');
  if (ts === undefined) return report('"ts" must be an ISO-8601 time or epoch ms');
  if (typeof e.id !== 'string' || !e.id || e.id.length > 255) return report('"id" is required (at most 255 characters)');
  if (e.value === undefined) return report('"value" is required');
  const key = e.n.toLowerCase();
  const list = device.timesignals.get(key) ?? [];
  list.push({ ts, id: e.id, value: e.value });
  list.sort((a, b) => a.ts - b.ts);
  device.timesignals.set(key, list);
}

/**
 * `{"id","m","ts","gn","type","severity","active"}`: `active: true` (also when absent) opens or updates the
 * event (device, id), `active: false` closes it. type/severity are checked case-sensitively as das does.
 */
function applyEvent(model: IotTicketModel, device: Device, raw: unknown, report: (m: string) => void): void {
  if (typeof raw !== 'object' || raw === null) return report('must be an object');
  const e = raw as Record<string, unknown>;
  if (typeof e.id !== 'string' || !e.id || e.id.length > 255) return report('"id" is required (at most 255 characters)');
  if (typeof e.m !== 'string' || e.m.length > 255) return report('"m" (message) is required (at most 255 characters)');
  const ts = timeOf(e.ts);
  if (ts === undefined) return report('"ts" must be an ISO-8601 time or epoch ms');
  const type = (e.type ?? 'Notification') as EventType;
  if (!EVENT_TYPES.includes(type)) return report(`type must be one of ${EVENT_TYPES.join(', ')}`);
  const severity = (e.severity ?? 'Normal') as Severity;
  if (!SEVERITIES.includes(severity)) return report(`severity must be one of ${SEVERITIES.join(', ')}`);
  if (e.active !== undefined && typeof e.active !== 'boolean') return report('"active" must be a boolean');
  const group = typeof e.gn === 'string' ? e.gn : null;
  model.deviceEvent(device, { eventId: e.id, type, severity, group, message: e.m, active: e.active !== false, ts });
}
