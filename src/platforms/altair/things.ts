/**
 * Things, as the SDK splits them: `Things2` (the collection: create, list with filters, bulk patch,
 * bulk delete) and `Things1` (one Thing: get, update, patch, delete, and its properties, history,
 * actions, events, MQTT credentials). The same classes serve the category-scoped mirror
 * (`/categories/{c}/things…`), typed with `ThingCategory` there.
 */
import { ValidationError, addSecret } from '../http';
import { ActionNameResource, ActionResource, ActionsResource } from './actions';
import { EventNameResource, EventResource, EventsResource } from './events';
import { MqttCredentialsResource } from './mqttCredentials';
import { PropertiesResource, PropertyResource } from './properties';
import { PropertyHistoryResource, ThingHistoryResource } from './propertiesHistory';
import { Resource, joinPath, type AltairTransport } from './resource';
import * as shapes from './shapes';
import { thingDeleteQuery, thingListQuery, type FilterScope, type ThingDeleteFilter, type ThingFilter } from './thingFilters';
import type {
  CallOptions,
  CursorPage,
  JsonPatchOperation,
  PageOptions,
  PaginateOptions,
  Thing,
  ThingCategory,
  ThingCategoryCreate,
  ThingCategoryUpdate,
  ThingCreate,
  ThingOAuth2Credentials,
  ThingsDeleted,
  ThingsPatchItem,
  ThingsPatchMultiStatus,
  ThingUpdate,
} from './types';

const JSON_PATCH = 'application/json-patch+json';

/** The Thing shapes of the two scopes. */
export interface ScopeTypes {
  space: { thing: Thing; create: ThingCreate; update: ThingUpdate; filter: ThingFilter; deleteFilter: ThingDeleteFilter };
  category: {
    thing: ThingCategory;
    create: ThingCategoryCreate;
    update: ThingCategoryUpdate;
    filter: Omit<ThingFilter, 'categories' | 'inCategory'>;
    deleteFilter: Omit<ThingDeleteFilter, 'categories'>;
  };
}

