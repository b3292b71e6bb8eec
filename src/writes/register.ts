/**
 * Commands and writes: registers every command of this feature, the command-file CodeLens and the live
 * documents (command log, action statuses). `activate` calls `registerCommandsAndWrites(context, services)`
 * once the explorer exists. Every command also accepts a write spec as its first argument (then no UI
 * prompt is shown) and returns what happened, which keeps it scriptable and testable.
 */
import * as vscode from 'vscode';
import type { ActivityLog } from '../activity/activityLog';
import type { CommandCall, CommandKernel } from '../commands/kernel';
import type { ExplorerServices } from '../explorer/treeNode';
import type { TreeNode } from '../explorer/treeNode';
import { ValidationError } from '../platforms/http';
import { parseCommandFile } from './model/commandFile';
import { WriteHistory } from './model/history';
import type { WriteSpec } from './model/writeSpec';
import { createEventFlow, invokeActionFlow, sendEmailFlow, showActionStatusesFlow, updatePropertiesFlow, updatePropertyFlow } from './ui/altairFlows';
import { SEND_FROM_FILE } from './ui/commandFileLens';
import type { FlowDeps } from './ui/deps';
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

/** What the feature exposes to `activate` (and through it to extension-host tests). */
export interface ActionsApi {
  readonly runner: SendRunner;
  readonly history: WriteHistory;
  readonly live: LiveDocuments;
  readonly devices: DeviceCredentialStore;
  send(spec: WriteSpec, options?: SendOptions): Promise<SendResult>;
}

function isSpec(value: unknown): value is WriteSpec {
  return !!value && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string';
}

export interface ActionsDeps {
  readonly commands: CommandKernel;
  readonly services: ExplorerServices;
  /** Every write is recorded in the Activity view. */
  readonly activity: Pick<ActivityLog, 'add'>;
}

export function registerCommandsAndWrites(context: vscode.ExtensionContext, { commands, services, activity }: ActionsDeps): ActionsApi {
  const history = new WriteHistory(context.globalState);
  const devices = new DeviceCredentialStore(services, context.globalState);
  const writeContext = new ExtensionWriteContext(services, devices, new AdapterCache());
  const live = new LiveDocuments();
  // The runner asks through the flows (device credentials, command log), and the flows send through the
  // runner: its callbacks use `flows` when they run, after it exists.
  const runner = new SendRunner(
    services,
    history,
    writeContext,
    (connectionId, deviceId) => askDeviceCredentials(flows, connectionId, deviceId),
    async (spec) => {
      if (spec.kind === 'iotticket.command' || spec.kind === 'iotticket.control') {
        await showCommandLogFlow(flows, undefined, { connectionId: spec.connection, assetId: spec.assetId, attributeId: spec.attributeId, title: spec.label ?? spec.attributeId });
      }
    },
    activity,
  );
  const flows: FlowDeps = { services, runner, history, context: writeContext, devices, live, draftsUri: vscode.Uri.joinPath(context.globalStorageUri, 'drafts') };

  /** A command on a tree node; a write spec as its first argument is sent without prompts (scripts, tests). */
  const register = (id: Parameters<CommandKernel['register']>[0], run: (node: TreeNode | undefined) => Promise<unknown>): vscode.Disposable =>
    commands.register(id, (call: CommandCall) => (isSpec(call.value) ? runner.send(call.value, call.options as SendOptions | undefined) : run(call.node)));

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
    devices,
    vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, live),
    commands.register('iotExplorer.sendSpec', (call) => runner.send(call.value as WriteSpec, call.options as SendOptions | undefined)),
    commands.register(SEND_FROM_FILE, async (call) => {
      try {
        return await sendFromFile(call.value as vscode.Uri, call.args[1] as number | 'all', call.args[2] as SendOptions | undefined);
      } catch (err) {
        commands.report(err, { what: `${SEND_FROM_FILE} failed` });
        return [];
      }
    }),
    register('iotExplorer.sendCommand', (node) => sendCommandFlow(flows, node)),
    register('iotExplorer.sendControlCommand', (node) => sendControlFlow(flows, node)),
    register('iotExplorer.showCommandLog', (node) => showCommandLogFlow(flows, node)),
    register('iotExplorer.editStaticValue', (node) => editStaticFlow(flows, node)),
    register('iotExplorer.writeCalculatedValues', (node) => writeCalculatedFlow(flows, node)),
    register('iotExplorer.writeTelemetry', (node) => writeTelemetryFlow(flows, node)),
    register('iotExplorer.writeTimesignal', (node) => writeTimesignalFlow(flows, node)),
    register('iotExplorer.writeDeviceEvent', (node) => writeDeviceEventFlow(flows, node)),
    register('iotExplorer.setDeviceCredentials', (node) => setDeviceCredentialsFlow(flows, node)),
    register('iotExplorer.forgetDeviceCredentials', (node) => forgetDeviceCredentialsFlow(flows, node)),
    register('iotExplorer.invokeAction', (node) => invokeActionFlow(flows, node)),
    register('iotExplorer.showActionStatuses', (node) => showActionStatusesFlow(flows, node)),
    register('iotExplorer.createEvent', (node) => createEventFlow(flows, node)),
    register('iotExplorer.updateProperty', (node) => updatePropertyFlow(flows, node)),
    register('iotExplorer.updateProperties', (node) => updatePropertiesFlow(flows, node)),
    register('iotExplorer.sendEmail', (node) => sendEmailFlow(flows, node)),
    register('iotExplorer.showWriteHistory', (node) => showHistoryFlow(flows, node)),
    register('iotExplorer.newCommandFile', (node) => newCommandFileFlow(flows, node)),
  );

  return { runner, history, live, devices, send: (spec, options) => runner.send(spec, options) };
}
