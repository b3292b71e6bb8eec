/**
 * Calculated values from a workspace file, as das `write_calculated` takes a DataFrame: a `timestamp`
 * column and one column per Calculated attribute, named by the attribute's name or id.
 * Accepted files: CSV (see csv.ts); JSON rows `[{"timestamp": …, "Efficiency": 0.93}]`; or JSON columns
 * `{"Efficiency": [{"ts": …, "v": 0.93}]}`. Empty cells are skipped (nothing is written for them).
 */
import { ValidationError } from '../../platforms/http';
import { parseTimeZone, toEpochMs, type TimeZone } from '../../platforms/iotticket/time';
import { parseCsv } from './csv';
import { isNullCell } from './telemetryTable';

export interface CalculatedColumn {
  /** The column header: an attribute name or id, resolved by `resolveCalculatedColumns`. */
  readonly key: string;
  readonly points: readonly { readonly ts: number; readonly value: number | string }[];
}

export interface AttributeRef {
  readonly id: string;
  readonly name: string;
  readonly type?: string;
}

/** Parses a CSV or JSON file (chosen by `fileName`'s extension, else by its first character). */
export function parseCalculatedFile(text: string, fileName: string, tz?: string): CalculatedColumn[] {
  const zone = parseTimeZone(tz);
  const json = /\.json$/i.test(fileName) || (!/\.(csv|tsv|txt)$/i.test(fileName) && /^\s*[[{]/.test(text));
  return json ? fromJson(text, fileName, zone) : fromCsv(text, fileName, zone);
}

function fromCsv(text: string, source: string, zone: TimeZone): CalculatedColumn[] {
  const table = parseCsv(text, source);
  if (table.header[0].toLowerCase() !== 'timestamp') throw new ValidationError(`${source}:1`, `the first column must be named "timestamp" (it is "${table.header[0]}")`);
  if (table.header.length < 2) throw new ValidationError(`${source}:1`, 'needs at least one attribute column after "timestamp"');
  const ts = table.rows.map((row, r) => time(row[0], `${source}:${table.lines[r]} timestamp`, zone));
  return table.header.slice(1).map((key, c) => ({
    key,
    points: table.rows.flatMap((row, r) => (isNullCell(row[c + 1]) ? [] : [{ ts: ts[r], value: cellValue(row[c + 1]) }])),
  }));
}

function fromJson(text: string, source: string, zone: TimeZone): CalculatedColumn[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(source, `is not valid JSON (${(err as Error).message})`);
  }
  if (Array.isArray(data)) {
    const keys: string[] = [];
    const columns = new Map<string, { ts: number; value: number | string }[]>();
    data.forEach((row, i) => {
      if (!row || typeof row !== 'object' || Array.isArray(row)) throw new ValidationError(`${source}[${i}]`, 'must be an object with "timestamp" and attribute values');
      const record = row as Record<string, unknown>;
      if (record.timestamp === undefined) throw new ValidationError(`${source}[${i}].timestamp`, 'is required');
      const ts = time(record.timestamp, `${source}[${i}].timestamp`, zone);
      for (const [key, v] of Object.entries(record)) {
        if (key === 'timestamp' || v === null || v === undefined) continue;
        if (!columns.has(key)) {
          columns.set(key, []);
          keys.push(key);
        }
        columns.get(key)!.push({ ts, value: jsonValue(v, `${source}[${i}].${key}`) });
      }
    });
    if (keys.length === 0) throw new ValidationError(source, 'has no attribute values');
    return keys.map((key) => ({ key, points: columns.get(key)! }));
  }
  if (data && typeof data === 'object') {
    const entries = Object.entries(data as Record<string, unknown>);
    if (entries.length === 0) throw new ValidationError(source, 'has no attribute values');
    return entries.map(([key, list]) => {
      if (!Array.isArray(list)) throw new ValidationError(`${source}.${key}`, 'must be a list of {"ts", "v"}');
      return {
        key,
        points: list.flatMap((p: unknown, i) => {
          const where = `${source}.${key}[${i}]`;
          if (!p || typeof p !== 'object') throw new ValidationError(where, 'must be {"ts", "v"}');
          const point = p as { ts?: unknown; v?: unknown };
          if (point.ts === undefined) throw new ValidationError(`${where}.ts`, 'is required');
          if (point.v === null || point.v === undefined) return [];
          return [{ ts: time(point.ts, `${where}.ts`, zone), value: jsonValue(point.v, `${where}.v`) }];
        }),
      };
    });
  }
  throw new ValidationError(source, 'must be a JSON array of rows or an object of columns');
}

function time(value: unknown, where: string, zone: TimeZone): number {
  if (typeof value === 'number') return toEpochMs(value, where, zone);
  if (typeof value !== 'string' || isNullCell(value)) throw new ValidationError(where, 'must be an ISO 8601 timestamp or epoch milliseconds');
  const text = value.trim();
  return toEpochMs(/^\d+$/.test(text) ? Number(text) : text, where, zone);
}

function cellValue(cell: string): number | string {
  const n = Number(cell.trim());
  return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
}

function jsonValue(v: unknown, where: string): number | string {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') return v;
  throw new ValidationError(where, `${JSON.stringify(v)} is neither a number nor a string`);
}

/**
 * Matches columns to the asset's Calculated attributes by id first, then by name; a column that matches
 * nothing, a name shared by two attributes or a non-Calculated target is refused naming the column.
 */
export function resolveCalculatedColumns(columns: readonly CalculatedColumn[], attributes: readonly AttributeRef[]): { attribute: AttributeRef; column: CalculatedColumn }[] {
  return columns.map((column) => {
    const byId = attributes.find((a) => a.id === column.key);
    const byName = attributes.filter((a) => a.name === column.key);
    if (!byId && byName.length > 1) throw new ValidationError(`column "${column.key}"`, `${byName.length} attributes have this name; use the attribute id (${byName.map((a) => a.id).join(', ')})`);
    const attribute = byId ?? byName[0];
    if (!attribute) {
      const calculated = attributes.filter((a) => a.type === undefined || a.type === 'Calculated').map((a) => a.name);
      throw new ValidationError(`column "${column.key}"`, `matches no attribute of the asset${calculated.length ? ` (Calculated attributes: ${calculated.join(', ')})` : ''}`);
    }
    if (attribute.type !== undefined && attribute.type !== 'Calculated') throw new ValidationError(`column "${column.key}"`, `attribute ${attribute.name} is ${attribute.type}, not Calculated`);
    if (column.points.length === 0) throw new ValidationError(`column "${column.key}"`, 'has no values');
    return { attribute, column };
  });
}
