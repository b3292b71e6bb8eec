/**
 * Commands and writes: registers every command of this feature, the command-file CodeLens and the live
 * documents (command log, action statuses). `activate` calls `registerCommandsAndWrites(context, services)`
 * once the explorer exists. Every command also accepts a write spec as its first argument (then no UI
 * prompt is shown) and returns what happened, which keeps it scriptable and testable.
 */
import * as vscode from 'vscode';
import type { ExplorerServices } from '../explorer/services';
import { describeError } from '../log';
import { isCancellation, ValidationError } from '../platforms/http';
import { parseCommandFile } from './model/commandFile';
import { WriteHistory } from './model/history';
import type { WriteSpec } from './model/writeSpec';
import { createEventFlow, invokeActionFlow, sendEmailFlow, showActionStatusesFlow, updatePropertiesFlow, updatePropertyFlow } from './ui/altairFlows';
import { CommandFileLens, COMMAND_FILE_GLOB, SEND_FROM_FILE } from './ui/commandFileLens';
import type { ActionsDeps } from './ui/deps';
import {
  askDeviceCredentials, forgetDeviceCredentialsFlow, newCommandFileFlow, setDeviceCredentialsFlow, showHistoryFlow,
} from './ui/historyFlows';
import {
  editStaticFlow, sendCommandFlow, sendControlFlow, showCommandLogFlow, writeCalculatedFlow, writeDeviceEventFlow, writeTelemetryFlow,
  writeTimesignalFlow,
} from './ui/iotticketFlows';
import { LIVE_SCHEME, LiveDocuments } from './ui/liveDocuments';
import { SendRunner, type SendOptions, type SendResult } from './ui/sendRunner';
import { AdapterCache, DeviceCredentialStore, ExtensionWriteContext } from './ui/writeContext';
import { messageText } from '../shared/escape/message';

/** What the feature exposes to `activate` (and through it to extension-host tests). */
export interface ActionsApi {
  readonly runner: SendRunner;
  readonly history: WriteHistory;
  readonly live: LiveDocuments;
  readonly devices: DeviceCredentialStore;
  send(spec: WriteSpec, options?: SendOptions): Promise<SendResult>;
}

function isSpec(value: unknown): value is WriteSpec {
  return !!value && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string' && !('contextValue' in (value as object));
}

