/**
 * Which connection the references in a file are read from. Scripts do not say which server they talk
 * to, so the connection is chosen once per workspace and platform (remembered in workspaceState); with
 * a single connection of a platform there is nothing to choose.
 */
import * as vscode from 'vscode';
import { PLATFORMS, platformLabel, type ConnectionProfile, type Platform } from '../connections/profile';
import { iconText } from '../shared/escape/message';

const STATE_KEY = 'iotExplorer.inline.connections';

export interface ProfileSource {
  list(): ConnectionProfile[];
  get(id: string): ConnectionProfile | undefined;
  readonly onDidChange: vscode.Event<unknown>;
}

export class FileConnections implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly profiles: ProfileSource,
  ) {
    this.subscription = profiles.onDidChange(() => this.changed.fire());
  }

  /** The connections a platform's references could be read from. */
  candidates(platform: Platform): ConnectionProfile[] {
    return this.profiles.list().filter((p) => p.platform === platform);
  }

  /** The connection of a platform for this workspace: the remembered choice, else the only one there is. */
  connectionFor(platform: Platform): ConnectionProfile | undefined {
    const chosen = this.remembered()[platform];
    const profile = chosen ? this.profiles.get(chosen) : undefined;
    if (profile && profile.platform === platform) return profile;
    const all = this.candidates(platform);
    return all.length === 1 ? all[0] : undefined;
  }

  /** True when several connections could serve and none was chosen yet. */
  needsChoice(platform: Platform): boolean {
    return !this.connectionFor(platform) && this.candidates(platform).length > 1;
  }

  /** Remembers (or forgets, with undefined) the connection of a platform for this workspace. */
  async set(platform: Platform, connectionId: string | undefined): Promise<void> {
    const next = { ...this.remembered() };
    if (connectionId) next[platform] = connectionId;
    else delete next[platform];
    await this.state.update(STATE_KEY, next);
    this.changed.fire();
  }

  /** Asks which connection to use (for one platform, or any) and remembers it. */
  async pick(platform?: Platform): Promise<ConnectionProfile | undefined> {
    const profiles = this.profiles.list().filter((p) => !platform || p.platform === platform);
    if (profiles.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Add a connection in the IoT Explorer view first (or try the demo).'));
      return undefined;
    }
    const current = new Set(PLATFORMS.map((p) => this.connectionFor(p)?.id));
    const picked = await vscode.window.showQuickPick(
      profiles.map((p) => ({
        label: iconText(p.label),
        description: platformLabel(p.platform),
        detail: current.has(p.id) ? vscode.l10n.t('in use for this workspace') : undefined,
        profile: p,
      })),
      { title: vscode.l10n.t('Which connection do the scripts in this workspace use?'), placeHolder: vscode.l10n.t('Live values in the editor are read from it') },
    );
    if (!picked) return undefined;
    await this.set(picked.profile.platform, picked.profile.id);
    return picked.profile;
  }

  private remembered(): Partial<Record<Platform, string>> {
    return this.state.get<Partial<Record<Platform, string>>>(STATE_KEY, {});
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
