/**
 * The properties history (time series) of a Thing, per Thing (`…/properties-history`) or per
 * property (`…/properties-history/{name}`): read with `at` instants or ranges and cursors, append
 * records, delete by `at`.
 */
import { ValidationError } from '../http';
import { Resource, joinPath, type AltairTransport, type Query } from './resource';
import { historyValues } from './shapes';
import { formatAltairTime } from './timestamps';
import type { CallOptions, CursorPage, PageOptions, PaginateOptions, PropertyHistoryValue } from './types';

export type TimeValue = Date | number | string;

/**
 * `at`: an instant (an as-of snapshot: the value each property had then), or a range. A string is
 * sent as it is, so the API's short forms work too (`2022|2023`, `2022-12|2023-03`).
 */
export type HistoryAt = TimeValue | { readonly from?: TimeValue; readonly to?: TimeValue };

export interface HistoryQuery {
  readonly at?: HistoryAt;
}

export interface ThingHistoryQuery extends HistoryQuery {
  /** Merge values that share a timestamp into one item. */
  readonly group?: boolean;
}

export interface HistoryInput {
  readonly at: TimeValue;
  readonly properties: Record<string, unknown>;
}

/** The bounds used for open-ended ranges: the epoch, and a day past now (the end is exclusive, and clocks differ). */
const EPOCH = '1970-01-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

export function formatAt(at: HistoryAt | undefined, parameter = 'at'): string | undefined {
  if (at === undefined) return undefined;
  try {
    if (typeof at === 'object' && !(at instanceof Date)) {
      if (at.from === undefined && at.to === undefined) throw new ValidationError(parameter, 'a range needs from, to or both');
      const from = at.from === undefined ? EPOCH : formatAltairTime(at.from);
      const to = at.to === undefined ? new Date(Date.now() + DAY_MS).toISOString() : formatAltairTime(at.to);
      return `${from}|${to}`;
    }
    const text = formatAltairTime(at);
    if (!text) throw new ValidationError(parameter, 'must not be empty');
    return text;
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(parameter, err instanceof Error ? err.message : String(err));
  }
}

function toRecords(values: HistoryInput | readonly HistoryInput[]): PropertyHistoryValue[] {
  const list = Array.isArray(values) ? values : [values as HistoryInput];
  return list.map((v, i) => {
    if (!v || typeof v.properties !== 'object' || v.properties === null) throw new ValidationError(`values[${i}].properties`, 'must be an object');
    return { at: formatAt(v.at, `values[${i}].at`) as string, properties: { ...v.properties } };
  });
}

abstract class HistoryBase<Q extends HistoryQuery> extends Resource {
  protected abstract query(q: Q): Query;

  /** One page, newest first. */
  async get(opts: Q & PageOptions = {} as Q & PageOptions): Promise<CursorPage<PropertyHistoryValue>> {
    return this.page<PropertyHistoryValue>(opts, this.query(opts));
  }

  /** Every record of the selection, page after page. */
  paginate(opts: Q & PaginateOptions = {} as Q & PaginateOptions): AsyncGenerator<PropertyHistoryValue, void, undefined> {
    return this.pages<PropertyHistoryValue>(opts, (page) => this.page(page, this.query(opts)));
  }

  /** Appends records (one or many); a timestamp that already holds a value is a 409. */
  async create(values: HistoryInput | readonly HistoryInput[], opts: CallOptions = {}): Promise<PropertyHistoryValue[]> {
    return this.call<PropertyHistoryValue[]>({ method: 'POST', json: toRecords(values), signal: opts.signal, expect: historyValues });
  }
}

/** `…/things/{id}/properties-history` */
export class ThingHistoryResource extends HistoryBase<ThingHistoryQuery> {
  protected query(q: ThingHistoryQuery): Query {
    return { at: formatAt(q.at), group: q.group };
  }

  /** Deletes the values at an instant (exact matches only) or in a range; `at` is required. */
  async delete(opts: { at: HistoryAt; propertyNames?: readonly string[] } & CallOptions): Promise<void> {
    const at = formatAt(opts?.at);
    if (!at) throw new ValidationError('at', 'is required: deleting needs an instant or a range');
    await this.call<void>({
      method: 'DELETE',
      query: { at, 'property_name[]': opts.propertyNames?.length ? [...opts.propertyNames] : undefined },
      signal: opts.signal,
      responseType: 'text',
    });
  }
}

/** `…/things/{id}/properties-history/{name}` */
export class PropertyHistoryResource extends HistoryBase<HistoryQuery> {
  constructor(transport: AltairTransport, base: string, readonly property: string) {
    super(transport, joinPath(base, property));
  }

  protected query(q: HistoryQuery): Query {
    return { at: formatAt(q.at) };
  }

  async delete(opts: { at: HistoryAt } & CallOptions): Promise<void> {
    const at = formatAt(opts?.at);
    if (!at) throw new ValidationError('at', 'is required: deleting needs an instant or a range');
    await this.call<void>({ method: 'DELETE', query: { at }, signal: opts.signal, responseType: 'text' });
  }
}
