/**
 * The fields of a generated form (template variables, an action's input, an event's data), independent
 * of how they are shown: a multi-step quick input asks one field per step with this module's checks.
 */
import { ValidationError } from '../../platforms/http';
import { parseJsonText } from './jsonPayload';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export interface FormField {
  /** Path of the value in the result (`templateVariables.value`, `input.delay`); names errors. */
  readonly path: string;
  /** Key in the result object, or undefined when the field is the whole value. */
  readonly key?: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description?: string;
  readonly enumValues?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly defaultValue?: unknown;
  readonly unit?: string;
  /** A `json` field that takes JSON only: a bare word is refused rather than taken as text (it fills a value outside quotes). */
  readonly strict?: boolean;
}

/** Converts what the user typed to the field's value; empty optional fields give undefined. Throws naming `field.path`. */
export function parseFieldValue(field: FormField, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '' && field.kind !== 'string') {
    if (field.required) throw new ValidationError(field.path, 'is required');
    return undefined;
  }
  switch (field.kind) {
    case 'string':
      if (text === '' && field.required) throw new ValidationError(field.path, 'is required');
      return text === '' ? undefined : text;
    case 'number':
    case 'integer': {
      const n = Number(trimmed);
      if (!Number.isFinite(n)) throw new ValidationError(field.path, `"${text}" is not a number`);
      if (field.kind === 'integer' && !Number.isInteger(n)) throw new ValidationError(field.path, `"${text}" is not a whole number`);
      if (field.minimum !== undefined && n < field.minimum) throw new ValidationError(field.path, `${n} is below the minimum ${field.minimum}`);
      if (field.maximum !== undefined && n > field.maximum) throw new ValidationError(field.path, `${n} is above the maximum ${field.maximum}`);
      return n;
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new ValidationError(field.path, `"${text}" is not true or false`);
      return lower === 'true';
    }
    case 'enum': {
      const match = field.enumValues?.find((v) => String(v) === trimmed);
      if (match === undefined) throw new ValidationError(field.path, `"${text}" is not one of ${(field.enumValues ?? []).map((v) => String(v)).join(', ')}`);
      return match;
    }
    case 'json': {
      const parsed = parseJsonText(trimmed);
      if (parsed.ok) return parsed.value;
      // A bare word is taken as text, so `on` works where `"on"` is meant — except where the value fills a
      // number's place in a payload (`"rpm": {{rpm}}`): there "abc" is a mistake, and "\"abc\"" says text.
      if (!field.strict && /^[A-Za-z_][\w .:-]*$/.test(trimmed) && !/^(true|false|null)$/.test(trimmed)) return trimmed;
      if (field.strict) throw new ValidationError(field.path, `"${text}" is not a number, true/false, null or JSON (text needs quotes: "${text.replace(/"/g, '\\"')}")`);
      throw new ValidationError(field.path, `"${text}" is not a number, true/false or JSON (${parsed.problem.message})`);
    }
  }
}

/** The text a field starts with: its default, else empty. */
export function initialText(field: FormField): string {
  if (field.defaultValue === undefined) return '';
  return typeof field.defaultValue === 'string' ? field.defaultValue : JSON.stringify(field.defaultValue);
}

/** Builds the result from parsed values: an object of the keyed fields, or the single un-keyed field's value. */
export function assembleValue(fields: readonly FormField[], values: readonly unknown[]): unknown {
  if (fields.length === 1 && fields[0].key === undefined) return values[0];
  const out: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    if (f.key !== undefined && values[i] !== undefined) out[f.key] = values[i];
  });
  return out;
}
