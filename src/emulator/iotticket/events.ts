/**
 * Events with active/history semantics: an entry with `active: true` opens (or updates) the event of its key,
 * `active: false` closes it; every occurrence stays in the history with its transitions.
 */
import type { EventType, Severity } from './types';

export interface EventTransition {
  readonly active: boolean;
  readonly ts: number;
}

export interface EventRecord {
  /** Id of this occurrence. */
  readonly id: string;
  /** Event (type) id sent by the device (`e[].id`) or the AssetEvent attribute's event id. */
  readonly eventId: string;
  readonly source: 'DeviceEvent' | 'AssetEvent';
  readonly deviceId: string | null;
  readonly assetId: string | null;
  readonly attributeId: string | null;
  type: EventType;
  severity: Severity;
  group: string | null;
  message: string;
  active: boolean;
  readonly activatedAt: number;
  clearedAt: number | null;
  updatedAt: number;
  acknowledged: boolean;
  acknowledgedAt: number | null;
  readonly transitions: EventTransition[];
}

export interface EventInput {
  readonly eventId: string;
  readonly source: 'DeviceEvent' | 'AssetEvent';
  readonly deviceId: string | null;
  readonly assetId: string | null;
  readonly attributeId: string | null;
  readonly type: EventType;
  readonly severity: Severity;
  readonly group: string | null;
  readonly message: string;
  readonly active: boolean;
  readonly ts: number;
}

export const TYPE_RANK: Readonly<Record<EventType, number>> = { Alarm: 3, Warning: 2, Notification: 1 };

export class EventLog {
  private readonly open = new Map<string, EventRecord>();
  /** Every occurrence, oldest first. */
  readonly occurrences: EventRecord[] = [];
  private readonly byId = new Map<string, EventRecord>();
  private nextId = 1;

  /** Applies one state report; returns the occurrence it opened, updated or closed (undefined: nothing to close). */
  apply(input: EventInput): EventRecord | undefined {
    const key = [input.source, input.deviceId ?? '', input.assetId ?? '', input.eventId].join('\u0000');
    const current = this.open.get(key);
    if (!input.active) {
      if (!current) return undefined;
      current.active = false;
      current.clearedAt = input.ts;
      current.updatedAt = input.ts;
      current.message = input.message || current.message;
      current.transitions.push({ active: false, ts: input.ts });
      this.open.delete(key);
      return current;
    }
    if (current) {
      Object.assign(current, { type: input.type, severity: input.severity, group: input.group, message: input.message, updatedAt: input.ts });
      return current;
    }
    const record: EventRecord = {
      id: `EVT${String(this.nextId++).padStart(6, '0')}`,
      eventId: input.eventId, source: input.source, deviceId: input.deviceId, assetId: input.assetId, attributeId: input.attributeId,
      type: input.type, severity: input.severity, group: input.group, message: input.message,
      active: true, activatedAt: input.ts, clearedAt: null, updatedAt: input.ts,
      acknowledged: false, acknowledgedAt: null, transitions: [{ active: true, ts: input.ts }],
    };
    this.open.set(key, record);
    this.occurrences.push(record);
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): EventRecord | undefined {
    return this.byId.get(id);
  }

  active(): EventRecord[] {
    return [...this.open.values()];
  }

  acknowledge(id: string, now: number): EventRecord | undefined {
    const record = this.byId.get(id);
    if (record && !record.acknowledged) {
      record.acknowledged = true;
      record.acknowledgedAt = now;
    }
    return record;
  }
}
