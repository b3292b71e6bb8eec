/**
 * Profiles in the `iotExplorer.connections` setting and their secrets in SecretStorage. The store is
 * the only place that writes either, so nothing secret can end up in settings by accident.
 */
import * as vscode from 'vscode';
import { addSecret } from '../platforms/http';
import { parseProfile, secretKey, secretPrefix, toSetting, type ConnectionProfile, type SecretKind } from './profile';

export const SECTION = 'iotExplorer';
export const CONNECTIONS_KEY = 'connections';

export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private cache: { profiles: ConnectionProfile[]; problems: string[] } | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.${CONNECTIONS_KEY}`)) {
          this.cache = undefined;
          this.changed.fire();
        }
      }),
    );
  }

  /** Every valid profile, in settings order. */
  list(): ConnectionProfile[] {
    return this.read().profiles;
  }

  /** Entries that could not be used, with the reason (logged once per change). */
  problems(): string[] {
    return this.read().problems;
  }

  get(id: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  /** The raw entries as written in settings (for the secret-in-settings check). */
  rawEntries(): unknown[] {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>(CONNECTIONS_KEY);
    return Array.isArray(value) ? value : [];
  }

  private read(): { profiles: ConnectionProfile[]; problems: string[] } {
    if (this.cache) return this.cache;
    const profiles: ConnectionProfile[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [i, raw] of this.rawEntries().entries()) {
      const parsed = parseProfile(raw);
      if (typeof parsed === 'string') problems.push(`iotExplorer.connections[${i}]: ${parsed}`);
      else if (seen.has(parsed.id)) problems.push(`iotExplorer.connections[${i}]: duplicate id "${parsed.id}"`);
      else {
        seen.add(parsed.id);
        profiles.push(parsed);
      }
    }
    this.cache = { profiles, problems };
    return this.cache;
  }

  /** Adds or replaces a profile (matched by id), keeping other entries exactly as they are. */
  async save(profile: ConnectionProfile): Promise<void> {
    const entries = this.rawEntries().slice();
    const index = entries.findIndex((e) => (e as { id?: unknown })?.id === profile.id);
    if (index >= 0) entries[index] = toSetting(profile);
    else entries.push(toSetting(profile));
    await this.write(entries);
  }

  /** Removes a profile and every secret stored for it (passwords, client secrets, tokens, device passwords). */
  async remove(id: string): Promise<void> {
    await this.write(this.rawEntries().filter((e) => (e as { id?: unknown })?.id !== id));
    const prefix = secretPrefix(id);
    for (const key of await this.secrets.keys()) if (key.startsWith(prefix)) await this.secrets.delete(key);
  }

  /** Replaces the whole list (used by "move secrets out of settings"). */
  async writeRaw(entries: unknown[]): Promise<void> {
    await this.write(entries);
  }

  private async write(entries: unknown[]): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspected = config.inspect(CONNECTIONS_KEY);
    // Write where the list lives now, so a workspace list is not shadowed by a user list or vice versa.
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await config.update(CONNECTIONS_KEY, entries, target);
    this.cache = undefined;
  }

  async getSecret(id: string, kind: SecretKind | `device:${string}`): Promise<string | undefined> {
    const value = await this.secrets.get(secretKey(id, kind));
    addSecret(value);
    return value;
  }

  async setSecret(id: string, kind: SecretKind | `device:${string}`, value: string): Promise<void> {
    addSecret(value);
    await this.secrets.store(secretKey(id, kind), value);
  }

  async deleteSecret(id: string, kind: SecretKind | `device:${string}`): Promise<void> {
    await this.secrets.delete(secretKey(id, kind));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
