/**
 * What the extension gives away, in a real VS Code: other extensions get no export (the test API
 * exists only in test mode), redaction cannot be switched off by any settings file, and a line break
 * in a platform name cannot forge a log line.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { ExplorerLog } from '../../src/log';
import { addSecret, removeSecret } from '../../src/platforms/http';
import { exportedApi } from '../../src/testApi';
import { secretKey } from '../../src/connections/profile';
import type { DemoInfo } from '../../src/demo/demoService';
import { connectionNode, EXTENSION_ID, eventually, explorerApi } from './explorerHelpers';

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

  suite('a stored secret goes only where it was stored for', () => {
    let info: DemoInfo;
    let trap: Server;
    let trapUrl: string;
    /** Authorization headers (and bodies) that reached the trap server: where a stolen secret would land. */
    const received: string[] = [];

    suiteSetup(async () => {
      info = await api.startDemo({ reveal: false });
      trap = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push(`${req.headers.authorization ?? ''} ${body}`);
          res.writeHead(401).end();
        });
      });
      await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
      trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    });

    suiteTeardown(async () => {
      await new Promise((r) => trap.close(r));
    });

    test('a connection that now points elsewhere does not get the secret until the user confirms; then it does', async () => {
      const profile = { id: 'bound', label: 'Bound', platform: 'iotticket' as const, coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user };
      await api.connections.add(profile, { password: info.iotticket.password });
      try {
        assert.ok((await api.connections.sessions.test('bound')).length > 0, 'works where it was stored for');
        // Settings now send the same connection id somewhere else (another URL, same id).
        await api.connections.store.save({ ...profile, coreBaseUrl: `${trapUrl}/core/v1` });
        await api.connections.sessions.invalidate('bound');
        await assert.rejects(api.connections.sessions.test('bound'), (err: Error) => err.name === 'SecretOriginError' && err.message.includes(trapUrl));
        assert.deepEqual(received, [], 'nothing reached the other host');
        const node = (await api.children(await connectionNode(api, 'bound'))).find((n) => n.contextValue === 'iot.error');
        assert.ok(node, 'the tree shows why');
        assert.equal(api.explorer.provider.getTreeItem(node).command?.command, 'iotExplorer.reviewSecretOrigin', 'one click leads to the review');
        // Fewer certificate checks need a confirmation too.
        await api.connections.store.save({ ...profile, tlsVerify: false });
        await assert.rejects(api.connections.store.getSecret('bound', 'password'), { name: 'SecretOriginError' });
        // The user confirmed the new origin: from now on the secret goes there.
        await api.connections.store.save({ ...profile, coreBaseUrl: `${trapUrl}/core/v1` });
        assert.equal(await api.connections.store.rebindSecret(api.connections.store.get('bound')!, 'password'), true);
        assert.equal(await api.connections.store.getSecret('bound', 'password'), info.iotticket.password);
      } finally {
        await api.connections.remove('bound');
      }
    });

    test('a secret stored before bindings existed is bound to the current origin on first use', async () => {
      const profile = { id: 'legacy', label: 'Legacy', platform: 'iotticket' as const, coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user };
      await api.connections.store.save(profile);
      const secrets = (api.connections.store as unknown as { secrets: vscode.SecretStorage }).secrets;
      await secrets.store(secretKey('legacy', 'password'), info.iotticket.password);
      try {
        assert.equal(await api.connections.store.getSecret('legacy', 'password'), info.iotticket.password);
        const stored = JSON.parse((await secrets.get(secretKey('legacy', 'password'))) ?? '{}') as { origins?: string[] };
        assert.deepEqual(stored.origins, [new URL(info.iotticket.coreBaseUrl).origin]);
        await api.connections.store.save({ ...profile, coreBaseUrl: `${trapUrl}/core/v1` });
        await assert.rejects(api.connections.store.getSecret('legacy', 'password'), { name: 'SecretOriginError' });
      } finally {
        await api.connections.remove('legacy');
      }
    });

    test('connections are application-scoped: a workspace settings file cannot define one; untrusted workspaces are limited', async () => {
      const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { configuration: { properties: Record<string, { scope?: string }> } };
        capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string } };
      };
      assert.equal(pkg.contributes.configuration.properties['iotExplorer.connections'].scope, 'application');
      assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
      assert.ok(pkg.capabilities.untrustedWorkspaces.description);
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      mkdirSync(join(folder, '.vscode'), { recursive: true });
      writeFileSync(join(folder, '.vscode/settings.json'), JSON.stringify({
        'iotExplorer.pageSize': 7,
        'iotExplorer.connections': [{ id: 'from-workspace', label: 'Workspace', platform: 'iotticket', coreBaseUrl: `${trapUrl}/core/v1`, username: info.iotticket.user }],
      }));
      try {
        await eventually(() => assert.equal(vscode.workspace.getConfiguration('iotExplorer').get('pageSize'), 7, 'the workspace settings are read'));
        assert.equal(api.connections.store.get('from-workspace'), undefined, 'the workspace connection is ignored');
        assert.ok(!api.connections.store.list().some((p) => p.coreBaseUrl?.startsWith(trapUrl)));
      } finally {
        rmSync(join(folder, '.vscode'), { recursive: true, force: true });
        await eventually(() => assert.notEqual(vscode.workspace.getConfiguration('iotExplorer').get('pageSize'), 7));
      }
      assert.deepEqual(received, [], 'nothing reached the workspace\'s host');
    });
  });
});
