/**
 * An Altair thing as an editable JSON document (`iot-thing:` file system). Saving sends a JSON-Patch of
 * only the fields the user changed (each guarded by a `test` of its old value, so the server applies
 * all or nothing), and refuses with a clear conflict message when the thing changed on the server since
 * the version the document shows (its `modified`). Server-maintained fields (uid, id, created, client_id)
 * are read-only.
 */
import * as vscode from 'vscode';
import { safeFileName } from '../shared/escape/fileName';
import type { JsonPatchOperation, Thing } from '../platforms/altair';
import { jsonPatchDiff } from '../platforms/altair/jsonPatch';
import { errorMessage, HttpError } from '../platforms/http';
import type { SessionManager } from '../connections/sessionManager';
import type { AltairThingRef } from '../shared/refs';
import type { ExplorerLog } from '../log';

export const THING_SCHEME = 'iot-thing';
/** Set by the server; `modified` is not in the list: it is the version the document is based on. */
export const READ_ONLY_FIELDS = ['uid', 'id', 'created', 'client_id'] as const;

interface Snapshot {
  thing: Thing;
  mtime: number;
  size: number;
  /** Saved, and the editor should reload what the server now holds once VS Code has taken its post-save stat. */
  reloadAfterStat?: boolean;
}

export interface SaveOutcome {
  readonly uri: string;
  /** The operations sent (empty when nothing changed). */
  readonly ops: readonly JsonPatchOperation[];
  readonly result: 'saved' | 'unchanged' | 'conflict' | 'invalid' | 'failed';
  readonly message?: string;
}

interface ThingRef {
  readonly connectionId: string;
  readonly space: string;
  readonly thingId: string;
}

export function thingUri(ref: ThingRef, title: string): vscode.Uri {
  const safe = safeFileName(title, safeFileName(ref.thingId, 'thing'), 80);
  return vscode.Uri.from({ scheme: THING_SCHEME, path: `/${encodeURIComponent(ref.connectionId)}/${encodeURIComponent(ref.space)}/${encodeURIComponent(ref.thingId)}/${safe}.json` });
}

export function parseUri(uri: vscode.Uri): ThingRef {
  const [connectionId, space, thingId] = uri.path.split('/').filter(Boolean);
  if (!connectionId || !space || !thingId) throw vscode.FileSystemError.FileNotFound(uri);
  return { connectionId: decodeURIComponent(connectionId), space: decodeURIComponent(space), thingId: decodeURIComponent(thingId) };
}

const encoder = new TextEncoder();

