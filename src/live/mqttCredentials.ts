/**
 * MQTT credentials for live values and Monitor Thing. Creating them is a write on the platform (and
 * replaces a set a device may use), so it happens only after the user agrees in a modal. The password
 * is kept in SecretStorage, bound to the connection's host like its other secrets; deleting the
 * connection offers to delete the credentials on the platform too.
 */
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionProfile } from '../connections/profile';
import type { AltairSession } from '../connections/sessionManager';
import type { MqttCredentials } from '../platforms/altair';
import type { MqttOwner } from '../platforms/altair/mqtt';
import { isNotFound } from '../platforms/http';
import { messageText } from '../shared/escape/message';

export interface StoredMqttCredential {
  readonly username: string;
  readonly password: string;
  readonly id?: string;
  readonly topics?: MqttCredentials['topics'];
}

export type MqttKind = `mqtt:${string}`;

export function mqttKind(owner: MqttOwner): MqttKind {
  return owner.kind === 'thing' ? `mqtt:thing:${owner.uid}` : `mqtt:category:${owner.category}`;
}

/** The owner a stored kind names (in the connection's space). */
export function ownerOfKind(kind: string, space: string): MqttOwner | undefined {
  const m = /^mqtt:(thing|category):(.+)$/.exec(kind);
  if (!m) return undefined;
  return m[1] === 'thing' ? { kind: 'thing', space, uid: m[2] } : { kind: 'category', space, category: m[2] };
}

function resourceOf(session: AltairSession, owner: MqttOwner) {
  const space = session.api.spaces(owner.space);
  return owner.kind === 'thing' ? space.things(owner.uid).mqttCredentials() : space.categories(owner.category).mqttCredentials();
}

function parseStored(text: string | undefined): StoredMqttCredential | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as Partial<StoredMqttCredential>;
    return typeof c.username === 'string' && typeof c.password === 'string' ? (c as StoredMqttCredential) : undefined;
  } catch {
    return undefined;
  }
}

export class MqttCredentialStore {
  private readonly creating = new Map<string, Promise<StoredMqttCredential | undefined>>();

  constructor(private readonly store: ConnectionStore) {}

  /** The stored credential of an owner, if the user created one. */
  async stored(profile: ConnectionProfile, owner: MqttOwner): Promise<StoredMqttCredential | undefined> {
    return parseStored(await this.store.getSecret(profile, mqttKind(owner)));
  }

  /**
   * The stored credential, or (with `ask`) a new one after the user agreed in a modal. Undefined when
   * the user declined or nothing is stored and `ask` is false.
   */
  async ensure(session: AltairSession, owner: MqttOwner, label: string, ask: boolean): Promise<StoredMqttCredential | undefined> {
    const have = await this.stored(session.profile, owner);
    if (have || !ask) return have;
    const key = `${session.profile.id}/${mqttKind(owner)}`;
    let pending = this.creating.get(key);
    if (!pending) {
      pending = this.create(session, owner, label).finally(() => this.creating.delete(key));
      this.creating.set(key, pending);
    }
    return pending;
  }

  /** Keeps a credential the user created (the password only in SecretStorage, bound to the connection's host). */
  async save(profile: ConnectionProfile, owner: MqttOwner, credential: StoredMqttCredential): Promise<void> {
    await this.store.setSecret(profile, mqttKind(owner), JSON.stringify(credential));
  }

  /** Forgets a stored credential (it was refused by the broker: deleted or renewed elsewhere). */
  async forget(profile: ConnectionProfile, owner: MqttOwner): Promise<void> {
    await this.store.deleteSecret(profile.id, mqttKind(owner));
  }

  /** The owners whose credentials are stored for a connection. */
  async owners(profile: ConnectionProfile, space: string): Promise<MqttOwner[]> {
    return (await this.store.secretKinds(profile.id)).map((k) => ownerOfKind(k, space)).filter((o): o is MqttOwner => o !== undefined);
  }

  /**
   * Before a connection is removed: offers to delete the MQTT credentials created through it on the
   * platform. Returns how many were deleted.
   */
  async offerDeletion(session: AltairSession): Promise<number> {
    const owners = await this.owners(session.profile, session.space);
    if (owners.length === 0) return 0;
    const yes = vscode.l10n.t('Delete on the Platform');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" created MQTT credentials for {1} Thing(s) or Category(ies) on the platform. Delete them there too? Devices that use them can no longer connect.', messageText(session.profile.label), owners.length),
      { modal: true, detail: owners.map((o) => (o.kind === 'thing' ? vscode.l10n.t('Thing {0}', o.uid) : vscode.l10n.t('Category {0}', o.category))).join('\n') },
      yes,
    );
    if (answer !== yes) return 0;
    let deleted = 0;
    for (const owner of owners) {
      try {
        await resourceOf(session, owner).delete();
        deleted++;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      await this.forget(session.profile, owner);
    }
    return deleted;
  }

  private async create(session: AltairSession, owner: MqttOwner, label: string): Promise<StoredMqttCredential | undefined> {
    const resource = resourceOf(session, owner);
    const existing = await resource.get().catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    const create = vscode.l10n.t('Create Credentials');
    const what = owner.kind === 'thing' ? vscode.l10n.t('the Thing "{0}"', messageText(label)) : vscode.l10n.t('the Category "{0}"', messageText(label));
    const answer = await vscode.window.showWarningMessage(
      existing
        ? vscode.l10n.t('Live values over MQTT need credentials for {0}. It already has MQTT credentials, whose password cannot be read back: new ones replace them, and a device that uses the old ones can no longer connect. Replace them?', what)
        : vscode.l10n.t('Live values over MQTT need credentials for {0}. Create MQTT credentials on the platform (a write to "{1}")? Without them, values are polled.', what, messageText(session.profile.label)),
      { modal: true, detail: vscode.l10n.t('The password is kept in VS Code\'s secret storage, bound to {0}.', session.host) },
      create,
    );
    if (answer !== create) return undefined;
    const doc = await resource.create({ enabled: true, description: 'IoT Explorer: live values and monitoring' });
    if (!doc.username || !doc.password || doc.password === '<hidden_secret>') throw new Error(vscode.l10n.t('The platform created MQTT credentials but sent no password.'));
    const stored: StoredMqttCredential = { username: doc.username, password: doc.password, id: doc.id, topics: doc.topics };
    await this.save(session.profile, owner, stored);
    return stored;
  }
}
