/**
 * The Activity view and its commands: a click on an entry opens what it touched (the file it wrote, else
 * its node in the Connections view); the context menu offers both. Registered at activation: VS Code may
 * show the view at any time, and every feature records into the one log.
 */
import * as vscode from 'vscode';
import type { CommandKernel } from '../commands/kernel';
import type { EntityRef } from '../shared/refs';
import { ActivityLog, OPEN_ACTIVITY, type ActivityEntry } from './activityLog';

export const ACTIVITY_VIEW = 'iotExplorer.activity';

export interface ActivityViewDeps {
  readonly commands: CommandKernel;
  /** Shows an entity in the Connections view (its connection when the entity itself cannot be found). */
  readonly reveal: (ref: EntityRef) => Promise<void>;
}

export function registerActivityView(context: vscode.ExtensionContext, deps: ActivityViewDeps): ActivityLog {
  const activity = new ActivityLog(context.workspaceState);
  const view = vscode.window.createTreeView(ACTIVITY_VIEW, { treeDataProvider: activity });
  const entryOf = (value: unknown): ActivityEntry | undefined => {
    const id = (value as { id?: unknown } | undefined)?.id;
    return activity.list().find((e) => e.id === id);
  };
  const openFile = async (e: ActivityEntry): Promise<void> => {
    if (e.file) await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(e.file));
  };
  const revealTarget = async (e: ActivityEntry): Promise<void> => {
    if (e.ref) await deps.reveal(e.ref);
  };
  context.subscriptions.push(
    activity,
    view,
    activity.onDidChangeTreeData(() => {
      // The newest result stays in sight: a short badge until the view is looked at.
      const latest = activity.list()[0];
      view.badge = latest && !view.visible && latest.outcome !== 'succeeded' ? { value: 1, tooltip: `${latest.action}: ${latest.outcome}` } : undefined;
    }),
    view.onDidChangeVisibility((e) => {
      if (e.visible) view.badge = undefined;
    }),
    deps.commands.register('iotExplorer.activity.clear', () => activity.clear()),
    deps.commands.register(OPEN_ACTIVITY, async (call) => {
      const e = entryOf(call.value);
      if (e?.file) await openFile(e);
      else if (e) await revealTarget(e);
    }),
    deps.commands.register('iotExplorer.activity.openFile', async (call) => {
      const e = entryOf(call.value);
      if (e) await openFile(e);
    }),
    deps.commands.register('iotExplorer.activity.revealTarget', async (call) => {
      const e = entryOf(call.value);
      if (e) await revealTarget(e);
    }),
  );
  return activity;
}
