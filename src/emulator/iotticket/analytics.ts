/**
 * Data-analytics items: ML models, ML services and ONNX models. Names are unique per kind (case-insensitive),
 * ML model inputs/outputs cannot change after creation, and an item attached to an asset cannot be deleted.
 * Bodies are accepted with camelCase or the das snake_case keys (`help_text`, `trigger_url`, …).
 */
import { createHash } from 'node:crypto';
import { badInput, conflict, ErrorCode, v1Error } from './envelope';
import { iso } from './time';

export type AnalyticsType = 'MLModel' | 'MLService' | 'OnnxModel';

export interface AnalyticsItem {
  readonly id: string;
  readonly type: AnalyticsType;
  name: string;
  description: string;
  helpText: string;
  readonly level: 'organization' | 'subscription' | 'platform';
  readonly managed: boolean;
  readonly organization: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly createdBy: string;
  updatedBy: string;
  /** Assets that use the item (delete refused while non-empty). */
  readonly attachedAssetIds: string[];
  /** Kind-specific fields (triggerUrl, jobId, inputs, sizeBytes, …). */
  readonly fields: Record<string, unknown>;
}

const PREFIX: Readonly<Record<AnalyticsType, string>> = { MLModel: 'ML', MLService: 'MS', OnnxModel: 'OX' };

/** Fields each kind stores besides the common ones, with their snake_case aliases. */
const FIELDS: Readonly<Record<AnalyticsType, readonly (readonly [string, string])[]>> = {
  MLModel: [['triggerUrl', 'trigger_url'], ['endpointUrl', 'endpoint_url'], ['method', 'method'], ['jobId', 'job_id'],
    ['credentialId', 'credential_id'], ['clientId', 'client_id'], ['scope', 'scope'], ['headers', 'headers'],
    ['inputs', 'inputs'], ['outputs', 'outputs']],
  MLService: [['triggerUrl', 'trigger_url'], ['endpointUrl', 'endpoint_url'], ['method', 'method'], ['credentialId', 'credential_id'],
    ['clientId', 'client_id'], ['scope', 'scope'], ['headers', 'headers'], ['inputSchema', 'input_schema'], ['outputSchema', 'output_schema'],
    ['inputs', 'inputs'], ['outputs', 'outputs'], ['requestContainsTimestamps', 'request_contains_timestamps'],
    ['responseContainsTimestamps', 'response_contains_timestamps']],
  OnnxModel: [],
};

type Body = Record<string, unknown>;

function pick(body: Body, camel: string, snake: string): unknown {
  return body[camel] !== undefined ? body[camel] : body[snake];
}

function text(body: Body, camel: string, snake: string, fallback = ''): string {
  const v = pick(body, camel, snake);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') throw badInput(`${camel} must be a string`);
  return v;
}

export class AnalyticsStore {
  private readonly items = new Map<string, AnalyticsItem>();
  private nextId = 1;

  constructor(private readonly organizationId: string, private readonly limit: () => number) {}

  list(type?: AnalyticsType): AnalyticsItem[] {
    return [...this.items.values()].filter((i) => type === undefined || i.type === type);
  }

  get(type: AnalyticsType, id: string): AnalyticsItem | undefined {
    const item = this.items.get(id);
    return item && item.type === type ? item : undefined;
  }

  byName(type: AnalyticsType, name: string): AnalyticsItem | undefined {
    const lower = name.toLowerCase();
    return this.list(type).find((i) => i.name.toLowerCase() === lower);
  }

  /** Registers an ML model or ML service from a JSON body. */
  register(type: 'MLModel' | 'MLService', body: Body, user: string, now: number): AnalyticsItem {
    const fields: Record<string, unknown> = {};
    for (const [camel, snake] of FIELDS[type]) {
      const v = pick(body, camel, snake);
      if (v !== undefined) fields[camel] = v;
    }
    if (type === 'MLModel') {
      for (const key of ['inputs', 'outputs']) {
        if (fields[key] === undefined) fields[key] = [];
        if (!Array.isArray(fields[key])) throw badInput(`${key} must be an array of {name, dataType}`);
      }
    }
    return this.add(type, body, fields, user, now);
  }

