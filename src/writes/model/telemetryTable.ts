/**
 * Turns a table (a CSV file, or rows typed in a form) into telemetry for the device HTTP adapter, the
 * way das `write_telemetry` reads a DataFrame: the first column is `timestamp`, every other column is a
 * measurement named by its header. A header may carry the data type and unit: `Temperature:double [C]`.
 * Nulls are dropped from separate telemetry items but refused in a telemetry set (das raises there too);
 * splitting into ≤2048-byte bodies is the adapter client's job (`packTelemetry`).
 */
import { ValidationError } from '../../platforms/http';
import { parseTimeZone, toEpochMs } from '../../platforms/iotticket/time';
import type { TelemetryRow } from '../../platforms/iotticket/adapterPayloads';
import type { CsvTable } from './csv';

export const TELEMETRY_DATA_TYPES = ['double', 'long', 'boolean', 'string'] as const;
export type TelemetryDataType = (typeof TELEMETRY_DATA_TYPES)[number];
export type TelemetryValue = number | boolean | string;

export interface TelemetryTableOptions {
  /** Units by column name; they override units written in the header. Max 255 characters each. */
  readonly units?: Readonly<Record<string, string>>;
  /** Write as a telemetry set with this id: every cell must have a value. */
  readonly setId?: string;
  /** Zone of timestamps written without an offset (±hh:mm); default UTC. */
  readonly tz?: string;
  /** Name used in messages (the file name). */
  readonly source?: string;
}

/** What the adapter client's `writeTelemetry` takes, plus what the user should be told. */
export interface TelemetryTable {
  /** Rows as das reads a DataFrame: `timestamp` (epoch ms) plus one key per measurement; null for empty cells. */
  readonly rows: readonly TelemetryRow[];
  readonly units: Readonly<Record<string, string>>;
  readonly dataTypes: Readonly<Record<string, TelemetryDataType>>;
  readonly measurements: readonly string[];
  /** Empty cells (left out of separate telemetry items). */
  readonly nullCells: number;
}

const NULLS = new Set(['', 'null', 'nan', 'na', 'n/a', 'none']);
const HEADER = /^(.+?)(?::(double|long|boolean|string))?\s*(?:\[(.*)\])?$/;
const UNIT_MAX = 255;

export interface ColumnHeader {
  readonly name: string;
  readonly dataType?: TelemetryDataType;
  readonly unit?: string;
}

/** Reads `Name`, `Name [unit]`, `Name:long` or `Name:long [unit]`. */
export function parseColumnHeader(text: string): ColumnHeader {
  const m = HEADER.exec(text.trim());
  const name = (m?.[1] ?? text).trim();
  return { name, dataType: m?.[2] as TelemetryDataType | undefined, unit: m?.[3] };
}

export function isNullCell(cell: string): boolean {
  return NULLS.has(cell.trim().toLowerCase());
}

/** Converts a cell to the column's type, or throws naming where it is. */
export function convertCell(cell: string, dataType: TelemetryDataType, where: string): TelemetryValue {
  const text = cell.trim();
  switch (dataType) {
    case 'double': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw new ValidationError(where, `"${cell}" is not a number`);
      return n;
    }
    case 'long': {
      const n = Number(text);
      if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n)) throw new ValidationError(where, `"${cell}" is not a whole number`);
      return n;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new ValidationError(where, `"${cell}" is not true or false`);
      return lower === 'true';
    }
    case 'string':
      return cell;
  }
}

/** The type a column's non-null cells suggest: numbers → double, true/false → boolean, anything else → string. */
export function inferDataType(cells: readonly string[]): TelemetryDataType {
  const present = cells.filter((c) => !isNullCell(c)).map((c) => c.trim());
  if (present.length === 0) return 'double';
  if (present.every((c) => /^(true|false)$/i.test(c))) return 'boolean';
  if (present.every((c) => c !== '' && Number.isFinite(Number(c)))) return 'double';
  return 'string';
}

