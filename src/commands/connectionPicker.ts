/** The one "which connection?" question: the only candidate is taken as it is, several are picked from, none offers to add one. */
import * as vscode from 'vscode';
import { platformLabel, type ConnectionProfile, type Platform } from '../connections/profile';
import { iconText } from '../shared/escape/message';

export interface ProfileList {
  list(): readonly ConnectionProfile[];
  get(id: string): ConnectionProfile | undefined;
}

export interface ConnectionQuery {
  readonly placeholder: string;
  readonly title?: string;
  /** Only connections of this platform are offered. */
  readonly platform?: Platform;
  readonly filter?: (profile: ConnectionProfile) => boolean;
}

/** Undefined when the user cancels, or when there is no candidate (then adding one or the demo is offered). */
export async function pickConnection(profiles: ProfileList, query: ConnectionQuery): Promise<ConnectionProfile | undefined> {
  const candidates = profiles.list().filter((p) => (!query.platform || p.platform === query.platform) && (!query.filter || query.filter(p)));
  if (candidates.length === 0) {
    const add = vscode.l10n.t('Add Connection…');
    const demo = vscode.l10n.t('Try the Demo');
    const message = query.platform
      ? vscode.l10n.t('There is no {0} connection yet.', platformLabel(query.platform))
      : vscode.l10n.t('No connection yet. Add one, or try the demo.');
    void vscode.window.showInformationMessage(message, add, demo).then((choice) => {
      if (choice === add) void vscode.commands.executeCommand('iotExplorer.addConnection');
      if (choice === demo) void vscode.commands.executeCommand('iotExplorer.tryDemo');
    });
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((p) => ({
      label: iconText(p.label),
      description: p.demo ? `${platformLabel(p.platform)} · ${vscode.l10n.t('demo')}` : platformLabel(p.platform),
      detail: p.production ? vscode.l10n.t('$(warning) Production connection') : undefined,
      profile: p,
    })),
    { title: query.title, placeHolder: query.placeholder, ignoreFocusOut: true },
  );
  return picked?.profile;
}
