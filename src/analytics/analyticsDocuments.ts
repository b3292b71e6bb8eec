/**
 * Read-only Markdown pages (`iot-analytics:` scheme) for ONNX inspections and analytics item details,
 * opened in the Markdown preview. Virtual documents never ask to be saved when closed.
 */
import * as vscode from 'vscode';
import { safeFileName } from '../shared/escape/fileName';
import { redact } from '../platforms/http';

export const ANALYTICS_SCHEME = 'iot-analytics';

export class AnalyticsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores a page under a stable key (reopening the same item reuses its tab) and returns its URI. */
  uriFor(key: string, title: string, markdown: string): vscode.Uri {
    this.pages.set(key, redact(markdown));
    const safe = safeFileName(title, 'page', 80);
    const uri = vscode.Uri.from({ scheme: ANALYTICS_SCHEME, path: `/${safe}.md`, query: new URLSearchParams({ key }).toString() });
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = new URLSearchParams(uri.query).get('key') ?? '';
    return this.pages.get(key) ?? vscode.l10n.t('This page is no longer available; open it again.') + '\n';
  }

  /** Shows a page in the Markdown preview (as text when the preview is unavailable). */
  async show(key: string, title: string, markdown: string): Promise<vscode.Uri> {
    const uri = this.uriFor(key, title, markdown);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
    return uri;
  }

  /** The current text of a page (tests read it). */
  text(key: string): string | undefined {
    return this.pages.get(key);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
