/**
 * File names suggested from platform data (export dialogs, documents titled after a thing): one name,
 * never a path. No separators, no characters Windows refuses, no controls, no leading dot (hidden) or
 * trailing dot or space, no reserved device name (CON, NUL, COM1, …), and short enough in UTF-8 bytes.
 */
/* eslint-disable no-control-regex -- finding control characters is what this module is for */
import { wellFormed } from './text';

const FORBIDDEN = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069/\\:*?"<>|#%]+/g;
// ¹²³ written as escapes: bundles stay ASCII (Node decodes ASCII fastest; a character past Latin-1 makes V8 hold the file as UTF-16).
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;

/** A safe file name from `name` (without extension); `fallback` when nothing usable is left. */
export function safeFileName(name: string, fallback = 'untitled', maxBytes = 120): string {
  let safe = wellFormed(String(name)).replace(/\ufffd/g, '_').replace(FORBIDDEN, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (RESERVED.test(safe)) safe = `_${safe}`;
  safe = cutToBytes(safe, maxBytes).replace(/[\s.]+$/, '');
  return safe || fallback;
}

/** The longest prefix of `text` whose UTF-8 form fits in `maxBytes`, cut between characters. */
export function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}