/** Builds telemetry rows from a parsed table; throws a ValidationError naming the file, line and column of any bad cell. */
export function telemetryFromTable(table: CsvTable, options: TelemetryTableOptions = {}): TelemetryTable {
  const source = options.source ?? 'data';
  const zone = parseTimeZone(options.tz);
  if (table.header.length < 2) throw new ValidationError(`${source}:1`, 'needs a timestamp column and at least one measurement column');
  if (table.header[0].toLowerCase() !== 'timestamp') throw new ValidationError(`${source}:1`, `the first column must be named "timestamp" (it is "${table.header[0]}")`);
  if (options.setId !== undefined && options.setId.trim() === '') throw new ValidationError('setId', 'must not be empty');
  if (table.rows.length === 0) throw new ValidationError(source, 'has a header but no rows');
  const headers = table.header.slice(1).map(parseColumnHeader);
  const names = headers.map((h) => h.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new ValidationError(`${source}:1`, `measurement "${duplicate}" appears twice`);
  for (const unitName of Object.keys(options.units ?? {})) {
    if (!names.includes(unitName)) throw new ValidationError(`units.${unitName}`, `there is no column "${unitName}" (columns: ${names.join(', ')})`);
  }
  const units: Record<string, string> = {};
  const dataTypes: Record<string, TelemetryDataType> = {};
  headers.forEach((h, c) => {
    dataTypes[h.name] = h.dataType ?? inferDataType(table.rows.map((row) => row[c + 1]));
    const unit = options.units?.[h.name] ?? h.unit;
    if (unit !== undefined) {
      if (unit.length > UNIT_MAX) throw new ValidationError(`units.${h.name}`, `is ${unit.length} characters long; the limit is ${UNIT_MAX}`);
      units[h.name] = unit;
    }
  });
  let nullCells = 0;
  const rows = table.rows.map((row, r): TelemetryRow => {
    const line = `${source}:${table.lines[r]}`;
    if (isNullCell(row[0])) throw new ValidationError(`${line} timestamp`, 'is empty');
    const text = row[0].trim();
    const out: Record<string, TelemetryValue | null | number> = { timestamp: toEpochMs(/^\d+$/.test(text) ? Number(text) : text, `${line} timestamp`, zone) };
    headers.forEach((h, c) => {
      const cell = row[c + 1];
      const where = `${line} column "${h.name}"`;
      const dataType = dataTypes[h.name];
      if (dataType === 'string' ? cell === '' : isNullCell(cell)) {
        // das refuses nulls in a telemetry set; say where, before anything is sent.
        if (options.setId !== undefined) throw new ValidationError(where, 'is empty; a telemetry set needs a value in every column of every row');
        nullCells++;
        out[h.name] = null;
        return;
      }
      out[h.name] = convertCell(cell, dataType, where);
    });
    return out as TelemetryRow;
  });
  return { rows, units, dataTypes, measurements: names, nullCells };
}

/** A table from JSON rows (`[{"timestamp": …, "Temperature": 21.5}]`), so inline data goes through the same checks. */
export function tableFromRows(rows: readonly Readonly<Record<string, unknown>>[], source = 'rows'): CsvTable {
  if (!Array.isArray(rows) || rows.length === 0) throw new ValidationError(source, 'must be a non-empty list of rows');
  const header = ['timestamp'];
  rows.forEach((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) throw new ValidationError(`${source}[${i}]`, 'must be an object with "timestamp" and measurement values');
    for (const key of Object.keys(row)) if (key !== 'timestamp' && !header.includes(key)) header.push(key);
  });
  const cells = rows.map((row, i) =>
    header.map((key) => {
      const v = row[key];
      if (v === null || v === undefined) return '';
      if (typeof v === 'object') throw new ValidationError(`${source}[${i}].${key}`, 'must be a number, string or boolean');
      return String(v);
    }),
  );
  return { header, rows: cells, lines: rows.map((_, i) => i + 1), delimiter: ',' };
}
