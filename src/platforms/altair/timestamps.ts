import { ValidationError } from '../http';
import { isValidTime, utcTime } from '../calendar';

/**
 * Altair timestamps come in two shapes: RFC 3339 (things, history) and `YYYY-MM-DD HH:MM:SS+0000`
 * (actions and events). Both parse to epoch milliseconds; the history reader calls this per point,
 * so the common RFC 3339 UTC shape is parsed from character codes with the day's epoch cached.
 */

let cachedDayKey = -1;
let cachedDayMs = 0;

const ZERO = 48;

function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

const GENERAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` found at `text[start, end)`, read
 * in place (no substring), or NaN when that slice has another shape.
 */
export function parseUtcTimestampAt(text: string, start: number, end: number): number {
  const len = end - start;
  if ((len !== 20 && len !== 24) || text.charCodeAt(end - 1) !== 90 /* Z */ || text.charCodeAt(start + 10) !== 84 /* T */) return NaN;
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45 || text.charCodeAt(start + 13) !== 58 || text.charCodeAt(start + 16) !== 58) return NaN;
  const y = digits(text, start, 4);
  const mo = digits(text, start + 5, 2);
  const d = digits(text, start + 8, 2);
  const key = (y * 100 + mo) * 100 + d;
  if (key !== cachedDayKey) {
    // NaN for impossible days (2024-02-30) and years before 100, which Date.UTC would roll over.
    const day = utcTime(y, mo, d);
    if (Number.isNaN(day)) return NaN;
    cachedDayMs = day;
    cachedDayKey = key;
  }
  const h = digits(text, start + 11, 2);
  const mi = digits(text, start + 14, 2);
  const sec = digits(text, start + 17, 2);
  if (!(h <= 23 && mi <= 59 && sec <= 60)) return NaN;
  let frac = 0;
  if (len === 24) {
    if (text.charCodeAt(start + 19) !== 46 /* . */) return NaN;
    frac = digits(text, start + 20, 3);
  }
  return cachedDayMs + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}

/** Epoch ms of an Altair timestamp, or NaN when the text is neither shape. A missing offset means UTC. */
export function parseAltairTime(text: string): number {
  const fast = parseUtcTimestampAt(text, 0, text.length);
  return Number.isNaN(fast) ? parseGeneral(text) : fast;
}

function parseGeneral(text: string): number {
  const m = GENERAL.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  let t = utcTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), s ? Number(s) : 0, ms);
  if (Number.isNaN(t)) return NaN;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digitsOnly = zone.slice(1).replace(':', '');
    t -= sign * (Number(digitsOnly.slice(0, 2)) * 60 + Number(digitsOnly.slice(2, 4))) * 60_000;
  }
  return t;
}

/**
 * RFC 3339 UTC with milliseconds, the form the history API takes in `at`; a Date or number that is no time
 * is a ValidationError. Strings go as they are (the API has short forms of its own, `2022|2023`).
 */
export function formatAltairTime(value: Date | number | string, parameter = 'at'): string {
  if (typeof value === 'string') return value;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !isValidTime(ms)) throw new ValidationError(parameter, `${String(value)} is not a time a date can hold`);
  return new Date(ms).toISOString();
}
