/** The `iotExplorer.inline.*` settings, read when used so changes apply at once. */
import * as vscode from 'vscode';

export const INLINE_SECTION = 'iotExplorer.inline';

export const inlineSettings = {
  /** Off in a workspace the user has not trusted: its files would choose what is read with the user's credentials. */
  enabled(): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration(INLINE_SECTION).get<boolean>('enabled', true);
  },
  /** How often visible values are read again (seconds, at least 5). */
  pollIntervalMs(): number {
    return Math.max(5, vscode.workspace.getConfiguration(INLINE_SECTION).get<number>('pollIntervalSeconds', 30)) * 1000;
  },
  /** How long a value is reused without asking the platform (seconds, at least 1). */
  cacheTtlMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration(INLINE_SECTION).get<number>('cacheTtlSeconds', 10)) * 1000;
  },
};

/** An AbortSignal that follows a CancellationToken (and is cleaned up with it). */
export function signalOf(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      controller.abort();
    });
  }
  return controller.signal;
}
