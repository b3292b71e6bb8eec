/**
 * CSV cells of files we write. Text cells are quoted when needed (RFC 4180) and neutralised when a
 * spreadsheet would run them as a formula: OWASP's advice, a leading `'` before `=`, `+`, `-`, `@`,
 * tab or CR (also LF and the full-width `＝＋－＠` that some spreadsheets read the same way). Numbers are
 * written as numbers, so a negative value stays a negative number.
 */
/* eslint-disable no-control-regex -- finding control characters is what this module is for */
import { wellFormed } from './text';

const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const NEEDS_QUOTES = /[",;\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]|^\s|\s$/;

/** A text cell: neutralised, then quoted if it holds a delimiter, quote, line break or edge space. */
export function csvText(text: string): string {
  let cell = wellFormed(String(text));
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  return NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A numeric cell: the number as JavaScript prints it; NaN and ±Infinity (gaps) as an empty cell. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}
