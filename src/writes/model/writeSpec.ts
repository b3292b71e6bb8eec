/**
 * A write, as data: what every path of this feature produces and consumes. The UI builds one from the
 * user's input, a `*.iotcmd.json` file holds them, the history stores them for re-send, and the
 * executors carry them out. Being plain JSON, a spec is validated by the same schema everywhere.
 */
export type EventTypeName = 'Alarm' | 'Warning' | 'Notification';
export type SeverityName = 'Low' | 'Normal' | 'High' | 'Critical';

interface SpecBase {
  /** The connection id (from the `iotExplorer.connections` setting). */
  readonly connection: string;
  /** A name for history and CodeLens titles. */
  readonly label?: string;
}

export interface IotCommandSpec extends SpecBase {
  readonly kind: 'iotticket.command';
  readonly assetId: string;
  readonly attributeId: string;
  /** Dynamic payload type: any JSON. */
  readonly payload?: unknown;
  /** Templated payload type: values of the template variables. */
  readonly templateVariables?: Readonly<Record<string, unknown>>;
  /** Send to the asset and all its sub-assets. */
  readonly aggregated?: boolean;
}

export interface IotControlSpec extends SpecBase {
  readonly kind: 'iotticket.control';
  readonly assetId: string;
  readonly attributeId: string;
  readonly desiredValue: unknown;
  readonly skipFirstCommand?: boolean;
}

export interface IotStaticSpec extends SpecBase {
  readonly kind: 'iotticket.static';
  readonly assetId: string;
  readonly attributeId: string;
  readonly value: number | string;
}

export interface IotCalculatedSpec extends SpecBase {
  readonly kind: 'iotticket.calculated';
  readonly assetId: string;
  /** Columns by attribute name or id: `{"Efficiency": [{"ts": "…", "v": 0.93}]}`. */
  readonly values?: Readonly<Record<string, readonly { readonly ts: string | number; readonly v: number | string }[]>>;
  /** Or a CSV/JSON file, relative to the command file or the workspace folder. */
  readonly file?: string;
  readonly tz?: string;
}

export interface IotTelemetrySpec extends SpecBase {
  readonly kind: 'iotticket.telemetry';
  readonly deviceId: string;
  /** Rows `{"timestamp": …, "<measurement>": value|null}`. */
  readonly rows?: readonly Readonly<Record<string, unknown>>[];
  /** Or a CSV file (first column `timestamp`; headers `Name[:type] [unit]`). */
  readonly file?: string;
  readonly units?: Readonly<Record<string, string>>;
  /** Write a Telemetry Data Set with this id (no nulls allowed). */
  readonly setId?: string;
  readonly tz?: string;
}

export interface IotTimesignalsSpec extends SpecBase {
  readonly kind: 'iotticket.timesignals';
  readonly deviceId: string;
  readonly timesignals: readonly { readonly n: string; readonly ts: string | number; readonly id: string; readonly value: unknown }[];
  readonly tz?: string;
}

export interface DeviceEventEntry {
  readonly id: string;
  readonly m: string;
  readonly ts: string | number;
  readonly gn?: string;
  readonly type?: EventTypeName;
  readonly severity?: SeverityName;
  readonly active?: boolean;
}

export interface IotDeviceEventsSpec extends SpecBase {
  readonly kind: 'iotticket.deviceEvents';
  readonly deviceId: string;
  readonly events: readonly DeviceEventEntry[];
  readonly tz?: string;
}

export interface AltairActionSpec extends SpecBase {
  readonly kind: 'altair.action';
  readonly thingId: string;
  readonly action: string;
  readonly input?: unknown;
}

export interface AltairEventSpec extends SpecBase {
  readonly kind: 'altair.event';
  readonly thingId: string;
  readonly event: string;
  readonly data?: unknown;
}

export interface AltairPropertiesSpec extends SpecBase {
  readonly kind: 'altair.properties';
  readonly thingId: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** Append to the properties history too (server default true). */
  readonly updateHistory?: boolean;
}

