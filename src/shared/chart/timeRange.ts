/**
 * Time ranges of the chart: presets, fixed-offset time zones in the ±hh:mm forms, wall-clock parsing and
 * formatting in a zone, and calendar buckets (the das `dimension`s and `period`s) aligned to a zone.
 * Pure and DOM-free: used by the host and the webview. Offsets are minutes east of UTC.
 */
import type { RangePreset, StatsDimension, StatsPeriod } from './viewOptions';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESET_MS: Readonly<Record<Exclude<RangePreset, 'custom'>, number>> = {
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): TimeRange {
  return { from: now - PRESET_MS[preset], to: now };
}

/**
 * Parses a zone: `Z`, `UTC`, `±hh:mm`, `±hhmm` or `±hh` (the forms das accepts for `tz`).
 * Returns minutes east of UTC, or undefined when the text is not one of them or beyond ±14:00.
 */
export function parseZone(text: string): number | undefined {
  const s = text.trim();
  if (/^(z|utc|gmt)$/i.test(s)) return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (minutes >= 60) return undefined;
  const total = hours * 60 + minutes;
  if (total > 14 * 60) return undefined;
  return m[1] === '-' ? -total : total;
}

/** `+02:00`, `-03:30`, `+00:00`. */
export function formatZone(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMin));
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The offsets people actually use, for the zone picker. */
export const ZONE_CHOICES: readonly string[] = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120, 180, 210, 240, 270, 300, 330,
  345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 840,
].map(formatZone);

/** `2024-11-26T10:00:05.000+02:00`: ISO 8601 with the zone's offset (`Z` for UTC when `utcAsZ`). */
export function formatInZone(ts: number, offsetMin: number, utcAsZ = false): string {
  const d = new Date(ts + offsetMin * MINUTE);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${date}T${time}${utcAsZ && offsetMin === 0 ? 'Z' : formatZone(offsetMin)}`;
}

/** `2024-11-26T10:00` in the zone: the value of an `<input type="datetime-local">`. */
export function formatWallClock(ts: number, offsetMin: number): string {
  return formatInZone(ts, offsetMin).slice(0, 16);
}

/**
 * Parses `yyyy-MM-dd[THH:mm[:ss[.SSS]]]` as wall-clock time in the zone; an explicit `Z` or offset in
 * the text wins over the zone. Undefined when the text is not such a date.
 */
export function parseInZone(text: string, offsetMin: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = m;
  const offset = zone !== undefined ? parseZone(zone) : offsetMin;
  if (offset === undefined) return undefined;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  if (new Date(utc).getUTCDate() !== day) return undefined; // 31 February and friends
  return utc - offset * MINUTE;
}

// ---- calendar buckets ------------------------------------------------------------------------------

/** Start of the bucket of `dimension` holding `ts`, with calendar boundaries in the zone (weeks start on Monday). */
export function floorToDimension(ts: number, dimension: StatsDimension, offsetMin: number): number {
  const shift = offsetMin * MINUTE;
  const d = new Date(ts + shift);
  let wall: number;
  switch (dimension) {
    case 'Minute': wall = Math.floor((ts + shift) / MINUTE) * MINUTE; break;
    case 'Hour': wall = Math.floor((ts + shift) / HOUR) * HOUR; break;
    case 'Day': wall = Math.floor((ts + shift) / DAY) * DAY; break;
    case 'Week': {
      const day = Math.floor((ts + shift) / DAY) * DAY;
      const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
      wall = day - weekday * DAY;
      break;
    }
    case 'Month': wall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); break;
    case 'Quarter': wall = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1); break;
    case 'Year': wall = Date.UTC(d.getUTCFullYear(), 0, 1); break;
  }
  return wall - shift;
}

/** `start` moved by `n` buckets of `dimension` (calendar months for Month/Quarter/Year). */
export function addDimension(start: number, dimension: StatsDimension, n: number, offsetMin: number): number {
  switch (dimension) {
    case 'Minute': return start + n * MINUTE;
    case 'Hour': return start + n * HOUR;
    case 'Day': return start + n * DAY;
    case 'Week': return start + n * 7 * DAY;
    case 'Month':
    case 'Quarter':
    case 'Year': {
      const shift = offsetMin * MINUTE;
      const d = new Date(start + shift);
      const months = n * (dimension === 'Month' ? 1 : dimension === 'Quarter' ? 3 : 12);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()) - shift;
    }
  }
}

const DIMENSION_MS: Readonly<Record<StatsDimension, number>> = {
  Minute: MINUTE, Hour: HOUR, Day: DAY, Week: 7 * DAY, Month: 30 * DAY, Quarter: 91 * DAY, Year: 365 * DAY,
};
const BY_SIZE: readonly StatsDimension[] = ['Minute', 'Hour', 'Day', 'Week', 'Month', 'Quarter', 'Year'];

/** The finest dimension that gives at most `maxBuckets` buckets over the range (Year when none does). */
export function autoDimension(from: number, to: number, maxBuckets: number): StatsDimension {
  const span = Math.max(1, to - from);
  return BY_SIZE.find((d) => span / DIMENSION_MS[d] <= maxBuckets) ?? 'Year';
}

/** The range a named das `period` covers at `now` in the zone; `Custom` gives `custom`. */
export function resolvePeriod(period: StatsPeriod, now: number, offsetMin: number, custom: TimeRange = { from: now, to: now }): TimeRange {
  const current = (d: StatsDimension): TimeRange => {
    const from = floorToDimension(now, d, offsetMin);
    return { from, to: addDimension(from, d, 1, offsetMin) };
  };
  const previous = (d: StatsDimension): TimeRange => {
    const to = floorToDimension(now, d, offsetMin);
    return { from: addDimension(to, d, -1, offsetMin), to };
  };
  switch (period) {
    case 'Custom': return custom;
    case 'CurrentMoment': return { from: floorToDimension(now, 'Minute', offsetMin), to: now };
    case 'CurrentDay': return current('Day');
    case 'PreviousDay': return previous('Day');
    case 'CurrentWeek': return current('Week');
    case 'PreviousWeek': return previous('Week');
    case 'CurrentMonth': return current('Month');
    case 'PreviousMonth': return previous('Month');
    case 'CurrentQuarter': return current('Quarter');
    case 'PreviousQuarter': return previous('Quarter');
    case 'CurrentYear': return current('Year');
    case 'PreviousYear': return previous('Year');
  }
}

/**
 * Chart x-values in "display time": chart.js formats dates in the browser's local zone, so shifting each
 * timestamp by (zone − local offset at that instant) makes its labels and tick boundaries show the zone.
 * `localOffsetMin(ts)` is `-new Date(ts).getTimezoneOffset()` in the webview.
 */
export function toDisplayTime(ts: number, zoneOffsetMin: number, localOffsetMin: (ts: number) => number): number {
  return ts + (zoneOffsetMin - localOffsetMin(ts)) * MINUTE;
}

export function fromDisplayTime(x: number, zoneOffsetMin: number, localOffsetMin: (ts: number) => number): number {
  // The local offset is taken at the shifted instant; one correction step settles DST edges.
  const guess = x - (zoneOffsetMin - localOffsetMin(x)) * MINUTE;
  return x - (zoneOffsetMin - localOffsetMin(guess)) * MINUTE;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
