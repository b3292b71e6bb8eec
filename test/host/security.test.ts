/**
 * What the extension gives away, in a real VS Code: other extensions get no export (the test API
 * exists only in test mode), redaction cannot be switched off by any settings file, and a line break
 * in a platform name cannot forge a log line.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { ExplorerLog } from '../../src/log';
import { addSecret, removeSecret } from '../../src/platforms/http';
import { exportedApi } from '../../src/testApi';
import { EXTENSION_ID, eventually, explorerApi } from './explorerHelpers';

/** Names of members anywhere in `value` (depth-limited), to look for anything that reaches a secret. */
function memberNames(value: unknown, depth = 3, seen = new Set<unknown>()): Set<string> {
  const names = new Set<string>();
  if (!value || typeof value !== 'object' || depth < 0 || seen.has(value)) return names;
  seen.add(value);
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      names.add(key);
      const member = (value as Record<string, unknown>)[key];
      if (typeof member === 'object') for (const n of memberNames(member, depth - 1, seen)) names.add(n);
    }
  }
  return names;
}

suite('Security: what the extension exports and logs', () => {
  let api: ExplorerApi;
  /** A log of our own (output channels are created asynchronously: one for the suite, disposed at its end). */
  let log: ExplorerLog;

  suiteSetup(async () => {
    api = await explorerApi();
    log = new ExplorerLog('IoT Explorer security test');
  });

  suiteTeardown(() => log.dispose());

  test('outside test mode activate() exports nothing; the test API needs test mode and IOT_EXPLORER_TEST=1', () => {
    const build = (): ExplorerApi => api;
    assert.equal(exportedApi(vscode.ExtensionMode.Production, { IOT_EXPLORER_TEST: '1' }, build), undefined, 'an installed extension never exports its internals');
    assert.equal(exportedApi(vscode.ExtensionMode.Development, {}, build), undefined);
    assert.equal(exportedApi(vscode.ExtensionMode.Test, { IOT_EXPLORER_TEST: '0' }, build), undefined);
    // Here (test mode) the export is the test API, and it does hold the secrets: that is why it is test-only.
    const names = memberNames(vscode.extensions.getExtension(EXTENSION_ID)?.exports);
    assert.ok(names.has('getSecret') && names.has('sessions'), 'the test API is what the tests use');
  });

  test('redaction is not a setting: a settings file that sets iotExplorer.logLevel.redactSecrets to false changes nothing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the host tier opens a workspace folder');
    const settings = join(folder, '.vscode/settings.json');
    const secret = 'hunter2-harden-secret';
    addSecret(secret);
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'iotExplorer.logLevel.redactSecrets': false }));
    try {
      await eventually(() => assert.equal(vscode.workspace.getConfiguration('iotExplorer').get('logLevel.redactSecrets'), false, 'the workspace setting is read'));
      log.info(`signing in with password=${secret} and Authorization: Bearer abcdefghijklmnopqrstuvwxyz`);
      const line = log.recent().at(-1)?.message ?? '';
      assert.ok(!line.includes(secret) && !line.includes('abcdefghijklmnopqrstuvwxyz'), line);
    } finally {
      removeSecret(secret);
      rmSync(join(folder, '.vscode'), { recursive: true, force: true });
    }
  });

  test('a line break in a name cannot forge a log line', () => {
    const forged = '2026-01-01 12:00:00.000 [error] forged';
    for (const br of ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f']) {
      log.info(`Loaded asset "Pump${br}${forged}"`);
      const line = log.recent().at(-1)?.message ?? '';
      assert.ok(!/[\n\r\u2028\u2029\u0085\v\f]/.test(line), JSON.stringify(line));
      assert.ok(line.includes('forged'), 'the text is kept, visibly');
    }
    assert.equal(api.documents.log.provideTextDocumentContent().split('\n').filter(Boolean).length, api.log.recent().length, 'one document line per entry');
  });
});
