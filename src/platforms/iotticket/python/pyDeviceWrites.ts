/**
 * Device writes over das (write_telemetry, write_timesignals, write_device_events). das sends each call as
 * one request and the adapter refuses bodies above 2048 bytes (413), so the items are cut into groups that
 * our own packer fits in one body each — the same checks and limits as the direct-HTTP client — and each
 * group is one das call. The report says which groups were written before one failed, as the HTTP one does.
 */
import { addSecret, PlatformError, ValidationError } from '../../http';
import { PartialWriteError, type BatchOutcome, type WriteReport } from '../adapterClient';
import type { PackedBody } from '../adapterPayloads';
import type { DeviceWriteOptions } from '../dataClient';
import { checkText } from '../validation';
import type { PyContext } from './pyContext';

/**
 * Bytes our packer may fill per das call. das serialises the body itself (requests' json= puts spaces after
 * ":" and ","), so a body we measure at 2048 compact bytes would reach the adapter larger: a quarter is left.
 */
export const SDK_BODY_BUDGET = 1536;

/** das' device parameters, checked; the user name defaults to `deviceId@tenant`. */
export function deviceKwargs(py: PyContext, options: DeviceWriteOptions): Record<string, string> {
  if (!options || typeof options !== 'object') throw new ValidationError('device', 'credentials { deviceId, devicePassword } are required');
  const deviceId = checkText('deviceId', options.deviceId, 255)!;
  const password = checkText('devicePassword', options.devicePassword, 1000)!;
  let username = checkText('deviceUsername', options.deviceUsername, 1000, false);
  if (username === undefined) {
    if (!py.options.tenant) throw new ValidationError('deviceUsername', 'the tenant is unknown: give a "deviceId@tenant" user name or the backend a tenant');
    username = `${deviceId}@${py.options.tenant}`;
  }
  addSecret(password);
  return { device_id: deviceId, device_username: username, device_password: password };
}

/**
 * Groups of consecutive items that `pack` fits in one body each: start from an even split by the packed
 * body count, halve a group until it fits. `pack` also validates (it throws before anything is sent).
 */
export function groupsOfOneBody<T>(items: readonly T[], pack: (items: readonly T[]) => PackedBody[]): { items: T[]; body: PackedBody }[] {
  const whole = pack(items);
  if (whole.length <= 1) return whole.length === 1 ? [{ items: [...items], body: whole[0] }] : [];
  const groups: { items: T[]; body: PackedBody }[] = [];
  let size = Math.max(1, Math.floor(items.length / whole.length));
  for (let at = 0; at < items.length;) {
    const group = items.slice(at, at + size);
    const bodies = pack(group);
    if (bodies.length > 1 && group.length > 1) {
      size = Math.max(1, Math.floor(group.length / 2));
      continue;
    }
    // A single item that needs several bodies (a long telemetry set row) goes as it is; the adapter decides.
    groups.push({ items: group, body: bodies[0] });
    at += group.length;
  }
  return groups;
}

/** Sends each group with `send`, in order, stopping at the first failure. */
export async function sendGroups<T>(groups: readonly { items: T[]; body: PackedBody }[], send: (items: T[]) => Promise<unknown>): Promise<WriteReport> {
  const outcomes: BatchOutcome[] = groups.map((g, index) => ({ index, bytes: g.body.bytes, items: g.body.items, status: 'not-sent' }));
  const itemsTotal = groups.reduce((n, g) => n + g.body.items, 0);
  let itemsWritten = 0;
  for (let i = 0; i < groups.length; i++) {
    try {
      await send(groups[i].items);
      outcomes[i] = { ...outcomes[i], status: 'written' };
      itemsWritten += groups[i].body.items;
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      const status = (err as { status?: unknown }).status;
      outcomes[i] = { ...outcomes[i], status: 'failed', error: err.message, ...(typeof status === 'number' ? { httpStatus: status } : {}) };
      if (groups.length === 1) throw err;
      throw new PartialWriteError({ ok: false, batches: outcomes, itemsWritten, itemsTotal }, err);
    }
  }
  return { ok: true, batches: outcomes, itemsWritten, itemsTotal };
}
