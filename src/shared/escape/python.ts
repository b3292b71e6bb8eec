/**
 * Python source from platform data: string literals that evaluate to exactly the given text, and
 * comment text that stays on its comment line. Python splits source lines at \n, \r and \r\n, editors
 * also at \v, \f, \x1c–\x1e, \x85, U+2028 and U+2029, and a NUL makes the file unreadable: all of them
 * leave as escapes, as do bidirectional controls (which can make code read differently from how it runs)
 * and lone surrogates (which a UTF-8 file cannot hold).
 */
/* eslint-disable no-control-regex -- finding control characters is what this module is for */
import { oneLine, unicodeEscape } from './text';

/** What Python escapes in a literal: the quote, backslash, controls, separators, bidi controls, lone surrogates (pairs pass). */
const PY_ESCAPE = /[\ud800-\udbff][\udc00-\udfff]|[\\'"\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/g;
const PY_SHORT: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function pyEscape(unit: string): string {
  if (unit.length === 2) return unit; // a surrogate pair: one valid character
  const short = PY_SHORT[unit];
  if (short) return short;
  const code = unit.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(unit);
}

/** The body of a Python string literal (no quotes): every character that needs it is escaped. */
export function pythonStringBody(value: string): string {
  return String(value).replace(PY_ESCAPE, pyEscape);
}

/** A single-quoted Python `str` literal whose value is exactly `value`. */
export function pythonString(value: string): string {
  return `'${pythonStringBody(value)}'`;
}

/** A list literal of strings. */
export function pythonList(values: readonly string[]): string {
  return `[${values.map(pythonString).join(', ')}]`;
}

/** Text for after a `#`: one line whatever `text` holds (controls shown as escapes), cut at `max`. */
export function pythonComment(text: string, max = 200): string {
  return oneLine(text, max);
}
