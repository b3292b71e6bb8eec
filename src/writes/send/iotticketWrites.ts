/**
 * IoT-TICKET writes through the asset API: commands (Dynamic payloads, Templated variables, aggregated
 * to sub-assets), control commands, static Number/String values and Calculated values. The target
 * attribute is read first, so its type, payload kind and template decide what input is valid, and a
 * bad value is refused naming its field before anything is written.
 */
import { HttpError, PlatformError, ValidationError, mapConcurrent } from '../../platforms/http';
import type { AssetApi } from '../../platforms/iotticket/assetApi';
import type { AssetAttribute } from '../../platforms/iotticket/types';
import { checkControlValue, type ControlValue } from '../../platforms/iotticket/commandsClient';
import { parseCalculatedFile, resolveCalculatedColumns, type CalculatedColumn } from '../model/calculatedTable';
import { CHECKS, MEANINGS, failed, partsOutcome, type PartResult, type WriteOutcome } from '../model/outcome';
import { checkTemplateVariables, renderTemplate, templateFields } from '../model/templateForm';
import { describeSpec, type IotCalculatedSpec, type IotCommandSpec, type IotControlSpec, type IotStaticSpec } from '../model/writeSpec';
import type { PreparedWrite, WriteContext } from './context';

export { prepareDeviceEvents, prepareTelemetry, prepareTimesignals } from './adapterWrites';

/** A Command attribute as the asset API lists it (the template fields are the emulator's and das' names). */
export interface CommandAttribute extends AssetAttribute {
  readonly commandName?: string;
  readonly payloadType?: 'Templated' | 'Dynamic' | string;
  readonly payloadTemplate?: string | null;
  readonly templateVariables?: readonly string[];
}

/** Templated when the attribute says so; when it does not say, what the caller gave decides. */
export function isTemplated(attr: CommandAttribute, givenVariables: boolean): boolean {
  if (attr.payloadType === 'Templated') return true;
  if (attr.payloadType === 'Dynamic') return false;
  return givenVariables || (!!attr.payloadTemplate && (attr.templateVariables?.length ?? 0) > 0);
}

/** Stop counting aggregated targets here: the confirmation then says "at least". */
const MAX_COUNTED_ASSETS = 2000;

async function assetApiOf(ctx: WriteContext, connectionId: string): Promise<AssetApi> {
  const { assetApi: core } = await ctx.iotticket(connectionId);
  if (!core) throw new ValidationError('connection', `connection "${connectionId}" has no asset API URL (coreBaseUrl)`);
  return core;
}

/** The attribute, checked to exist on the asset and to be of one of `types`. */
export async function attributeOf(core: AssetApi, assetId: string, attributeId: string, types: readonly string[], signal?: AbortSignal): Promise<CommandAttribute> {
  let attributes: readonly AssetAttribute[];
  try {
    attributes = await core.assets.getAttributes({ assetId, signal });
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) throw new ValidationError('assetId', `no asset with id "${assetId}"`);
    throw err;
  }
  const attr = attributes.find((a) => a.id === attributeId);
  if (!attr) {
    const candidates = attributes.filter((a) => types.includes(a.type)).map((a) => `${a.name} (${a.id})`);
    throw new ValidationError('attributeId', `asset ${assetId} has no attribute "${attributeId}"${candidates.length ? `; ${types.join('/')} attributes: ${candidates.join(', ')}` : ''}`);
  }
  if (!types.includes(attr.type)) throw new ValidationError('attributeId', `${attr.name} is a ${attr.type} attribute; this write needs ${types.join(' or ')}`);
  return attr as CommandAttribute;
}

/**
 * How many Command attributes an aggregated command reaches: the attribute itself plus, in every
 * sub-asset, a device-bound Command attribute with the same command name and payload type.
 */
export async function countAggregatedTargets(core: AssetApi, assetId: string, attr: CommandAttribute, signal?: AbortSignal): Promise<{ count: number; complete: boolean }> {
  let count = 1;
  let visited = 0;
  let frontier = [assetId];
  while (frontier.length > 0 && visited < MAX_COUNTED_ASSETS) {
    const levels = await mapConcurrent(frontier, 4, async (id) => {
      const children: string[] = [];
      for await (const child of core.assets.getAssets({ assetId: id, signal })) children.push(child.id);
      return children;
    });
    frontier = levels.flat().slice(0, MAX_COUNTED_ASSETS - visited);
    visited += frontier.length;
    // get_attributes cannot filter on Command (das lists six filterable types), so filter here.
    const attrs = await mapConcurrent(frontier, 4, (id) => core.assets.getAttributes({ assetId: id, signal }));
    for (const list of attrs) {
      count += (list as CommandAttribute[]).filter((a) => a.type === 'Command' && a.deviceId && a.commandName === attr.commandName && a.payloadType === attr.payloadType).length;
    }
  }
  return { count, complete: frontier.length === 0 || visited < MAX_COUNTED_ASSETS };
}