export class ThingFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly loading = new Map<string, Promise<Snapshot>>();
  /** What the last save did (tests read it). */
  lastSave: SaveOutcome | undefined;
  private readonly saved = new vscode.EventEmitter<SaveOutcome>();
  readonly onDidSave = this.saved.event;

  constructor(
    private readonly sessions: SessionManager,
    private readonly log: ExplorerLog,
  ) {}

  /** Opens a thing's document in an editor. */
  async open(ref: AltairThingRef, label: string): Promise<vscode.TextEditor> {
    const uri = thingUri(ref, label);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const snap = this.snapshots.get(uri.toString()) ?? (await this.load(uri));
    const stat = { type: vscode.FileType.File, ctime: Date.parse(snap.thing.created) || 0, mtime: snap.mtime, size: snap.size };
    if (snap.reloadAfterStat) this.announceNewVersion(uri, snap);
    return stat;
  }

  /**
   * After a save the server holds a newer document (a new `modified`). VS Code stats the file right after
   * writing it and keeps that as the saved version, and it ignores changes that arrive while it is still
   * finishing the save; so a newer mtime is announced after that stat, again a few times until the editor
   * has read the document back (which replaces this snapshot).
   */
  private announceNewVersion(uri: vscode.Uri, snap: Snapshot): void {
    snap.reloadAfterStat = false;
    const key = uri.toString();
    for (const delay of [100, 500, 1500, 4000]) {
      setTimeout(() => {
        if (this.snapshots.get(key) !== snap) return; // read back already
        snap.mtime = Math.max(Date.now(), snap.mtime + 1);
        this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
      }, delay);
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const snap = await this.load(uri);
    return encoder.encode(render(snap.thing));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const key = uri.toString();
    const ref = parseUri(uri);
    const before = this.snapshots.get(key);
    const record = (outcome: SaveOutcome): void => {
      this.lastSave = outcome;
      this.saved.fire(outcome);
    };
    let edited: unknown;
    try {
      edited = JSON.parse(new TextDecoder().decode(content));
    } catch (err) {
      record({ uri: key, ops: [], result: 'invalid', message: errorMessage(err) });
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Not saved: the document is not valid JSON ({0}).', errorMessage(err)));
    }
    if (!before) {
      record({ uri: key, ops: [], result: 'failed', message: 'not opened' });
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Open the thing from the tree before saving it.'));
    }
    if (!edited || typeof edited !== 'object' || Array.isArray(edited)) {
      record({ uri: key, ops: [], result: 'invalid', message: 'not an object' });
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Not saved: a thing is a JSON object.'));
    }
    const touched = READ_ONLY_FIELDS.filter((f) => JSON.stringify((edited as Record<string, unknown>)[f]) !== JSON.stringify(before.thing[f as keyof Thing]));
    if (touched.length) {
      record({ uri: key, ops: [], result: 'invalid', message: `read-only: ${touched.join(', ')}` });
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Not saved: {0} are set by the server and cannot be changed.', touched.join(', ')));
    }
    // The document's `modified` says which version the edits are based on.
    const editedThing = edited as Record<string, unknown>;
    const baseModified = typeof editedThing.modified === 'string' ? editedThing.modified : before.thing.modified;
    const ops = jsonPatchDiff(before.thing, { ...editedThing, modified: before.thing.modified }, { guard: true });
    const changes = ops.filter((o) => o.op !== 'test');
    if (changes.length === 0) {
      record({ uri: key, ops: [], result: 'unchanged' });
      return;
    }
    const session = await this.sessions.altair(ref.connectionId);
    const res = session.api.spaces(ref.space).things(ref.thingId);
    const current = (await res.get()) as Thing;
    if (current.modified !== baseModified || current.modified !== before.thing.modified) {
      const message = conflictMessage(current.modified);
      record({ uri: key, ops: [], result: 'conflict', message });
      this.log.warn(`Save of thing ${ref.thingId} refused: ${message}`);
      throw vscode.FileSystemError.NoPermissions(message);
    }
    try {
      const updated = (await res.patch(ops)) as Thing;
      this.log.info(`Saved thing ${ref.thingId}: ${changes.map((o) => `${o.op} ${o.path}`).join(', ')}`);
      // Keep the old mtime for VS Code's post-save stat, then announce the server's version (see `stat`).
      const mtime = before.mtime;
      const snap = this.remember(key, updated);
      snap.mtime = mtime;
      snap.reloadAfterStat = true;
      record({ uri: key, ops, result: 'saved' });
      // Should no stat come, announce it anyway a little later.
      setTimeout(() => {
        if (snap.reloadAfterStat) this.announceNewVersion(uri, snap);
      }, 2000);
    } catch (err) {
      // A failed `test` means a guarded field changed between our read and the patch: a conflict too.
      const conflict = err instanceof HttpError && (err.status === 409 || (err.status === 400 && /test/i.test(err.platformMessage)));
      const message = conflict ? conflictMessage(undefined) : vscode.l10n.t('Not saved: {0}', errorMessage(err));
      record({ uri: key, ops, result: conflict ? 'conflict' : 'failed', message });
      this.log.error(`Saving thing ${ref.thingId} failed`, err);
      throw vscode.FileSystemError.Unavailable(message);
    }
  }

  /** Concurrent reads of one document (VS Code stats and reads at once) share one request. */
  private load(uri: vscode.Uri): Promise<Snapshot> {
    const key = uri.toString();
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetch(uri).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async fetch(uri: vscode.Uri): Promise<Snapshot> {
    const ref = parseUri(uri);
    const session = await this.sessions.altair(ref.connectionId);
    try {
      const thing = (await session.api.spaces(ref.space).things(ref.thingId).get()) as Thing;
      return this.remember(uri.toString(), thing);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw vscode.FileSystemError.FileNotFound(uri);
      throw err;
    }
  }

  private remember(key: string, thing: Thing): Snapshot {
    // An unchanged document keeps its mtime: VS Code takes a newer one for a change made on disk.
    const previous = this.snapshots.get(key);
    const unchanged = previous && !previous.reloadAfterStat && render(previous.thing) === render(thing);
    const snap = { thing, mtime: unchanged ? previous.mtime : Date.now(), size: encoder.encode(render(thing)).byteLength };
    this.snapshots.set(key, snap);
    return snap;
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Delete things from the platform, not from this document.'));
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }

  dispose(): void {
    this.changed.dispose();
    this.saved.dispose();
  }
}

function render(thing: Thing): string {
  return JSON.stringify(thing, null, 2) + '\n';
}

function conflictMessage(modified: string | undefined): string {
  return modified
    ? vscode.l10n.t(
        'Not saved: the thing changed on the server since you opened it (modified {0}). Use "Revert File" to load the current version, then apply your edits again.',
        modified,
      )
    : vscode.l10n.t('Not saved: the thing changed on the server since you opened it. Use "Revert File" to load the current version, then apply your edits again.');
}
