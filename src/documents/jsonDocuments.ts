/**
 * "Open JSON": read-only virtual documents (`iot-json:` scheme) showing what the platform returned for
 * a node. The content is fetched when the document opens and again when it is reopened; the JSON is
 * redacted in case a platform echoes something secret.
 */
import * as vscode from 'vscode';
import { safeFileName } from '../shared/escape/fileName';
import { redact } from '../platforms/http';

export const JSON_SCHEME = 'iot-json';

type Producer = (signal: AbortSignal) => Promise<unknown>;

export class JsonDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly producers = new Map<string, Producer>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Registers what a document shows and returns its URI (stable per key, so reopening reuses the tab). */
  uriFor(key: string, title: string, produce: Producer): vscode.Uri {
    this.producers.set(key, produce);
    const safe = safeFileName(title, 'node', 80);
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${safe}.json`, query: new URLSearchParams({ key }).toString() });
    this.changed.fire(uri);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const key = new URLSearchParams(uri.query).get('key') ?? '';
    const produce = this.producers.get(key);
    if (!produce) return `// ${vscode.l10n.t('This document is no longer available; open it again from the tree.')}\n`;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return redact(JSON.stringify(await produce(abort.signal), null, 2)) + '\n';
    } finally {
      sub.dispose();
    }
  }

  /** Opens the document for a key in an editor. */
  async open(key: string, title: string, produce: Producer): Promise<vscode.TextDocument> {
    const uri = this.uriFor(key, title, produce);
    // The `.json` path gives the document the JSON language.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
