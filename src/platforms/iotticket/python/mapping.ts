/**
 * Tolerant mapping of what das returns onto our types. The reference does not document the fields of its
 * objects, so each of our fields is looked up under several names, compared without case, "_" or "-"
 * (`asset_id`, `assetId`, `AssetID` are one name). Every field we do not map is kept, under its camelCase
 * name (under `extra` when that name is taken), so Open JSON shows everything the SDK gave. What cannot be
 * mapped is logged once per kind and field, and the call goes on.
 */
import type { Logger } from '../../http';
import { pythonClassOf } from './wire';

/** Our field → the names it may have in the SDK's objects (its own name is always tried first). */
export type FieldAliases = Readonly<Record<string, readonly string[]>>;

export interface ObjectSpec {
  /** For messages: "asset", "attribute" … */
  readonly kind: string;
  /** Fields without which the object is of little use (logged when missing, filled with a default). */
  readonly required: FieldAliases;
  readonly optional?: FieldAliases;
  /** Default of a missing required field; default "". */
  readonly fallback?: (field: string) => unknown;
}

const norm = (key: string): string => key.toLowerCase().replace(/[_\-\s]/g, '');

export const camel = (key: string): string => key.replace(/[_-]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());

export class Mapper {
  private readonly told = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Logs `message` the first time `key` is seen. */
  once(key: string, message: string, level: 'warn' | 'debug' = 'warn'): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    this.logger[level](`Python backend: ${message}`);
  }

  /** One object. A non-object becomes `{ value }` (logged once). */
  object<T>(spec: ObjectSpec, raw: unknown): T {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.once(`${spec.kind}:shape:${typeof raw}`, `das returned ${describe(raw)} where a ${spec.kind} object was expected; kept as { value }`);
      return { ...this.fill(spec, {}), value: raw } as T;
    }
    const source = raw as Record<string, unknown>;
    const byNorm = new Map<string, string>();
    for (const k of Object.keys(source)) if (!byNorm.has(norm(k))) byNorm.set(norm(k), k);
    const used = new Set<string>();
    const out: Record<string, unknown> = {};
    const take = (field: string, aliases: readonly string[]): boolean => {
      for (const name of [field, ...aliases]) {
        const key = byNorm.get(norm(name));
        if (key !== undefined && !used.has(key) && source[key] !== undefined) {
          used.add(key);
          out[field] = source[key];
          return true;
        }
      }
      return false;
    };
    const missing: string[] = [];
    for (const [field, aliases] of Object.entries(spec.required)) if (!take(field, aliases)) missing.push(field);
    for (const [field, aliases] of Object.entries(spec.optional ?? {})) take(field, aliases);
    if (missing.length > 0) {
      const cls = pythonClassOf(raw) ?? 'object';
      this.once(`${spec.kind}:missing:${missing.join(',')}`,
        `a ${spec.kind} from das (${cls}) has no ${missing.join(', ')}; its fields are ${Object.keys(source).join(', ') || 'none'}. Kept as it is, with defaults`);
      Object.assign(out, this.fill(spec, out, missing));
    }
    const extra: Record<string, unknown> = {};
    const kept: string[] = [];
    for (const [k, v] of Object.entries(source)) {
      if (used.has(k)) continue;
      const name = camel(k);
      if (name in out) extra[k] = v;
      else out[name] = v;
      kept.push(k);
    }
    if (Object.keys(extra).length > 0) out.extra = extra;
    if (kept.length > 0) this.once(`${spec.kind}:kept:${kept.sort().join(',')}`, `${spec.kind} fields without a mapping kept as they are: ${kept.join(', ')}`, 'debug');
    return out as T;
  }

  list<T>(spec: ObjectSpec, raw: unknown): T[] {
    if (!Array.isArray(raw)) {
      this.once(`${spec.kind}:list:${typeof raw}`, `das returned ${describe(raw)} where a list of ${spec.kind}s was expected`);
      return raw === null || raw === undefined ? [] : [this.object<T>(spec, raw)];
    }
    return raw.map((r) => this.object<T>(spec, r));
  }

  private fill(spec: ObjectSpec, have: Record<string, unknown>, fields = Object.keys(spec.required)): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) if (have[f] === undefined) out[f] = spec.fallback ? spec.fallback(f) : '';
    return out;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}${pythonClassOf(value) ? ` (${pythonClassOf(value)})` : ''}`;
}

/** A string id from whatever the SDK gave (numbers included). */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
