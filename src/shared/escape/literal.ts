/**
 * Text inserted between the quotes of a string literal the user is typing (names-path completion in
 * Python, JavaScript/TypeScript and JSON): the literal's value becomes exactly the name, whatever it
 * holds. A name with a quote must not end the literal and run the rest as code.
 */
/* eslint-disable no-control-regex -- finding control characters is what this module is for */
import { escapeJsonText } from './json';
import { pythonStringBody } from './python';

export type LiteralLanguage = 'python' | 'js' | 'json';

const UNSAFE_IN_RAW = /[\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * The body for a literal opened by `opener` (its prefix and quotes as written: `'`, `rb"""`, `` ` ``),
 * or undefined when no body can give that value (a raw string cannot hold its own quote or escapes,
 * a bytes literal holds ASCII only).
 */
export function literalBody(value: string, language: LiteralLanguage, opener: string): string | undefined {
  const quote = opener.slice(-1);
  if (language === 'json') return escapeJsonText(JSON.stringify(String(value)).slice(1, -1));
  // JavaScript accepts the same \\ \' \" \n \xhh \uhhhh escapes as Python.
  let body = pythonStringBody(value);
  if (language === 'js') return quote === '`' ? body.replace(/[`]/g, '\\`').replace(/\$\{/g, '\\${') : body;
  const prefix = opener.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b') && /[^\x00-\x7f]/.test(value)) return undefined;
  if (prefix.includes('r')) return UNSAFE_IN_RAW.test(value) || value.includes(quote) ? undefined : value;
  if (prefix.includes('f')) body = body.replace(/[{}]/g, '$&$&');
  return body;
}