/** Each operation is an RFC 6902 one with JSON-pointer paths; throws ValidationError naming the operation. */
export function checkPatch(ops: readonly JsonPatchOperation[], parameter: string): void {
  if (!Array.isArray(ops)) throw new ValidationError(parameter, 'must be an array of JSON-Patch operations');
  ops.forEach((op, i) => {
    if (!op || !['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op.op)) throw new ValidationError(`${parameter}[${i}].op`, `unknown operation ${JSON.stringify(op?.op)}`);
    if (typeof op.path !== 'string' || (op.path !== '' && !op.path.startsWith('/'))) throw new ValidationError(`${parameter}[${i}].path`, 'must be a JSON pointer ("" or starting with "/")');
    if ((op.op === 'move' || op.op === 'copy') && (typeof op.from !== 'string' || (op.from !== '' && !op.from.startsWith('/')))) {
      throw new ValidationError(`${parameter}[${i}].from`, 'must be a JSON pointer');
    }
  });
}

/** `/spaces/{s}/things` or `/spaces/{s}/categories/{c}/things` */
export class ThingsResource<S extends FilterScope = 'space'> extends Resource {
  constructor(transport: AltairTransport, path: string, readonly scope: S) {
    super(transport, path);
  }

  /** Creates a Thing (in the category scope it joins that category). */
  async create(thing: ScopeTypes[S]['create'], opts: CallOptions = {}): Promise<ScopeTypes[S]['thing']> {
    if (this.scope === 'category' && 'categories' in (thing as object)) throw new ValidationError('categories', 'a Thing created in a category joins that category; leave categories out');
    return this.call<ScopeTypes[S]['thing']>({ method: 'POST', json: thing, signal: opts.signal, expect: shapes.thing });
  }

  /** One page of Things matching the filter. */
  async get(opts: ScopeTypes[S]['filter'] & PageOptions = {}): Promise<CursorPage<ScopeTypes[S]['thing']>> {
    return this.page<ScopeTypes[S]['thing']>(opts, thingListQuery(opts, this.scope));
  }

  /** Every Thing matching the filter, page after page. */
  paginate(opts: ScopeTypes[S]['filter'] & PaginateOptions = {}): AsyncGenerator<ScopeTypes[S]['thing'], void, undefined> {
    return this.pages<ScopeTypes[S]['thing']>(opts, (page) => this.page(page, thingListQuery(opts, this.scope)));
  }

  /**
   * Deletes every Thing matching the filter (and their history) and answers with their uids.
   * Refused here, before any request, when the filter is empty.
   */
  async delete(filter: ScopeTypes[S]['deleteFilter'], opts: CallOptions = {}): Promise<ThingsDeleted> {
    const query = thingDeleteQuery(filter ?? {}, this.scope);
    return this.call<ThingsDeleted>({ method: 'DELETE', query, signal: opts.signal });
  }
}

/** The space-level collection adds the bulk JSON-Patch (not available below categories). */
export class SpaceThingsResource extends ThingsResource<'space'> {
  constructor(transport: AltairTransport, path: string) {
    super(transport, path, 'space');
  }

  /** Applies a JSON-Patch to each listed Thing; answers 207 with the failed indexes in `has_errors`. */
  async patch(items: readonly ThingsPatchItem[], opts: CallOptions = {}): Promise<ThingsPatchMultiStatus> {
    if (!Array.isArray(items) || items.length === 0) throw new ValidationError('items', 'give at least one {id, patch} item');
    items.forEach((item, i) => {
      if (!item?.id) throw new ValidationError(`items[${i}].id`, 'a Thing uid is required');
      checkPatch(item.patch, `items[${i}].patch`);
    });
    return this.call<ThingsPatchMultiStatus>({ method: 'PATCH', json: items, contentType: JSON_PATCH, signal: opts.signal });
  }
}

/** `…/things/{id}` */
export class ThingResource<S extends FilterScope = 'space'> extends Resource {
  constructor(transport: AltairTransport, base: string, readonly thingId: string, readonly scope: S) {
    super(transport, joinPath(base, thingId));
    if (!thingId) throw new ValidationError('thingId', 'a Thing uid is required');
  }

  async get(opts: CallOptions = {}): Promise<ScopeTypes[S]['thing']> {
    return this.call<ScopeTypes[S]['thing']>({ method: 'GET', signal: opts.signal, expect: shapes.thing });
  }

  /** Replaces the whole description (PUT). */
  async update(thing: ScopeTypes[S]['update'], opts: CallOptions = {}): Promise<ScopeTypes[S]['thing']> {
    return this.call<ScopeTypes[S]['thing']>({ method: 'PUT', json: thing, signal: opts.signal, expect: shapes.thing });
  }

  /** RFC 6902 JSON-Patch (`jsonPatchDiff` builds one); atomic on the server. */
  async patch(ops: readonly JsonPatchOperation[], opts: CallOptions = {}): Promise<ScopeTypes[S]['thing']> {
    checkPatch(ops, 'patch');
    return this.call<ScopeTypes[S]['thing']>({ method: 'PATCH', json: ops, contentType: JSON_PATCH, signal: opts.signal, expect: shapes.thing });
  }

  /** Deletes the Thing with its history, actions, events and links. */
  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }

  /** Creates the Thing's own OAuth2 client, or gives it a new secret. */
  async resetSecret(opts: CallOptions = {}): Promise<ThingOAuth2Credentials> {
    const creds = await this.call<ThingOAuth2Credentials>({ method: 'POST', path: `${this.path}/reset-secret`, signal: opts.signal });
    addSecret(creds?.client_secret);
    return creds;
  }

  properties(): PropertiesResource;
  properties(property: string): PropertyResource;
  properties(property?: string): PropertiesResource | PropertyResource {
    const base = `${this.path}/properties`;
    return property === undefined ? new PropertiesResource(this.transport, base) : new PropertyResource(this.transport, base, property);
  }

  /** SDK `properties_history()` (the time series). */
  propertiesHistory(): ThingHistoryResource;
  propertiesHistory(property: string): PropertyHistoryResource;
  propertiesHistory(property?: string): ThingHistoryResource | PropertyHistoryResource {
    const base = `${this.path}/properties-history`;
    return property === undefined ? new ThingHistoryResource(this.transport, base) : new PropertyHistoryResource(this.transport, base, property);
  }

  actions(): ActionsResource;
  actions(name: string): ActionNameResource;
  actions(name: string, actionId: string): ActionResource;
  actions(name?: string, actionId?: string): ActionsResource | ActionNameResource | ActionResource {
    const base = `${this.path}/actions`;
    if (name === undefined) return new ActionsResource(this.transport, base);
    if (actionId === undefined) return new ActionNameResource(this.transport, base, name);
    return new ActionResource(this.transport, base, name, actionId);
  }

  events(): EventsResource;
  events(name: string): EventNameResource;
  events(name: string, eventId: string): EventResource;
  events(name?: string, eventId?: string): EventsResource | EventNameResource | EventResource {
    const base = `${this.path}/events`;
    if (name === undefined) return new EventsResource(this.transport, base);
    if (eventId === undefined) return new EventNameResource(this.transport, base, name);
    return new EventResource(this.transport, base, name, eventId);
  }

  mqttCredentials(): MqttCredentialsResource {
    return new MqttCredentialsResource(this.transport, `${this.path}/mqtt-credentials`);
  }
}
