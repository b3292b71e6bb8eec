/** The timestamp formats of the Altair API and the parser of the properties-history `at` parameter. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

// Formatting is on the hot path of large pages, so the date-and-hour prefix is cached.
let cachedHour = NaN;
let cachedPrefix = '';
function hourPrefix(hour: number): string {
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedPrefix = new Date(hour * HOUR_MS).toISOString().slice(0, -10);
  }
  return cachedPrefix;
}

function format(ms: number, fractions: boolean): string {
  const hour = Math.floor(ms / HOUR_MS);
  const rest = ms - hour * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  const tail = fractions ? `.${pad3(Math.floor(rest % 1000))}Z` : 'Z';
  return `${hourPrefix(hour)}${pad2(minutes)}:${pad2(seconds)}${tail}`;
}

/** RFC 3339 UTC without fractions, as on Things, Categories and Models: `2021-12-13T09:38:11Z`. */
export function rfc3339(ms: number): string {
  return format(ms, false);
}

/** RFC 3339 UTC with milliseconds, as on property history: `2024-04-02T11:17:09.122Z`. */
export function rfc3339Ms(ms: number): string {
  return format(ms, true);
}

/** The action/event timestamp format of the spec examples: `2022-06-02 15:37:46+0000`. */
export function actionTime(ms: number): string {
  return `${rfc3339(ms).slice(0, 10)} ${rfc3339(ms).slice(11, 19)}+0000`;
}

const FULL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i;
const SHORT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * One instant: RFC 3339 with a zone (`Z` or an offset, `+0000` too) or the short forms `2022`,
 * `2022-12`, `2022-12-05` (the start of that year, month or day, UTC).
 */
export function parseInstant(text: string): number | undefined {
  const t = text.trim();
  const full = FULL.exec(t);
  if (full) {
    const zone = full[3].toUpperCase() === 'Z' ? 'Z' : `${full[3].slice(0, 3)}:${full[3].slice(-2)}`;
    const ms = Date.parse(`${full[1]}T${full[2]}${zone}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const short = SHORT.exec(t);
  if (short) {
    const [y, m, d] = [Number(short[1]), Number(short[2] ?? 1), Number(short[3] ?? 1)];
    if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
    return Date.UTC(y, m - 1, d);
  }
  return undefined;
}

export type AtQuery = { kind: 'instant'; at: number } | { kind: 'range'; from: number; to: number };

/**
 * The `at` parameter: an instant, or `START|END`. Choice (the spec is silent): the start is
 * inclusive and the end exclusive, and a short form stands for its first instant, so
 * `2022|2023` is the whole of 2022.
 */
export function parseAt(text: string): AtQuery | undefined {
  const parts = text.split('|');
  if (parts.length === 1) {
    const at = parseInstant(parts[0]);
    return at === undefined ? undefined : { kind: 'instant', at };
  }
  if (parts.length !== 2) return undefined;
  const from = parseInstant(parts[0]);
  const to = parseInstant(parts[1]);
  if (from === undefined || to === undefined || to < from) return undefined;
  return { kind: 'range', from, to };
}
