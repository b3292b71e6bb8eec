/**
 * Where our fields may be in das' objects (Asset, AssetAttribute, AssetTemplate, Device, Organization,
 * Credential, ActiveAssetEvent, HistoryAssetEvent, SimpleCommandLogData and the documented dicts): the
 * names the reference uses for parameters and dict keys, and the obvious variants. See mapping.ts.
 */
import type { ObjectSpec } from './mapping';

const nullFallback = (): null => null;

export const ASSET: ObjectSpec = {
  kind: 'asset',
  required: { id: ['assetId', 'uuid'], name: ['assetName'] },
  optional: {
    parentId: ['parent', 'parentAssetId'], namesPath: ['path', 'assetPath'], templateId: ['template'], activeEventType: ['eventType'],
    childCount: ['childrenCount', 'numberOfChildren'],
  },
};

export const ATTRIBUTE: ObjectSpec = {
  kind: 'attribute',
  required: { id: ['attributeId'], name: ['attributeName'], type: ['attributeType'] },
  optional: {
    assetId: [], dataType: ['valueType'], unit: [], telemetryName: [], deviceId: [], eventId: [], value: [], updatedAt: [],
    lastValue: ['latestValue'], lastTs: ['lastTimestamp', 'latestTimestamp'],
  },
};

export const TEMPLATE: ObjectSpec = {
  kind: 'asset template',
  required: { id: ['templateId'], name: ['templateName'] },
};

export const DEVICE: ObjectSpec = {
  kind: 'device',
  required: { id: ['deviceId'] },
  optional: { name: ['deviceName'], tenantId: ['tenant'], assetIds: [], createdAt: ['created'], attributes: [] },
};

export const ORGANIZATION: ObjectSpec = {
  kind: 'organization',
  required: { id: ['organizationId'], name: ['organizationName'] },
  optional: { parentId: ['parent'], tenantId: ['tenant'], hasSubOrganizations: [] },
};

export const CREDENTIAL: ObjectSpec = {
  kind: 'credential',
  required: { id: ['credentialId'], name: ['credentialName'] },
};

export const ANALYTICS_ITEM: ObjectSpec = {
  kind: 'analytics item',
  required: { id: ['modelId', 'serviceId'], name: ['modelName', 'serviceName'] },
  optional: { level: [], type: ['itemType'] },
};

export const EVENT: ObjectSpec = {
  kind: 'event',
  required: { eventId: ['eventTypeId'], type: ['eventType'], severity: [], message: ['m'], active: ['isActive'], activatedAt: ['startTime', 'start', 'ts'] },
  optional: {
    assetId: [], attributeId: [], source: [], group: ['groupName', 'eventGroupName', 'gn'], acknowledged: [], clearedAt: ['endTime', 'end'],
  },
  fallback: (field) => (field === 'active' ? true : field === 'activatedAt' ? null : ''),
};

export const COMMAND_LOG: ObjectSpec = {
  kind: 'command log entry',
  required: { attributeId: [], timestamp: ['createdAt', 'time'] },
  optional: { attributeName: [], identifierName: [], commandId: ['id'], status: [], payload: [] },
  fallback: nullFallback,
};
