/**
 * Entry point of the ONNX and analytics features: registers their commands, the Activity view and the
 * `iot-analytics:` pages, and returns what the explorer needs to forward drops on its Analytics nodes.
 * Called once from `activate` with the Explorer (it provides every `OnnxDeps` member).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../explorer/treeNode';
import { ActivityLog } from './activityLog';
import { deleteWithConfirmation, editInfo, listAnalytics, showDetails, showUsage } from './analyticsCommands';
import type { AnalyticsContext, OnnxDeps } from './analyticsContext';
import { ANALYTICS_SCHEME, AnalyticsDocuments } from './analyticsDocuments';
import { DefinitionValidator } from './analyticsSchemas';
import { newDefinition, registerFromFile, saveDefinition, updateFromFile } from './definitionCommands';
import { inspectOnnx } from './inspectOnnx';
import { inspectionMarkdown } from './inspectionReport';
import { acceptsOnnxDrop, handleOnnxDrop, URI_LIST_MIME } from './onnxDrop';
import { maxUploadBytes, registerOnnxCommand } from './registerOnnxCommand';
import type { BasicInfo } from './analyticsOps';
import { messageText } from '../shared/escape/message';

export const ACTIVITY_VIEW = 'iotExplorer.activity';

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

/** A second argument that is a multi-selection (VS Code passes the selected nodes) is not an options object. */
function optionsArg<T>(second: unknown): T | undefined {
  return second && typeof second === 'object' && !Array.isArray(second) ? (second as T) : undefined;
}

export function registerOnnx(context: vscode.ExtensionContext, deps: OnnxDeps): OnnxApi {
  const activity = new ActivityLog(context.workspaceState);
  const documents = new AnalyticsDocuments();
  const ctx: AnalyticsContext = {
    deps,
    activity,
    documents,
    validator: new DefinitionValidator(vscode.Uri.joinPath(context.extensionUri, 'schemas').fsPath),
    extensionUri: context.extensionUri,
  };
  const activityView = vscode.window.createTreeView(ACTIVITY_VIEW, { treeDataProvider: activity });
  const command = (id: string, run: (arg?: unknown, second?: unknown) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, run);

  context.subscriptions.push(
    activity,
    documents,
    activityView,
    activity.onDidChangeTreeData(() => {
      // The newest result stays in sight: a short badge until the view is looked at.
      const latest = activity.list()[0];
      activityView.badge = latest && !activityView.visible && latest.outcome !== 'succeeded' ? { value: 1, tooltip: `${latest.action}: ${latest.outcome}` } : undefined;
    }),
    activityView.onDidChangeVisibility((e) => {
      if (e.visible) activityView.badge = undefined;
    }),
    vscode.workspace.registerTextDocumentContentProvider(ANALYTICS_SCHEME, documents),
    command('iotExplorer.onnx.register', (arg, second) => registerOnnxCommand(ctx, arg, second)),
    command('iotExplorer.onnx.inspect', (arg) => inspectCommand(ctx, arg)),
    command('iotExplorer.analytics.details', (arg) => showDetails(ctx, arg)),
    command('iotExplorer.analytics.editInfo', (arg, second) => editInfo(ctx, arg, optionsArg<BasicInfo>(second))),
    command('iotExplorer.analytics.delete', (arg, second) => deleteWithConfirmation(ctx, arg, optionsArg<{ confirm?: boolean }>(second))),
    command('iotExplorer.analytics.list', (arg) => listAnalytics(ctx, arg)),
    command('iotExplorer.analytics.usage', (arg) => showUsage(ctx, arg)),
    command('iotExplorer.analytics.registerFromFile', (arg, second) => registerFromFile(ctx, arg, optionsArg<{ connectionId?: string }>(second))),
    command('iotExplorer.analytics.updateFromFile', (arg, second) => updateFromFile(ctx, arg, second instanceof vscode.Uri ? second : undefined)),
    command('iotExplorer.analytics.saveDefinition', (arg, second) => saveDefinition(ctx, arg, second instanceof vscode.Uri ? second : undefined)),
    command('iotExplorer.analytics.newDefinition', (arg) => newDefinition(ctx, arg)),
    command('iotExplorer.activity.clear', () => activity.clear()),
  );

  return {
    activity,
    documents,
    dropMimeTypes: [URI_LIST_MIME],
    handleDrop: (target, dataTransfer) => handleOnnxDrop(ctx, target, dataTransfer),
    acceptsDrop: acceptsOnnxDrop,
  };
}

/** "Inspect ONNX Model": the local inspection as a Markdown page, without uploading anything. */
async function inspectCommand(ctx: AnalyticsContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  let file = arg instanceof vscode.Uri ? arg : undefined;
  if (!file) {
    file = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('ONNX models')]: ['onnx'] } }))?.[0];
  }
  if (!file) return undefined;
  try {
    // Any size may be inspected; only registering is limited.
    const report = await inspectOnnx(await vscode.workspace.fs.readFile(file), { fileName: basename(file.path) });
    const limit = maxUploadBytes();
    const note = report.sizeBytes > limit ? `\n> **Too large to register:** above the limit of ${Math.round(limit / 1024 / 1024)} MB (setting \`iotExplorer.onnx.maxUploadMB\`).\n` : '';
    return await ctx.documents.show(`inspect:${file.toString()}`, basename(file.path), inspectionMarkdown(report) + note);
  } catch (err) {
    void vscode.window.showErrorMessage(messageText((err as Error).message));
    return undefined;
  }
}
