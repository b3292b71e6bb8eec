/** das ServicesClient: ML services (synchronous external functions, e.g. Azure Functions). */
import type { ServicesApi } from './assetApi';
import { ValidationError } from '../http';
import { AnalyticsKindClient, camelKeys, requireKeys } from './analyticsItems';
import type { AssetApiContext } from './assetApiContext';
import { TRIGGER_METHODS } from './enums';
import type { AnalyticsDetails, AnalyticsItem } from './types';
import { requireExactlyOne, requireOneOf } from './validation';
import type { ServiceSpec } from './assetApiOptions';
export type { ServiceSpec } from './assetApiOptions';

/**
 * register_service needs name, description, help_text, trigger_url, method, client_id and scope (or headers),
 * input_schema, request_contains_timestamps, output_schema and response_contains_timestamps; update_service
 * the basic info (name, description, help_text, trigger_url, method, credential_id, request/response_contains_timestamps).
 */
export function checkServiceSpec(service: ServiceSpec, mode: 'register' | 'update'): Record<string, unknown> {
  const body = camelKeys(service);
  if (mode === 'register') {
    requireKeys('service', body, ['name', 'description', 'helpText', 'triggerUrl', 'method', 'inputSchema', 'requestContainsTimestamps', 'outputSchema', 'responseContainsTimestamps']);
    requireOneOf('service.method', String(body.method), TRIGGER_METHODS);
    if (body.headers === undefined && (body.clientId === undefined || body.scope === undefined)) {
      throw new ValidationError('service', 'needs client_id and scope, or headers');
    }
    for (const key of ['requestContainsTimestamps', 'responseContainsTimestamps']) {
      if (typeof body[key] !== 'boolean') throw new ValidationError(`service.${key}`, 'must be a boolean');
    }
  } else {
    requireKeys('service', body, ['name', 'description', 'helpText', 'triggerUrl', 'method', 'credentialId', 'requestContainsTimestamps', 'responseContainsTimestamps']);
    requireOneOf('service.method', String(body.method), TRIGGER_METHODS);
  }
  return body;
}

export class ServicesClient extends AnalyticsKindClient implements ServicesApi {
  constructor(core: AssetApiContext) {
    super(core, { label: 'ML service', idKey: 'serviceId', nameKey: 'serviceName', list: core.routes.mlServices, one: core.routes.mlService });
  }

  /** get_service_list. */
  getServiceList(options: { signal?: AbortSignal } = {}): Promise<AnalyticsItem[]> {
    return this.listAll(options.signal);
  }

  /** get_service_details: exactly one of serviceName or serviceId. */
  async getServiceDetails(options: { serviceName?: string; serviceId?: string; signal?: AbortSignal }): Promise<AnalyticsDetails> {
    return this.details(await this.resolveId(options, options.signal), options.signal);
  }

  /**
   * register_service: needs name, description, help_text, trigger_url, method, client_id and scope (or headers),
   * input_schema, request_contains_timestamps, output_schema and response_contains_timestamps. Returns the id.
   */
  async registerService(service: ServiceSpec, options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.create(checkServiceSpec(service, 'register'), options.signal);
  }

  /**
   * update_service: basic info (name, description, help_text, trigger_url, method, credential_id,
   * request/response_contains_timestamps), optionally the schemas; exactly one of serviceName or serviceId.
   */
  async updateService(service: ServiceSpec, options: { serviceName?: string; serviceId?: string; signal?: AbortSignal }): Promise<boolean> {
    requireExactlyOne(options, ['serviceName', 'serviceId'] as const);
    const body = checkServiceSpec(service, 'update');
    return this.update(await this.resolveId(options, options.signal), body, options.signal);
  }

  /** delete_service: exactly one of serviceName or serviceId. */
  async deleteService(options: { serviceName?: string; serviceId?: string; signal?: AbortSignal }): Promise<boolean> {
    return this.remove(await this.resolveId(options, options.signal), options.signal);
  }
}
