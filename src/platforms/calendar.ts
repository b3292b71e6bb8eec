/**
 * Calendar checks both platforms' timestamp parsers share: `Date.UTC` rolls impossible dates over
 * (2024-02-31 becomes March 2nd) and maps years 0–99 to 1900–1999, so fields are checked first.
 */
import { ParseError, type RequestInfo } from './http';

/** The range of JavaScript dates: ±100,000,000 days around the epoch. */
export const MAX_TIME_MS = 8.64e15;

/** True for epoch milliseconds that a Date can hold. */
export function isValidTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch ms of a UTC calendar time, or NaN when a field is impossible: year outside 100–9999, month, day of
 * that month, hour, minute, second (60 allowed, a leap second) or milliseconds out of range.
 */
export function utcTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const ok =
    Number.isInteger(year) && year >= 100 && year <= 9999 &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month) &&
    Number.isInteger(hour) && hour >= 0 && hour <= 23 &&
    Number.isInteger(minute) && minute >= 0 && minute <= 59 &&
    Number.isInteger(second) && second >= 0 && second <= 60 &&
    ms >= 0 && ms < 1000;
  return ok ? Date.UTC(year, month - 1, day, hour, minute, second, ms) : NaN;
}

/** Every point must have a real time: a page with a timestamp that is not one is a ParseError, not a NaN on a chart. */
export function checkTimestamps(timestamps: Float64Array, request: RequestInfo, status = 200): void {
  for (let i = 0; i < timestamps.length; i++) {
    if (!isValidTime(timestamps[i])) throw new ParseError(request, status, `point ${i} has no valid timestamp`, '');
  }
}
