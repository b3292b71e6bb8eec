/**
 * Entry point of the ONNX and analytics features: registers their commands, the Activity view and the
 * `iot-analytics:` pages, and returns what the explorer needs to forward drops on its Analytics nodes.
 * Called once from `activate` with the Explorer (it provides every `OnnxDeps` member).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CommandCall, CommandKernel } from '../commands/kernel';
import type { TreeNode } from '../explorer/treeNode';
import type { ActivityLog } from '../activity/activityLog';
import { deleteWithConfirmation, editInfo, listAnalytics, showDetails, showUsage } from './analyticsCommands';
import type { AnalyticsContext, AnalyticsTreeDeps } from './analyticsContext';
import type { AnalyticsDocuments } from './analyticsDocuments';
import { DefinitionValidator } from './analyticsSchemas';
import { newDefinition, registerFromFile, saveDefinition, updateFromFile } from './definitionCommands';
import { inspectOnnx } from './inspectOnnx';
import { inspectionMarkdown } from './inspectionReport';
import { acceptsOnnxDrop, handleOnnxDrop, URI_LIST_MIME } from './onnxDrop';
import { maxUploadBytes, registerOnnxCommand } from './registerOnnxCommand';
import type { BasicInfo } from './analyticsOps';
import type { OnnxShell } from './onnxShell';

export interface OnnxDeps extends AnalyticsTreeDeps {
  readonly commands: CommandKernel;
  /** The Activity view and the analytics pages, which exist from activation on (src/onnx/onnxShell.ts). */
  readonly shell: OnnxShell;
}

export interface OnnxApi {
  readonly activity: ActivityLog;
  readonly documents: AnalyticsDocuments;
  /** For the Connections view's drag-and-drop controller: add to `dropMimeTypes`… */
  readonly dropMimeTypes: readonly string[];
  /** …and call from its `handleDrop`. */
  handleDrop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void>;
  /** Whether a node accepts `.onnx` drops. */
  acceptsDrop(target: TreeNode | undefined): boolean;
}

export function registerOnnx(context: vscode.ExtensionContext, deps: OnnxDeps): OnnxApi {
  const { activity, documents } = deps.shell;
  const ctx: AnalyticsContext = {
    deps,
    activity,
    documents,
    validator: new DefinitionValidator(vscode.Uri.joinPath(context.extensionUri, 'schemas').fsPath),
    extensionUri: context.extensionUri,
    report: (err, options) => deps.commands.report(err, options),
  };
  const { commands } = deps;
  /** The tree node, else a plain target from a script (`{ connectionId, kind, id }`) or a file. */
  const target = (call: CommandCall): unknown => call.node ?? call.value;

  context.subscriptions.push(
    commands.register('iotExplorer.onnx.register', (call) => registerOnnxCommand(ctx, call)),
    commands.register('iotExplorer.onnx.inspect', (call) => inspectCommand(ctx, call.value)),
    commands.register('iotExplorer.analytics.details', (call) => showDetails(ctx, target(call))),
    commands.register('iotExplorer.analytics.editInfo', (call) => editInfo(ctx, target(call), call.options as BasicInfo | undefined)),
    commands.register('iotExplorer.analytics.delete', (call) => deleteWithConfirmation(ctx, target(call), call.options as { confirm?: boolean } | undefined)),
    commands.register('iotExplorer.analytics.list', (call) => listAnalytics(ctx, target(call))),
    commands.register('iotExplorer.analytics.usage', (call) => showUsage(ctx, target(call))),
    commands.register('iotExplorer.analytics.registerFromFile', (call) => registerFromFile(ctx, target(call), call.options as { connectionId?: string } | undefined)),
    commands.register('iotExplorer.analytics.updateFromFile', (call) => updateFromFile(ctx, target(call), call.args[1] instanceof vscode.Uri ? call.args[1] : undefined)),
    commands.register('iotExplorer.analytics.saveDefinition', (call) => saveDefinition(ctx, target(call), call.args[1] instanceof vscode.Uri ? call.args[1] : undefined)),
    commands.register('iotExplorer.analytics.newDefinition', (call) => newDefinition(ctx, target(call))),
  );

  return {
    activity,
    documents,
    dropMimeTypes: [URI_LIST_MIME],
    handleDrop: (target, dataTransfer) => handleOnnxDrop(ctx, target, dataTransfer),
    acceptsDrop: (target) => acceptsOnnxDrop(target, (id) => deps.store.get(id)?.platform),
  };
}

/** "Inspect ONNX Model": the local inspection as a Markdown page, without uploading anything. */
async function inspectCommand(ctx: AnalyticsContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  let file = arg instanceof vscode.Uri ? arg : undefined;
  if (!file) {
    file = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('ONNX models')]: ['onnx'] } }))?.[0];
  }
  if (!file) return undefined;
  // Any size may be inspected; only registering is limited.
  const report = await inspectOnnx(await vscode.workspace.fs.readFile(file), { fileName: basename(file.path) });
  const limit = maxUploadBytes();
  const note = report.sizeBytes > limit ? `\n> **Too large to register:** above the limit of ${Math.round(limit / 1024 / 1024)} MB (setting \`iotExplorer.onnx.maxUploadMB\`).\n` : '';
  return ctx.documents.show(`inspect:${file.toString()}`, basename(file.path), inspectionMarkdown(report) + note);
}
