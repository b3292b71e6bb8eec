/** CommandsApi over das: the command log and commands to Command attributes. */
import type { CommandsApi } from '../assetApi';
import { checkCommandDetails, checkCommandLocator, checkControlValue, type ControlValue, checkSendCommand, type CommandLocator } from '../commandsClient';
import type { AssetLocator } from '../assetApiContext';
import { formatTimestamp, parseServerTime } from '../time';
import type { CommandLogEntry, CommandReceipt } from '../types';
import { NotInSdkError } from './errors';
import { text } from './mapping';
import { COMMAND_LOG } from './objectSpecs';
import { locatorKwargs } from './pyAssets';
import type { PyContext } from './pyContext';

type Signal = { readonly signal?: AbortSignal };

function commandKwargs(l: CommandLocator): Record<string, unknown> {
  checkCommandLocator(l);
  return {
    names_path: l.namesPath && [...l.namesPath], asset_name: l.assetName, asset_id: l.assetId, attribute_name: l.attributeName, attribute_id: l.attributeId,
  };
}

/** das' send methods document no return value; whatever they return is kept, with the status we know. */
function receipt(raw: unknown): CommandReceipt {
  const fields = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : raw === null || raw === undefined ? {} : { result: raw };
  return { status: 'SENT', targets: 1, ...fields } as CommandReceipt;
}

export class PyCommands implements CommandsApi {
  constructor(private readonly py: PyContext) {}

  async getCommandDetails(options: AssetLocator & { identifierName?: string; timestamp?: 'datetime' | 'epoch'; tz?: string } & Signal): Promise<CommandLogEntry[]> {
    const { format, zone, identifierName } = checkCommandDetails(options);
    const raw = await this.py.call('commands', 'get_command_details', { ...locatorKwargs(options), identifier_name: identifierName, timestamp: 'epoch' }, options);
    return this.py.mapper.list<CommandLogEntry>(COMMAND_LOG, raw).map((e) => ({
      ...e,
      attributeId: text(e.attributeId),
      timestamp: e.timestamp === null || e.timestamp === undefined ? null : formatTimestamp(parseServerTime(e.timestamp), format, zone),
      ...(e.updated !== undefined && e.updated !== null ? { updated: formatTimestamp(parseServerTime(e.updated), format, zone) } : {}),
    }));
  }

  async sendCommand(options: CommandLocator & { payload?: unknown; templateVariables?: Readonly<Record<string, unknown>>; aggregated?: boolean } & Signal): Promise<CommandReceipt> {
    const which = checkSendCommand(options);
    const body = which === 'payload' ? { payload: options.payload } : { template_variables: options.templateVariables };
    return receipt(await this.py.call('commands', 'send_command', { ...body, ...commandKwargs(options), aggregated: options.aggregated ?? false }, options));
  }

  async sendControlCommand(desiredValue: ControlValue, options: CommandLocator & { skipFirstCommand?: boolean } & Signal = {}): Promise<CommandReceipt> {
    checkControlValue(desiredValue);
    const raw = await this.py.call('commands', 'send_control_command', { desired_value: desiredValue, ...commandKwargs(options), skip_first_command: options.skipFirstCommand ?? false }, options);
    return receipt(raw);
  }

  async getCommandStatus(_commandId: string, _options?: Signal): Promise<Record<string, unknown>> {
    return Promise.reject(new NotInSdkError('The status of a sent command'));
  }
}