export function registerCommandsAndWrites(context: vscode.ExtensionContext, services: ExplorerServices): ActionsApi {
  const history = new WriteHistory(context.globalState);
  const devices = new DeviceCredentialStore(services, context.globalState);
  const writeContext = new ExtensionWriteContext(services, devices, new AdapterCache());
  const live = new LiveDocuments();
  const lens = new CommandFileLens();
  // The runner and the flows refer to each other (credentials prompt, command log button): bind late.
  const late: { deps?: ActionsDeps } = {};
  const runner = new SendRunner(
    services,
    history,
    writeContext,
    (connectionId, deviceId) => askDeviceCredentials(late.deps!, connectionId, deviceId),
    async (spec) => {
      if (spec.kind === 'iotticket.command' || spec.kind === 'iotticket.control') {
        await showCommandLogFlow(late.deps!, undefined, { connectionId: spec.connection, assetId: spec.assetId, attributeId: spec.attributeId, title: spec.label ?? spec.attributeId });
      }
    },
  );
  const d: ActionsDeps = { services, runner, history, context: writeContext, devices, live, draftsUri: vscode.Uri.joinPath(context.globalStorageUri, 'drafts') };
  late.deps = d;

  /** Registers a command that takes a tree node (or a spec, which is sent without prompts). */
  const register = (id: string, run: (node: unknown, options: SendOptions | undefined) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (first?: unknown, second?: unknown) => {
      const options = second && typeof second === 'object' && !Array.isArray(second) && !('contextValue' in second) ? (second as SendOptions) : undefined;
      try {
        if (isSpec(first)) return await runner.send(first, options);
        return await run(first, options);
      } catch (err) {
        if (isCancellation(err)) return undefined;
        if (err instanceof ValidationError && err.parameter === 'node') {
          void vscode.window.showInformationMessage(messageText(err.message.replace(/^node: /, '')));
          return undefined;
        }
        const entry = services.log.error(`${id} failed`, err);
        void vscode.window.showErrorMessage(messageText(describeError(err)), vscode.l10n.t('Show Log')).then((c) => {
          if (c) void vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
        });
        return undefined;
      }
    });

  /** Sends one command of a command file (or all, in order, stopping at the first that does not succeed). */
  const sendFromFile = async (uri: vscode.Uri, which: number | 'all', options?: SendOptions): Promise<SendResult[]> => {
    // A command file decides what is written: never from a workspace the user has not trusted.
    if (!vscode.workspace.isTrusted) throw new ValidationError('workspace', vscode.l10n.t('this workspace is not trusted: trust it to send commands from its files'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const file = parseCommandFile(doc.getText());
    if (file.error) throw new ValidationError('file', file.error.message);
    const ctx = writeContext.relativeTo(uri);
    const picked = which === 'all' ? file.commands : [file.commands[which]];
    const results: SendResult[] = [];
    for (const entry of picked) {
      if (!entry) throw new ValidationError('index', `the file has no command ${String(which)}`);
      if (!entry.spec) throw new ValidationError(entry.path || 'command', entry.error ?? 'is invalid');
      const result = await runner.send(entry.spec, { origin: 'command file', ...options, context: ctx });
      results.push(result);
      if (!result.sent || (result.outcome.result !== 'ok' && result.outcome.result !== 'accepted')) break;
    }
    return results;
  };

  context.subscriptions.push(
    live,
    lens,
    devices,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, live),
    vscode.languages.registerCodeLensProvider({ pattern: COMMAND_FILE_GLOB }, lens),
    vscode.commands.registerCommand('iotExplorer.sendSpec', (spec: WriteSpec, options?: SendOptions) => runner.send(spec, options)),
    vscode.commands.registerCommand(SEND_FROM_FILE, async (uri: vscode.Uri, which: number | 'all', options?: SendOptions) => {
      try {
        return await sendFromFile(uri, which, options);
      } catch (err) {
        void vscode.window.showErrorMessage(messageText(describeError(err)));
        return [];
      }
    }),
    register('iotExplorer.sendCommand', (node) => sendCommandFlow(d, node)),
    register('iotExplorer.sendControlCommand', (node) => sendControlFlow(d, node)),
    register('iotExplorer.showCommandLog', (node) => showCommandLogFlow(d, node)),
    register('iotExplorer.editStaticValue', (node) => editStaticFlow(d, node)),
    register('iotExplorer.writeCalculatedValues', (node) => writeCalculatedFlow(d, node)),
    register('iotExplorer.writeTelemetry', (node) => writeTelemetryFlow(d, node)),
    register('iotExplorer.writeTimesignal', (node) => writeTimesignalFlow(d, node)),
    register('iotExplorer.writeDeviceEvent', (node) => writeDeviceEventFlow(d, node)),
    register('iotExplorer.setDeviceCredentials', (node) => setDeviceCredentialsFlow(d, node)),
    register('iotExplorer.forgetDeviceCredentials', (node) => forgetDeviceCredentialsFlow(d, node)),
    register('iotExplorer.invokeAction', (node) => invokeActionFlow(d, node)),
    register('iotExplorer.showActionStatuses', (node) => showActionStatusesFlow(d, node)),
    register('iotExplorer.createEvent', (node) => createEventFlow(d, node)),
    register('iotExplorer.updateProperty', (node) => updatePropertyFlow(d, node)),
    register('iotExplorer.updateProperties', (node) => updatePropertiesFlow(d, node)),
    register('iotExplorer.sendEmail', (node) => sendEmailFlow(d, node)),
    register('iotExplorer.showWriteHistory', (node) => showHistoryFlow(d, node)),
    register('iotExplorer.newCommandFile', (node) => newCommandFileFlow(d, node)),
  );

  return { runner, history, live, devices, send: (spec, options) => runner.send(spec, options) };
}
