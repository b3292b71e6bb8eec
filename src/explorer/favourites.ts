/**
 * Pinned favourites: kept in global state, shown under a "Favourites" root and recreated after a
 * restart (from their snapshots, or fetched again) with no reload of the tree above them needed.
 */
import * as vscode from 'vscode';
import { parseFavourite, favouriteKey, type Favourite } from './favourite';

const KEY = 'iotExplorer.favourites';

export class FavouritesStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** The favourites in pinning order (entries an earlier version saved are read too; unreadable ones are skipped). */
  list(): Favourite[] {
    return this.memento.get<unknown[]>(KEY, []).map(parseFavourite).filter((f): f is Favourite => f !== undefined);
  }

  has(f: Favourite): boolean {
    return this.list().some((x) => favouriteKey(x) === favouriteKey(f));
  }

  async add(f: Favourite): Promise<void> {
    if (this.has(f)) return;
    await this.memento.update(KEY, [...this.list(), f]);
    this.changed.fire();
  }

  async remove(f: Favourite): Promise<void> {
    await this.memento.update(
      KEY,
      this.list().filter((x) => favouriteKey(x) !== favouriteKey(f)),
    );
    this.changed.fire();
  }

  /** Drops the favourites of a removed connection. */
  async removeConnection(connectionId: string): Promise<void> {
    const all = this.list();
    const kept = all.filter((x) => x.ref.connectionId !== connectionId);
    if (kept.length !== all.length) {
      await this.memento.update(KEY, kept);
      this.changed.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
