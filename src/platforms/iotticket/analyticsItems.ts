/**
 * What ML models, ML services and ONNX models share: lists, lookup by unique, exact (case-sensitive) name or id, details, delete,
 * and the das dict keys (snake_case, as `DatabricksJob.as_dict()` gives them) turned into our camelCase.
 */
import { HttpError, ValidationError } from '../http';
import type { AssetApiContext } from './assetApiContext';
import * as shapes from './shapes';
import type { AnalyticsDetails, AnalyticsItem } from './types';
import { checkText, requireExactlyOne } from './validation';

export interface AnalyticsKind {
  /** "model", "service", "ONNX model" — for messages. */
  readonly label: string;
  /** Option names of the id and the name (`modelId`/`modelName`, `serviceId`/`serviceName`). */
  readonly idKey: string;
  readonly nameKey: string;
  readonly list: () => string;
  readonly one: (id: string) => string;
}

export class AnalyticsKindClient {
  constructor(protected readonly core: AssetApiContext, protected readonly kind: AnalyticsKind) {}

  protected listAll(signal?: AbortSignal): Promise<AnalyticsItem[]> {
    return this.core.all<AnalyticsItem>(this.kind.list(), {}, signal);
  }

  /** The id from exactly one of `<kind>Id` / `<kind>Name` (a name is looked up; names are unique per kind). */
  protected async resolveId(options: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<string> {
    const which = requireExactlyOne(options, [this.kind.idKey, this.kind.nameKey]);
    const value = checkText(which, options[which], 1000)!;
    if (which === this.kind.idKey) return value;
    // The server's name filter may ignore case; a lookup that can lead to a delete or an update must not.
    const listed = await this.core.all<AnalyticsItem>(this.kind.list(), { name: value }, signal);
    const found = listed.filter((i) => i.name === value);
    if (found.length === 0) {
      const near = listed.find((i) => i.name.toLowerCase() === value.toLowerCase());
      throw new ValidationError(this.kind.nameKey, `no ${this.kind.label} named "${value}"${near ? ` (names are case-sensitive: did you mean "${near.name}"?)` : ''}`);
    }
    if (found.length > 1) throw new ValidationError(this.kind.nameKey, `"${value}" names ${found.length} ${this.kind.label}s (${found.map((i) => i.id).join(', ')}); use ${this.kind.idKey}`);
    return found[0].id;
  }

  protected async details(id: string, signal?: AbortSignal): Promise<AnalyticsDetails> {
    try {
      return await this.core.http.get<AnalyticsDetails>(this.kind.one(id), { signal, expect: shapes.entity });
    } catch (err) {
      throw notFoundAs(err, this.kind.idKey, `no ${this.kind.label} with id "${id}"`);
    }
  }

  protected async remove(id: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.core.http.request({ method: 'DELETE', path: this.kind.one(id), signal });
      return true;
    } catch (err) {
      throw notFoundAs(err, this.kind.idKey, `no ${this.kind.label} with id "${id}"`);
    }
  }

  protected async update(id: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<boolean> {
    await this.core.http.request({ method: 'PATCH', path: this.kind.one(id), json: body, signal });
    return true;
  }

  protected async create(body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<string> {
    const res = await this.core.http.request<{ id: string }>({ method: 'POST', path: this.kind.list(), json: body, signal, expect: shapes.created });
    return res.data.id;
  }
}

function notFoundAs(err: unknown, parameter: string, message: string): unknown {
  return err instanceof HttpError && err.status === 404 ? new ValidationError(parameter, message) : err;
}

/** `help_text` → `helpText`, leaving camelCase keys as they are. */
export function camelKeys(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  return out;
}

/** Every `keys` entry must be present (by its das snake_case name in the message). */
export function requireKeys(parameter: string, body: Readonly<Record<string, unknown>>, keys: readonly string[]): void {
  const missing = keys.filter((k) => body[k] === undefined || body[k] === null);
  if (missing.length > 0) throw new ValidationError(parameter, `is missing ${missing.map(snake).join(', ')}`);
}

export function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
