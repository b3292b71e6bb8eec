/** JSON views of the model's records in the asset API (timestamps as ISO-8601 UTC strings). */
import { namesPathOf } from './assets';
import type { CommandRecord } from './commands';
import type { EventRecord } from './events';
import type { Device, IotTicketModel } from './model';
import { latest } from './series';
import { iso } from './time';
import type { AssetRecord, AttributeRecord, Credential, EventType } from './types';

export function assetJson(model: IotTicketModel, a: AssetRecord, eventTypes?: Map<string, EventType>): Record<string, unknown> {
  const childCount = model.assets.childCount(a.id);
  return {
    id: a.id, name: a.name, parentId: a.parentId, namesPath: namesPathOf(model.assets, a.id), templateId: a.templateId,
    ...(a.description ? { description: a.description } : {}),
    hasChildren: childCount > 0, childCount,
    ...(eventTypes ? { activeEventType: eventTypes.get(a.id) ?? null } : {}),
  };
}

/** The name devices and das use for an attribute: telemetry name, command name or event id, else the name. */
export function identifierName(attr: AttributeRecord): string {
  return attr.telemetryName ?? attr.commandName ?? attr.eventId ?? attr.name;
}

export function attributeJson(model: IotTicketModel, attr: AttributeRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: attr.id, assetId: attr.assetId, name: attr.name, type: attr.type, identifierName: identifierName(attr),
    templateAttributeId: attr.templateAttributeId,
  };
  for (const key of ['dataType', 'unit', 'telemetryName', 'deviceId', 'eventId', 'commandName', 'payloadType', 'payloadTemplate', 'templateVariables'] as const) {
    if (attr[key] !== undefined) out[key] = attr[key];
  }
  if (attr.type === 'Number' || attr.type === 'String') {
    const { value, updatedAt } = model.staticValue(attr);
    out.value = value;
    out.updatedAt = updatedAt === null ? null : iso(updatedAt);
  }
  if (attr.type === 'TelemetryData' || attr.type === 'Calculated') {
    const { source } = model.attributeSeries(attr);
    const last = latest(source, model.now());
    out.lastValue = last?.v ?? null;
    out.lastTs = last ? iso(last.ts) : null;
  }
  return out;
}

export function eventJson(e: EventRecord): Record<string, unknown> {
  return {
    id: e.id, eventId: e.eventId, assetId: e.assetId, attributeId: e.attributeId, deviceId: e.deviceId, source: e.source,
    type: e.type, severity: e.severity, group: e.group, message: e.message, active: e.active,
    activatedAt: iso(e.activatedAt), clearedAt: e.clearedAt === null ? null : iso(e.clearedAt), updatedAt: iso(e.updatedAt),
    acknowledged: e.acknowledged, acknowledgedAt: e.acknowledgedAt === null ? null : iso(e.acknowledgedAt),
    transitions: e.transitions.map((t) => ({ active: t.active, ts: iso(t.ts) })),
  };
}

export function commandJson(c: CommandRecord): Record<string, unknown> {
  return {
    id: c.id, kind: c.kind, assetId: c.assetId, attributeId: c.attributeId, attributeName: c.attributeName, deviceId: c.deviceId,
    commandName: c.commandName, payload: c.payload, aggregated: c.aggregated, status: c.status,
    createdAt: iso(c.createdAt), updatedAt: iso(c.history[c.history.length - 1].ts),
    history: c.history.map((h) => ({ status: h.status, ts: iso(h.ts) })),
    response: c.response && { status: c.response.status, body: c.response.body, ts: iso(c.response.ts) },
    ...(c.kind === 'control' ? { desiredValue: c.desiredValue, skipFirstCommand: c.skipFirstCommand } : {}),
  };
}

export function deviceJson(model: IotTicketModel, d: Device): Record<string, unknown> {
  const assetIds = [...new Set(model.assets.deviceAttributes(d.id).map((a) => a.assetId))];
  return {
    id: d.id, name: d.name, tenantId: d.tenantId, username: `${d.id}@${d.tenantId}`, v1DeviceId: d.v1Id,
    manufacturer: d.manufacturer, type: d.type, description: d.description, assetIds,
    createdAt: iso(d.createdAt), attributes: d.attributes,
    telemetryNames: [...d.datanodes.values()].filter((n) => !n.path).map((n) => n.name),
  };
}

export function credentialJson(model: IotTicketModel, c: Credential): Record<string, unknown> {
  return {
    id: c.id, name: c.name, description: c.description, grantType: c.grantType, accessTokenUrl: c.accessTokenUrl, scope: c.scope,
    clientId: c.clientId, organization: c.organizationId, subscription: 'acme-subscription',
    createdBy: model.users[0].username, updatedBy: model.users[0].username, createdAt: iso(c.createdAt), updatedAt: iso(c.createdAt),
  };
}
