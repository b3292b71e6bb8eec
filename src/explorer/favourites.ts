/**
 * Pinned favourites: node descriptors kept in global state, shown under a "Favourites" root and
 * recreated from their descriptors after a restart (no reload of the tree above them needed).
 */
import * as vscode from 'vscode';
import type { NodeDescriptor } from './treeNode';

const KEY = 'iotExplorer.favourites';

export class FavouritesStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  list(): NodeDescriptor[] {
    return this.memento.get<NodeDescriptor[]>(KEY, []);
  }

  has(d: NodeDescriptor): boolean {
    return this.list().some((x) => sameDescriptor(x, d));
  }

  async add(d: NodeDescriptor): Promise<void> {
    if (this.has(d)) return;
    await this.memento.update(KEY, [...this.list(), d]);
    this.changed.fire();
  }

  async remove(d: NodeDescriptor): Promise<void> {
    await this.memento.update(
      KEY,
      this.list().filter((x) => !sameDescriptor(x, d)),
    );
    this.changed.fire();
  }

  /** Drops the favourites of a removed connection. */
  async removeConnection(connectionId: string): Promise<void> {
    const kept = this.list().filter((x) => x.connectionId !== connectionId);
    if (kept.length !== this.list().length) {
      await this.memento.update(KEY, kept);
      this.changed.fire();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Two descriptors name the same entity when everything but the label matches. */
export function sameDescriptor(a: NodeDescriptor, b: NodeDescriptor): boolean {
  const strip = ({ label: _label, ...rest }: NodeDescriptor): string => JSON.stringify(rest, Object.keys(rest).sort());
  return strip(a) === strip(b);
}

/** A key that identifies a descriptor inside a node id. */
export function descriptorKey(d: NodeDescriptor): string {
  const { label: _label, ...rest } = d;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