  /** Registers an uploaded ONNX file (already checked by the route). */
  registerOnnx(meta: Body, file: Buffer, user: string, now: number): AnalyticsItem {
    const fields = { sizeBytes: file.length, sha256: createHash('sha256').update(file).digest('hex'), inputs: [], outputs: [] };
    return this.add('OnnxModel', meta, fields, user, now);
  }

  /** Seeds an item as it would be after registration (demo dataset). */
  seed(type: AnalyticsType, name: string, description: string, fields: Record<string, unknown>, attachedAssetIds: string[], now: number, managed = false): AnalyticsItem {
    const item = this.add(type, { name, description }, fields, 'admin@acme.example', now, managed);
    item.attachedAssetIds.push(...attachedAssetIds);
    return item;
  }

  private add(type: AnalyticsType, body: Body, fields: Record<string, unknown>, user: string, now: number, managed = false): AnalyticsItem {
    const name = text(body, 'name', 'name').trim();
    if (!name) throw badInput('name is required');
    if (name.length > 255) throw badInput('name is at most 255 characters');
    if (this.byName(type, name)) throw conflict(`A ${type} named "${name}" already exists`);
    if (this.items.size >= this.limit()) throw quotaExceeded(this.limit());
    const item: AnalyticsItem = {
      id: `${PREFIX[type]}${String(this.nextId++).padStart(4, '0')}`,
      type, name,
      description: text(body, 'description', 'description'),
      helpText: text(body, 'helpText', 'help_text'),
      level: managed ? 'subscription' : 'organization', managed,
      organization: this.organizationId,
      createdAt: now, updatedAt: now, createdBy: user, updatedBy: user,
      attachedAssetIds: [], fields,
    };
    this.items.set(item.id, item);
    return item;
  }

  /** Updates basic info (and, for services, the schemas); ML model inputs/outputs are immutable (400). */
  update(item: AnalyticsItem, body: Body, user: string, now: number): AnalyticsItem {
    if (item.type === 'MLModel') {
      for (const key of ['inputs', 'outputs']) {
        const v = body[key];
        if (v !== undefined && JSON.stringify(v) !== JSON.stringify(item.fields[key])) {
          throw badInput(`${key} of an ML model cannot be changed after creation; register a new model instead`);
        }
      }
    }
    const name = pick(body, 'name', 'name');
    if (name !== undefined) {
      if (typeof name !== 'string' || !name.trim()) throw badInput('name must be a non-empty string');
      const other = this.byName(item.type, name.trim());
      if (other && other.id !== item.id) throw conflict(`A ${item.type} named "${name.trim()}" already exists`);
      item.name = name.trim();
    }
    if (pick(body, 'description', 'description') !== undefined) item.description = text(body, 'description', 'description');
    if (pick(body, 'helpText', 'help_text') !== undefined) item.helpText = text(body, 'helpText', 'help_text');
    for (const [camel, snake] of FIELDS[item.type]) {
      const v = pick(body, camel, snake);
      if (v !== undefined) item.fields[camel] = v;
    }
    item.updatedAt = now;
    item.updatedBy = user;
    return item;
  }

  /** Deletes an item; 409 while it is attached to an asset. */
  delete(item: AnalyticsItem): void {
    if (item.attachedAssetIds.length > 0) {
      throw conflict(`${item.type} "${item.name}" is in use in asset(s) ${item.attachedAssetIds.join(', ')}; detach it before deleting`);
    }
    this.items.delete(item.id);
  }

  get count(): number {
    return this.items.size;
  }
}

/** Asset API quota violations answer 429 with code 8002 (spec §5.2). */
function quotaExceeded(limit: number): Error {
  return v1Error(429, ErrorCode.quota, `The organization's analytics limit of ${limit} items is reached`);
}

export function analyticsJson(item: AnalyticsItem): Record<string, unknown> {
  return {
    id: item.id, name: item.name, type: item.type, level: item.level, managed: item.managed,
    description: item.description, helpText: item.helpText, ...item.fields,
    organization: item.organization, subscription: 'acme-subscription',
    createdBy: item.createdBy, updatedBy: item.updatedBy, createdAt: iso(item.createdAt), updatedAt: iso(item.updatedAt),
    attachedAssetIds: item.attachedAssetIds,
  };
}
