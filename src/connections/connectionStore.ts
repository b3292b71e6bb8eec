/**
 * Profiles in the `iotExplorer.connections` setting and their secrets in SecretStorage. The store is
 * the only place that writes either, so nothing secret can end up in settings by accident. Each secret
 * is bound to where it may be sent (src/connections/secretBinding.ts): read for a profile that now
 * sends it elsewhere, it is refused with a `SecretOriginError` until the user confirms.
 */
import * as vscode from 'vscode';
import { addSecret, PlatformError } from '../platforms/http';
import { parseProfile, secretKey, secretPrefix, toSetting, type ConnectionProfile } from './profile';
import { bindingChanges, bindingOf, openSecret, sealSecret, type SecretBinding, type StoredSecretKind } from './secretBinding';

/** A stored secret would go to an origin (or with certificate checks) it was not stored for. */
export class SecretOriginError extends PlatformError {
  override readonly name = 'SecretOriginError';
  constructor(
    readonly profile: ConnectionProfile,
    readonly secretKind: StoredSecretKind,
    readonly stored: SecretBinding,
    readonly wanted: SecretBinding,
  ) {
    const { newOrigins } = bindingChanges(stored, wanted);
    const where = stored.origins.join(', ') || vscode.l10n.t('no host');
    super(
      newOrigins.length
        ? vscode.l10n.t('The secret of "{0}" was stored for {1}; the connection now sends it to {2}. It is not sent until you confirm.', profile.label, where, newOrigins.join(', '))
        : vscode.l10n.t('The secret of "{0}" was stored for {1} with certificate checks "{2}"; the connection now asks for "{3}". It is not sent until you confirm.', profile.label, where, stored.tls, wanted.tls),
      'validation',
    );
  }
}

export const SECTION = 'iotExplorer';
export const CONNECTIONS_KEY = 'connections';

export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private cache: { profiles: ConnectionProfile[]; problems: string[] } | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The platform module's check of a profile from settings (`PlatformConnections.validate`). */
    private readonly validate: (profile: ConnectionProfile) => string | undefined = () => undefined,
  ) {
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

  /** Entries that could not be used, with the reason (logged at activation). */
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

  /**
   * The setting is application-scoped (package.json), so VS Code leaves a workspace's value out of `get()`
   * and `inspect()` alike and marks it in that settings.json itself: there is nothing for us to warn about
   * (an `inspect()` here, checking for one, never found it and cost ~100 KB of the settings model at activation).
   */
  private read(): { profiles: ConnectionProfile[]; problems: string[] } {
    if (this.cache) return this.cache;
    const profiles: ConnectionProfile[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [i, raw] of this.rawEntries().entries()) {
      const parsed = parseProfile(raw, this.validate);
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

  /** The kinds of secret stored for a connection (`password`, `mqtt:thing:…`, …), without their values. */
  async secretKinds(id: string): Promise<string[]> {
    const prefix = secretPrefix(id);
    return (await this.secrets.keys()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  /** Replaces the whole list (used by "move secrets out of settings"). */
  async writeRaw(entries: unknown[]): Promise<void> {
    await this.write(entries);
  }

  private async write(entries: unknown[]): Promise<void> {
    // The setting is application-scoped (package.json): connections are the user's, never a workspace's.
    await vscode.workspace.getConfiguration(SECTION).update(CONNECTIONS_KEY, entries, vscode.ConfigurationTarget.Global);
    this.cache = undefined;
  }

  /**
   * The secret of a connection, for where its profile (given, or as in settings) sends it now. A secret
   * stored before bindings existed is bound to that now, on first use. Rejects with `SecretOriginError`
   * when the profile points elsewhere; undefined when nothing is stored or the connection is unknown.
   */
  async getSecret(connection: string | ConnectionProfile, kind: StoredSecretKind): Promise<string | undefined> {
    const profile = typeof connection === 'string' ? this.get(connection) : connection;
    if (!profile) return undefined;
    const stored = await this.secrets.get(secretKey(profile.id, kind));
    if (stored === undefined) return undefined;
    const { value, binding } = openSecret(stored);
    addSecret(value);
    const wanted = bindingOf(profile, kind);
    if (!binding) {
      await this.secrets.store(secretKey(profile.id, kind), sealSecret(value, wanted));
      return value;
    }
    const { newOrigins, tlsChanged } = bindingChanges(binding, wanted);
    if (newOrigins.length > 0 || tlsChanged) throw new SecretOriginError(profile, kind, binding, wanted);
    return value;
  }

  /** Stores a secret bound to where `connection` (a profile, or one in settings) sends it. */
  async setSecret(connection: string | ConnectionProfile, kind: StoredSecretKind, value: string): Promise<void> {
    const profile = typeof connection === 'string' ? this.get(connection) : connection;
    if (!profile) throw new PlatformError(vscode.l10n.t('Unknown connection "{0}"', String(connection)), 'validation');
    addSecret(value);
    await this.secrets.store(secretKey(profile.id, kind), sealSecret(value, bindingOf(profile, kind)));
  }

  /** After the user confirmed: the stored secret may now go where `profile` sends it. False when none is stored. */
  async rebindSecret(profile: ConnectionProfile, kind: StoredSecretKind): Promise<boolean> {
    const stored = await this.secrets.get(secretKey(profile.id, kind));
    if (stored === undefined) return false;
    await this.secrets.store(secretKey(profile.id, kind), sealSecret(openSecret(stored).value, bindingOf(profile, kind)));
    return true;
  }

  async deleteSecret(id: string, kind: StoredSecretKind): Promise<void> {
    await this.secrets.delete(secretKey(id, kind));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
