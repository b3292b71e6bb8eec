/**
 * Asset API commands (spec §5.7). `POST /assets/{a}/commands/{attr}` takes `{"payload": …}` (Dynamic
 * attributes) or `{"templateVariables": {…}}` (Templated ones; every template variable required), and
 * `"aggregated": true` to also command every sub-asset's Command attribute with the same command name →
 * 202 `{"commandId","commandIds","status":"QUEUED","targets":N}`. `POST …/control` takes
 * `{"desiredValue", "skipFirstCommand"}`; with skipFirstCommand the command is recorded as SKIPPED and not
 * queued (the real platform re-sends later if the value is not reached; the emulator never does).
 * `GET /assets/{a}/commands[?identifierName=]` lists each Command attribute with its latest log entry;
 * `GET /assets/{a}/commands/{attr}` adds the whole log (newest first); `GET /commands/{id}` one command.
 */
import { sendJson } from '../respond';
import type { CommandRecord } from './commands';
import { type AssetApiRouter, assetById, objectBody, routeAttribute } from './assetApiHttp';
import { commandJson, identifierName } from './assetApiJson';
import { badInput, notFound } from './envelope';
import type { IotTicketModel } from './model';
import type { AssetRecord, AttributeRecord } from './types';

export function registerCommandRoutes(api: AssetApiRouter): void {
  api.route('get', '/assets/:assetId/commands', (ctx, model) => {
    const asset = assetById(model, ctx.params.assetId);
    const identifier = ctx.query.get('identifierName');
    const attrs = model.assets.attributes(asset.id).filter((a) => a.type === 'Command' && (identifier === null || identifierName(a) === identifier));
    const items = attrs.map((a) => details(model, a, false));
    sendJson(ctx.res, 200, { fullSize: items.length, limit: items.length, offset: 0, items });
  });

  api.route('get', '/assets/:assetId/commands/:attributeId', (ctx, model) => {
    sendJson(ctx.res, 200, details(model, commandAttribute(model, ctx.params), true));
  });

  api.route('post', '/assets/:assetId/commands/:attributeId', async (ctx, model) => {
    const attr = commandAttribute(model, ctx.params);
    const body = await objectBody(ctx);
    const hasPayload = body.payload !== undefined;
    const hasVariables = body.templateVariables !== undefined;
    if (hasPayload === hasVariables) throw badInput('Give exactly one of payload and templateVariables');
    if (body.aggregated !== undefined && typeof body.aggregated !== 'boolean') throw badInput('aggregated must be a boolean');
    const aggregated = body.aggregated === true;
    const targets = commandTargets(model, attr, aggregated);
    const now = model.now();
    const created = targets.map((target) => {
      const payload = hasPayload ? dynamicPayload(target, body.payload) : templatedPayload(target, body.templateVariables);
      return model.commands.create(newCommand(target, 'command', payload, aggregated, now), true);
    });
    sendJson(ctx.res, 202, { commandId: created[0].id, commandIds: created.map((c) => c.id), status: 'QUEUED', targets: created.length });
  });

  api.route('post', '/assets/:assetId/commands/:attributeId/control', async (ctx, model) => {
    const attr = commandAttribute(model, ctx.params);
    const body = await objectBody(ctx);
    const desired = body.desiredValue;
    // das documents "the desired target value" with no type: any JSON value but null.
    if (desired === undefined || desired === null) throw badInput('desiredValue (a number, string, boolean, object or list) is required');
    if (body.skipFirstCommand !== undefined && typeof body.skipFirstCommand !== 'boolean') throw badInput('skipFirstCommand must be a boolean');
    const skip = body.skipFirstCommand === true;
    const target = commandTargets(model, attr, false)[0];
    const payload = attr.payloadType === 'Templated'
      ? templatedPayload(target, Object.fromEntries((attr.templateVariables ?? []).map((v) => [v, desired])))
      : JSON.stringify({ desiredValue: desired });
    const record = model.commands.create({ ...newCommand(target, 'control', payload, false, model.now()), desiredValue: desired, skipFirstCommand: skip }, !skip);
    sendJson(ctx.res, 202, { commandId: record.id, commandIds: [record.id], status: record.status, targets: 1 });
  });

  api.route('get', '/commands/:commandId', (ctx, model) => {
    const record = model.commands.get(ctx.params.commandId);
    if (!record) throw notFound(`No command "${ctx.params.commandId}"`);
    sendJson(ctx.res, 200, commandJson(record));
  });
}

