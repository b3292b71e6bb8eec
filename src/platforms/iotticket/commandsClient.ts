/** das CommandsClient: command log details, and commands sent to Command attributes (queued for their devices). */
import type { CommandsApi } from './assetApi';
import { ValidationError } from '../http';
import { ASSET_LOCATORS, type AssetLocator, type AssetApiContext } from './assetApiContext';
import { TIMESTAMP_FORMATS } from './enums';
import * as shapes from './shapes';
import { formatTimestamp, parseTimeZone, serverTime, type TimeZone } from './time';
import type { CommandLogEntry, CommandReceipt } from './types';
import { checkNamesPath, checkText, requireExactlyOne, requireOneOf } from './validation';
import type { CommandLocator, ControlValue } from './assetApiOptions';
export type { CommandLocator, ControlValue } from './assetApiOptions';

interface RawCommandAttribute {
  readonly id: string;
  readonly name: string;
  readonly identifierName?: string;
  readonly latest: (Record<string, unknown> & { id: string; status: string; payload?: unknown; createdAt: string; updatedAt?: string }) | null;
}

/** get_command_details: one asset locator, the timestamp format and zone, an optional identifier name. */
export function checkCommandDetails(options: AssetLocator & { identifierName?: string; timestamp?: string; tz?: string }): { format: 'datetime' | 'epoch'; zone: TimeZone; identifierName?: string } {
  requireExactlyOne(options, ASSET_LOCATORS);
  return {
    format: requireOneOf('timestamp', options.timestamp ?? 'datetime', TIMESTAMP_FORMATS),
    zone: parseTimeZone(options.tz),
    identifierName: checkText('identifierName', options.identifierName, 255, false),
  };
}

/** The das locator rules of a Command attribute: namesPath alone, or one asset and one attribute locator. */
export function checkCommandLocator(l: CommandLocator): { asset?: 'assetId' | 'assetName'; attribute?: 'attributeId' | 'attributeName' } {
  if (l.namesPath !== undefined) {
    const extra = (['assetName', 'assetId', 'attributeName', 'attributeId'] as const).filter((k) => l[k] !== undefined);
    if (extra.length > 0) throw new ValidationError(`namesPath|${extra.join('|')}`, `give either namesPath or an asset and attribute, not both (got namesPath and ${extra.join(' and ')})`);
    checkNamesPath('namesPath', l.namesPath, 2);
    return {};
  }
  if (l.assetName === undefined && l.assetId === undefined && l.attributeName === undefined && l.attributeId === undefined) {
    throw new ValidationError('namesPath|assetId|assetName', 'give namesPath to the Command attribute, or an asset (assetId or assetName) and an attribute (attributeId or attributeName)');
  }
  const asset = requireExactlyOne(l, ['assetName', 'assetId'] as const);
  const attribute = requireExactlyOne(l, ['attributeName', 'attributeId'] as const);
  checkText(asset, l[asset], 1000);
  checkText(attribute, l[attribute], 1000);
  return { asset, attribute };
}

/** send_command: exactly one of payload and templateVariables (an object), aggregated a boolean. */
export function checkSendCommand(options: { payload?: unknown; templateVariables?: unknown; aggregated?: unknown }): 'payload' | 'templateVariables' {
  const which = requireExactlyOne(options, ['payload', 'templateVariables'] as const);
  if (which === 'templateVariables' && (typeof options.templateVariables !== 'object' || Array.isArray(options.templateVariables))) {
    throw new ValidationError('templateVariables', 'must be an object of variable names and values');
  }
  if (options.aggregated !== undefined && typeof options.aggregated !== 'boolean') throw new ValidationError('aggregated', 'must be a boolean');
  return which;
}

export class CommandsClient implements CommandsApi {
  constructor(private readonly core: AssetApiContext) {}

