/**
 * Client of the device HTTP adapter (surface B): devices write telemetry, telemetry sets, time signals
 * and events with their own credentials (`deviceId@tenant` + device password). Writes are never
 * retried, and a multi-body write reports exactly which bodies were accepted before one failed.
 */
import { basicAuth, CancelledError, HttpClient, isOutcomeUnknown, PlatformError, ValidationError, type HttpClientOptions } from '../http';
import {
  packDeviceEvents, packTelemetry, packTimesignals, type DeviceEvent, type PackedBody, type TelemetryOptions, type TelemetryRow,
  type Timesignal,
} from './adapterPayloads';
import { iotTicketErrorParser } from './envelope';
import { adapterRoutes } from './routes';
import * as shapes from './shapes';
import type { TimeInput } from './time';
import { checkText } from './validation';

export interface AdapterClientOptions extends Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'errorParser'> {
  /** e.g. `https://cloud.iot-ticket.com/http-adapter/`. */
  readonly baseUrl: string;
  /** The tenant (organization) of the devices; a device's own `tenant` or `deviceId@tenant` user name wins. */
  readonly tenant?: string;
}

/** A device's credentials as the das methods take them. */
export interface DeviceCredentials {
  readonly deviceId: string;
  /** Default `deviceId@tenant`. */
  readonly username?: string;
  readonly password: string;
  /** Default: the part after "@" of `username`, else the client's tenant. */
  readonly tenant?: string;
}

export interface BatchOutcome {
  readonly index: number;
  readonly bytes: number;
  /** Values in this body (points, set rows, signals or events). */
  readonly items: number;
  /** `unknown`: the body may or may not have arrived (timeout or dropped connection after sending it). */
  readonly status: 'written' | 'failed' | 'unknown' | 'not-sent';
  /** HTTP status of the answer, for sent bodies. */
  readonly httpStatus?: number;
  readonly error?: string;
}

/** What a write did, body by body. */
export interface WriteReport {
  readonly ok: boolean;
  readonly batches: readonly BatchOutcome[];
  /** Values in bodies the adapter accepted. */
  readonly itemsWritten: number;
  readonly itemsTotal: number;
}

/** A multi-body write stopped at a failing body; `report` says which bodies were written before it. */
export class PartialWriteError extends PlatformError {
  override readonly name = 'PartialWriteError';
  constructor(readonly report: WriteReport, override readonly cause: PlatformError) {
    const stop = report.batches.find((b) => b.status !== 'written');
    super(
      `write stopped at body ${(stop?.index ?? 0) + 1} of ${report.batches.length}: ${cause.message} (${report.itemsWritten} of ${report.itemsTotal} values were written before it, ${stop?.status === 'unknown' ? 'that body may or may not have arrived, ' : ''}the rest were not sent)`,
      cause.kind,
      cause.request,
      { cause },
    );
  }
}

export interface TimesignalWrite {
  /** The attribute identifier name. */
  readonly attributeName: string;
  readonly timestamp: TimeInput;
  /** ≤255 characters. */
  readonly timesignalId: string;
  /** The signal's JSON content. */
  readonly value: unknown;
  readonly tz?: string;
}

export interface DeviceEventWrite {
  readonly eventId: string;
  readonly message: string;
  readonly timestamp: TimeInput;
  readonly eventGroupName?: string;
  readonly eventType?: string;
  readonly severity?: string;
  readonly isActive?: boolean;
  readonly tz?: string;
}

/** A command the platform queued for a device (delivered by the poll route, [I]). */
export interface DeviceCommand {
  /** The id to answer with (`respondToCommand`). */
  readonly reqId: string;
  readonly command: string;
  readonly payload?: unknown;
  readonly contentType?: string;
  readonly createdAt?: string;
  readonly [key: string]: unknown;
}

export class DeviceAdapterClient {
  readonly http: HttpClient;
  readonly tenant?: string;

  constructor(options: AdapterClientOptions) {
    const { tenant, ...rest } = options;
    this.tenant = checkText('tenant', tenant, 255, false);
    this.http = new HttpClient({ ...rest, errorParser: iotTicketErrorParser });
  }

  /** das write_telemetry: rows split into bodies of ≤2048 bytes, sent in order, stopping at the first failure. */
  async writeTelemetry(device: DeviceCredentials, data: readonly TelemetryRow[], options: TelemetryOptions & { signal?: AbortSignal } = {}): Promise<WriteReport> {
    this.checkDevice(device);
    return this.send(device, adapterRoutes.telemetry(this.tenantOf(device), device.deviceId), packTelemetry(data, options), options.signal);
  }

  /** das write_timesignal: one signal. */
  async writeTimesignal(device: DeviceCredentials, signal: TimesignalWrite, abort?: AbortSignal): Promise<WriteReport> {
    this.checkDevice(device);
    const bodies = packTimesignals([{ n: signal.attributeName, ts: signal.timestamp, id: signal.timesignalId, value: signal.value }], signal.tz);
    return this.send(device, adapterRoutes.telemetry(this.tenantOf(device), device.deviceId), bodies, abort);
  }

  /** das write_timesignals: the complete `{"ts":[…]}` payload (split by whole signals if above the limit). */
  async writeTimesignals(device: DeviceCredentials, payload: { readonly ts: readonly Timesignal[] }, options: { tz?: string; signal?: AbortSignal } = {}): Promise<WriteReport> {
    this.checkDevice(device);
    return this.send(device, adapterRoutes.telemetry(this.tenantOf(device), device.deviceId), packTimesignals(payload?.ts, options.tz), options.signal);
  }

