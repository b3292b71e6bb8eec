/**
 * Asks for what an ML model's or service's update needs and its details did not say (issue 16 §5): the
 * seed's get_model_details / get_service_details return neither `method` nor `credentialId`. The credential
 * whose client id the details name is taken without asking when there is exactly one.
 */
import * as vscode from 'vscode';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import type { FillMissing } from './analyticsOps';

const METHODS = ['POST', 'GET', 'PUT'] as const;

export function askMissingFields(client: AssetApi, title: string): FillMissing {
  return async (missing, current) => {
    const out: Record<string, unknown> = {};
    for (const key of missing) {
      const value = await ask(client, title, key, current);
      if (value === undefined) return undefined;
      out[key] = value;
    }
    return out;
  };
}

async function ask(client: AssetApi, title: string, key: string, current: Readonly<Record<string, unknown>>): Promise<unknown> {
  switch (key) {
    case 'method':
      return (await vscode.window.showQuickPick([...METHODS], { title, placeHolder: vscode.l10n.t('The HTTP method of the trigger (the details do not say)'), ignoreFocusOut: true })) ?? undefined;
    case 'credentialId': {
      const credentials = await client.credentials.getCredentials({});
      const matching = credentials.filter((c) => c.clientId !== undefined && c.clientId === current.clientId);
      if (matching.length === 1) return matching[0].id;
      const picked = await vscode.window.showQuickPick(
        credentials.map((c) => ({ label: String(c.name ?? c.id), description: typeof c.clientId === 'string' ? c.clientId : undefined, id: c.id })),
        { title, placeHolder: vscode.l10n.t('The credential the trigger uses (the details do not say)'), ignoreFocusOut: true },
      );
      return picked?.id;
    }
    case 'requestContainsTimestamps':
    case 'responseContainsTimestamps': {
      const picked = await vscode.window.showQuickPick(['true', 'false'], { title, placeHolder: key, ignoreFocusOut: true });
      return picked === undefined ? undefined : picked === 'true';
    }
    default:
      return vscode.window.showInputBox({ title, prompt: vscode.l10n.t('{0} (the details do not say)', key), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required')) });
  }
}
