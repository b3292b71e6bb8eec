/**
 * Plain text from a platform, made safe for one-line sinks (tree labels, quick picks, notifications,
 * the status bar, log lines). Nothing that breaks a line, controls a terminal or reorders text survives
 * as itself: each such character becomes a visible escape, so a name cannot forge a log line or hide
 * part of itself, and two different names never look the same. Pure: the webviews import it too.
 */
/* eslint-disable no-control-regex -- finding control characters is what this module is for */

/** Every line terminator a reader of our output knows: Python's `str.splitlines`, JavaScript, Unicode. */
export const LINE_TERMINATOR = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Characters no sink shows as themselves: C0 and C1 controls, DEL, the line and paragraph separators and
 * the bidirectional controls that reorder what an editor shows ("Trojan Source").
 */
export const UNSAFE_CHARS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** A surrogate without its partner: invalid UTF-16, which no UTF-8 file can hold. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\uXXXX` for one UTF-16 unit. */
export function unicodeEscape(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Replaces lone surrogates with U+FFFD (what a UTF-8 encoder would write anyway, but visibly). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Cuts `text` to at most `max` UTF-16 units plus "…", never between the halves of a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** One line of visible text: controls as escapes (`\n`, `\u2028`), lone surrogates as U+FFFD, cut at `max`. */
export function oneLine(text: string, max = Infinity): string {
  return truncate(wellFormed(String(text)).replace(UNSAFE_CHARS, (c) => SHORT[c] ?? unicodeEscape(c)), max);
}
