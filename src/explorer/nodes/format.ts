/** Short, single-line renderings of platform values for tree descriptions. */

export function formatValue(value: unknown, max = 60): string {
  let text: string;
  if (value === null) text = 'null';
  else if (typeof value === 'number') text = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "12 min ago", "3 h ago", or the ISO date for older times. */
export function formatAge(epochMs: number, now = Date.now()): string {
  const s = Math.round((now - epochMs) / 1000);
  if (s < 0) return new Date(epochMs).toISOString();
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** What may stand between a row's name and the rest of its description: : - – — · | (escaped: the bundle stays ASCII). */
const SEPARATOR = /^\s*[:\-\u2013\u2014\u00b7|]\s*/;

/** A description without the row's own name in front ("HVAC: air handling units" under "HVAC" → "air handling units"). */
export function withoutOwnName(description: string | undefined, name: string): string | undefined {
  const text = description?.trim();
  if (!text) return undefined;
  if (text.toLowerCase() === name.trim().toLowerCase()) return undefined;
  const lead = text.slice(0, name.length).toLowerCase() === name.toLowerCase() ? text.slice(name.length) : undefined;
  const rest = lead !== undefined && SEPARATOR.test(lead) ? lead.replace(SEPARATOR, '') : undefined;
  return rest === undefined ? text : rest || undefined;
}
