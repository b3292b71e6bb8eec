/**
 * What a save of a Thing's document tells the user (issue 19 §3, §13, §14): a saved Thing says so, with
 * a way to the Thing in the tree; a conflict says what happened in the user's words and offers the fixes
 * (compare with what the server holds now, or revert); every save that reached the server, and every
 * refusal, is recorded in the Activity view.
 */
import * as vscode from 'vscode';
import type { ActivityLog, ActivityOutcome } from '../activity/activityLog';
import type { SessionManager } from '../connections/sessionManager';
import type { ConnectionStore } from '../connections/connectionStore';
import type { AltairThingRef } from '../shared/refs';
import { messageText } from '../shared/escape/message';
import { parseUri, type SaveOutcome, type ThingFileSystem } from './thingFileSystem';

export interface ThingSaveDeps {
  readonly activity: Pick<ActivityLog, 'add'>;
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  /** Reveals the Thing in the Connections view. */
  readonly reveal: (ref: AltairThingRef) => Promise<void>;
}

const OUTCOMES: Partial<Record<SaveOutcome['result'], ActivityOutcome>> = { saved: 'succeeded', conflict: 'failed', failed: 'failed', invalid: 'refused' };

export function thingSaveFeedback(things: ThingFileSystem, deps: ThingSaveDeps): vscode.Disposable {
  return things.onDidSave((outcome) => {
    const activityOutcome = OUTCOMES[outcome.result];
    if (!activityOutcome) return; // nothing changed: nothing was sent
    const uri = vscode.Uri.parse(outcome.uri);
    const thing = parseUri(uri);
    const ref: AltairThingRef = { kind: 'altair-thing', ...thing };
    const title = decodeURIComponent(uri.path.split('/').pop() ?? '').replace(/\.json$/, '');
    const changes = outcome.ops.filter((o) => o.op !== 'test').map((o) => `${o.op} ${o.path}`);
    deps.activity.add({
      connectionId: thing.connectionId,
      connectionLabel: deps.store.get(thing.connectionId)?.label ?? thing.connectionId,
      action: vscode.l10n.t('Save Thing'),
      target: title,
      outcome: activityOutcome,
      detail: outcome.message ?? changes.join('\n'),
      ref,
    });
    if (outcome.result === 'saved') void saved(title, changes.length, ref, deps);
    else if (outcome.result === 'conflict') void conflict(title, uri, ref, deps);
  });
}

async function saved(title: string, changes: number, ref: AltairThingRef, deps: ThingSaveDeps): Promise<void> {
  const reveal = vscode.l10n.t('Reveal in Connections');
  const message = changes === 1 ? vscode.l10n.t('Saved "{0}" on the server (1 change).', title) : vscode.l10n.t('Saved "{0}" on the server ({1} changes).', title, changes);
  if ((await vscode.window.showInformationMessage(messageText(message), reveal)) === reveal) await deps.reveal(ref);
}

async function conflict(title: string, uri: vscode.Uri, ref: AltairThingRef, deps: ThingSaveDeps): Promise<void> {
  const compare = vscode.l10n.t('Compare with Server');
  const revert = vscode.l10n.t('Revert File');
  const message = vscode.l10n.t('"{0}" was not saved: someone changed it on the server after you opened it. Compare your version with the server\'s, or revert to it and apply your edits again.', title);
  const choice = await vscode.window.showWarningMessage(messageText(message), compare, revert);
  if (choice === compare) {
    const session = await deps.sessions.altair(ref.connectionId);
    const current = await session.api.spaces(ref.space).things(ref.thingId).get();
    const server = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(current, null, 2)}\n` });
    await vscode.commands.executeCommand('vscode.diff', server.uri, uri, vscode.l10n.t('{0}: server ↔ yours', title));
  } else if (choice === revert) {
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
}
