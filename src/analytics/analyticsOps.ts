/**
 * What the analytics commands do to one item of the three kinds (ML model, ML service, ONNX model), on
 * the IoT-TICKET client's `models`, `services` and `onnx` sub-clients: details, basic-info updates,
 * delete, register and update from a JSON definition, and the count against the organization's limit.
 * vscode-free, so the node tests run exactly this against the emulator.
 */
import { ValidationError } from '../platforms/http';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import type { AnalyticsDetails, AnalyticsItem } from '../platforms/iotticket/types';
import { ANALYTICS_KINDS, type AnalyticsKind } from '../shared/refs';
import type { DefinitionKind } from './analyticsSchemas';

export type { AnalyticsKind };

export const analyticsKinds: readonly AnalyticsKind[] = ANALYTICS_KINDS;

export function kindLabel(kind: AnalyticsKind): string {
  return kind === 'MLModel' ? 'ML model' : kind === 'MLService' ? 'ML service' : 'ONNX model';
}

export function definitionKindOf(kind: 'MLModel' | 'MLService'): DefinitionKind;
export function definitionKindOf(kind: AnalyticsKind): DefinitionKind | undefined;
export function definitionKindOf(kind: AnalyticsKind): DefinitionKind | undefined {
  return kind === 'MLModel' ? 'ml-model' : kind === 'MLService' ? 'ml-service' : undefined;
}

export function analyticsKindOf(kind: DefinitionKind): 'MLModel' | 'MLService' {
  return kind === 'ml-model' ? 'MLModel' : 'MLService';
}

type Signal = { readonly signal?: AbortSignal };

export function listItems(client: AssetApi, kind: AnalyticsKind, { signal }: Signal = {}): Promise<AnalyticsItem[]> {
  switch (kind) {
    case 'MLModel':
      return client.models.getModelList({ signal });
    case 'MLService':
      return client.services.getServiceList({ signal });
    default:
      return client.onnx.getOnnxModelList({ signal });
  }
}

export function itemDetails(client: AssetApi, kind: AnalyticsKind, id: string, { signal }: Signal = {}): Promise<AnalyticsDetails> {
  switch (kind) {
    case 'MLModel':
      return client.models.getModelDetails({ modelId: id, signal });
    case 'MLService':
      return client.services.getServiceDetails({ serviceId: id, signal });
    default:
      return client.onnx.getOnnxModelDetails({ modelId: id, signal });
  }
}

export function deleteItem(client: AssetApi, kind: AnalyticsKind, id: string, { signal }: Signal = {}): Promise<boolean> {
  switch (kind) {
    case 'MLModel':
      return client.models.deleteModel({ modelId: id, signal });
    case 'MLService':
      return client.services.deleteService({ serviceId: id, signal });
    default:
      return client.onnx.deleteOnnxModel({ modelId: id, signal });
  }
}

/** Name, description and Markdown help text: what every kind lets users change at any time. */
export interface BasicInfo {
  readonly name: string;
  readonly description: string;
  readonly helpText: string;
}

/** Keys of each kind's "basic info" as das' update methods define it (ML model inputs/outputs excluded). */
const BASIC_KEYS: Readonly<Record<'MLModel' | 'MLService', readonly string[]>> = {
  MLModel: ['name', 'description', 'helpText', 'triggerUrl', 'method', 'jobId', 'credentialId', 'clientId', 'scope', 'headers'],
  MLService: [
    'name', 'description', 'helpText', 'triggerUrl', 'method', 'credentialId', 'clientId', 'scope', 'headers',
    'requestContainsTimestamps', 'responseContainsTimestamps',
  ],
};

function pick(source: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (source[k] !== undefined && source[k] !== null) out[k] = source[k];
  return out;
}

/** What update_model / update_service require besides name, description and help text. */
const UPDATE_REQUIRED: Readonly<Record<'MLModel' | 'MLService', readonly string[]>> = {
  MLModel: ['triggerUrl', 'method', 'jobId', 'credentialId'],
  MLService: ['triggerUrl', 'method', 'credentialId', 'requestContainsTimestamps', 'responseContainsTimestamps'],
};

/**
 * Asks for required fields the details did not return: the seed's get_model_details / get_service_details
 * document neither `method` nor `credentialId`, which update_model / update_service require. Resolves with
 * their values, or undefined when the user cancels.
 */
export type FillMissing = (missing: readonly string[], current: Readonly<Record<string, unknown>>) => Promise<Record<string, unknown> | undefined>;

/**
 * Changes name, description and help text. ML models and services are updated with the rest of their
 * current basic info (das' update methods require all of it; what the details lack is asked through
 * `fill`, else refused naming the field); ONNX models take the three fields alone. Resolves false when
 * the user cancelled the question.
 */
