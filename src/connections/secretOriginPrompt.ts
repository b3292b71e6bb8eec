/**
 * The one-click fix when a stored secret is held back because its connection now points elsewhere
 * (`SecretOriginError`): say where it was stored for and where it would go, and let the user either
 * allow the new origin (after a modal confirmation) or set a new credential for it.
 */
import * as vscode from 'vscode';
import { SecretOriginError, type ConnectionStore } from './connectionStore';
import { bindingOf } from './secretBinding';
import { messageText } from '../shared/escape/message';
import type { ConnectionProfile } from './profile';

export type SecretOriginChoice = 'rebound' | 'setCredential' | undefined;

/** Asks what to do about a held-back secret; rebinds it when the user confirms. */
export async function reviewSecretOrigin(store: ConnectionStore, err: SecretOriginError): Promise<SecretOriginChoice> {
  const profile = store.get(err.profile.id) ?? err.profile;
  const wanted = bindingOf(profile, err.secretKind);
  const target = wanted.origins.join(', ') || profile.label;
  const use = vscode.l10n.t('Use the Secret for {0}', messageText(target, 120));
  const set = vscode.l10n.t('Set Credential…');
  const detail = [
    vscode.l10n.t('Stored for: {0} (certificates: {1})', err.stored.origins.join(', ') || '—', err.stored.tls),
    vscode.l10n.t('Would be sent to: {0} (certificates: {1})', wanted.origins.join(', ') || '—', wanted.tls),
    '',
    vscode.l10n.t('Confirm only if you changed this connection yourself: a workspace\'s settings can point a connection id at another server to collect its secret.'),
  ].join('\n');
  const choice = await vscode.window.showWarningMessage(messageText(err.message), { modal: true, detail }, use, set);
  if (choice === use) return (await store.rebindSecret(profile, err.secretKind)) ? 'rebound' : undefined;
  if (choice === set) return 'setCredential';
  return undefined;
}

/** The `SecretOriginError` in an error or its cause chain. */
export function secretOriginErrorOf(err: unknown): SecretOriginError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof SecretOriginError) return e;
  }
  return undefined;
}

/** Whether a profile's stored secret of its primary kind is held back, and why (for the tree and tests). */
export async function heldBackSecret(store: ConnectionStore, profile: ConnectionProfile, kind: Parameters<ConnectionStore['getSecret']>[1]): Promise<SecretOriginError | undefined> {
  try {
    await store.getSecret(profile, kind);
    return undefined;
  } catch (err) {
    return secretOriginErrorOf(err);
  }
}
