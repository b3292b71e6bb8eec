/** Models and their immutable, numbered versions (`/spaces/{s}/models…`); the SDK does not wrap them. */
import { ValidationError } from '../http';
import { Resource, joinPath, type AltairTransport } from './resource';
import type { CallOptions, CursorPage, Model, ModelCreate, ModelUpdate, ModelVersion, ModelVersionCreate, PageOptions, PaginateOptions } from './types';

const NAME = /^[a-zA-Z0-9_:-]{1,26}$/;

/** Category and Model names: `^[a-zA-Z0-9_:-]{1,26}$`, checked before sending. */
export function checkName(parameter: string, name: unknown): void {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ValidationError(parameter, 'must be 1 to 26 characters from a-z, A-Z, 0-9, _, : and -');
  }
}

/** `/spaces/{s}/models` */
export class ModelsResource extends Resource {
  async create(model: ModelCreate, opts: CallOptions = {}): Promise<Model> {
    checkName('name', model?.name);
    return this.call<Model>({ method: 'POST', json: model, signal: opts.signal });
  }

  async get(opts: PageOptions = {}): Promise<CursorPage<Model>> {
    return this.page<Model>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<Model, void, undefined> {
    return this.pages<Model>(opts, (page) => this.page(page));
  }
}

/** `/spaces/{s}/models/{name}` */
export class ModelResource extends Resource {
  constructor(transport: AltairTransport, base: string, readonly modelName: string) {
    super(transport, joinPath(base, modelName));
  }

  async get(opts: CallOptions = {}): Promise<Model> {
    return this.call<Model>({ method: 'GET', signal: opts.signal });
  }

  /** Models cannot be renamed: `name` must stay the same. */
  async update(model: ModelUpdate, opts: CallOptions = {}): Promise<Model> {
    if (model?.name !== this.modelName) throw new ValidationError('name', `a model cannot be renamed; keep "${this.modelName}"`);
    return this.call<Model>({ method: 'PUT', json: model, signal: opts.signal });
  }

  /** Refused (403) while a category or Thing uses the model; deletes its versions too. */
  async delete(opts: CallOptions = {}): Promise<void> {
    await this.call<void>({ method: 'DELETE', signal: opts.signal, responseType: 'text' });
  }

  versions(): ModelVersionsResource;
  versions(version: number): ModelVersionResource;
  versions(version?: number): ModelVersionsResource | ModelVersionResource {
    if (version === undefined) return new ModelVersionsResource(this.transport, `${this.path}/versions`);
    if (!Number.isInteger(version) || version < 1) throw new ValidationError('version', 'must be a positive integer');
    return new ModelVersionResource(this.transport, joinPath(`${this.path}/versions`, version), version);
  }
}

/** `/spaces/{s}/models/{name}/versions` */
export class ModelVersionsResource extends Resource {
  /** Creates the next version (1, 2, 3…); versions cannot be changed afterwards. */
  async create(version: ModelVersionCreate, opts: CallOptions = {}): Promise<ModelVersion> {
    return this.call<ModelVersion>({ method: 'POST', json: version, signal: opts.signal });
  }

  async get(opts: PageOptions = {}): Promise<CursorPage<ModelVersion>> {
    return this.page<ModelVersion>(opts);
  }

  paginate(opts: PaginateOptions = {}): AsyncGenerator<ModelVersion, void, undefined> {
    return this.pages<ModelVersion>(opts, (page) => this.page(page));
  }
}

/** `/spaces/{s}/models/{name}/versions/{n}` */
export class ModelVersionResource extends Resource {
  constructor(transport: AltairTransport, path: string, readonly version: number) {
    super(transport, path);
  }

  async get(opts: CallOptions = {}): Promise<ModelVersion> {
    return this.call<ModelVersion>({ method: 'GET', signal: opts.signal });
  }
}
