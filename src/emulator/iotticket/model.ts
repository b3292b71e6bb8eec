/**
 * The one in-memory model shared by the v1 API (A), the device HTTP adapter (B) and the asset API (C).
 * Telemetry lives per device datanode `(device, path, name)`: the adapter writes `(device, "", n)`, v1 reads it
 * as datanode `/n`, and TelemetryData attributes bound to `(deviceId, telemetryName)` read it in the asset API.
 */
import { AnalyticsStore } from './analytics';
import type { AssetStore } from './assets';
import { CommandLog } from './commands';
import { ErrorCode, v1Error } from './envelope';
import { EventLog, TYPE_RANK, type EventRecord } from './events';
import { WrittenSeries, type SeriesSource } from './series';
import type {
  AttributeRecord, Credential, DataType, DeviceAttribute, Enterprise, EventType, GeneratorSpec, Organization, Severity, Template, User, Value,
} from './types';

/** Behaviour switches and quotas; `PUT /_emulator/iotticket/limits` changes them at run time. */
export interface IotTicketLimits {
  /** Largest adapter request body in bytes (Hono default 2048); above → 413. */
  adapterMaxBytes: number;
  /** Largest ONNX file in bytes; above → 413. */
  onnxMaxBytes: number;
  /** Written values become readable this long after the write (the real v1 server lags a few seconds). */
  readAfterWriteDelayMs: number;
  maxNumberOfDevices: number;
  maxDataNodePerDevice: number;
  maxStorageSize: number;
  maxReadRequestPerDay: number;
  /** Organization limit of ML models + ML services + ONNX models. */
  analyticsItems: number;
  /** Enables the unconfirmed `DELETE /api/v1/devices/{id}`. */
  v1DeleteDevice: boolean;
  /** Most events one events request returns (`limit` above it is capped; `offset` pages on). */
  eventsPageMax: number;
}

export const defaultLimits: IotTicketLimits = {
  adapterMaxBytes: 2048,
  onnxMaxBytes: 50 * 1024 * 1024,
  readAfterWriteDelayMs: 0,
  maxNumberOfDevices: 500,
  maxDataNodePerDevice: 100,
  maxStorageSize: 52_428_800,
  maxReadRequestPerDay: 100_000,
  analyticsItems: 50,
  v1DeleteDevice: true,
  eventsPageMax: 10_000,
};

export interface Datanode {
  readonly name: string;
  /** Path without leading or trailing slash ('' = none). */
  readonly path: string;
  readonly dataType: DataType;
  unit: string;
  readonly generator?: GeneratorSpec;
  readonly written: WrittenSeries;
}

export interface TimesignalEntry {
  readonly ts: number;
  readonly id: string;
  readonly value: unknown;
}

export interface Device {
  /** Id in the adapter and the asset API. */
  readonly id: string;
  /** 32-hex id when the device is visible in the v1 API. */
  readonly v1Id: string | null;
  readonly tenantId: string;
  readonly password: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly type: string;
  readonly description: string;
  readonly enterpriseId: number | null;
  readonly attributes: readonly DeviceAttribute[];
  readonly createdAt: number;
  /** Key: lower-case full path (`/engine/primary/airflow`). */
  readonly datanodes: Map<string, Datanode>;
  /** Key: lower-case telemetry name. */
  readonly timesignals: Map<string, TimesignalEntry[]>;
  requestsToday: number;
}

export interface ExampleIds {
  readonly assetId: string;
  readonly telemetryAttributeId: string;
  readonly commandAttributeId: string;
  readonly deviceId: string;
  readonly v1DatanodePath: string;
}

/** What a dataset builder produces; `populate` adds events, commands and analytics through the model. */
export interface DatasetDefinition {
  readonly organizations: readonly Organization[];
  readonly enterprises: readonly Enterprise[];
  readonly users: readonly User[];
  readonly templates: readonly Template[];
  readonly assets: AssetStore;
  readonly devices: readonly Device[];
  readonly credentials: readonly Credential[];
  readonly example: ExampleIds;
  populate(model: IotTicketModel): void;
}

export interface IngestError {
  readonly at: number;
  readonly path: string;
  readonly deviceId: string;
  readonly message: string;
}

/** Full path of a datanode as v1 shows it: `/path/name`. */
export function fullPath(path: string, name: string): string {
  return path ? `/${path}/${name}` : `/${name}`;
}

export class IotTicketModel {
  readonly organizations: readonly Organization[];
  readonly enterprises: readonly Enterprise[];
  readonly users: readonly User[];
  readonly templates: readonly Template[];
  readonly assets: AssetStore;
  readonly credentials: readonly Credential[];
  readonly example: ExampleIds;
  readonly devices = new Map<string, Device>();
  readonly v1Devices = new Map<string, Device>();
  readonly staticValues = new Map<string, { value: number | string; updatedAt: number }>();
  readonly calculated = new Map<string, WrittenSeries>();
  readonly events = new EventLog();
  readonly commands = new CommandLog();
  readonly analytics: AnalyticsStore;
  readonly ingestErrors: IngestError[] = [];
  /** Adapter requests as received (method, path, body bytes, status) for client tests; the last 1000. */
  readonly adapterRequests: { at: number; method: string; path: string; bytes: number; status: number }[] = [];
  readonly tokens = new Map<string, { username: string; expiresAt: number }>();

