/**
 * Setting up a connection, in a real VS Code against the demo emulator: the platform modules declare the
 * wizard's steps (so the counter cannot jump), the device HTTP adapter URL is asked for and prefilled,
 * "Skip TLS" is offered only for https, the profile keeps `tenant` and route overrides from settings, and
 * the wizard's answers are tested before anything is saved.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { DemoInfo } from '../../src/demo/demoService';
import { addSteps, offersTlsOption } from '../../src/connections/connectionWizard';
import type { ConnectionProfile } from '../../src/connections/profile';
import { platformModules } from '../../src/explorer/platforms';
import { explorerApi } from './explorerHelpers';

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('iotExplorer');

suite('Connection setup: wizard steps, fields and the test before saving', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  test('the wizard asks the fields each platform declares, and its step counter counts exactly those', () => {
    const iotticket = platformModules.get('iotticket');
    const steps = addSteps(iotticket, {});
    assert.deepEqual(steps, ['platform', 'label', 'coreBaseUrl', 'v1BaseUrl', 'adapterBaseUrl', 'username', 'secret', 'options']);
    const altair = addSteps(platformModules.get('altair'), {});
    assert.deepEqual(altair, ['platform', 'label', 'host', 'space', 'clientId', 'secret', 'scopes', 'options']);
    // Advanced fields (the tenant) are not part of Add Connection; Edit Connection lists them.
    assert.ok(iotticket.fields.some((f) => f.key === 'tenant' && f.advanced));
  });

  test('the device HTTP adapter URL is prefilled from the other URLs', () => {
    const adapter = platformModules.get('iotticket').fields.find((f) => f.key === 'adapterBaseUrl');
    assert.ok(adapter?.initial);
    assert.equal(adapter.initial({ coreBaseUrl: 'https://iot.example.com/core/v1' }, false), 'https://iot.example.com/http-adapter');
    assert.equal(adapter.initial({ v1BaseUrl: 'http://127.0.0.1:4100/api/v1' }, false), 'http://127.0.0.1:4100/http-adapter');
    assert.equal(adapter.validate?.('not a url', {}, false), 'Not a valid URL');
    const profile = platformModules.get('iotticket').toProfile({ coreBaseUrl: 'https://x.example/core/v1/', adapterBaseUrl: ' https://x.example/http-adapter/ ', username: 'u' });
    assert.equal(profile.adapterBaseUrl, 'https://x.example/http-adapter');
  });

  test('"Skip TLS certificate verification" is offered only when the connection uses https', () => {
    const iotticket = platformModules.get('iotticket');
    const base: ConnectionProfile = { id: 'x', label: 'x', platform: 'iotticket', coreBaseUrl: 'http://127.0.0.1:1/core/v1' };
    assert.equal(offersTlsOption(iotticket, base), false);
    assert.equal(offersTlsOption(iotticket, { ...base, adapterBaseUrl: 'https://adapter.example' }), true);
    const altair = platformModules.get('altair');
    assert.equal(offersTlsOption(altair, { id: 'a', label: 'a', platform: 'altair', host: 'http://127.0.0.1:2' }), false);
    // A bare host name means https, as the client does.
    assert.equal(offersTlsOption(altair, { id: 'a', label: 'a', platform: 'altair', host: 'api.example.com' }), true);
  });

  test('a tenant and route overrides typed into settings are kept by the profile parser', async () => {
    const before = (config().get<unknown[]>('connections') ?? []).slice();
    const entry = {
      id: 'with-tenant',
      label: 'With tenant',
      platform: 'iotticket',
      coreBaseUrl: info.iotticket.coreBaseUrl,
      adapterBaseUrl: info.iotticket.adapterBaseUrl,
      username: info.iotticket.user,
      tenant: 'acme',
      routeOverrides: { organizations: 'organizations' },
    };
    await config().update('connections', [...before, entry], vscode.ConfigurationTarget.Global);
    try {
      const profile = api.connections.store.get('with-tenant');
      assert.ok(profile, api.connections.store.problems().join('; '));
      assert.equal(profile.tenant, 'acme');
      assert.deepEqual(profile.routeOverrides, { organizations: 'organizations' });
      assert.ok(platformModules.get('iotticket').describe(profile).includes('tenant: acme'));
    } finally {
      await config().update('connections', before, vscode.ConfigurationTarget.Global);
    }
  });

  test('the wizard\'s answers are tested before saving: a wrong password fails and nothing is stored', async () => {
    const draft: ConnectionProfile = {
      id: 'draft-check',
      label: 'Draft check',
      platform: 'iotticket',
      coreBaseUrl: info.iotticket.coreBaseUrl,
      v1BaseUrl: info.iotticket.v1BaseUrl,
      username: info.iotticket.user,
    };
    const err = await api.connections.sessions.testProfile(draft, 'not-the-password').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof Error, 'a wrong password passed the test');
    assert.equal((err as { status?: number }).status, 401);
    assert.equal(api.connections.store.get('draft-check'), undefined, 'nothing was saved');
    assert.equal(await api.connections.store.getSecret('draft-check', 'password'), undefined, 'no secret was stored');
    const reached = await api.connections.sessions.testProfile(draft, info.iotticket.password);
    assert.equal(reached.length, 2, reached.join('; '));
    assert.match(reached[0], /^asset API: \d+ organization\(s\)$/);
    assert.equal(reached[1], 'REST API v1: signed in');
  });
});
