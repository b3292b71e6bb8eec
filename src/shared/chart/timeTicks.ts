/**
 * Time-axis ticks on round units (every 5 min at :00, :05, :10…, every 6 h at 00, 06, 12, 18, on the
 * 1st of a month…), in the wall clock of the zone the axis shows, and one way to write a time that
 * follows the user's locale (its 12/24-hour clock and date order) for the axis, tooltips and the status
 * line. Chart.js's own time ticks start at the first whole minute of the range and then skip ticks to
 * fit, which gave 13:48, 13:54, 14:00, 14:05. Pure and DOM-free.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TickUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

interface Step {
  readonly unit: TickUnit;
  readonly count: number;
  /** Approximate length, to pick the step. */
  readonly ms: number;
}

const STEPS: readonly Step[] = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((n) => ({ unit: 'millisecond' as const, count: n, ms: n })),
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ unit: 'second' as const, count: n, ms: n * SECOND })),
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ unit: 'minute' as const, count: n, ms: n * MINUTE })),
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: 'hour' as const, count: n, ms: n * HOUR })),
  ...[1, 2, 7, 14].map((n) => ({ unit: 'day' as const, count: n, ms: n * DAY })),
  ...[1, 2, 3, 6].map((n) => ({ unit: 'month' as const, count: n, ms: n * 30 * DAY })),
  ...[1, 2, 5, 10, 20, 50, 100].map((n) => ({ unit: 'year' as const, count: n, ms: n * 365 * DAY })),
];

export interface Ticks {
  readonly unit: TickUnit;
  readonly step: number;
  /** Tick positions in [min, max], ascending. */
  readonly values: number[];
}

/**
 * Round ticks for [min, max] with at most `maxTicks`. Values are instants; `offsetMin(t)` is the offset
 * of the wall clock they are rounded in (the axis's zone), so hours and days fall on that clock's
 * boundaries also in zones like +05:30 and across daylight-saving changes.
 */
export function timeTicks(min: number, max: number, maxTicks: number, offsetMin: (t: number) => number = () => 0): Ticks {
  const span = Math.max(1, max - min);
  const limit = Math.max(2, Math.floor(maxTicks));
  const step = STEPS.find((s) => span / s.ms <= limit) ?? STEPS[STEPS.length - 1];
  const values: number[] = [];
  const toWall = (t: number): number => t + offsetMin(t) * MINUTE;
  const fromWall = (w: number): number => w - offsetMin(w - offsetMin(w) * MINUTE) * MINUTE;
  let wall = floorWall(toWall(min), step);
  for (let guard = 0; guard < limit * 4 + 8; guard++) {
    const t = fromWall(wall);
    if (t > max) break;
    if (t >= min && (values.length === 0 || t > values[values.length - 1])) values.push(t);
    wall = nextWall(wall, step);
  }
  return { unit: step.unit, step: step.count, values };
}

/** The wall-clock time (ms, read as UTC fields) at or before `wall` on a multiple of the step. */
function floorWall(wall: number, s: Step): number {
  const d = new Date(wall);
  switch (s.unit) {
    case 'millisecond':
    case 'second':
    case 'minute':
    case 'hour':
      return Math.floor(wall / s.ms) * s.ms;
    case 'day':
      if (s.count === 7 || s.count === 14) {
        const day = Math.floor(wall / DAY) * DAY;
        return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY; // Mondays
      }
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDate() - 1) % s.count));
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % s.count), 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() - (d.getUTCFullYear() % s.count), 0, 1);
  }
}

function nextWall(wall: number, s: Step): number {
  const d = new Date(wall);
  switch (s.unit) {
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + s.count, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + s.count, 0, 1);
    case 'day': {
      if (s.count === 7 || s.count === 14) return wall + s.count * DAY;
      // Days restart at the 1st of each month (1, 3, 5 … with a step of 2).
      const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + s.count);
      const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      return next > monthStart ? monthStart : next;
    }
    default:
      return wall + s.ms;
  }
}

/** Intl options for a tick label of `unit` (the locale decides the order and the 12/24-hour clock). */
export function tickFormat(unit: TickUnit): Intl.DateTimeFormatOptions {
  switch (unit) {
    case 'millisecond': return { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 };
    case 'second': return { hour: '2-digit', minute: '2-digit', second: '2-digit' };
    case 'minute':
    case 'hour': return { hour: '2-digit', minute: '2-digit' };
    case 'day': return { month: 'short', day: 'numeric' };
    case 'month': return { year: 'numeric', month: 'short' };
    case 'year': return { year: 'numeric' };
  }
}

/** A full time for tooltips and the status line: date, time with seconds, in the user's locale. */
export const FULL_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };
/** A time of day for the status line ("updated 14:05:10" / "2:05:10 PM"). */
export const TIME_OF_DAY: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
