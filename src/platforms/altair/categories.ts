/**
 * Categories, as the SDK splits them: `Categories2` (create, list) and `Categories1` (get, update,
 * delete, and the category-scoped Thing tree).
 */
import { ValidationError } from '../http';
import { checkName } from './models';
import { MqttCredentialsResource } from './mqttCredentials';
import { Resource, joinPath, type AltairTransport } from './resource';
import { ThingResource, ThingsResource } from './things';
import type { CallOptions, Category, CategoryCreate, CategoryUpdate, CursorPage, PageOptions, PaginateOptions } from './types';

/** `/spaces/{s}/categories` */
export class CategoriesResource extends Resource {
  async create(category: CategoryCreate, opts: CallOptions = {}): Promise<Category> {
    checkName('name', category?.name);
    return this.call<Category>({ method: 'POST', json: category, signal: opts.signal });
  }

  async get(opts: PageOptions = {}): Promise<CursorPage<Category>> {
    return this.page<Category>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<Category, void, undefined> {
    return this.pages<Category>(opts, (page) => this.page(page));
  }
}

/** `/spaces/{s}/categories/{name}` */
export class CategoryResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly categoryName: string) {
    super(transport, joinPath(base, categoryName));
  }

  async get(opts: CallOptions = {}): Promise<Category> {
    return this.call<Category>({ method: 'GET', signal: opts.signal });
  }

  /** Categories cannot be renamed: `name` must stay the same. */
  async update(category: CategoryUpdate, opts: CallOptions = {}): Promise<Category> {
    if (category?.name !== this.categoryName) throw new ValidationError('name', `a category cannot be renamed; keep "${this.categoryName}"`);
    return this.call<Category>({ method: 'PUT', json: category, signal: opts.signal });
  }

  /** The Things stay; they just leave the category. */
  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }

  /** The category-scoped Thing tree: only members, `ThingCategory` documents. */
  things(): ThingsResource<'category'>;
  things(thingId: string): ThingResource<'category'>;
  things(thingId?: string): ThingsResource<'category'> | ThingResource<'category'> {
    const base = `${this.path}/things`;
    return thingId === undefined ? new ThingsResource(this.transport, base, 'category') : new ThingResource(this.transport, base, thingId, 'category');
  }

  mqttCredentials(): MqttCredentialsResource {
    return new MqttCredentialsResource(this.transport, `${this.path}/mqtt-credentials`);
  }
}
