/** das ModelsClient: ML models (asynchronous external jobs, e.g. Databricks) and the analytics item totals. */
import type { ModelsApi } from './assetApi';
import { ValidationError } from '../http';
import { AnalyticsKindClient, camelKeys, requireKeys } from './analyticsItems';
import type { AssetApiContext } from './assetApiContext';
import { TRIGGER_METHODS } from './enums';
import type { AnalyticsDetails, AnalyticsItem } from './types';
import { requireOneOf } from './validation';
import type { ModelSpec } from './assetApiOptions';
export type { ModelSpec } from './assetApiOptions';

/**
 * register_model needs name, description, help_text, trigger_url, method (POST, GET or PUT), client_id and
 * scope (or headers), inputs and outputs; update_model the basic info (name, description, help_text,
 * trigger_url, method, job_id, credential_id). Returns the spec with camelCase keys.
 */
export function checkModelSpec(model: ModelSpec, mode: 'register' | 'update'): Record<string, unknown> {
  const body = camelKeys(model);
  if (mode === 'register') {
    requireKeys('model', body, ['name', 'description', 'helpText', 'triggerUrl', 'method', 'inputs', 'outputs']);
    requireOneOf('model.method', String(body.method), TRIGGER_METHODS);
    if (body.headers === undefined && (body.clientId === undefined || body.scope === undefined)) {
      throw new ValidationError('model', 'needs client_id and scope, or headers');
    }
    for (const key of ['inputs', 'outputs']) if (!Array.isArray(body[key])) throw new ValidationError(`model.${key}`, 'must be a list');
  } else {
    requireKeys('model', body, ['name', 'description', 'helpText', 'triggerUrl', 'method', 'jobId', 'credentialId']);
    requireOneOf('model.method', String(body.method), TRIGGER_METHODS);
  }
  return body;
}

export class ModelsClient extends AnalyticsKindClient implements ModelsApi {
  constructor(core: AssetApiContext) {
    super(core, { label: 'ML model', idKey: 'modelId', nameKey: 'modelName', list: core.routes.mlModels, one: core.routes.mlModel });
  }

  /** analytics_items_count: ML models + ML services + ONNX models registered (limited by the subscription). */
  async analyticsItemsCount(options: { signal?: AbortSignal } = {}): Promise<number> {
    return (await this.core.page<AnalyticsItem>(this.core.routes.analyticsItems(), {}, { limit: 1, signal: options.signal })).fullSize;
  }

  /** get_all_analytics_items: id, name, level and type of every item. */
  getAllAnalyticsItems(options: { signal?: AbortSignal } = {}): Promise<AnalyticsItem[]> {
    return this.core.all<AnalyticsItem>(this.core.routes.analyticsItems(), {}, options.signal);
  }

  /** get_model_list. */
  getModelList(options: { signal?: AbortSignal } = {}): Promise<AnalyticsItem[]> {
    return this.listAll(options.signal);
  }

  /** get_model_details: exactly one of modelName or modelId. */
  async getModelDetails(options: { modelName?: string; modelId?: string; signal?: AbortSignal }): Promise<AnalyticsDetails> {
    return this.details(await this.resolveId(options, options.signal), options.signal);
  }

  /**
   * register_model: needs name, description, help_text, trigger_url, method (POST, GET or PUT), client_id and
   * scope (or headers), inputs and outputs. Returns the new id.
   */
  async registerModel(model: ModelSpec, options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.create(checkModelSpec(model, 'register'), options.signal);
  }

  /**
   * update_model: basic info (name, description, help_text, trigger_url, method, job_id, credential_id), and
   * inputs/outputs only while no asset uses the model. The model is found by `id`, else by its name.
   */
  async updateModel(model: ModelSpec, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    const { id, ...rest } = checkModelSpec(model, 'update');
    const modelId = typeof id === 'string' ? id : await this.resolveId({ modelName: rest.name }, options.signal);
    return this.update(modelId, rest, options.signal);
  }

  /** delete_model: refused by the server while the model is used in an asset. */
  async deleteModel(options: { modelName?: string; modelId?: string; signal?: AbortSignal }): Promise<boolean> {
    return this.remove(await this.resolveId(options, options.signal), options.signal);
  }
}
