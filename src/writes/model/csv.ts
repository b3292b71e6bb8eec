/**
 * A small RFC 4180 CSV reader for the files users write telemetry and calculated values from:
 * quoted fields (with `""` escapes and line breaks), CRLF or LF, a BOM, and the delimiter sniffed
 * from the header line (`,`, `;` as spreadsheets in many locales write it, or a tab).
 */
import { ValidationError } from '../../platforms/http';

export interface CsvTable {
  /** Header cells, trimmed. */
  readonly header: readonly string[];
  /** Data rows, each as long as the header; `lines[i]` is the 1-based file line of `rows[i]`. */
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly number[];
  readonly delimiter: string;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the first line into the most cells (outside quotes). */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Splits CSV text into records of raw cells; each record carries the line it starts on. */
export function parseCsvRecords(text: string, delimiter: string, source = 'file'): { cells: string[]; line: number }[] {
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let afterQuote = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    cells.push(cell);
    // Blank lines carry no data; keep everything else (a row of empty cells is a row of nulls).
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ cells, line: recordLine });
    cells = [];
    cell = '';
    afterQuote = false;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '' && !afterQuote) {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (ch === '\r' && body[i + 1] === '\n') {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      if (ch.trim() !== '') throw new ValidationError(`${source}:${line}`, `unexpected ${JSON.stringify(ch)} after a closing quote`);
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new ValidationError(`${source}:${recordLine}`, 'a quoted field is never closed');
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** Parses a CSV file with a header line; every row must have the header's number of cells. */
export function parseCsv(text: string, source = 'file', delimiter = sniffDelimiter(text)): CsvTable {
  const records = parseCsvRecords(text, delimiter, source);
  if (records.length === 0) throw new ValidationError(source, 'is empty; the first line must name the columns');
  const header = records[0].cells.map((c) => c.trim());
  header.forEach((h, i) => {
    if (h === '') throw new ValidationError(`${source}:1`, `column ${i + 1} has no name`);
  });
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) throw new ValidationError(`${source}:1`, `column "${duplicate}" appears twice`);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const record of records.slice(1)) {
    if (record.cells.length !== header.length) {
      throw new ValidationError(`${source}:${record.line}`, `has ${record.cells.length} cells; the header has ${header.length} (delimiter ${JSON.stringify(delimiter)})`);
    }
    rows.push(record.cells);
    lines.push(record.line);
  }
  return { header, rows, lines, delimiter };
}
