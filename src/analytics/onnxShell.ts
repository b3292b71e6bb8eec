/**
 * What the ONNX and analytics features need from activation on, before their commands load
 * (src/onnx/registerOnnx.ts, on first use): the Activity view, which VS Code may show at any time, and
 * the provider of the `iot-analytics:` pages, which a restored editor may ask for.
 */
import * as vscode from 'vscode';
import type { CommandKernel } from '../commands/kernel';
import { ActivityLog } from './activityLog';
import { ANALYTICS_SCHEME, AnalyticsDocuments } from './analyticsDocuments';

export const ACTIVITY_VIEW = 'iotExplorer.activity';

export interface OnnxShell {
  readonly activity: ActivityLog;
  readonly documents: AnalyticsDocuments;
}

export function registerOnnxShell(context: vscode.ExtensionContext, commands: CommandKernel): OnnxShell {
  const activity = new ActivityLog(context.workspaceState);
  const documents = new AnalyticsDocuments();
  const activityView = vscode.window.createTreeView(ACTIVITY_VIEW, { treeDataProvider: activity });
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
    commands.register('iotExplorer.activity.clear', () => activity.clear()),
  );
  return { activity, documents };
}