  /**
   * get_command_details: the latest command log entry of each Command attribute of an asset (only those
   * with this identifier name, when given).
   */
  async getCommandDetails(options: AssetLocator & { identifierName?: string; timestamp?: 'datetime' | 'epoch'; tz?: string; signal?: AbortSignal }): Promise<CommandLogEntry[]> {
    const { format, zone, identifierName } = checkCommandDetails(options);
    const assetId = await this.core.assetId({ assetId: options.assetId, assetName: options.assetName, namesPath: options.namesPath }, options.signal);
    const body = await this.core.http.get<{ items?: RawCommandAttribute[] }>(this.core.routes.assetCommands(assetId), { query: { identifierName }, signal: options.signal, expect: shapes.commandAttributes });
    return (body.items ?? []).filter((a) => a.latest).map((a) => {
      const { id, createdAt, updatedAt, ...rest } = a.latest!;
      return {
        ...rest,
        attributeId: a.id,
        attributeName: a.name,
        identifierName: a.identifierName,
        commandId: id,
        timestamp: formatTimestamp(serverTime(createdAt, `${a.id}.latest.createdAt`, this.core.routes.assetCommands(assetId)), format, zone),
        ...(updatedAt ? { updatedAt: formatTimestamp(serverTime(updatedAt, `${a.id}.latest.updatedAt`, this.core.routes.assetCommands(assetId)), format, zone) } : {}),
      };
    });
  }

  /** send_command: exactly one of `payload` (Dynamic payload type) or `templateVariables` (Templated). */
  async sendCommand(options: CommandLocator & { payload?: unknown; templateVariables?: Readonly<Record<string, unknown>>; aggregated?: boolean; signal?: AbortSignal }): Promise<CommandReceipt> {
    const which = checkSendCommand(options);
    const target = await this.locate(options, options.signal);
    const body = which === 'payload' ? { payload: options.payload } : { templateVariables: options.templateVariables };
    const res = await this.core.http.request<CommandReceipt>({
      method: 'POST', path: this.core.routes.command(target.assetId, target.attributeId), json: { ...body, aggregated: options.aggregated ?? false }, signal: options.signal,
      expect: shapes.receipt,
    });
    return res.data;
  }

  /** send_control_command: the platform commands the device until the attribute reaches `desiredValue`. */
  async sendControlCommand(desiredValue: ControlValue, options: CommandLocator & { skipFirstCommand?: boolean; signal?: AbortSignal } = {}): Promise<CommandReceipt> {
    checkControlValue(desiredValue);
    const target = await this.locate(options, options.signal);
    const res = await this.core.http.request<CommandReceipt>({
      method: 'POST', path: this.core.routes.commandControl(target.assetId, target.attributeId),
      json: { desiredValue, skipFirstCommand: options.skipFirstCommand ?? false }, signal: options.signal, expect: shapes.receipt,
    });
    return res.data;
  }

  /** A sent command's state (QUEUED, DELIVERED, SUCCEEDED, FAILED, SKIPPED) and history. */
  getCommandStatus(commandId: string, options: { signal?: AbortSignal } = {}): Promise<Record<string, unknown>> {
    checkText('commandId', commandId, 255);
    return this.core.http.get(this.core.routes.commandStatus(commandId), { signal: options.signal, expect: shapes.anyObject });
  }

  /** Resolves the das locator rules to (asset id, Command attribute id). */
  private async locate(l: CommandLocator, signal?: AbortSignal): Promise<{ assetId: string; attributeId: string }> {
    const { asset, attribute } = checkCommandLocator(l);
    if (!asset || !attribute) {
      const attr = await this.core.attributeByPath(l.namesPath!, ['Command'], signal);
      return { assetId: attr.assetId ?? (await this.core.assetId({ namesPath: l.namesPath!.slice(0, -1) }, signal)), attributeId: attr.id };
    }
    const assetId = await this.core.assetId(asset === 'assetId' ? { assetId: l.assetId } : { assetName: l.assetName }, signal);
    if (attribute === 'attributeId') return { assetId, attributeId: l.attributeId! };
    const attr = await this.core.attributeByName(assetId, l.attributeName!, 'attributeName', ['Command'], signal);
    return { assetId, attributeId: attr.id };
  }
}

/** A desired value must be JSON the server can store: no null, no non-finite number, nothing JSON drops. */
export function checkControlValue(value: unknown): void {
  if (value === undefined || value === null) throw new ValidationError('desiredValue', 'is required (a number, text, true/false, or a JSON object or list)');
  const bad = unJsonable(value, 'desiredValue');
  if (bad) throw new ValidationError(bad.at, bad.why);
}

function unJsonable(v: unknown, at: string): { at: string; why: string } | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { at, why: `${v} is not a usable value` };
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = unJsonable(v[i], `${at}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const bad = unJsonable(x, `${at}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return { at, why: `a ${typeof v} is not a JSON value` };
}
