/**
 * ML model and ML service definitions written as JSON files in the workspace, checked with ajv against
 * the same schemas (`schemas/*.schema.json`) that VS Code uses for completion through `jsonValidation`,
 * so the editor and the register command never disagree. vscode-free.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { loadAjv } from '../lazy/lazyModule';

export type DefinitionKind = 'ml-model' | 'ml-service';

export const definitionKinds: readonly DefinitionKind[] = ['ml-model', 'ml-service'];

/** File-name suffixes matched by `jsonValidation` in package.json. */
export const definitionSuffixes: Readonly<Record<DefinitionKind, readonly string[]>> = {
  'ml-model': ['.ml-model.json', '.mlmodel.json'],
  'ml-service': ['.ml-service.json', '.mlservice.json'],
};

/** The kind a file name says it holds, if any. */
export function kindFromFileName(path: string): DefinitionKind | undefined {
  const name = basename(path).toLowerCase();
  return definitionKinds.find((k) => definitionSuffixes[k].some((s) => name.endsWith(s)));
}

export type DefinitionResult =
  | { readonly ok: true; readonly definition: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Validates definitions; one instance compiles each schema once. */
export class DefinitionValidator {
  private ajvInstance: Ajv | undefined;
  private readonly compiled = new Map<DefinitionKind, ValidateFunction>();

  /** `schemasDir` is the extension's `schemas/` folder. */
  constructor(private readonly schemasDir: string) {}

  /** Created on the first validation: the validator is built at activation, ajv should not be loaded then. */
  private get ajv(): Ajv {
    if (!this.ajvInstance) {
      const { Ajv, addFormats } = loadAjv();
      // verbose: errors carry their schema, so an anyOf can be explained by its alternatives.
      const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true });
      addFormats(ajv);
      // Keywords VS Code's JSON editor understands; ajv must know them to stay strict about the rest.
      ajv.addVocabulary(['defaultSnippets', 'markdownDescription', 'deprecationMessage', 'errorMessage']);
      this.ajvInstance = ajv;
    }
    return this.ajvInstance;
  }

  schemaPath(kind: DefinitionKind): string {
    return join(this.schemasDir, `${kind}.schema.json`);
  }

  private async validator(kind: DefinitionKind): Promise<ValidateFunction> {
    let v = this.compiled.get(kind);
    if (!v) {
      const schema = JSON.parse(await readFile(this.schemaPath(kind), 'utf8')) as Record<string, unknown>;
      v = this.ajv.compile(schema);
      this.compiled.set(kind, v);
    }
    return v;
  }

  /** Checks a parsed value. */
  async validate(kind: DefinitionKind, value: unknown): Promise<DefinitionResult> {
    const validate = await this.validator(kind);
    if (validate(value)) return { ok: true, definition: value as Record<string, unknown> };
    // The failures inside anyOf alternatives are summed up by the anyOf error itself.
    const errors = (validate.errors ?? []).filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
    return { ok: false, errors: [...new Set(errors.map(formatAjvError))] };
  }

  /** Reads, parses and checks a JSON file; a syntax error is reported like a schema error. */
  async validateFile(kind: DefinitionKind, path: string): Promise<DefinitionResult> {
    const text = await readFile(path, 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, errors: [`${basename(path)} is not valid JSON: ${(err as Error).message}`] };
    }
    return this.validate(kind, value);
  }
}

/** One line per problem: where, and what is wrong in words (`/inputs/0: must have property "dataType"`). */
export function formatAjvError(e: ErrorObject): string {
  const where = e.instancePath || '(top level)';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${String(p.additionalProperty)}"`;
    case 'required':
      return `${where}: missing required property "${String(p.missingProperty)}"`;
    case 'anyOf': {
      // Alternatives of required keys (clientId and scope, or headers) read as one sentence.
      const branches = (Array.isArray(e.schema) ? e.schema : []) as { required?: string[] }[];
      if (branches.length > 0 && branches.every((b) => Array.isArray(b.required))) {
        return `${where}: needs ${branches.map((b) => b.required!.map((k) => `"${k}"`).join(' and ')).join(', or ')}`;
      }
      return `${where}: ${e.message ?? e.keyword}`;
    }
    case 'enum':
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}
