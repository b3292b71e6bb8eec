/**
 * "Show log at this entry": the output channel cannot be scrolled by an extension, so the error node
 * opens a read-only document with the recent log lines and selects the entry's line (and shows the
 * channel beside it for what comes next).
 */
import * as vscode from 'vscode';
import { formatEntry, type ExplorerLog } from '../log';

export const LOG_SCHEME = 'iot-log';

export class LogDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: ExplorerLog) {}

  provideTextDocumentContent(): string {
    return this.log.recent().map(formatEntry).join('\n') + '\n';
  }

  /** Opens the recent log with the entry's line selected. */
  async showEntry(entryId: number): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: '/IoT Explorer.log' });
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const index = this.log.recent().findIndex((e) => e.id === entryId);
    const line = Math.max(0, index);
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    const range = doc.lineAt(Math.min(line, doc.lineCount - 1)).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    this.log.show();
    return editor;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
