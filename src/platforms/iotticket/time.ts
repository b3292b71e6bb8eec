/**
 * Timestamps and time zones as the das reference accepts them: epoch milliseconds, ISO 8601 strings or
 * `Date`s in; zones written `±hh:mm`, `±hhmm` or `±hh`. Out: epoch ms, or ISO strings in a chosen zone.
 */
import { ParseError, ValidationError } from '../http';
import { isValidTime, MAX_TIME_MS, utcTime } from '../calendar';

/** A point in time as callers may give it. */
export type TimeInput = number | string | Date;

/** A parsed `tz`: minutes east of UTC plus its canonical `±hh:mm` text. */
export interface TimeZone {
  readonly offsetMinutes: number;
  readonly text: string;
}

export const UTC: TimeZone = { offsetMinutes: 0, text: '+00:00' };

const ZONE = /^([+-])(\d{2})(?::?(\d{2}))?$/;

/** Parses a `±hh:mm`, `±hhmm` or `±hh` zone (default UTC). */
export function parseTimeZone(tz: string | undefined, parameter = 'tz'): TimeZone {
  if (tz === undefined) return UTC;
  const m = ZONE.exec(tz);
  if (!m) throw new ValidationError(parameter, `"${tz}" is not a time zone; use ±hh:mm, ±hhmm or ±hh (for example +02:00, -0530, +03)`);
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) {
    throw new ValidationError(parameter, `"${tz}" is outside the range of real offsets (-14:00 … +14:00)`);
  }
  const offsetMinutes = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  return { offsetMinutes, text: formatOffset(offsetMinutes) };
}

function formatOffset(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Converts a caller's timestamp to epoch ms. ISO strings without an offset are read in `zone`
 * (UTC by default), as the das reference reads naive datetimes in its `tz`.
 */
export function toEpochMs(value: TimeInput, parameter: string, zone: TimeZone = UTC): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new ValidationError(parameter, 'is an invalid Date');
    return ms;
  }
  if (typeof value === 'number') {
    if (!isValidTime(value)) throw new ValidationError(parameter, `${value} is not an epoch-milliseconds value a date can have (at most ±${MAX_TIME_MS})`);
    return Math.round(value);
  }
  if (typeof value !== 'string') throw new ValidationError(parameter, 'must be epoch milliseconds, an ISO 8601 string or a Date');
  const m = ISO.exec(value.trim());
  if (!m) throw new ValidationError(parameter, `"${value}" is not an ISO 8601 timestamp (for example 2024-11-26T08:00:05.000Z)`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zoneText] = m;
  const utc = utcTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  if (Number.isNaN(utc)) {
    const why = Number(y) < 100 ? `year ${y} is before year 100` : 'no such date or time (a field is out of range for its month or day)';
    throw new ValidationError(parameter, `"${value}": ${why}`);
  }
  const offset = zoneText === undefined ? zone.offsetMinutes : zoneText.toUpperCase() === 'Z' ? 0 : parseTimeZone(zoneText, parameter).offsetMinutes;
  return utc - offset * 60_000;
}

/** Epoch ms → ISO 8601 in `zone` with milliseconds: `2024-11-26T08:00:05.000Z` for UTC, `…+02:00` otherwise. */
export function formatIso(ms: number, zone: TimeZone = UTC): string {
  if (!isValidTime(ms + zone.offsetMinutes * 60_000)) throw new ValidationError('timestamp', `${ms} is not a time a date can show`);
  if (zone.offsetMinutes === 0) return new Date(ms).toISOString();
  return `${new Date(ms + zone.offsetMinutes * 60_000).toISOString().slice(0, 23)}${zone.text}`;
}

/** Formats a timestamp the way a method's `timestamp` option asks for. */
export function formatTimestamp(ms: number, format: 'datetime' | 'epoch', zone: TimeZone): string | number {
  return format === 'epoch' ? ms : formatIso(ms, zone);
}

/**
 * Parses a server timestamp (epoch ms number, or ISO string) without going through the Date parser for
 * the common `YYYY-MM-DDTHH:MM:SS.sssZ` shape: series pages carry 10,000 of them.
 */
export function parseServerTime(value: unknown): number {
  if (typeof value === 'number') return isValidTime(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  if (value.length === 24 && value.charCodeAt(23) === 90 /* Z */ && value.charCodeAt(10) === 84 /* T */) {
    const n = (i: number, len: number): number => {
      let x = 0;
      for (let k = i; k < i + len; k++) {
        const digit = value.charCodeAt(k) - 48;
        if (digit < 0 || digit > 9) return NaN;
        x = x * 10 + digit;
      }
      return x;
    };
    return utcTime(n(0, 4), n(5, 2), n(8, 2), n(11, 2), n(14, 2), n(17, 2), n(20, 3));
  }
  if (/^\d+$/.test(value)) return parseServerTime(Number(value));
  // ISO strings are read strictly (no rolled-over dates); other shapes (RFC 1123 …) by the Date parser.
  if (!ISO.test(value.trim())) return parseServerTime(Date.parse(value));
  try {
    return toEpochMs(value, 'timestamp');
  } catch {
    return NaN;
  }
}

/** A server timestamp that must be a real time; anything else is a ParseError of the request it came with. */
export function serverTime(value: unknown, where: string, path: string): number {
  const ms = parseServerTime(value);
  if (Number.isNaN(ms)) throw new ParseError({ method: 'GET', path }, 200, `${where} is ${JSON.stringify(value) ?? String(value)}, not a time`, '');
  return ms;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
