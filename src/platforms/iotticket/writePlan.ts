/**
 * How a device write will go out, known before anything is sent. The adapter takes at most 2048 bytes
 * per request (the das SDK gets HTTP 413 above that); we split instead, so a larger payload becomes
 * several requests sent in order, and that is not atomic: a failure part-way leaves the requests before
 * it written and the rest unsent. A UI says so before sending. Pure: packs the payload, sends nothing,
 * and throws the same ValidationError the write itself would.
 */
import { packDeviceEvents, packTelemetry, packTimesignals, type DeviceEvent, type PackedBody, type TelemetryOptions, type TelemetryRow, type Timesignal } from './adapterPayloads';

export interface WritePlan {
  /** How many requests the write takes. */
  readonly requests: number;
  /** False when it takes more than one request. */
  readonly atomic: boolean;
  /** Bytes of each request body, in sending order. */
  readonly bytes: readonly number[];
  /** Values (telemetry points, set rows, signals or events) in all requests. */
  readonly items: number;
}

export function planOf(bodies: readonly PackedBody[]): WritePlan {
  return { requests: bodies.length, atomic: bodies.length <= 1, bytes: bodies.map((b) => b.bytes), items: bodies.reduce((n, b) => n + b.items, 0) };
}

/** write_telemetry's plan (`DeviceAdapterClient.writeTelemetry` / `c.data.writeTelemetry` send exactly these bodies). */
export function planTelemetryWrite(rows: readonly TelemetryRow[], options: TelemetryOptions = {}): WritePlan {
  return planOf(packTelemetry(rows, options));
}

/** write_timesignals' plan. */
export function planTimesignalsWrite(payload: { readonly ts: readonly Timesignal[] }, tz?: string): WritePlan {
  return planOf(packTimesignals(payload.ts, tz));
}

/** write_device_events' plan. */
export function planDeviceEventsWrite(payload: { readonly e: readonly DeviceEvent[] }, tz?: string): WritePlan {
  return planOf(packDeviceEvents(payload.e, tz));
}
