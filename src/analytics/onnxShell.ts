/**
 * What the ONNX and analytics features need from activation on, before their commands load
 * (src/analytics/registerOnnx.ts, on first use): the Activity log they record into, and the provider of
 * the `iot-analytics:` pages, which a restored editor may ask for.
 */
import * as vscode from 'vscode';
import type { ActivityLog } from '../activity/activityLog';
import { ANALYTICS_SCHEME, AnalyticsDocuments } from './analyticsDocuments';

export interface OnnxShell {
  readonly activity: ActivityLog;
  readonly documents: AnalyticsDocuments;
}

export function registerOnnxShell(context: vscode.ExtensionContext, activity: ActivityLog): OnnxShell {
  const documents = new AnalyticsDocuments();
  context.subscriptions.push(documents, vscode.workspace.registerTextDocumentContentProvider(ANALYTICS_SCHEME, documents));
  return { activity, documents };
}
