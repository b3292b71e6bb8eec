/**
 * `*.iotcmd.json` files: one command, or `{"connection": …, "commands": [...]}`. Each command is checked
 * against the schema of its kind and comes back with where it sits in the text (for its CodeLens) and,
 * when it is invalid, the first problem named by its path (`commands[1].assetId`).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { loadAjv } from '../../lazy/lazyModule';
import { COMMAND_DEFINITIONS } from './iotcmdSchema';
import { JsonSyntaxError, member, parseJsonTree, type JsonNode } from './jsonTree';
import { WRITE_KINDS, type WriteKind, type WriteSpec } from './writeSpec';
import { jsonText } from '../../shared/escape/json';

export interface CommandEntry {
  /** Path of the command in the file: `commands[2]`, or `` for a single-command file. */
  readonly path: string;
  readonly offset: number;
  readonly length: number;
  readonly spec?: WriteSpec;
  /** The first problem, naming the field. */
  readonly error?: string;
}

export interface CommandFile {
  readonly commands: readonly CommandEntry[];
  /** A problem with the file as a whole (not JSON, wrong shape). */
  readonly error?: { readonly message: string; readonly offset: number };
}

let validators: Map<string, ValidateFunction<WriteSpec>> | undefined;

function validatorFor(kind: string): ValidateFunction<WriteSpec> {
  if (!validators) {
    // Built on the first check, so that activation does not load ajv (see src/lazy/lazyModule.ts).
    const { Ajv, addFormats } = loadAjv();
    const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
    addFormats(ajv);
    validators = new Map(Object.entries(COMMAND_DEFINITIONS).map(([k, schema]) => [k, ajv.compile<WriteSpec>(schema)]));
  }
  return validators.get(kind)!;
}

export function parseCommandFile(text: string): CommandFile {
  let root: JsonNode;
  try {
    root = parseJsonTree(text);
  } catch (err) {
    const offset = err instanceof JsonSyntaxError ? err.offset : 0;
    return { commands: [], error: { message: `Not valid JSON: ${(err as Error).message}`, offset } };
  }
  if (root.type !== 'object') return { commands: [], error: { message: 'A command file holds one command object or {"commands": [...]}', offset: root.offset } };
  const list = member(root, 'commands');
  if (!list) return { commands: [checkCommand(root, '', undefined)] };
  const defaultConnection = member(root, 'connection');
  const fallback = defaultConnection?.type === 'string' ? (defaultConnection.value as string) : undefined;
  if (list.type !== 'array') return { commands: [], error: { message: '"commands" must be a list of commands', offset: list.offset } };
  return { commands: (list.items ?? []).map((node, i) => checkCommand(node, `commands[${i}]`, fallback)) };
}

/** Validates one command object; `fallbackConnection` is the file's default. */
export function checkCommand(node: JsonNode, path: string, fallbackConnection: string | undefined): CommandEntry {
  const at = { path, offset: node.offset, length: node.length };
  const name = (field: string): string => (path ? `${path}.${field}` : field);
  if (node.type !== 'object') return { ...at, error: `${path || 'command'}: must be an object` };
  const raw = node.value as Record<string, unknown>;
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(WRITE_KINDS as readonly string[]).includes(kind)) {
    return { ...at, error: `${name('kind')}: ${kind === undefined ? 'is required' : `${JSON.stringify(kind)} is unknown`}; use one of ${WRITE_KINDS.join(', ')}` };
  }
  const { $schema: _schema, ...command } = raw;
  const withConnection = command.connection === undefined && fallbackConnection !== undefined ? { ...command, connection: fallbackConnection } : command;
  const validate = validatorFor(kind as WriteKind);
  if (!validate(withConnection)) return { ...at, error: formatAjvError(path, pickError(validate.errors ?? [])) };
  if (typeof withConnection.connection !== 'string' || withConnection.connection === '') {
    return { ...at, error: `${name('connection')}: is required (here or as the file's "connection")` };
  }
  return { ...at, spec: withConnection };
}

/** "Give one of payload or templateVariables" says more than the branch's own "payload is required". */
function pickError(errors: readonly ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.keyword === 'oneOf') ?? errors[0];
}

function formatAjvError(path: string, error: ErrorObject | undefined): string {
  if (!error) return `${path || 'command'}: is invalid`;
  const segments = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
  const field = [path, ...segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : s))].filter(Boolean).join('.').replace(/\.\[/g, '[');
  const message =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'additionalProperties'
        ? 'is not a field of this kind of command'
        : error.keyword === 'oneOf'
          ? oneOfMessage(error)
          : error.keyword === 'enum'
            ? `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`
            : (error.message ?? 'is invalid');
  return `${field || 'command'}: ${message}`;
}

function oneOfMessage(error: ErrorObject): string {
  const schemas = error.schema as { required?: string[] }[] | undefined;
  const names = (schemas ?? []).map((s) => s.required?.[0]).filter(Boolean);
  return names.length > 0 ? `give exactly one of ${names.map((n) => `"${n}"`).join(' or ')}` : 'matches none or several of the allowed forms';
}

/** Text of a new command file holding `specs` (for "Save as command file"). */
export function commandFileText(specs: readonly WriteSpec[]): string {
  const connections = [...new Set(specs.map((s) => s.connection))];
  if (specs.length === 1) return `${jsonText(specs[0], 2)}\n`;
  if (connections.length === 1) {
    const commands = specs.map(({ connection: _c, ...rest }) => rest);
    return `${jsonText({ connection: connections[0], commands }, 2)}\n`;
  }
  return `${jsonText({ commands: specs }, 2)}\n`;
}
