/** Conversion of written values (v1 writes and adapter telemetry) to a datanode's data type. */
import type { DataType, Value } from './types';

/** Type of a value written without `dataType`: integers → long, other numbers → double. */
export function inferType(v: unknown): DataType {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) return 'long';
  if (s !== '' && Number.isFinite(Number(s))) return 'double';
  if (/^(true|false)$/i.test(s)) return 'boolean';
  return 'string';
}

/** Converts a written value to the datanode's type; undefined when it does not fit. */
export function convert(v: unknown, type: DataType): Value | undefined {
  switch (type) {
    case 'double':
    case 'long': {
      if (typeof v === 'boolean' || (typeof v === 'string' && v.trim() === '')) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || (type === 'long' && !Number.isInteger(n))) return undefined;
      return n;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      const s = String(v).toLowerCase();
      return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined;
    }
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
