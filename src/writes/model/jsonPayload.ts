/**
 * Dynamic command payloads are free JSON typed by the user: parse them before any request and, when
 * they are broken, say where (line and column) so the editor can point at it.
 */
import { ValidationError } from '../../platforms/http';

export interface JsonProblem {
  readonly message: string;
  /** 0-based offset into the text, when known. */
  readonly offset?: number;
  readonly line?: number;
  readonly column?: number;
}

/** Parses JSON text; returns the value or where and why it is not JSON. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  if (text.trim() === '') return { ok: false, problem: { message: 'is empty; write a JSON value such as {"setpoint": 21}' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { ok: false, problem: { message: message.replace(/^JSON\.parse: /, '').replace(/\s*\(line \d+ column \d+\)$/, ''), offset, line, column } };
  }
}

/** Parses a payload or throws a ValidationError naming `field` with the line and column. */
export function requireJson(field: string, text: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  const { problem } = parsed;
  throw new ValidationError(field, problem.line !== undefined ? `is not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}` : problem.message);
}

/** Byte length of a JSON document as it goes on the wire (UTF-8). */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
