/**
 * A form generated from a Templated command's variables. The payload template (e.g.
 * `{"sp": {{value}}, "mode": "{{mode}}"}`) tells each variable's kind: a placeholder inside quotes takes
 * text, one outside quotes takes a JSON value (number, true/false, null, object). Values are checked and
 * the template rendered before any request, so a bad value is refused naming its variable.
 */
import { ValidationError } from '../../platforms/http';
import type { FormField } from './formFields';
import { parseJsonText } from './jsonPayload';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** The variables of a template, in order of first appearance, then any listed ones the template does not use. */
export function templateFields(template: string | undefined, variables: readonly string[] = []): FormField[] {
  const text = template ?? '';
  const fields: FormField[] = [];
  const seen = new Set<string>();
  // The prompt shows the variable's name and kind; the template's raw text is no part of it.
  const add = (name: string, quoted: boolean, strict: boolean): void => {
    seen.add(name);
    fields.push({ path: `templateVariables.${name}`, key: name, label: name, kind: quoted ? 'string' : 'json', required: true, ...(strict ? { strict } : {}) });
  };
  const jsonShaped = /^\s*[[{]/.test(text);
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (seen.has(m[1])) continue;
    const quoted = isInsideString(text, m.index ?? 0);
    add(m[1], quoted, jsonShaped && !quoted);
  }
  for (const name of variables) if (!seen.has(name)) add(name, false, false);
  return fields;
}

/** True when `offset` lies inside a JSON string literal of `text`. */
function isInsideString(text: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (inside && ch === '\\') i++;
    else if (ch === '"') inside = !inside;
  }
  return inside;
}

/** Checks a variables object against the fields: every field present, no unknown names, scalars where text is expected. */
export function checkTemplateVariables(fields: readonly FormField[], values: unknown): Record<string, unknown> {
  if (!values || typeof values !== 'object' || Array.isArray(values)) throw new ValidationError('templateVariables', 'must be an object of variable names and values');
  const given = values as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!fields.some((f) => f.key === key)) {
      throw new ValidationError(`templateVariables.${key}`, `is not a variable of this command (variables: ${fields.map((f) => f.key).join(', ') || 'none'})`);
    }
  }
  for (const field of fields) {
    const v = given[field.key!];
    if (v === undefined || (v === null && field.kind === 'string')) throw new ValidationError(field.path, 'is required');
    if (field.kind === 'string' && typeof v === 'object') throw new ValidationError(field.path, 'goes inside quotes in the template: give text, a number or true/false');
  }
  return given;
}

/** Substitutes the values; when the template is JSON-shaped the result must parse, else the template is at fault. */
export function renderTemplate(template: string, fields: readonly FormField[], values: Record<string, unknown>): { text: string; json?: unknown } {
  const byName = new Map(fields.map((f) => [f.key, f]));
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    if (byName.get(name)?.kind === 'string') return JSON.stringify(String(v)).slice(1, -1);
    return JSON.stringify(v) ?? 'null';
  });
  // A device may take plain text; only a template that looks like JSON must render to JSON.
  if (!/^\s*[[{]/.test(template)) return { text };
  const parsed = parseJsonText(text);
  if (parsed.ok) return { text, json: parsed.value };
  throw new ValidationError('payloadTemplate', `the rendered payload is not JSON (${parsed.problem.message}); the command's template may be broken`);
}
