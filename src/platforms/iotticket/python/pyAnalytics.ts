/** ModelsApi, ServicesApi and OnnxApi over das: lists, details, register/update/delete with the HTTP client's checks. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snake } from '../analyticsItems';
import type { ModelsApi, OnnxApi, ServicesApi } from '../assetApi';
import { checkModelSpec, type ModelSpec } from '../modelsClient';
import { checkOnnxUpdate, readModelFile, type OnnxFile } from '../onnxClient';
import { checkServiceSpec, type ServiceSpec } from '../servicesClient';
import type { AnalyticsDetails, AnalyticsItem } from '../types';
import { checkText, requireExactlyOne } from '../validation';
import { text } from './mapping';
import { ANALYTICS_ITEM } from './objectSpecs';
import type { PyContext } from './pyContext';

type Signal = { readonly signal?: AbortSignal };

/** das takes its dicts with snake_case keys (help_text, trigger_url …), as `DatabricksJob.as_dict()` gives them. */
function snakeKeys(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [snake(k), v]));
}

/** One analytics kind as das names it: the id/name options and its list, details and delete methods. */
interface PyAnalyticsKind {
  readonly idKey: string;
  readonly nameKey: string;
  readonly list: string;
  readonly details: string;
  readonly remove: string;
}

const KINDS = {
  model: { idKey: 'modelId', nameKey: 'modelName', list: 'get_model_list', details: 'get_model_details', remove: 'delete_model' },
  service: { idKey: 'serviceId', nameKey: 'serviceName', list: 'get_service_list', details: 'get_service_details', remove: 'delete_service' },
  onnx: { idKey: 'modelId', nameKey: 'modelName', list: 'get_onnx_model_list', details: 'get_onnx_model_details', remove: 'delete_onnx_model' },
} as const satisfies Record<string, PyAnalyticsKind>;

/** What the three kinds share over das (the HTTP side's AnalyticsKindClient). */
class PyAnalyticsKindClient {
  constructor(protected readonly py: PyContext, private readonly kind: PyAnalyticsKind) {}

  protected async items(method: string, signal?: AbortSignal): Promise<AnalyticsItem[]> {
    const raw = await this.py.call('models', method, {}, { signal });
    return this.py.mapper.list<AnalyticsItem>(ANALYTICS_ITEM, raw).map((i) => ({ ...i, id: text(i.id), name: text(i.name) }));
  }

  /** Exactly one of the name and id options, as das' `<kind>_name` / `<kind>_id` keyword. */
  protected byNameOrId(options: Readonly<Record<string, unknown>>): Record<string, string> {
    const which = requireExactlyOne(options, [this.kind.idKey, this.kind.nameKey]);
    return { [snake(which)]: checkText(which, options[which], 1000)! };
  }

  protected list(options: Signal): Promise<AnalyticsItem[]> {
    return this.items(this.kind.list, options.signal);
  }

  protected async details(options: Readonly<Record<string, unknown>> & Signal): Promise<AnalyticsDetails> {
    const raw = (await this.py.call('models', this.kind.details, this.byNameOrId(options), { signal: options.signal })) as Record<string, unknown>;
    return { ...raw, id: text(raw?.id), name: text(raw?.name) };
  }

  protected remove(options: Readonly<Record<string, unknown>> & Signal): Promise<boolean> {
    return this.done(this.kind.remove, this.byNameOrId(options), options.signal);
  }

  protected async done(method: string, kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<boolean> {
    return (await this.py.call('models', method, kwargs, { signal })) !== false;
  }
}

export class PyModels extends PyAnalyticsKindClient implements ModelsApi {
  constructor(py: PyContext) {
    super(py, KINDS.model);
  }

  async analyticsItemsCount(options: Signal = {}): Promise<number> {
    return Number(await this.py.property('models', 'analytics_items_count', options.signal));
  }

  async getAllAnalyticsItems(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.items('get_all_analytics_items', options.signal);
  }

  async getModelList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.list(options);
  }

  async getModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details(options);
  }

  async registerModel(model: ModelSpec, options: Signal = {}): Promise<string> {
    return text(await this.py.call('models', 'register_model', { model: snakeKeys(checkModelSpec(model, 'register')) }, options));
  }

  async updateModel(model: ModelSpec, options: Signal = {}): Promise<boolean> {
    return this.done('update_model', { model: snakeKeys(checkModelSpec(model, 'update')) }, options.signal);
  }

  async deleteModel(options: { modelName?: string; modelId?: string } & Signal): Promise<boolean> {
    return this.remove(options);
  }
}

export class PyServices extends PyAnalyticsKindClient implements ServicesApi {
  constructor(py: PyContext) {
    super(py, KINDS.service);
  }

  async getServiceList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.list(options);
  }

  async getServiceDetails(options: { serviceName?: string; serviceId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details(options);
  }

  async registerService(service: ServiceSpec, options: Signal = {}): Promise<string> {
    return text(await this.py.call('models', 'register_service', { service: snakeKeys(checkServiceSpec(service, 'register')) }, options));
  }

  async updateService(service: ServiceSpec, options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean> {
    const target = this.byNameOrId(options);
    return this.done('update_service', { service: snakeKeys(checkServiceSpec(service, 'update')), ...target }, options.signal);
  }

  async deleteService(options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean> {
    return this.remove(options);
  }
}

export class PyOnnx extends PyAnalyticsKindClient implements OnnxApi {
  constructor(py: PyContext) {
    super(py, KINDS.onnx);
  }

  async getOnnxModelList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.list(options);
  }

  async getOnnxModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details(options);
  }

  /** das reads the model from a path: bytes given in memory go through a private temporary file, removed afterwards. */
  async registerOnnxModel(name: string, fileLocation: OnnxFile, options: { description?: string; helpText?: string } & Signal = {}): Promise<string> {
    checkText('name', name, 255);
    const { data, fileName } = await readModelFile(fileLocation);
    let path = typeof fileLocation === 'string' ? fileLocation : undefined;
    const dir = path === undefined ? await mkdtemp(join(tmpdir(), 'iot-explorer-onnx-')) : undefined;
    try {
      if (dir) {
        path = join(dir, fileName.replace(/[\\/]/g, '_'));
        await writeFile(path, data, { mode: 0o600 });
      }
      const kwargs = { name, file_location: path, description: options.description, help_text: options.helpText };
      return text(await this.py.call('models', 'register_onnx_model', kwargs, options));
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  async updateOnnxModel(payload: Readonly<Record<string, unknown>>, options: { modelId?: string } & Signal = {}): Promise<boolean> {
    const update = checkOnnxUpdate(payload);
    const modelId = checkText('modelId', options.modelId, 1000, false);
    return this.done('update_onnx_model', { payload: snakeKeys(update), model_id: modelId }, options.signal);
  }

  async deleteOnnxModel(options: { modelName?: string; modelId?: string } & Signal): Promise<boolean> {
    return this.remove(options);
  }
}
