/**
 * Per-connection filters: a text the user sets on a connection, kept across restarts, shown in the
 * view's description and on the connection node, and answered by the platform's search (the asset
 * index for IoT-TICKET, a server-side query for Altair) as a "Matches" node at the top.
 */
import * as vscode from 'vscode';


const KEY = 'iotExplorer.filters';

export class FilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get(connectionId: string): string | undefined {
    return this.all()[connectionId];
  }

  all(): Record<string, string> {
    return this.memento.get<Record<string, string>>(KEY, {});
  }

  async set(connectionId: string, text: string | undefined): Promise<void> {
    const next = { ...this.all() };
    if (text && text.trim()) next[connectionId] = text.trim();
    else delete next[connectionId];
    await this.memento.update(KEY, next);
    this.changed.fire(connectionId);
  }

  /** The view description: "Filter: pump (Demo IoT-TICKET)". */
  describe(labelOf: (id: string) => string | undefined): string | undefined {
    const parts = Object.entries(this.all())
      .map(([id, text]) => ({ label: labelOf(id), text }))
      .filter((p) => p.label !== undefined)
      .map((p) => `${p.label}: "${p.text}"`);
    return parts.length ? vscode.l10n.t('Filter — {0}', parts.join(', ')) : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
