/**
 * Spaces: SDK `Spaces1` (one space, the root of categories, things, models and communications) and
 * the paginated space list of API version 2024.1 (`GET /spaces`).
 */
import { ValidationError } from '../http';
import { CategoriesResource, CategoryResource } from './categories';
import { CommunicationsResource } from './communications';
import { ModelResource, ModelsResource } from './models';
import { Resource, joinPath, type AltairTransport } from './resource';
import { SpaceThingsResource, ThingResource } from './things';
import type { CallOptions, CursorPage, PageOptions, PaginateOptions, Space } from './types';

/** `/spaces` */
export class SpacesResource extends Resource {
  async get(opts: PageOptions = {}): Promise<CursorPage<Space>> {
    return this.page<Space>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<Space, void, undefined> {
    return this.pages<Space>(opts, (page) => this.page(page));
  }
}

/** `/spaces/{space}` */
export class SpaceResource extends Resource {
  constructor(transport: AltairTransport, readonly space: string) {
    super(transport, joinPath('/spaces', space));
    if (!space) throw new ValidationError('space', 'a space name is required');
  }

  /** The space's own document. */
  async get(opts: CallOptions = {}): Promise<Space> {
    return this.call<Space>({ method: 'GET', signal: opts.signal });
  }

  categories(): CategoriesResource;
  categories(name: string): CategoryResource;
  categories(name?: string): CategoriesResource | CategoryResource {
    const base = `${this.path}/categories`;
    return name === undefined ? new CategoriesResource(this.transport, base) : new CategoryResource(this.transport, base, name);
  }

  things(): SpaceThingsResource;
  things(thingId: string): ThingResource<'space'>;
  things(thingId?: string): SpaceThingsResource | ThingResource<'space'> {
    const base = `${this.path}/things`;
    return thingId === undefined ? new SpaceThingsResource(this.transport, base) : new ThingResource(this.transport, base, thingId, 'space');
  }

  models(): ModelsResource;
  models(name: string): ModelResource;
  models(name?: string): ModelsResource | ModelResource {
    const base = `${this.path}/models`;
    return name === undefined ? new ModelsResource(this.transport, base) : new ModelResource(this.transport, base, name);
  }

  communications(): CommunicationsResource {
    return new CommunicationsResource(this.transport, `${this.path}/communications`);
  }
}
