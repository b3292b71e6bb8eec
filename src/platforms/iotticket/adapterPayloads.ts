/**
 * Builds the device adapter's JSON documents (`t`, `t_set`, `ts`, `e`) and packs them into request bodies
 * of at most 2048 bytes of UTF-8 (the adapter answers 413 above that). Bodies are assembled from
 * individually serialised pieces, so their byte length is known exactly without re-serialising.
 */
import { ValidationError } from '../http';
import { EVENT_SEVERITIES, EVENT_TYPES } from './enums';
import { formatIso, parseTimeZone, toEpochMs, type TimeInput, type TimeZone } from './time';
import { checkText, optionalOneOf } from './validation';

/** The adapter's body limit (Hono's default `maxPayloadSize`, and the das documentation's). */
export const ADAPTER_MAX_BODY_BYTES = 2048;

export type TelemetryValue = number | string | boolean | null | undefined;

/** One row of a telemetry table: the das DataFrame's `timestamp` column plus one key per measurement. */
export interface TelemetryRow {
  readonly timestamp: TimeInput;
  readonly [measurement: string]: TelemetryValue | TimeInput;
}

export interface TelemetryOptions {
  /** Units per measurement: a list in column order (the das `units`) or a map by name; each ≤255 characters. */
  readonly units?: readonly string[] | Readonly<Record<string, string>>;
  /** Write as a Telemetry Data Set with this id; the data must then have no nulls. */
  readonly setId?: string;
  /** Zone for timestamps written without an offset. */
  readonly tz?: string;
  /** Data types per measurement (`double`, `long`, `boolean`, `string`); inferred from the values otherwise. */
  readonly dataTypes?: Readonly<Record<string, string>>;
  /** Body limit; default 2048. */
  readonly maxBodyBytes?: number;
}

/** One request body, ready to send. */
export interface PackedBody {
  readonly body: string;
  readonly bytes: number;
  /** Number of values (telemetry points, set rows, signals or events) in this body. */
  readonly items: number;
}

const bytesOf = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Packs pre-serialised entries into `{"<key>":[…]}` bodies, in order, each within `limit` bytes. */
export function packEntries(key: string, entries: readonly string[], limit: number, what: string): PackedBody[] {
  const prefix = `{${JSON.stringify(key)}:[`;
  const frame = bytesOf(prefix) + 2; // + "]}"
  const out: PackedBody[] = [];
  let parts: string[] = [];
  let size = frame;
  for (let i = 0; i < entries.length; i++) {
    const b = bytesOf(entries[i]);
    if (frame + b > limit) throw new ValidationError(what, `entry ${i} alone is ${frame + b} bytes as JSON; the adapter accepts at most ${limit} per request`);
    const cost = b + (parts.length > 0 ? 1 : 0);
    if (size + cost > limit) {
      out.push(close(prefix, parts, size));
      parts = [];
      size = frame;
    }
    size += b + (parts.length > 0 ? 1 : 0);
    parts.push(entries[i]);
  }
  if (parts.length > 0) out.push(close(prefix, parts, size));
  return out;
}

function close(prefix: string, parts: readonly string[], size: number): PackedBody {
  return { body: `${prefix}${parts.join(',')}]}`, bytes: size, items: parts.length };
}

interface Column {
  readonly name: string;
  readonly dt: string;
  readonly unit?: string;
}

/** Column order: first appearance of each key across the rows (the DataFrame's column order). */
function columnsOf(rows: readonly TelemetryRow[], options: TelemetryOptions): Column[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const k of Object.keys(row)) {
      if (k !== 'timestamp' && !seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  if (names.length === 0) throw new ValidationError('data', 'has no measurement columns besides "timestamp"');
  const units = options.units;
  if (Array.isArray(units) && units.length !== names.length) {
    throw new ValidationError('units', `has ${units.length} entries for ${names.length} measurement columns (${names.join(', ')})`);
  }
  return names.map((name, i) => {
    const unit = Array.isArray(units) ? (units as readonly string[])[i] : (units as Readonly<Record<string, string>> | undefined)?.[name];
    if (unit !== undefined && (typeof unit !== 'string' || unit.length > 255)) throw new ValidationError(`units[${i}]`, 'must be a string of at most 255 characters');
    checkText(`data column ${i}`, name, 255);
    return { name, dt: options.dataTypes?.[name] ?? inferType(rows, name), ...(unit !== undefined ? { unit } : {}) };
  });
}

function inferType(rows: readonly TelemetryRow[], name: string): string {
  for (const row of rows) {
    const v = row[name];
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'number') return 'double';
  }
  return 'double';
}