function commandOutcome(receipt: { commandId?: string; commandIds?: readonly string[]; status?: string; targets?: number }, name: string, meaning: string): WriteOutcome {
  const ids = receipt.commandIds ?? (receipt.commandId ? [receipt.commandId] : []);
  const targets = receipt.targets ?? ids.length;
  return {
    result: 'accepted',
    summary: `${name}: ${targets === 1 ? 'command' : `${targets} commands`} ${receipt.status ?? 'accepted'}${ids.length ? ` (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})` : ''}`,
    meaning,
    details: ids.map((id) => `Command ${id}: ${receipt.status ?? 'accepted'}`),
    commandIds: ids,
    response: receipt,
  };
}

export async function prepareCommand(spec: IotCommandSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const core = await assetApiOf(ctx, spec.connection);
  const attr = await attributeOf(core, spec.assetId, spec.attributeId, ['Command'], signal);
  const notes: string[] = [];
  const templated = isTemplated(attr, spec.templateVariables !== undefined);
  if (templated) {
    if (spec.templateVariables === undefined) {
      throw new ValidationError('templateVariables', `${attr.name} has a Templated payload: give values for ${(attr.templateVariables ?? []).join(', ') || 'its variables'} (not "payload")`);
    }
    if (attr.payloadTemplate || attr.templateVariables?.length) {
      const fields = templateFields(attr.payloadTemplate ?? undefined, attr.templateVariables ?? []);
      const values = checkTemplateVariables(fields, spec.templateVariables);
      if (attr.payloadTemplate) notes.push(`payload: ${renderTemplate(attr.payloadTemplate, fields, values).text}`);
    }
  } else {
    if (spec.payload === undefined) throw new ValidationError('payload', `${attr.name} has a Dynamic payload: give the payload JSON (not "templateVariables")`);
    notes.push(`payload: ${JSON.stringify(spec.payload)}`);
  }
  if (!attr.deviceId) throw new ValidationError('attributeId', `${attr.name} is not bound to a device, so no device would receive the command`);
  let targets = 1;
  if (spec.aggregated) {
    const counted = await countAggregatedTargets(core, spec.assetId, attr, signal);
    targets = counted.count;
    notes.unshift(`targets: ${counted.complete ? '' : 'at least '}${counted.count} Command attribute(s) named by command "${attr.commandName ?? attr.name}" in the asset and its sub-assets`);
  } else {
    notes.unshift(`device: ${attr.deviceId}`);
  }
  return {
    spec,
    description: describeSpec({ ...spec, label: spec.label ?? attr.name }),
    targets,
    notes,
    async run(runSignal) {
      try {
        const receipt = await core.commands.sendCommand({
          assetId: spec.assetId,
          attributeId: spec.attributeId,
          ...(templated ? { templateVariables: spec.templateVariables } : { payload: spec.payload }),
          aggregated: spec.aggregated ?? false,
          signal: runSignal,
        });
        const outcome = commandOutcome(receipt, attr.name, MEANINGS.command);
        // Our count follows the emulator's reading of "aggregated"; say so when the platform's differs.
        if (receipt.targets !== undefined && receipt.targets !== targets) {
          return { ...outcome, details: [`The platform reached ${receipt.targets} target(s); the confirmation counted ${targets}.`, ...outcome.details] };
        }
        return outcome;
      } catch (err) {
        return failed(err, `Command ${attr.name}`, CHECKS.command);
      }
    },
  };
}

export async function prepareControl(spec: IotControlSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const desired = spec.desiredValue;
  // The same rule as the client (any JSON value but null), checked before any request.
  checkControlValue(desired);
  const core = await assetApiOf(ctx, spec.connection);
  const attr = await attributeOf(core, spec.assetId, spec.attributeId, ['Command'], signal);
  if (!attr.deviceId) throw new ValidationError('attributeId', `${attr.name} is not bound to a device`);
  if (attr.dataType && /^(double|long|integer|number)$/i.test(attr.dataType) && typeof desired !== 'number') {
    throw new ValidationError('desiredValue', `${attr.name} takes ${attr.dataType} values; ${JSON.stringify(desired)} is not a number`);
  }
  return {
    spec,
    description: describeSpec({ ...spec, label: spec.label ?? attr.name }),
    targets: 1,
    notes: [`device: ${attr.deviceId}`, `desired value: ${JSON.stringify(desired)}`, spec.skipFirstCommand ? 'the first command is skipped' : 'a first command is sent now'],
    async run(runSignal) {
      try {
        const receipt = await core.commands.sendControlCommand(desired as ControlValue, {
          assetId: spec.assetId, attributeId: spec.attributeId, skipFirstCommand: spec.skipFirstCommand ?? false, signal: runSignal,
        });
        return commandOutcome(receipt, attr.name, spec.skipFirstCommand ? MEANINGS.controlSkipped : MEANINGS.control);
      } catch (err) {
        return failed(err, `Control command ${attr.name}`, CHECKS.command);
      }
    },
  };
}