  /** das write_device_event: one event built from parameters. */
  async writeDeviceEvent(device: DeviceCredentials, event: DeviceEventWrite, abort?: AbortSignal): Promise<WriteReport> {
    this.checkDevice(device);
    const e: DeviceEvent = {
      id: event.eventId, m: event.message, ts: event.timestamp, gn: event.eventGroupName, type: event.eventType, severity: event.severity,
      active: event.isActive,
    };
    const bodies = packDeviceEvents([e], event.tz, undefined, 'event');
    return this.send(device, adapterRoutes.event(this.tenantOf(device), device.deviceId), bodies, abort);
  }

  /** das write_device_events: the complete `{"e":[…]}` payload. */
  async writeDeviceEvents(device: DeviceCredentials, payload: { readonly e: readonly DeviceEvent[] }, options: { tz?: string; signal?: AbortSignal } = {}): Promise<WriteReport> {
    this.checkDevice(device);
    return this.send(device, adapterRoutes.event(this.tenantOf(device), device.deviceId), packDeviceEvents(payload?.e, options.tz), options.signal);
  }

  /** Sends one ready-made document as it is (no splitting); for tools that build their own payloads. */
  async putDocument(device: DeviceCredentials, kind: 'telemetry' | 'event', document: unknown, signal?: AbortSignal): Promise<number> {
    this.checkDevice(device);
    const path = kind === 'telemetry' ? adapterRoutes.telemetry(this.tenantOf(device), device.deviceId) : adapterRoutes.event(this.tenantOf(device), device.deviceId);
    const res = await this.http.request({ method: 'PUT', path, json: document, auth: this.auth(device), idempotent: false, responseType: 'text', signal });
    return res.status;
  }

  /** [I] The commands queued for this device (the device side of send_command / send_control_command). */
  async pollCommands(device: DeviceCredentials, signal?: AbortSignal): Promise<DeviceCommand[]> {
    this.checkDevice(device);
    const data = await this.http.get<{ commands?: DeviceCommand[] } | DeviceCommand[] | undefined>(adapterRoutes.commands(this.tenantOf(device), device.deviceId), {
      auth: this.auth(device),
      signal,
      expect: shapes.polledCommands,
    });
    if (data === undefined) return [];
    return Array.isArray(data) ? data : (data.commands ?? []);
  }

  /** [C-H] Acknowledges a command with an HTTP-like status (200 = done). */
  async respondToCommand(device: DeviceCredentials, requestId: string, status: number, body?: unknown, signal?: AbortSignal): Promise<void> {
    this.checkDevice(device);
    checkText('requestId', requestId, 255);
    await this.http.request({
      method: 'PUT',
      path: adapterRoutes.commandResponse(this.tenantOf(device), device.deviceId, requestId),
      query: { 'hono-cmd-status': status },
      json: body ?? {},
      auth: this.auth(device),
      idempotent: false,
      responseType: 'text',
      signal,
    });
  }

  private checkDevice(device: DeviceCredentials): void {
    if (!device || typeof device !== 'object') throw new ValidationError('device', 'credentials { deviceId, password } are required');
    checkText('deviceId', device.deviceId, 255);
    checkText('devicePassword', device.password, 1000);
    checkText('deviceUsername', device.username, 1000, false);
  }

  /** The tenant a device writes to: its own, the one in its `deviceId@tenant` user name, or the client's. */
  tenantOf(device: DeviceCredentials): string {
    const fromUser = device.username?.includes('@') ? device.username.slice(device.username.lastIndexOf('@') + 1) : undefined;
    const tenant = device.tenant ?? fromUser ?? this.tenant;
    if (!tenant) throw new ValidationError('deviceUsername', 'the tenant is unknown: use a "deviceId@tenant" user name or give the client a tenant');
    return tenant;
  }

  private auth(device: DeviceCredentials): ReturnType<typeof basicAuth> {
    return basicAuth(device.username ?? `${device.deviceId}@${this.tenantOf(device)}`, device.password);
  }

  private async send(device: DeviceCredentials, path: string, bodies: readonly PackedBody[], signal?: AbortSignal): Promise<WriteReport> {
    const auth = this.auth(device);
    const outcomes: BatchOutcome[] = bodies.map((b, index) => ({ index, bytes: b.bytes, items: b.items, status: 'not-sent' }));
    const itemsTotal = bodies.reduce((n, b) => n + b.items, 0);
    let itemsWritten = 0;
    for (let i = 0; i < bodies.length; i++) {
      try {
        const res = await this.http.request({
          method: 'PUT', path, body: bodies[i].body, contentType: 'application/json', auth, idempotent: false, responseType: 'text', signal,
        });
        outcomes[i] = { ...outcomes[i], status: 'written', httpStatus: res.status };
        itemsWritten += bodies[i].items;
      } catch (err) {
        if (!(err instanceof PlatformError)) throw err;
        // Cancelled between bodies: this one never left.
        const status = isOutcomeUnknown(err) ? 'unknown' : err instanceof CancelledError ? 'not-sent' : 'failed';
        outcomes[i] = { ...outcomes[i], status, error: err.message, ...('status' in err && typeof err.status === 'number' ? { httpStatus: err.status } : {}) };
        const report: WriteReport = { ok: false, batches: outcomes, itemsWritten, itemsTotal };
        // A single-body write surfaces the platform's own error; a split write says how far it got.
        if (bodies.length === 1) throw err;
        throw new PartialWriteError(report, err);
      }
    }
    return { ok: true, batches: outcomes, itemsWritten, itemsTotal };
  }
}
