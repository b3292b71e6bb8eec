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
    // A URI per entry gives a fresh snapshot (an open document of the same URI would be a stale one),
    // and the line is found by the entry's `#id` because messages may span several lines.
    const uri = vscode.Uri.from({ scheme: LOG_SCHEME, path: '/IoT Explorer.log', query: `entry=${entryId}` });
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const marker = new RegExp(`\\[\\w+\\] #${entryId} `);
    let line = 0;
    for (let i = 0; i < doc.lineCount; i++) {
      if (marker.test(doc.lineAt(i).text)) {
        line = i;
        break;
      }
    }
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    const range = doc.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    this.log.show();
    return editor;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