export interface AltairEmailSpec extends SpecBase {
  readonly kind: 'altair.email';
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
}

export type WriteSpec =
  | IotCommandSpec
  | IotControlSpec
  | IotStaticSpec
  | IotCalculatedSpec
  | IotTelemetrySpec
  | IotTimesignalsSpec
  | IotDeviceEventsSpec
  | AltairActionSpec
  | AltairEventSpec
  | AltairPropertiesSpec
  | AltairEmailSpec;

export type WriteKind = WriteSpec['kind'];

export const WRITE_KINDS: readonly WriteKind[] = [
  'iotticket.command', 'iotticket.control', 'iotticket.static', 'iotticket.calculated', 'iotticket.telemetry', 'iotticket.timesignals',
  'iotticket.deviceEvents', 'altair.action', 'altair.event', 'altair.properties', 'altair.email',
];

export function platformOf(spec: Pick<WriteSpec, 'kind'>): 'iotticket' | 'altair' {
  return spec.kind.startsWith('altair.') ? 'altair' : 'iotticket';
}

/** The thing a spec acts on, as a stable key: history is kept per target. */
export function targetKey(spec: WriteSpec): string {
  return [spec.connection, ...targetParts(spec)].join('|');
}

function targetParts(spec: WriteSpec): string[] {
  switch (spec.kind) {
    case 'iotticket.command':
    case 'iotticket.control':
      return ['command', spec.assetId, spec.attributeId];
    case 'iotticket.static':
      return ['static', spec.assetId, spec.attributeId];
    case 'iotticket.calculated':
      return ['calculated', spec.assetId];
    case 'iotticket.telemetry':
    case 'iotticket.timesignals':
    case 'iotticket.deviceEvents':
      return ['device', spec.deviceId];
    case 'altair.action':
      return ['action', spec.thingId, spec.action];
    case 'altair.event':
      return ['event', spec.thingId, spec.event];
    case 'altair.properties':
      return ['properties', spec.thingId];
    case 'altair.email':
      return ['email'];
  }
}

/** A short human description of what the spec does, for confirmations, history and CodeLens. */
export function describeSpec(spec: WriteSpec): string {
  const label = spec.label ? `${spec.label}: ` : '';
  switch (spec.kind) {
    case 'iotticket.command':
      return `${label}send command ${spec.attributeId} on asset ${spec.assetId}${spec.aggregated ? ' and its sub-assets' : ''}`;
    case 'iotticket.control':
      return `${label}control command ${spec.attributeId} on asset ${spec.assetId} → ${JSON.stringify(spec.desiredValue)}${spec.skipFirstCommand ? ' (skip first command)' : ''}`;
    case 'iotticket.static':
      return `${label}set ${spec.attributeId} of asset ${spec.assetId} to ${JSON.stringify(spec.value)}`;
    case 'iotticket.calculated':
      return `${label}write calculated values to asset ${spec.assetId}${spec.file ? ` from ${spec.file}` : ''}`;
    case 'iotticket.telemetry':
      return `${label}write ${spec.setId ? `telemetry set ${spec.setId}` : 'telemetry'} as device ${spec.deviceId}${spec.file ? ` from ${spec.file}` : ''}`;
    case 'iotticket.timesignals':
      return `${label}write ${spec.timesignals.length} time signal(s) as device ${spec.deviceId}`;
    case 'iotticket.deviceEvents':
      return `${label}write ${spec.events.length} device event(s) as device ${spec.deviceId}`;
    case 'altair.action':
      return `${label}invoke action ${spec.action} on thing ${spec.thingId}`;
    case 'altair.event':
      return `${label}create event ${spec.event} on thing ${spec.thingId}`;
    case 'altair.properties':
      return `${label}update ${Object.keys(spec.properties).join(', ')} of thing ${spec.thingId}`;
    case 'altair.email':
      return `${label}send e-mail to ${spec.to.join(', ')}`;
  }
}