export async function updateBasicInfo(client: AssetApi, kind: AnalyticsKind, id: string, info: BasicInfo, { signal, fill }: Signal & { fill?: FillMissing } = {}): Promise<boolean> {
  if (kind === 'OnnxModel') {
    await client.onnx.updateOnnxModel({ name: info.name, description: info.description, help_text: info.helpText }, { modelId: id, signal });
    return true;
  }
  const current = await itemDetails(client, kind, id, { signal });
  const known = pick(current, BASIC_KEYS[kind]);
  const missing = UPDATE_REQUIRED[kind].filter((k) => known[k] === undefined);
  if (missing.length > 0) {
    if (!fill) throw new ValidationError(missing[0], `the ${kind === 'MLModel' ? 'model' : 'service'} details do not include ${missing.join(', ')}, which the update needs`);
    const filled = await fill(missing, current);
    if (!filled) return false;
    Object.assign(known, filled);
  }
  const body = { ...known, name: info.name, description: info.description, helpText: info.helpText };
  if (kind === 'MLModel') await client.models.updateModel({ ...body, id }, { signal });
  else await client.services.updateService(body, { serviceId: id, signal });
  return true;
}

/** The request body of a definition: the file without its `$schema`. */
function definitionBody(definition: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { $schema: _schema, ...body } = definition;
  return body;
}

/**
 * Registers a validated definition; returns the new id. das registers with client_id and scope (or headers);
 * a definition that names only a credential gets the credential's client id and scope, as das users do.
 */
export async function registerDefinition(client: AssetApi, kind: DefinitionKind, definition: Readonly<Record<string, unknown>>, { signal }: Signal = {}): Promise<string> {
  const body = definitionBody(definition);
  if (body.headers === undefined && (body.clientId === undefined || body.scope === undefined) && typeof body.credentialId === 'string') {
    const credential = (await client.credentials.getCredentials({ signal })).find((c) => c.id === body.credentialId);
    if (!credential) throw new ValidationError('credentialId', `no credential with id "${body.credentialId}" in this organization`);
    body.clientId ??= credential.clientId;
    body.scope ??= credential.scope;
  }
  return kind === 'ml-model' ? client.models.registerModel(body, { signal }) : client.services.registerService(body, { signal });
}

export interface DefinitionUpdate {
  /** ML model inputs/outputs differed from the registered ones and were left out (they are fixed after creation). */
  readonly keptFixedFields: readonly string[];
}

/**
 * Updates an item from a validated definition. Keys the file leaves out keep their current values; an
 * ML model's inputs and outputs cannot change after creation, so differing ones are reported and not sent.
 */
export async function updateFromDefinition(
  client: AssetApi,
  kind: DefinitionKind,
  id: string,
  definition: Readonly<Record<string, unknown>>,
  { signal }: Signal = {},
): Promise<DefinitionUpdate> {
  const itemKind = analyticsKindOf(kind);
  const current = await itemDetails(client, itemKind, id, { signal });
  const body: Record<string, unknown> = { ...pick(current, BASIC_KEYS[itemKind]), ...definitionBody(definition) };
  const keptFixedFields: string[] = [];
  if (itemKind === 'MLModel') {
    for (const key of ['inputs', 'outputs']) {
      if (body[key] !== undefined && JSON.stringify(body[key]) !== JSON.stringify(current[key])) keptFixedFields.push(key);
      delete body[key];
    }
    await client.models.updateModel({ ...body, id }, { signal });
  } else {
    await client.services.updateService(body, { serviceId: id, signal });
  }
  return { keptFixedFields };
}

/** A registered ML model or service as a definition file (the schema's keys only), for editing and updating. */
export function definitionFromDetails(kind: DefinitionKind, details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys =
    kind === 'ml-model'
      ? [...BASIC_KEYS.MLModel, 'inputs', 'outputs']
      : [...BASIC_KEYS.MLService, 'inputSchema', 'outputSchema'];
  const out = pick(details, keys);
  for (const key of ['description', 'helpText']) out[key] ??= '';
  return out;
}

export interface AnalyticsUsage {
  /** ML models + ML services + ONNX models registered (das analytics_items_count). */
  readonly count: number;
  /** The organization's limit, when its details say it. */
  readonly limit?: number;
  readonly byKind: Readonly<Record<AnalyticsKind, number>>;
}

export async function analyticsUsage(client: AssetApi, { signal }: Signal = {}): Promise<AnalyticsUsage> {
  const [items, limit] = await Promise.all([
    client.models.getAllAnalyticsItems({ signal }),
    client.organizations
      .getOrganizationDetails({ signal })
      .then((d) => d.limits?.analyticsItems)
      // A user who may not read the organization's details still learns the count.
      .catch(() => undefined),
  ]);
  const byKind: Record<AnalyticsKind, number> = { MLModel: 0, MLService: 0, OnnxModel: 0 };
  for (const i of items) if (i.type in byKind) byKind[i.type]++;
  return { count: items.length, limit: typeof limit === 'number' && limit >= 0 ? limit : undefined, byKind };
}

/** `12 of 50 analytics items (ML models 3, ML services 2, ONNX models 7)`. */
export function describeUsage(u: AnalyticsUsage): string {
  const parts = `ML models ${u.byKind.MLModel}, ML services ${u.byKind.MLService}, ONNX models ${u.byKind.OnnxModel}`;
  return u.limit !== undefined ? `${u.count} of ${u.limit} analytics items used (${parts}); ${Math.max(0, u.limit - u.count)} left` : `${u.count} analytics items (${parts})`;
}
