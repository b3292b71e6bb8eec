/**
 * The one error policy of commands (after AWS Toolkit's `registerCommandErrorHandler`): a cancellation
 * is silent; a command run on a node it does not apply to gets an information message; anything else
 * is logged and shown with its text and a "Show Log" button that opens the log at that entry.
 */
import * as vscode from 'vscode';
import { errorMessage, isCancellation, isUsageError } from '../platforms/http';
import { messageText } from '../shared/escape/message';

/** Where errors are logged: `ExplorerLog` (its entry ids open the log at that line). */
export interface ErrorLog {
  error(message: string, err?: unknown): number;
}

export interface ReportOptions {
  /** What failed, for the log line ("iotExplorer.openJson failed"). */
  readonly what: string;
  /** The sentence shown before the reason ("Deleting "X" failed"); without it only the reason shows. */
  readonly message?: string;
}

export function reportError(log: ErrorLog, err: unknown, options: ReportOptions): void {
  if (isCancellation(err)) return;
  if (isUsageError(err)) {
    void vscode.window.showInformationMessage(messageText(err.message.replace(/^node: /, '')));
    return;
  }
  const entry = log.error(options.what, err);
  const reason = options.message ? `${options.message}: ${errorMessage(err, { platformWords: true })}` : errorMessage(err);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(messageText(reason), showLog).then((choice) => {
    if (choice === showLog) void vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
  });
}
