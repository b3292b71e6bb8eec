/**
 * The toast after something was written to a file (chart exports, PNG): says what and where, with Open
 * (for files VS Code shows) and Reveal. Reveal uses the OS file manager on a desktop, the Explorer view
 * for a file in the workspace, and otherwise copies the path (a browser cannot open the host's folders).
 */
import * as vscode from 'vscode';
import { messageText } from '../shared/escape/message';

/** Extensions VS Code opens in an editor or preview (Parquet is binary: Reveal only). */
const OPENABLE = /\.(csv|json|png|txt|ipynb|py)$/i;

export async function announceFile(message: string, uri: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal');
  const buttons = OPENABLE.test(uri.path) ? [open, reveal] : [reveal];
  const choice = await vscode.window.showInformationMessage(messageText(message), ...buttons);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
  else if (choice === reveal) await revealFile(uri);
}

export async function revealFile(uri: vscode.Uri): Promise<void> {
  if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
  else if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) await vscode.commands.executeCommand('revealFileInOS', uri);
  else {
    await vscode.env.clipboard.writeText(uri.fsPath);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the path {0}', uri.fsPath), 5000);
  }
}
