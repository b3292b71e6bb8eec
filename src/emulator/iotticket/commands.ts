/**
 * Commands: one queue per device. `send_command`/`send_control_command` (asset API) create QUEUED commands;
 * the device fetches them through the HTTP adapter (→ DELIVERED) and answers (→ SUCCEEDED or FAILED).
 * Every status change is kept with its time for `get_command_details`.
 */
export type CommandStatus = 'QUEUED' | 'DELIVERED' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

export interface CommandRecord {
  readonly id: string;
  readonly kind: 'command' | 'control';
  readonly assetId: string;
  readonly attributeId: string;
  readonly attributeName: string;
  readonly deviceId: string;
  readonly commandName: string;
  /** The payload as sent to the device (rendered template or the dynamic payload serialised). */
  readonly payload: string;
  readonly aggregated: boolean;
  readonly desiredValue?: unknown;
  readonly skipFirstCommand?: boolean;
  readonly createdAt: number;
  status: CommandStatus;
  readonly history: { status: CommandStatus; ts: number }[];
  response: { status: number; body: string; ts: number } | null;
}

export type NewCommand = Omit<CommandRecord, 'id' | 'status' | 'history' | 'response'>;

export class CommandLog {
  private readonly byId = new Map<string, CommandRecord>();
  private readonly queues = new Map<string, string[]>();
  /** All commands, oldest first. */
  readonly all: CommandRecord[] = [];
  private nextId = 1;

  /** Creates a command; `queue: false` records it without sending (control command with skipFirstCommand). */
  create(input: NewCommand, queue: boolean): CommandRecord {
    const status: CommandStatus = queue ? 'QUEUED' : 'SKIPPED';
    const record: CommandRecord = {
      ...input,
      id: `c-${String(this.nextId++).padStart(6, '0')}`,
      status,
      history: [{ status, ts: input.createdAt }],
      response: null,
    };
    this.byId.set(record.id, record);
    this.all.push(record);
    if (queue) {
      const q = this.queues.get(record.deviceId);
      if (q) q.push(record.id);
      else this.queues.set(record.deviceId, [record.id]);
    }
    return record;
  }

  get(id: string): CommandRecord | undefined {
    return this.byId.get(id);
  }

  /** Hands out up to `max` queued commands of a device and marks them DELIVERED. */
  deliver(deviceId: string, max: number, now: number): CommandRecord[] {
    const q = this.queues.get(deviceId);
    if (!q || q.length === 0) return [];
    return q.splice(0, max).map((id) => {
      const record = this.byId.get(id)!;
      this.setStatus(record, 'DELIVERED', now);
      return record;
    });
  }

  /** The device's answer: an HTTP-like status (2xx = success) and an optional body. */
  respond(record: CommandRecord, status: number, body: string, now: number): void {
    record.response = { status, body, ts: now };
    this.setStatus(record, status >= 200 && status < 300 ? 'SUCCEEDED' : 'FAILED', now);
  }

  forAttribute(attributeId: string): CommandRecord[] {
    return this.all.filter((c) => c.attributeId === attributeId);
  }

  private setStatus(record: CommandRecord, status: CommandStatus, now: number): void {
    record.status = status;
    record.history.push({ status, ts: now });
  }
}
