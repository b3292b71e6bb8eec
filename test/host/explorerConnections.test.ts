/**
 * Connections and what sits around the tree, in a real VS Code against the demo emulator: secrets live
 * in SecretStorage and never in settings (with the warning and the move when one shows up there), a
 * wrong password shows in the tree and the status bar, sign-out revokes the Altair token, the editable
 * thing document saves a JSON-Patch of the changed fields only and refuses on conflict, filters,
 * favourites and drag and drop of series.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import { seriesUriList } from '../../src/explorer/dragAndDrop';
import type { TreeNode } from '../../src/explorer/treeNode';
import { parseUriList } from '../../src/shared/chart/seriesUri';
import { refKey } from '../../src/shared/refs';
import { altairToken, child, connectionNode, entities, eventually, explorerApi, getJson, item, labelOf, path } from './explorerHelpers';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iotExplorer');

suite('Explorer: connections, credentials and documents', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  test('a password goes to SecretStorage, never to settings', async () => {
    await api.connections.add(
      { id: 'secret-check', label: 'Secret check', platform: 'iotticket', coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user },
      { password: info.iotticket.password },
    );
    try {
      const stored = JSON.stringify(config().inspect('connections')?.globalValue);
      assert.ok(stored.includes('"secret-check"'), stored);
      assert.ok(!stored.includes(info.iotticket.password), `the password is in settings: ${stored}`);
      assert.equal(await api.connections.store.getSecret('secret-check', 'password'), info.iotticket.password);
      // And the connection works with it.
      const reached = await api.connections.sessions.test('secret-check');
      assert.ok(reached.length > 0);
      assert.equal(api.connections.health.get('secret-check').state, 'ok');
      await api.connections.store.setSecret('secret-check', 'device:pump-1', 'device-password');
    } finally {
      await api.connections.remove('secret-check');
    }
    assert.equal(await api.connections.store.getSecret('secret-check', 'password'), undefined, 'removing forgets the secret');
    assert.equal(await api.connections.store.getSecret('secret-check', 'device:pump-1'), undefined, 'and the device passwords');
  });

  test('a secret written into settings is reported and moved to SecretStorage', async () => {
    const before = (config().get<unknown[]>('connections') ?? []).slice();
    await config().update(
      'connections',
      [...before, { id: 'leaky', label: 'Leaky', platform: 'iotticket', coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user, password: info.iotticket.password }],
      vscode.ConfigurationTarget.Global,
    );
    try {
      const findings = await api.secretWarning.check();
      assert.deepEqual(findings.map((f) => [f.id, f.fields]), [['leaky', ['password']]]);
      await vscode.commands.executeCommand('iotExplorer.moveSecretsFromSettings');
      const after = JSON.stringify(config().inspect('connections')?.globalValue);
      assert.ok(after.includes('"leaky"'), 'the connection stays');
      assert.ok(!after.includes(info.iotticket.password), `still in settings: ${after}`);
      assert.equal(await api.connections.store.getSecret('leaky', 'password'), info.iotticket.password);
      assert.deepEqual(await api.secretWarning.check(), []);
      // The moved secret is what the connection now signs in with.
      await api.connections.sessions.test('leaky');
    } finally {
      await api.connections.remove('leaky');
    }
  });

  test('a wrong password shows an error node and the status bar counts the failing connection', async () => {
    await api.connections.add(
      { id: 'wrong-password', label: 'Wrong password', platform: 'iotticket', coreBaseUrl: info.iotticket.coreBaseUrl, username: info.iotticket.user },
      { password: 'not-the-password' },
    );
    try {
      const conn = await connectionNode(api, 'wrong-password');
      const children = await api.children(conn);
      const error = children.find((c) => c.contextValue === 'iot.error');
      assert.ok(error, children.map((c) => c.contextValue).join(', '));
      assert.match(String(item(api, error).description), /^401/);
      // In the user's words (issue 19 §3): the row and the health say the credentials were refused.
      assert.match(labelOf(api, error), /^The server refused the credentials of "Wrong password" \(401: /);
      assert.equal(api.connections.health.get('wrong-password').state, 'failing');
      assert.match(api.connections.health.get('wrong-password').message ?? '', /refused the credentials/);
      await eventually(() => assert.match(api.statusBar.text, /failing/));
    } finally {
      await api.connections.remove('wrong-password');
    }
  });

  test('a server that is not running: the row says it cannot be reached, with no URL or socket code in the words', async () => {
    const closed = await closedPort();
    await api.connections.add(
      { id: 'no-server', label: 'No server', platform: 'iotticket', coreBaseUrl: `http://127.0.0.1:${closed}/core/v1`, username: info.iotticket.user },
      { password: info.iotticket.password },
    );
    try {
      const children = await api.children(await connectionNode(api, 'no-server'));
      const error = children.find((c) => c.contextValue === 'iot.error');
      assert.ok(error, children.map((c) => c.contextValue).join(', '));
      assert.equal(labelOf(api, error), `Can't reach 127.0.0.1:${closed} — is the server running?`);
      assert.equal(api.connections.health.get('no-server').message, `Can't reach 127.0.0.1:${closed} — is the server running?`);
      // The technical detail stays in the log entry the row opens.
      assert.match(api.log.entry((error as unknown as { logEntry: number }).logEntry)?.message ?? '', /ECONNREFUSED/);
    } finally {
      await api.connections.remove('no-server');
    }
  });

  test('a connection without a stored secret says how to set it', async () => {
    await api.connections.add({ id: 'no-secret', label: 'No secret', platform: 'altair', host: info.altair.baseUrl, space: info.altair.space, clientId: info.altair.clientId });
    try {
      const children = await api.children(await connectionNode(api, 'no-secret'));
      const error = children.find((c) => c.contextValue === 'iot.error')!;
      assert.match(String((error as unknown as { message: string }).message), /Set Credential Securely/);
      assert.equal(labelOf(api, error), 'No credential stored — set it securely…');
      assert.equal(item(api, error).command?.command, 'iotExplorer.setCredential');
      assert.equal(api.connections.health.get('no-secret').state, 'noCredential');
    } finally {
      await api.connections.remove('no-secret');
    }
  });

  test('a connection saved while the view is hidden is found at once, as the node the tree then shows, and reveals expanded', async () => {
    // The workbench holds the roots before the save (VS Code resolves a reveal against them).
    await api.explorer.reveal(api.explorer.connection('demo-iotticket')!, { select: false, focus: false });
    await vscode.commands.executeCommand('workbench.view.explorer'); // the tree's refresh now waits for the view
    await api.connections.add({ id: 'saved-hidden', label: 'Saved while hidden', platform: 'altair', host: info.altair.baseUrl, space: info.altair.space, clientId: info.altair.clientId });
    try {
      const node = api.explorer.connection('saved-hidden');
      assert.ok(node, 'the saved connection has no node until the view refreshes');
      await api.explorer.reveal(node, { expand: 1, select: false, focus: false });
      assert.equal(await connectionNode(api, 'saved-hidden'), node);
    } finally {
      await api.connections.remove('saved-hidden');
    }
  });

  test('sign out revokes the Altair token', async () => {
    const session = await api.connections.sessions.altair('demo-altair');
    const token = await session.strategy!.getToken();
    const url = `${info.altair.baseUrl}/spaces/${info.altair.space}/things?limit=1`;
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    await vscode.commands.executeCommand('iotExplorer.signOut', await connectionNode(api, 'demo-altair'));
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 401);
    assert.equal(api.connections.health.get('demo-altair').state, 'signedOut');
    // Using the connection again signs in with a new token.
    const again = await api.connections.sessions.altair('demo-altair');
    assert.notEqual(await again.strategy!.getToken(), token);
  });

  test('an Altair thing saves as a JSON-Patch of only the changed fields', async () => {
    const thingId = info.altair.thing.id;
    const url = `${info.altair.baseUrl}/spaces/${info.altair.space}/things/${thingId}`;
    const bearer = `Bearer ${await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes)}`;
    const before = await getJson<Record<string, unknown>>(url, bearer);
    const node = await api.goTo('demo-altair', thingId);
    assert.ok(node);
    await vscode.commands.executeCommand('iotExplorer.editThing', node);
    const editor = await eventually(() => {
      const e = vscode.window.activeTextEditor;
      assert.equal(e?.document.uri.scheme, 'iot-thing');
      return e!;
    });
    const doc = editor.document;
    const edited = { ...(JSON.parse(doc.getText()) as Record<string, unknown>), description: 'Edited in the IoT Explorer test' };
    await replaceAll(doc, JSON.stringify(edited, null, 2));
    assert.ok(await doc.save(), 'saved');
    const outcome = api.documents.things.lastSave!;
    assert.equal(outcome.result, 'saved');
    assert.deepEqual(outcome.ops.filter((o) => o.op !== 'test'), [{ op: 'replace', path: '/description', value: 'Edited in the IoT Explorer test' }]);
    const after = await getJson<Record<string, unknown>>(url, bearer);
    assert.equal(after.description, 'Edited in the IoT Explorer test');
    for (const key of Object.keys(before).filter((k) => !['description', 'modified', 'status'].includes(k))) {
      assert.deepEqual(after[key], before[key], `${key} unchanged`);
    }
    // The editor reloads what the server now holds (its new `modified`).
    await eventually(() => assert.equal((JSON.parse(doc.getText()) as { modified: string }).modified, after.modified));
    // The save is in the Activity view, leading back to the Thing.
    const entry = api.activity.list()[0];
    assert.equal(entry.action, 'Save Thing');
    assert.equal(entry.outcome, 'succeeded');
    assert.deepEqual(entry.ref, { kind: 'altair-thing', connectionId: 'demo-altair', space: info.altair.space, thingId });
  });

  test('saving a thing that changed on the server meanwhile is refused with a conflict message', async () => {
    const thingId = info.altair.thing.id;
    const url = `${info.altair.baseUrl}/spaces/${info.altair.space}/things/${thingId}`;
    const bearer = `Bearer ${await altairToken(info.altair.baseUrl, info.altair.clientId, info.altair.clientSecret, info.altair.scopes)}`;
    const node = await api.goTo('demo-altair', thingId);
    await vscode.commands.executeCommand('iotExplorer.editThing', node);
    const doc = await eventually(() => {
      const d = vscode.window.activeTextEditor?.document;
      assert.equal(d?.uri.scheme, 'iot-thing');
      return d!;
    });
    // Someone else changes the thing (and its `modified`) after we opened it.
    await new Promise((r) => setTimeout(r, 1100));
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { Authorization: bearer, 'Content-Type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/title', value: 'Changed elsewhere' }]),
    });
    assert.equal(res.status, 200);
    const edited = { ...(JSON.parse(doc.getText()) as Record<string, unknown>), description: 'Our concurrent edit' };
    await replaceAll(doc, JSON.stringify(edited, null, 2));
    await doc.save().then(
      () => undefined,
      () => undefined,
    );
    const outcome = api.documents.things.lastSave!;
    assert.equal(outcome.result, 'conflict');
    assert.match(outcome.message ?? '', /changed on the server/);
    assert.deepEqual([api.activity.list()[0].action, api.activity.list()[0].outcome], ['Save Thing', 'failed']);
    const server = await getJson<Record<string, unknown>>(url, bearer);
    assert.equal(server.title, 'Changed elsewhere');
    assert.notEqual(server.description, 'Our concurrent edit');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('favourites: pin an asset, see it under Favourites, unpin it', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    await vscode.commands.executeCommand('iotExplorer.pin', asset);
    try {
      const roots = await api.children();
      assert.equal(roots[0].contextValue, 'iot.favourites');
      const pinned = await api.children(roots[0]);
      assert.equal(pinned.length, 1);
      assert.equal(pinned[0].contextValue, 'iot.asset.favourite');
      assert.equal(pinned[0].platformId?.(), info.iotticket.asset.id);
      // A pinned asset is a full node: it expands like in its connection.
      assert.ok((await api.children(pinned[0])).some((c) => c.contextValue.startsWith('iot.attributeGroup')));
      await vscode.commands.executeCommand('iotExplorer.unpin', pinned[0]);
    } finally {
      for (const d of api.explorer.favourites.list()) await api.explorer.favourites.remove(d);
    }
    assert.ok(!(await api.children()).some((r) => r.contextValue === 'iot.favourites'));
  });

  test('favourites: Reveal in Tree selects the entity in its connection (asset, attribute, thing), found by the explorer\'s one locate', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    let attribute: TreeNode | undefined;
    for (const group of (await api.children(asset)).filter((c) => c.contextValue.startsWith('iot.attributeGroup'))) {
      attribute ??= (await api.children(group)).find((n) => n.ref?.kind === 'iotticket-attribute' && n.ref.attributeId === info.iotticket.asset.telemetryAttributeId);
    }
    assert.ok(attribute, 'the demo asset has its telemetry attribute');
    const thing = await api.explorer.locate({ kind: 'altair-thing', connectionId: 'demo-altair', space: info.altair.space, thingId: info.altair.thing.id });
    assert.equal(thing.label, info.altair.thing.title);
    const targets = [asset, attribute, thing];
    for (const t of targets) await vscode.commands.executeCommand('iotExplorer.pin', t);
    try {
      const pinned = await api.children((await api.children())[0]);
      assert.equal(pinned.length, 3);
      for (const target of targets) {
        const favourite = pinned.find((p) => p.ref && target.ref && refKey(p.ref) === refKey(target.ref));
        assert.ok(favourite, `${String(target.label)} is pinned`);
        // Pinning refreshes the view's roots, which can drop a selection made meanwhile: reveal until it holds.
        await eventually(async () => {
          await vscode.commands.executeCommand('iotExplorer.revealFavourite', favourite);
          assert.equal(api.explorer.treeView.selection[0]?.id, target.id);
        }, 20_000);
      }
    } finally {
      for (const d of api.explorer.favourites.list()) await api.explorer.favourites.remove(d);
    }
  });

  test('series nodes drag as iot-series URIs that charts accept; other nodes do not', async () => {
    const conn = await connectionNode(api, 'demo-iotticket');
    const org = (await api.children(conn))[0];
    const asset = await path(api, org, 'Assets', ...info.iotticket.asset.namesPath);
    const telemetry = await child(api, asset, /Telemetry/);
    const attrs = entities(await api.children(telemetry)).slice(0, 2);
    const list = seriesUriList([...attrs, asset]);
    assert.ok(list);
    const parsed = parseUriList(list);
    assert.deepEqual(parsed, attrs.map((a) => a.series?.()));
    assert.equal(seriesUriList([asset]), undefined);
  });
});

async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
