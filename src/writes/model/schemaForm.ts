/**
 * Forms generated from a Thing Description's data schemas (an action's `input`, an event's `data`,
 * a property's own schema), and the check of a value against such a schema before any request.
 * TD data schemas are JSON Schema with a few extra keywords (`unit`, `readOnly`, `@type`), so Ajv
 * validates them once those keywords are tolerated.
 */
import type { default as Ajv, ErrorObject } from 'ajv';
import { loadAjv } from '../../lazy/lazyModule';
import { ValidationError } from '../../platforms/http';
import type { DataSchema } from '../../platforms/altair/types';
import type { FormField } from './formFields';

/** One field per top-level property of an object schema; one field for a scalar schema; a JSON field otherwise. */
export function schemaFields(schema: DataSchema | undefined, root: string): FormField[] {
  if (!schema) return [];
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length > 0) {
    const required = new Set(schema.required ?? []);
    return Object.entries(schema.properties)
      .filter(([, s]) => !s.readOnly)
      .map(([key, s]) => field(s, `${root}.${key}`, key, required.has(key)));
  }
  return [field(schema, root, undefined, true)];
}

function field(schema: DataSchema, path: string, key: string | undefined, required: boolean): FormField {
  const label = schema.title ?? key ?? path;
  const base = { path, key, label, required, description: schema.description, defaultValue: schema.default, unit: schema.unit };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { ...base, kind: 'enum', enumValues: schema.enum };
  if (schema.const !== undefined) return { ...base, kind: 'enum', enumValues: [schema.const] };
  switch (schema.type) {
    case 'string':
      return { ...base, kind: 'string' };
    case 'number':
    case 'integer':
      return { ...base, kind: schema.type, minimum: schema.minimum, maximum: schema.maximum };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    default:
      return { ...base, kind: 'json' };
  }
}

let ajv: Ajv | undefined;

function validator(): Ajv {
  // strict: false ignores TD keywords JSON Schema does not know (`unit`, `@type`); formats are not enforced (TDs use many).
  ajv ??= new (loadAjv().Ajv)({ strict: false, allErrors: true, validateFormats: false });
  return ajv;
}

/** Checks `value` against the schema; the first problem is thrown naming its path under `root`. */
export function checkAgainstSchema(schema: DataSchema | undefined, value: unknown, root: string): void {
  if (!schema) return;
  let validate;
  try {
    validate = validator().compile(stripTdOnly(schema));
  } catch (err) {
    // A schema Ajv cannot compile is the platform's problem, not the user's: let the server judge the value.
    void err;
    return;
  }
  if (validate(value)) return;
  const first = (validate.errors ?? [])[0];
  if (first) throw new ValidationError(errorPath(root, first), describe(first));
}

/** Removes `readOnly` properties from object schemas (they are not input), recursively. */
function stripTdOnly(schema: DataSchema): DataSchema {
  if (schema.type !== 'object' || !schema.properties) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([, s]) => !s.readOnly).map(([k, s]) => [k, stripTdOnly(s)]));
  const required = schema.required?.filter((r) => r in properties);
  return { ...schema, properties, ...(required ? { required } : {}) };
}

function errorPath(root: string, error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return [root, ...segments].map((s, i) => (i > 0 && /^\d+$/.test(s) ? `[${s}]` : i > 0 ? `.${s}` : s)).join('');
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not part of the schema';
    case 'enum':
      return `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}
