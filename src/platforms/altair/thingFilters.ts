/**
 * Query building for the Things list and bulk delete: every filter the API documents, validated
 * before any request so that a typo in an operator is a ValidationError naming the parameter,
 * not a page of wrong results.
 */
import { ValidationError, type QueryValue } from '../http';

export const PROPERTY_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains'] as const;
export type PropertyOperator = (typeof PROPERTY_OPERATORS)[number];

export type PropertyScalar = string | number | boolean;

export interface PropertyCondition {
  /** Default `eq`. */
  readonly op?: PropertyOperator;
  readonly value: PropertyScalar;
}

/** Property name → a value (equality), a condition, or several conditions that must all hold. */
export type PropertyConditions = Readonly<Record<string, PropertyScalar | PropertyCondition | readonly PropertyCondition[]>>;

/** Filters of `DELETE /things` (at least one is required). */
export interface ThingDeleteFilter {
  /** `@type` */
  readonly type?: string;
  /** `thingID[]` */
  readonly thingIds?: readonly string[];
  /** `category[]` (space-level only) */
  readonly categories?: readonly string[];
  /** `property:<name>=<op>:<value>` */
  readonly properties?: PropertyConditions;
}

/** Filters of `GET /things`. */
export interface ThingFilter extends ThingDeleteFilter {
  readonly title?: string;
  /** Model name. */
  readonly model?: string;
  /** Model version; needs `model`. */
  readonly version?: number;
  /** `in_category`: true = only Things in some category, false = only Things in none (space-level only). */
  readonly inCategory?: boolean;
  /** `uid`, `+title`, `-created`, `-status.temperature`…; earlier fields rank higher. */
  readonly sort?: string | readonly string[];
  /** `links.rel` */
  readonly linksRel?: string;
  /** `links.href` */
  readonly linksHref?: string;
}

export type FilterScope = 'space' | 'category';

function isCondition(v: unknown): v is PropertyCondition {
  return typeof v === 'object' && v !== null && 'value' in v;
}

/** `property:<name>` query entries; throws ValidationError for an unknown operator or an empty name. */
export function propertyQuery(conditions: PropertyConditions | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, spec] of Object.entries(conditions ?? {})) {
    const parameter = `property:${name}`;
    if (!name) throw new ValidationError('property', 'a property condition needs a property name');
    const list: readonly PropertyCondition[] = Array.isArray(spec) ? spec : isCondition(spec) ? [spec] : [{ value: spec as PropertyScalar }];
    if (list.length === 0) throw new ValidationError(parameter, 'no condition given');
    out[parameter] = list.map((c) => {
      const op = c.op ?? 'eq';
      if (!(PROPERTY_OPERATORS as readonly string[]).includes(op)) {
        throw new ValidationError(parameter, `unknown operator "${String(op)}"; use one of ${PROPERTY_OPERATORS.join(', ')}`);
      }
      if (!['string', 'number', 'boolean'].includes(typeof c.value)) throw new ValidationError(parameter, 'the value must be a string, number or boolean');
      // The operator is always written out, so a value holding a colon is never read as an operator.
      return `${op}:${String(c.value)}`;
    });
  }
  return out;
}

/** Parses `name=op:value` or `name=value` as a user types it in a filter box. */
export function parsePropertyFilter(text: string): { name: string; condition: PropertyCondition } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ValidationError('property', `expected <name>=<operator>:<value>, got "${text}"`);
  const name = text.slice(0, eq).trim().replace(/^property:/, '');
  const rest = text.slice(eq + 1);
  const colon = rest.indexOf(':');
  const maybeOp = colon > 0 ? rest.slice(0, colon) : '';
  if ((PROPERTY_OPERATORS as readonly string[]).includes(maybeOp)) {
    return { name, condition: { op: maybeOp as PropertyOperator, value: rest.slice(colon + 1) } };
  }
  if (colon > 0 && /^[a-z]+$/.test(maybeOp)) {
    throw new ValidationError(`property:${name}`, `unknown operator "${maybeOp}"; use one of ${PROPERTY_OPERATORS.join(', ')}`);
  }
  return { name, condition: { op: 'eq', value: rest } };
}

function list(parameter: string, values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  for (const v of values) if (typeof v !== 'string' || v === '') throw new ValidationError(parameter, 'entries must be non-empty strings');
  return values.length ? [...values] : undefined;
}

function sortQuery(sort: ThingFilter['sort']): string | undefined {
  if (sort === undefined) return undefined;
  const fields = typeof sort === 'string' ? sort.split(',') : [...sort];
  for (const f of fields) {
    if (!/^[+-]?[^\s,+-][^\s,]*$/.test(f)) throw new ValidationError('sort', `"${f}" is not a field: use name, +name or -name (dotted paths allowed)`);
  }
  return fields.length ? fields.join(',') : undefined;
}

function checkScope(filter: ThingDeleteFilter & { inCategory?: boolean }, scope: FilterScope): void {
  if (scope !== 'category') return;
  if (filter.categories !== undefined) throw new ValidationError('categories', 'not available on the Things of a category');
  if (filter.inCategory !== undefined) throw new ValidationError('inCategory', 'not available on the Things of a category');
}

/** The query of `GET /things` for a filter. */
export function thingListQuery(filter: ThingFilter = {}, scope: FilterScope = 'space'): Record<string, QueryValue> {
  checkScope(filter, scope);
  if (filter.version !== undefined) {
    if (!Number.isInteger(filter.version) || filter.version < 1) throw new ValidationError('version', 'must be a positive integer');
    if (!filter.model) throw new ValidationError('version', 'filtering by version needs model as well');
  }
  return {
    title: filter.title,
    '@type': filter.type,
    model: filter.model,
    version: filter.version,
    'thingID[]': list('thingIds', filter.thingIds),
    'category[]': list('categories', filter.categories),
    in_category: filter.inCategory,
    sort: sortQuery(filter.sort),
    'links.rel': filter.linksRel,
    'links.href': filter.linksHref,
    ...propertyQuery(filter.properties),
  };
}

/** The query of `DELETE /things`; refuses an empty filter, which would delete every Thing. */
export function thingDeleteQuery(filter: ThingDeleteFilter, scope: FilterScope = 'space'): Record<string, QueryValue> {
  checkScope(filter, scope);
  const query: Record<string, QueryValue> = {
    '@type': filter.type || undefined,
    'thingID[]': list('thingIds', filter.thingIds),
    'category[]': list('categories', filter.categories),
    ...propertyQuery(filter.properties),
  };
  if (Object.values(query).every((v) => v === undefined)) {
    throw new ValidationError('filter', 'refusing to delete Things without a filter: give type, thingIds, categories or properties');
  }
  return query;
}
