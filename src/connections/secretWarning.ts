/**
 * Warns when something that looks like a secret sits in `iotExplorer.connections` (a password key, a
 * token, credentials inside a URL) and offers to move it into SecretStorage, removing it from settings.
 */
import * as vscode from 'vscode';
import type { ExplorerLog } from '../log';
import type { ConnectionStore } from './connectionStore';
import { parseProfile, secretLookingFields, type ConnectionProfile, type SecretKind } from './profile';
import { messageText } from '../shared/escape/message';

export interface SecretFinding {
  readonly index: number;
  readonly id: string | undefined;
  readonly fields: readonly string[];
}

export function findSecretsInSettings(store: ConnectionStore): SecretFinding[] {
  return store
    .rawEntries()
    .map((raw, index) => ({ index, id: (raw as { id?: unknown })?.id as string | undefined, fields: secretLookingFields(raw) }))
    .filter((f) => f.fields.length > 0);
}

function kindOf(key: string): SecretKind {
  if (/pass/i.test(key)) return 'password';
  if (/token/i.test(key)) return 'token';
  return 'clientSecret';
}

/** Moves secret-looking values into SecretStorage and rewrites the entries without them. Returns how many moved. */
export async function moveSecretsToStorage(store: ConnectionStore): Promise<number> {
  const entries = store.rawEntries().map((e) => (e && typeof e === 'object' ? { ...(e as Record<string, unknown>) } : e));
  let moved = 0;
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const record = entry as Record<string, unknown>;
    const id = typeof record.id === 'string' ? record.id : undefined;
    // Bound to where the entry's own URLs send it (the URLs without the credentials they held).
    const target = (): ConnectionProfile | string => {
      const parsed = parseProfile(record);
      return typeof parsed === 'string' ? (id as string) : parsed;
    };
    for (const key of secretLookingFields(record)) {
      const value = record[key];
      if (typeof value === 'string' && /:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) {
        // Credentials inside a URL: keep the URL, move the password.
        const url = new URL(value);
        const password = decodeURIComponent(url.password);
        const user = decodeURIComponent(url.username);
        url.password = '';
        url.username = '';
        record[key] = url.toString().replace(/\/$/, '');
        if (id) await store.setSecret(target(), 'password', password);
        if (!record.username && user) record.username = user;
        moved++;
        continue;
      }
      delete record[key];
      if (id && typeof value === 'string') await store.setSecret(target(), kindOf(key), value.replace(/^(basic|bearer)\s+/i, ''));
      moved++;
    }
  }
  if (moved > 0) await store.writeRaw(entries);
  return moved;
}

/** Shows the warning once per distinct finding (not on every settings change). */
export class SecretInSettingsWarning implements vscode.Disposable {
  private lastShown = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: ExplorerLog,
  ) {
    this.disposables.push(store.onDidChange(() => void this.check()));
  }

  /** Checks the settings; resolves with the findings (tests read them). */
  async check(): Promise<SecretFinding[]> {
    const findings = findSecretsInSettings(this.store);
    const key = JSON.stringify(findings);
    if (findings.length === 0 || key === this.lastShown) {
      if (findings.length === 0) this.lastShown = '';
      return findings;
    }
    this.lastShown = key;
    const where = findings.map((f) => `${f.id ?? `#${f.index}`}: ${f.fields.join(', ')}`).join('; ');
    this.log.warn(`Secret-looking values in iotExplorer.connections (${where}); they belong in secure storage`);
    const move = vscode.l10n.t('Move to Secure Storage');
    const open = vscode.l10n.t('Open Settings');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Settings hold what looks like a secret ({0}). Settings files are plain text and often shared: move it to secure storage.', messageText(where)),
        move,
        open,
      )
      .then(async (choice) => {
        if (choice === move) {
          const n = await moveSecretsToStorage(this.store);
          void vscode.window.showInformationMessage(vscode.l10n.t('Moved {0} value(s) from settings to secure storage.', n));
        } else if (choice === open) {
          await vscode.commands.executeCommand('workbench.action.openSettingsJson');
        }
      });
    return findings;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