function commandAttribute(model: IotTicketModel, params: Record<string, string>): AttributeRecord {
  const attr = routeAttribute(model, params);
  if (attr.type !== 'Command') throw badInput(`Attribute ${attr.id} is ${attr.type}, not a Command attribute`);
  return attr;
}

function details(model: IotTicketModel, attr: AttributeRecord, withLog: boolean): Record<string, unknown> {
  const log = model.commands.forAttribute(attr.id);
  const latest = log[log.length - 1];
  return {
    id: attr.id, assetId: attr.assetId, name: attr.name, identifierName: identifierName(attr), deviceId: attr.deviceId ?? null,
    commandName: attr.commandName, payloadType: attr.payloadType, payloadTemplate: attr.payloadTemplate ?? null,
    templateVariables: attr.templateVariables ?? [], aggregated: false,
    latest: latest ? commandJson(latest) : null,
    ...(withLog ? { history: [...log].reverse().map(commandJson) } : {}),
  };
}

/**
 * The attribute itself (when bound to a device), plus, aggregated, every sub-asset's Command attribute with
 * the same command name and payload type. A device-less attribute (e.g. a line's "all pumps" command) can
 * only be sent aggregated.
 */
function commandTargets(model: IotTicketModel, attr: AttributeRecord, aggregated: boolean): AttributeRecord[] {
  if (!aggregated) {
    if (!attr.deviceId) throw badInput(`Command attribute ${attr.id} is not bound to a device; send it with aggregated: true`);
    return [attr];
  }
  const targets: AttributeRecord[] = [];
  model.assets.visitSubtree(attr.assetId, (asset: AssetRecord) => {
    if (asset.id === attr.assetId) {
      if (attr.deviceId) targets.push(attr);
    } else {
      for (const a of model.assets.attributes(asset.id)) {
        if (a.type === 'Command' && a.deviceId && a.commandName === attr.commandName && a.payloadType === attr.payloadType) targets.push(a);
      }
    }
    return true;
  });
  if (targets.length === 0) throw badInput(`No device receives command ${attr.commandName ?? attr.name} under asset ${attr.assetId}`);
  return targets;
}

function newCommand(target: AttributeRecord, kind: 'command' | 'control', payload: string, aggregated: boolean, now: number): Omit<CommandRecord, 'id' | 'status' | 'history' | 'response'> {
  return {
    kind, assetId: target.assetId, attributeId: target.id, attributeName: target.name, deviceId: target.deviceId!,
    commandName: target.commandName ?? identifierName(target), payload, aggregated, createdAt: now,
  };
}

function dynamicPayload(attr: AttributeRecord, payload: unknown): string {
  if (attr.payloadType === 'Templated') throw badInput(`Command attribute ${attr.id} is Templated: send templateVariables, not payload`);
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/** Replaces `{{name}}` in the attribute's template: numbers/booleans as literals, strings as they are. */
function templatedPayload(attr: AttributeRecord, variables: unknown): string {
  if (attr.payloadType !== 'Templated' || attr.payloadTemplate === undefined) {
    throw badInput(`Command attribute ${attr.id} has a Dynamic payload: send payload, not templateVariables`);
  }
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw badInput('templateVariables must be an object');
  const vars = variables as Record<string, unknown>;
  const missing = (attr.templateVariables ?? []).filter((v) => vars[v] === undefined);
  if (missing.length > 0) throw badInput(`Missing template variable(s): ${missing.join(', ')}`);
  return attr.payloadTemplate.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}