export async function prepareStatic(spec: IotStaticSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const core = await assetApiOf(ctx, spec.connection);
  const attr = await attributeOf(core, spec.assetId, spec.attributeId, ['Number', 'String'], signal);
  let value: number | string = spec.value;
  if (attr.type === 'Number') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new ValidationError('value', `${attr.name} is a Number attribute; ${JSON.stringify(spec.value)} is not a number`);
    value = n;
  } else {
    value = String(value);
  }
  return {
    spec,
    description: describeSpec({ ...spec, label: spec.label ?? attr.name }),
    targets: 1,
    notes: [`${attr.name}: ${JSON.stringify(attr.value ?? null)} → ${JSON.stringify(value)}${attr.unit ? ` ${attr.unit}` : ''}`],
    async run(runSignal) {
      try {
        const [ok] = await core.data.writeStatic([value], { attributeIds: [spec.attributeId], signal: runSignal });
        if (!ok) return { result: 'failed', summary: `Writing ${attr.name} failed: the server refused the value`, details: ['Nothing was retried.'] };
        return { result: 'ok', summary: `${attr.name} set to ${JSON.stringify(value)}${attr.unit ? ` ${attr.unit}` : ''}`, meaning: MEANINGS.static, details: [] };
      } catch (err) {
        return failed(err, `Writing ${attr.name}`, CHECKS.static);
      }
    },
  };
}

/** The spec's inline values or file, as columns keyed by attribute name or id. */
async function calculatedColumns(spec: IotCalculatedSpec, ctx: WriteContext): Promise<CalculatedColumn[]> {
  if ((spec.values === undefined) === (spec.file === undefined)) throw new ValidationError('values', 'give either "values" or "file"');
  if (spec.file !== undefined) {
    const { text, name } = await ctx.readFile(spec.file);
    return parseCalculatedFile(text, name, spec.tz);
  }
  return parseCalculatedFile(JSON.stringify(spec.values), 'values.json', spec.tz);
}

export async function prepareCalculated(spec: IotCalculatedSpec, ctx: WriteContext, signal?: AbortSignal): Promise<PreparedWrite> {
  const columns = await calculatedColumns(spec, ctx);
  const core = await assetApiOf(ctx, spec.connection);
  const attributes = await core.assets.getAttributes({ assetId: spec.assetId, signal });
  const resolved = resolveCalculatedColumns(columns, attributes.map((a) => ({ id: a.id, name: a.name, type: a.type })));
  for (const { column } of resolved) {
    column.points.forEach((p, i) => {
      if (typeof p.value !== 'number') throw new ValidationError(`column "${column.key}"[${i}]`, `${JSON.stringify(p.value)} is not a number; Calculated attributes take numbers`);
    });
  }
  return {
    spec,
    description: describeSpec(spec),
    targets: resolved.length,
    notes: resolved.map(({ attribute, column }) => `${attribute.name} (${attribute.id}): ${column.points.length} value(s)`),
    async run(runSignal) {
      const parts: PartResult[] = [];
      let stopped = false;
      for (const { attribute, column } of resolved) {
        const label = `${attribute.name} (${column.points.length} values)`;
        if (stopped) {
          parts.push({ label, ok: false, attempted: false });
          continue;
        }
        try {
          // One attribute per request, so a failure names exactly which attributes were written.
          await core.data.writeCalculated(column.points.map((p) => ({ timestamp: p.ts, v: p.value })), { attributeIds: [attribute.id], signal: runSignal });
          parts.push({ label, ok: true, attempted: true });
        } catch (err) {
          if (!(err instanceof PlatformError)) throw err;
          parts.push({ label, ok: false, attempted: true, error: err });
          stopped = true;
        }
      }
      return partsOutcome(parts, 'Calculated values', { result: 'accepted', meaning: MEANINGS.calculated, check: CHECKS.calculated });
    },
  };
}
