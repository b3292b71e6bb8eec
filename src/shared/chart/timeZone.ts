/**
 * Time zones of charts and exports: the user's local zone, a fixed offset (`±hh:mm`, as das accepts for
 * `tz`), or an IANA name (`Europe/Helsinki`) whose offset follows daylight saving. The offset of an IANA
 * zone at an instant comes from `Intl` (the ICU data Node and Chromium ship), so no zone database is
 * bundled. Pure and DOM-free: used by the host and the webview.
 */
import { formatZone, parseZone } from './timeRange';

const MINUTE = 60_000;
/** Zone transitions fall on whole quarter hours of UTC, so one offset holds for each quarter hour. */
const QUARTER = 15 * MINUTE;

/** A zone as the chart options keep it: `local`, `±hh:mm` or an IANA name. */
export type ZoneSpec = string;

/** The canonical IANA name for `name` (`europe/helsinki` → `Europe/Helsinki`), or undefined when Intl does not know it. */
export function ianaZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** `local`, a fixed offset normalised to `±hh:mm`, or a canonical IANA name; undefined for anything else. */
export function normalizeZone(text: string): ZoneSpec | undefined {
  const s = text.trim();
  if (s === 'local') return 'local';
  const fixed = parseZone(s);
  if (fixed !== undefined) return formatZone(fixed);
  return ianaZone(s);
}

export function isZoneSpec(text: string): boolean {
  return normalizeZone(text) !== undefined;
}

/** True for zones whose offset never changes (a fixed offset). */
export function isFixedZone(zone: ZoneSpec): boolean {
  return zone !== 'local' && parseZone(zone) !== undefined;
}

/** The IANA zone of this process (`UTC` when the runtime does not say). */
export function localZoneName(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * `zone`'s offset (minutes east of UTC) as a function of the instant. IANA zones go through
 * `Intl.DateTimeFormat`, memoised per quarter hour so a million sorted timestamps cost a few thousand
 * look-ups. `local` is the runtime's own zone.
 */
export function zoneOffsetFn(zone: ZoneSpec): (ts: number) => number {
  if (zone === 'local') return (ts) => -new Date(ts).getTimezoneOffset() || 0;
  const fixed = parseZone(zone);
  if (fixed !== undefined) return () => fixed;
  const name = ianaZone(zone);
  if (name === undefined) return () => 0;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  let bucket = NaN;
  let offset = 0;
  return (ts) => {
    const b = Math.floor(ts / QUARTER);
    if (b !== bucket) {
      bucket = b;
      offset = intlOffset(format, b * QUARTER);
    }
    return offset;
  };
}

/** The offset at one instant. */
export function zoneOffsetAt(zone: ZoneSpec, ts: number): number {
  return zoneOffsetFn(zone)(ts);
}

/** How the picker shows a zone: `Local time`, `UTC+02:00`, or the IANA name. */
export function zoneLabel(zone: ZoneSpec, localLabel: string): string {
  if (zone === 'local') return localLabel;
  return isFixedZone(zone) ? `UTC${zone}` : zone;
}

/** Every IANA zone the runtime knows (empty when `Intl.supportedValuesOf` is missing). */
export function ianaZoneNames(): readonly string[] {
  // Typed as always there (ES2022), but older webview runtimes may lack it.
  const supportedValuesOf: ((key: 'timeZone') => string[]) | undefined = Intl.supportedValuesOf;
  try {
    return supportedValuesOf?.call(Intl, 'timeZone') ?? [];
  } catch {
    return [];
  }
}

function intlOffset(format: Intl.DateTimeFormat, ts: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ts))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((wall - Math.floor(ts / 1000) * 1000) / MINUTE);
}
