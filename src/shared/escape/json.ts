/**
 * JSON files we write (command files, exports). `JSON.stringify` already escapes quotes, controls and
 * lone surrogates; this also writes the characters that are legal in JSON strings but change how an
 * editor shows the file (U+2028, U+2029, C1 controls, bidirectional controls) as `\uXXXX`, so the file
 * reads as what it holds. Those characters can only occur inside strings, so the value is unchanged.
 */
import { unicodeEscape } from './text';

const INVISIBLE_IN_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `JSON.stringify(value, null, indent)` with the characters above escaped. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(value, null, indent));
}

/** The same escaping for text that `JSON.stringify` produced (streamed writers build documents in parts). */
export function escapeJsonText(json: string): string {
  return json.replace(INVISIBLE_IN_JSON, unicodeEscape);
}
