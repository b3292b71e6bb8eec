/**
 * The one error policy of commands (after AWS Toolkit's `registerCommandErrorHandler`): a cancellation
 * is silent; a command run on a node it does not apply to gets an information message; anything else
 * is logged and shown in the user's words (errorAdvice.ts) with the fixes that apply as buttons (Retry
 * where safe, Edit Connection, Set Credential) and "Show Log", which opens the log at that entry.
 */
import * as vscode from 'vscode';
import { isCancellation, isUsageError } from '../platforms/http';
import { messageText } from '../shared/escape/message';
import { adviceFor, type Fix } from '../connections/errorAdvice';

/** Where errors are logged: `ExplorerLog` (its entry ids open the log at that line). */
export interface ErrorLog {
  error(message: string, err?: unknown): number;
}

export interface ReportOptions {
  /** What failed, for the log line ("iotExplorer.openJson failed"). */
  readonly what: string;
  /** The sentence shown before the reason ("Deleting "X" failed"); without it only the reason shows. */
  readonly message?: string;
  /** The connection the command ran on: named in the text, and what Edit Connection / Set Credential open. */
  readonly connection?: { readonly id: string; readonly label: string };
  /** Runs the command again (offered as Retry when the error says repeating is safe). */
  readonly retry?: () => unknown;
}

export function reportError(log: ErrorLog, err: unknown, options: ReportOptions): void {
  if (isCancellation(err)) return;
  if (isUsageError(err)) {
    void vscode.window.showInformationMessage(messageText(err.message.replace(/^node: /, '')));
    return;
  }
  const entry = log.error(options.what, err);
  const advice = adviceFor(err, options.connection?.label);
  const reason = options.message ? `${options.message}: ${advice.text}` : advice.text;
  const labels: Record<Fix, string> = { retry: vscode.l10n.t('Retry'), editConnection: vscode.l10n.t('Edit Connection'), setCredential: vscode.l10n.t('Set Credential') };
  const fixes = advice.fixes.filter((f) => (f === 'retry' ? options.retry !== undefined : options.connection !== undefined));
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(messageText(reason), ...fixes.map((f) => labels[f]), showLog).then((choice) => {
    const fix = fixes.find((f) => labels[f] === choice);
    const target = { connectionId: options.connection?.id };
    if (choice === showLog) void vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
    else if (fix === 'retry') void options.retry?.();
    else if (fix === 'editConnection') void vscode.commands.executeCommand('iotExplorer.editConnection', target);
    else if (fix === 'setCredential') void vscode.commands.executeCommand('iotExplorer.setCredential', target);
  });
}
