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

class PyRegistry {
  constructor(protected readonly py: PyContext) {}

  protected async items(method: string, signal?: AbortSignal): Promise<AnalyticsItem[]> {
    const raw = await this.py.call('models', method, {}, { signal });
    return this.py.mapper.list<AnalyticsItem>(ANALYTICS_ITEM, raw).map((i) => ({ ...i, id: text(i.id), name: text(i.name) }));
  }

  /** Exactly one of the name and id options, as das' `<kind>_name` / `<kind>_id` keyword. */
  protected byNameOrId(options: Readonly<Record<string, unknown>>, idKey: string, nameKey: string): Record<string, string> {
    const which = requireExactlyOne(options, [idKey, nameKey]);
    return { [snake(which)]: checkText(which, options[which], 1000)! };
  }

  protected async details(method: string, kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<AnalyticsDetails> {
    const raw = (await this.py.call('models', method, kwargs, { signal })) as Record<string, unknown>;
    return { ...raw, id: text(raw?.id), name: text(raw?.name) };
  }

  protected async done(method: string, kwargs: Record<string, unknown>, signal?: AbortSignal): Promise<boolean> {
    return (await this.py.call('models', method, kwargs, { signal })) !== false;
  }
}

export class PyModels extends PyRegistry implements ModelsApi {
  async analyticsItemsCount(options: Signal = {}): Promise<number> {
    return Number(await this.py.property('models', 'analytics_items_count', options.signal));
  }

  async getAllAnalyticsItems(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.items('get_all_analytics_items', options.signal);
  }

  async getModelList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.items('get_model_list', options.signal);
  }

  async getModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details('get_model_details', this.byNameOrId(options, 'modelId', 'modelName'), options.signal);
  }

  async registerModel(model: ModelSpec, options: Signal = {}): Promise<string> {
    return text(await this.py.call('models', 'register_model', { model: snakeKeys(checkModelSpec(model, 'register')) }, options));
  }

  async updateModel(model: ModelSpec, options: Signal = {}): Promise<boolean> {
    return this.done('update_model', { model: snakeKeys(checkModelSpec(model, 'update')) }, options.signal);
  }

  async deleteModel(options: { modelName?: string; modelId?: string } & Signal): Promise<boolean> {
    return this.done('delete_model', this.byNameOrId(options, 'modelId', 'modelName'), options.signal);
  }
}

export class PyServices extends PyRegistry implements ServicesApi {
  async getServiceList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.items('get_service_list', options.signal);
  }

  async getServiceDetails(options: { serviceName?: string; serviceId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details('get_service_details', this.byNameOrId(options, 'serviceId', 'serviceName'), options.signal);
  }

  async registerService(service: ServiceSpec, options: Signal = {}): Promise<string> {
    return text(await this.py.call('models', 'register_service', { service: snakeKeys(checkServiceSpec(service, 'register')) }, options));
  }

  async updateService(service: ServiceSpec, options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean> {
    const target = this.byNameOrId(options, 'serviceId', 'serviceName');
    return this.done('update_service', { service: snakeKeys(checkServiceSpec(service, 'update')), ...target }, options.signal);
  }

  async deleteService(options: { serviceName?: string; serviceId?: string } & Signal): Promise<boolean> {
    return this.done('delete_service', this.byNameOrId(options, 'serviceId', 'serviceName'), options.signal);
  }
}

export class PyOnnx extends PyRegistry implements OnnxApi {
  async getOnnxModelList(options: Signal = {}): Promise<AnalyticsItem[]> {
    return this.items('get_onnx_model_list', options.signal);
  }

  async getOnnxModelDetails(options: { modelName?: string; modelId?: string } & Signal): Promise<AnalyticsDetails> {
    return this.details('get_onnx_model_details', this.byNameOrId(options, 'modelId', 'modelName'), options.signal);
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
    return this.done('delete_onnx_model', this.byNameOrId(options, 'modelId', 'modelName'), options.signal);
  }
}