const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function checkValue(v: unknown, at: string): void {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ValidationError(at, `${v} cannot be written`);
  if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') throw new ValidationError(at, 'must be a number, string or boolean');
}

/**
 * Single telemetry (`{"t":[{"n","dt","unit","data":[{ts: v}, …]}]}`): nulls dropped, order kept (column by
 * column, rows in order); a measurement's points may continue in the next body with the same header.
 */
export function packTelemetry(rows: readonly TelemetryRow[], options: TelemetryOptions = {}): PackedBody[] {
  if (!Array.isArray(rows) || rows.length === 0) throw new ValidationError('data', 'must be a non-empty list of rows');
  if (options.setId !== undefined) return packTelemetrySet(rows, options);
  const limit = options.maxBodyBytes ?? ADAPTER_MAX_BODY_BYTES;
  const zone = parseTimeZone(options.tz);
  const columns = columnsOf(rows, options);
  const stamps = rows.map((r, i) => JSON.stringify(formatIso(toEpochMs(r.timestamp, `data[${i}].timestamp`, zone))));

  const prefix = '{"t":[';
  const frame = bytesOf(prefix) + 2;
  const out: PackedBody[] = [];
  let entries: string[] = []; // closed entries of the current body
  let header = ''; // header of the open entry, '' when none
  let points: string[] = [];
  let size = frame;
  let items = 0;

  const closeEntry = (): void => {
    if (header) entries.push(`${header}${points.join(',')}]}`);
    header = '';
    points = [];
  };
  const closeBody = (): void => {
    closeEntry();
    if (entries.length > 0) out.push({ body: `${prefix}${entries.join(',')}]}`, bytes: size, items });
    entries = [];
    size = frame;
    items = 0;
  };

  for (const col of columns) {
    const head = `{"n":${JSON.stringify(col.name)},"dt":${JSON.stringify(col.dt)}${col.unit !== undefined ? `,"unit":${JSON.stringify(col.unit)}` : ''},"data":[`;
    const entryFrame = bytesOf(head) + 2; // + "]}"
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][col.name];
      if (isMissing(v)) continue;
      checkValue(v, `data[${i}].${col.name}`);
      const point = `{${stamps[i]}:${JSON.stringify(v)}}`;
      const pb = bytesOf(point);
      if (frame + entryFrame + pb > limit) throw new ValidationError(`data[${i}].${col.name}`, `one value alone needs ${frame + entryFrame + pb} bytes; the adapter accepts at most ${limit}`);
      const entriesBefore = entries.length + (header ? 1 : 0);
      const cost = header ? pb + (points.length > 0 ? 1 : 0) : entryFrame + pb + (entriesBefore > 0 ? 1 : 0);
      if (size + cost > limit) {
        closeBody();
        header = head;
        size += entryFrame + pb;
      } else {
        if (!header) header = head;
        size += cost;
      }
      points.push(point);
      items++;
    }
    closeEntry();
  }
  closeBody();
  if (out.length === 0) throw new ValidationError('data', 'has no values to write (every value is null)');
  return out;
}

