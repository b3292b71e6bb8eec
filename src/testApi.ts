/**
 * What `activate()` returns. The extension's internals (the connection store with its secrets, the
 * sessions) are for our own extension-host tests only: every other extension can call
 * `getExtension(…).exports`, so outside test mode the export is nothing at all.
 */
import * as vscode from 'vscode';

/** Test mode: launched for tests or development (never an installed extension) with `IOT_EXPLORER_TEST=1`. */
export function isTestMode(mode: vscode.ExtensionMode, env: Readonly<Record<string, string | undefined>>): boolean {
  return mode !== vscode.ExtensionMode.Production && env.IOT_EXPLORER_TEST === '1';
}

/** The test API in test mode, else undefined; `build` runs only in test mode. */
export function exportedApi<T>(mode: vscode.ExtensionMode, env: Readonly<Record<string, string | undefined>>, build: () => T): T | undefined {
  return isTestMode(mode, env) ? build() : undefined;
}