  constructor(dataset: DatasetDefinition, readonly limits: IotTicketLimits, readonly now: () => number) {
    this.organizations = dataset.organizations;
    this.enterprises = dataset.enterprises;
    this.users = dataset.users;
    this.templates = dataset.templates;
    this.assets = dataset.assets;
    this.credentials = dataset.credentials;
    this.example = dataset.example;
    for (const d of dataset.devices) this.addDevice(d);
    this.analytics = new AnalyticsStore(this.organization.id, () => this.limits.analyticsItems);
    dataset.populate(this);
  }

  /** The organization the dataset's assets belong to. */
  get organization(): Organization {
    return this.organizations[0];
  }

  addDevice(device: Device): void {
    this.devices.set(device.id, device);
    if (device.v1Id) this.v1Devices.set(device.v1Id, device);
  }

  removeDevice(device: Device): void {
    this.devices.delete(device.id);
    if (device.v1Id) this.v1Devices.delete(device.v1Id);
  }

  /** A v1 device or 403 (8001) — the real server does not tell unknown from inaccessible. */
  v1Device(id: string): Device {
    const device = this.v1Devices.get(id.toLowerCase());
    if (!device) throw v1Error(403, ErrorCode.permission, 'Re-check device id and ensure device access is valid');
    if (++device.requestsToday > this.limits.maxReadRequestPerDay) {
      throw v1Error(403, ErrorCode.quota, `Daily request quota of ${this.limits.maxReadRequestPerDay} exceeded for this device`);
    }
    return device;
  }

  datanode(device: Device, path: string, name: string): Datanode | undefined {
    return device.datanodes.get(fullPath(path, name).toLowerCase());
  }

  /** Finds or creates (implicitly, as the real server does) a datanode; 403 (8002) beyond the per-device quota. */
  ensureDatanode(device: Device, path: string, name: string, dataType: DataType, unit: string): Datanode {
    const key = fullPath(path, name).toLowerCase();
    const existing = device.datanodes.get(key);
    if (existing) {
      if (unit && !existing.unit) existing.unit = unit;
      return existing;
    }
    if (device.datanodes.size >= this.limits.maxDataNodePerDevice) {
      throw v1Error(403, ErrorCode.quota, `Device ${device.v1Id ?? device.id} already has the maximum of ${this.limits.maxDataNodePerDevice} datanodes`);
    }
    const node: Datanode = { name, path, dataType, unit, written: new WrittenSeries() };
    device.datanodes.set(key, node);
    return node;
  }

  write(series: WrittenSeries, ts: number, value: Value): void {
    series.insert(ts, value, this.now() + this.limits.readAfterWriteDelayMs);
  }

  storageSize(device: Device): number {
    // 16 bytes per written value (time + value) is our estimate; generated history is not counted.
    let n = 0;
    for (const node of device.datanodes.values()) n += node.written.length * 16;
    return n;
  }

  usedStorageSize(): number {
    let n = 0;
    for (const d of this.devices.values()) n += this.storageSize(d);
    return n;
  }

  /** The series an attribute reads: TelemetryData → its device datanode; Calculated → its own history. */
  attributeSeries(attr: AttributeRecord): { source: SeriesSource; dataType: DataType; unit: string } {
    if (attr.type === 'TelemetryData' && attr.deviceId && attr.telemetryName) {
      const device = this.devices.get(attr.deviceId);
      const node = device ? this.datanode(device, '', attr.telemetryName) : undefined;
      return { source: node ?? {}, dataType: node?.dataType ?? attr.dataType ?? 'double', unit: node?.unit || (attr.unit ?? '') };
    }
    return { source: { generator: attr.generator, written: this.calculated.get(attr.id) }, dataType: attr.dataType ?? 'double', unit: attr.unit ?? '' };
  }

  /** Values written into a Calculated attribute (write_calculated), created on first write. */
  calculatedWrites(attr: AttributeRecord): WrittenSeries {
    let written = this.calculated.get(attr.id);
    if (!written) {
      written = new WrittenSeries();
      this.calculated.set(attr.id, written);
    }
    return written;
  }

  staticValue(attr: AttributeRecord): { value: number | string | null; updatedAt: number | null } {
    const written = this.staticValues.get(attr.id);
    if (written) return written;
    return { value: attr.initialValue ?? null, updatedAt: null };
  }

  /** Applies one device event report to every asset attribute that receives it (or unmapped when none does). */
  deviceEvent(device: Device, input: { eventId: string; type: EventType; severity: Severity; group: string | null; message: string; active: boolean; ts: number }): EventRecord[] {
    const attrs = this.assets.deviceAttributes(device.id);
    const matching = attrs.filter((a) => a.eventId === input.eventId);
    const targets: (AttributeRecord | null)[] = matching.length > 0 ? matching : attrs.length > 0 ? [attrs[0]] : [null];
    const out: EventRecord[] = [];
    for (const attr of targets) {
      const record = this.events.apply({
        ...input, source: 'DeviceEvent', deviceId: device.id, assetId: attr?.assetId ?? null, attributeId: attr?.id ?? null,
      });
      if (record) out.push(record);
    }
    return out;
  }

  /** The most severe active event type per asset (get_all_assets with event types). */
  activeEventTypes(): Map<string, EventType> {
    const out = new Map<string, EventType>();
    for (const e of this.events.active()) {
      if (!e.assetId) continue;
      const current = out.get(e.assetId);
      if (!current || TYPE_RANK[e.type] > TYPE_RANK[current]) out.set(e.assetId, e.type);
    }
    return out;
  }

  logIngestError(path: string, deviceId: string, message: string): void {
    this.ingestErrors.push({ at: this.now(), path, deviceId, message });
    if (this.ingestErrors.length > 1000) this.ingestErrors.shift();
  }
}