/** Telemetry set (`{"t_set":[{"id","ts","t":[{"n","dt","value"}]}]}`): one entry per row; nulls refused. */
function packTelemetrySet(rows: readonly TelemetryRow[], options: TelemetryOptions): PackedBody[] {
  const setId = checkText('setId', options.setId, 255)!;
  const zone = parseTimeZone(options.tz);
  const columns = columnsOf(rows, options);
  const entries = rows.map((row, i) => {
    const members = columns.map((col) => {
      const v = row[col.name];
      if (isMissing(v)) throw new ValidationError(`data[${i}].${col.name}`, 'is null; a telemetry set (setId) cannot contain null values — drop the row or fill the value');
      checkValue(v, `data[${i}].${col.name}`);
      return { n: col.name, dt: col.dt, ...(col.unit !== undefined ? { unit: col.unit } : {}), value: v };
    });
    return JSON.stringify({ id: setId, ts: formatIso(toEpochMs(row.timestamp, `data[${i}].timestamp`, zone)), t: members });
  });
  return packEntries('t_set', entries, options.maxBodyBytes ?? ADAPTER_MAX_BODY_BYTES, 'data');
}

export interface Timesignal {
  /** Attribute identifier name. */
  readonly n: string;
  readonly ts: TimeInput;
  /** ≤255 characters. */
  readonly id: string;
  /** The signal's JSON content. */
  readonly value: unknown;
}

/** `{"ts":[{"n","ts","id","value"}]}`, packed by whole signals. */
export function packTimesignals(signals: readonly Timesignal[], tz: string | undefined, limit = ADAPTER_MAX_BODY_BYTES): PackedBody[] {
  if (!Array.isArray(signals) || signals.length === 0) throw new ValidationError('payload.ts', 'must be a non-empty list of time signals');
  const zone = parseTimeZone(tz);
  const entries = signals.map((s, i) => {
    const at = `payload.ts[${i}]`;
    checkText(`${at}.n`, s.n, 255);
    checkText(`${at}.id`, s.id, 255);
    if (s.value === undefined) throw new ValidationError(`${at}.value`, 'is required');
    return JSON.stringify({ n: s.n, ts: isoOf(s.ts, `${at}.ts`, zone), id: s.id, value: s.value });
  });
  return packEntries('ts', entries, limit, 'payload');
}

export interface DeviceEvent {
  /** Event id, ≤255 characters. */
  readonly id: string;
  /** Message, ≤255 characters. */
  readonly m: string;
  readonly ts: TimeInput;
  /** Group name, ≤255 characters. */
  readonly gn?: string;
  readonly type?: string;
  readonly severity?: string;
  readonly active?: boolean;
}

/** `{"e":[…]}` with the das schema checked (type and severity enums, lengths), packed by whole events. */
export function packDeviceEvents(events: readonly DeviceEvent[], tz: string | undefined, limit = ADAPTER_MAX_BODY_BYTES, at = 'payload.e'): PackedBody[] {
  if (!Array.isArray(events) || events.length === 0) throw new ValidationError(at, 'must be a non-empty list of events');
  const zone = parseTimeZone(tz);
  const entries = events.map((e, i) => {
    const p = `${at}[${i}]`;
    checkText(`${p}.id`, e.id, 255);
    checkText(`${p}.m`, e.m, 255);
    checkText(`${p}.gn`, e.gn, 255, false);
    optionalOneOf(`${p}.type`, e.type, EVENT_TYPES);
    optionalOneOf(`${p}.severity`, e.severity, EVENT_SEVERITIES);
    if (e.active !== undefined && typeof e.active !== 'boolean') throw new ValidationError(`${p}.active`, 'must be a boolean');
    if (e.ts === undefined || e.ts === null) throw new ValidationError(`${p}.ts`, 'is required');
    return JSON.stringify({
      id: e.id, m: e.m, ...(e.gn !== undefined ? { gn: e.gn } : {}), ts: isoOf(e.ts, `${p}.ts`, zone),
      ...(e.type !== undefined ? { type: e.type } : {}), ...(e.severity !== undefined ? { severity: e.severity } : {}),
      ...(e.active !== undefined ? { active: e.active } : {}),
    });
  });
  return packEntries('e', entries, limit, at.split('.')[0]);
}

function isoOf(value: TimeInput, parameter: string, zone: TimeZone): string {
  if (value === undefined || value === null) throw new ValidationError(parameter, 'is required');
  return formatIso(toEpochMs(value, parameter, zone));
}
