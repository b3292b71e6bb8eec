/**
 * `*.iotcmd.json` in the editor: a "Send" CodeLens above each command (and its target connection), the
 * first problem of an invalid command as a lens and a diagnostic, kept up to date as the file changes.
 * The JSON language adds completion and schema validation from `schemas/iotcmd.schema.json`.
 */
import * as vscode from 'vscode';
import { parseCommandFile, type CommandFile } from '../model/commandFile';
import { describeSpec } from '../model/writeSpec';
import { iconText } from '../../shared/escape/message';

export const COMMAND_FILE_GLOB = '**/*.iotcmd.json';
export const SEND_FROM_FILE = 'iotExplorer.sendFromCommandFile';

export function isCommandFile(uri: vscode.Uri): boolean {
  return /\.iotcmd\.json$/i.test(uri.path);
}

export class CommandFileLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('iotcmd');
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.check(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)),
    );
    for (const doc of vscode.workspace.textDocuments) this.check(doc);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isCommandFile(document.uri)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (!vscode.workspace.isTrusted) {
      // The file decides what is written to the platform: only from a workspace the user trusts.
      return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(shield) Trust this workspace to send its command files'), command: 'workbench.trust.manage' })];
    }
    const file = parseCommandFile(document.getText());
    const lenses: vscode.CodeLens[] = [];
    if (file.error) {
      lenses.push(new vscode.CodeLens(top, { title: `$(error) ${iconText(file.error.message)}`, command: '' }));
      return lenses;
    }
    const valid = file.commands.filter((c) => c.spec).length;
    if (file.commands.length > 1 && valid > 1) {
      lenses.push(new vscode.CodeLens(top, { title: vscode.l10n.t('$(run-all) Send All ({0})', valid), command: SEND_FROM_FILE, arguments: [document.uri, 'all'] }));
    }
    file.commands.forEach((c, index) => {
      const range = document.positionAt(c.offset);
      const at = new vscode.Range(range, range);
      if (c.spec) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: vscode.l10n.t('$(send) Send to {0}', iconText(c.spec.connection, 80)),
            tooltip: describeSpec(c.spec),
            command: SEND_FROM_FILE,
            arguments: [document.uri, index],
          }),
        );
      } else {
        lenses.push(new vscode.CodeLens(at, { title: `$(warning) ${iconText(c.error ?? '')}`, command: '' }));
      }
    });
    return lenses;
  }

  private check(document: vscode.TextDocument): void {
    if (!isCommandFile(document.uri)) return;
    this.diagnostics.set(document.uri, diagnosticsOf(document, parseCommandFile(document.getText())));
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function diagnosticsOf(document: vscode.TextDocument, file: CommandFile): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  if (file.error) {
    const p = document.positionAt(file.error.offset);
    out.push(new vscode.Diagnostic(new vscode.Range(p, p.translate(0, 1)), file.error.message, vscode.DiagnosticSeverity.Error));
  }
  for (const c of file.commands) {
    if (!c.error) continue;
    const start = document.positionAt(c.offset);
    const d = new vscode.Diagnostic(new vscode.Range(start, document.positionAt(c.offset + Math.min(c.length, 1))), c.error, vscode.DiagnosticSeverity.Error);
    d.source = 'IoT Explorer';
    out.push(d);
  }
  return out;
}
