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
    assert.deepEqual(steps, ['platform', 'label', 'assetApi', 'coreBaseUrl', 'v1BaseUrl', 'adapterBaseUrl', 'username', 'secret', 'options']);
    // The backend choice decides what follows: the user's das.iot_client needs its factory, not an asset API URL.
    assert.deepEqual(addSteps(iotticket, { assetApi: 'python' }), [
      'platform', 'label', 'assetApi', 'pythonFactory', 'pythonFactoryKwargs', 'v1BaseUrl', 'adapterBaseUrl', 'username', 'secret', 'options',
    ]);
    const altair = addSteps(platformModules.get('altair'), {});
    assert.deepEqual(altair, ['platform', 'label', 'host', 'space', 'authMethod', 'clientId', 'secret', 'scopes', 'options']);
    // An access token (SDK AccessToken) needs no App: neither its client id nor scopes are asked, and the secret step is the token.
    const altairModule = platformModules.get('altair');
    assert.deepEqual(addSteps(altairModule, { authMethod: 'accessToken' }), ['platform', 'label', 'host', 'space', 'authMethod', 'secret', 'options']);
    assert.equal(altairModule.fields.find((f) => f.key === 'secret')?.title({ authMethod: 'accessToken' }), 'Access token');
    const tokenProfile = altairModule.toProfile({ host: 'h', space: 's', authMethod: 'accessToken', clientId: 'left over', scopes: 'thing' });
    assert.deepEqual([tokenProfile.authMethod, tokenProfile.clientId, tokenProfile.scopes], ['accessToken', undefined, undefined]);
    // Advanced fields (the tenant) are not part of Add Connection; Edit Connection lists them.
    assert.ok(iotticket.fields.some((f) => f.key === 'tenant' && f.advanced));
  });

  test('the Python backend\'s factory and keyword arguments are checked before they are saved', () => {
    const fields = platformModules.get('iotticket').fields;
    const factory = fields.find((f) => f.key === 'pythonFactory');
    const kwargs = fields.find((f) => f.key === 'pythonFactoryKwargs');
    assert.equal(factory?.validate?.('my_project.iot:make_client', {}, false), undefined);
    assert.match(factory?.validate?.('make_client', {}, false) ?? '', /module:callable/);
    assert.equal(kwargs?.validate?.('{"organization_id": "E1001"}', {}, false), undefined);
    assert.match(kwargs?.validate?.('{"password": "x"}', {}, false) ?? '', /password looks secret/);
    assert.match(kwargs?.validate?.('[1]', {}, false) ?? '', /JSON object/);
    const profile = platformModules.get('iotticket').toProfile({ assetApi: 'python', pythonFactoryKwargs: '{"organization_id": "E1001"}', coreBaseUrl: 'https://ignored.example' });
    assert.equal(profile.assetApi, 'python');
    assert.deepEqual(profile.pythonFactoryKwargs, { organization_id: 'E1001' });
    assert.equal(profile.coreBaseUrl, undefined);
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

suite('Connection setup: Altair token at once, and per-connection token settings', () => {
  let api: ExplorerApi;
  let info: DemoInfo;

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
  });

  const altairProfile = (id: string, extra: Partial<ConnectionProfile> = {}): ConnectionProfile => ({
    id,
    label: id,
    platform: 'altair',
    host: info.altair.baseUrl,
    space: info.altair.space,
    clientId: info.altair.clientId,
    scopes: [...info.altair.scopes],
    ...extra,
  });

  const thingsStatus = async (token: string): Promise<number> =>
    (await fetch(`${info.altair.baseUrl}/spaces/${info.altair.space}/things?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).status;

  test('a wrong client secret fails when the session starts, as with_security does in the SDK', async () => {
    await api.connections.add(altairProfile('wrong-secret'), { clientSecret: 'not-the-client-secret' });
    try {
      const err = await api.connections.sessions.altair('wrong-secret').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof Error, `the session started: ${String(err)}`);
      assert.equal((err as { status?: number }).status, 401);
      assert.equal((err as { code?: unknown }).code, 'invalid_client');
      // Test Connection says the same, before anything else is tried.
      await assert.rejects(api.connections.sessions.test('wrong-secret'), /401/);
    } finally {
      await api.connections.remove('wrong-secret');
    }
  });

  test('the token URL, threshold and timeout of a connection reach its session', async () => {
    await api.connections.add(altairProfile('token-settings', { tokenUrl: '/oauth2/nowhere' }), { clientSecret: info.altair.clientSecret });
    try {
      const err = await api.connections.sessions.altair('token-settings').then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.equal((err as { status?: number } | undefined)?.status, 404, `a token URL that does not exist must fail the session: ${String(err)}`);
      await api.connections.add(altairProfile('token-settings', { refreshThresholdSec: 3, requestTimeoutSec: 12 }), { clientSecret: info.altair.clientSecret });
      const session = await api.connections.sessions.altair('token-settings');
      assert.equal(session.strategy!.refreshThresholdSec, 3);
      assert.equal(session.strategy!.tokenUrl, '/oauth2/token');
    } finally {
      await api.connections.remove('token-settings');
    }
  });

  test('revocation when a session ends is off by default (as in the SDK) and on when the connection says so', async () => {
    for (const revokeToken of [undefined, true]) {
      const id = revokeToken ? 'revoke-on' : 'revoke-off';
      await api.connections.add(altairProfile(id, { revokeToken }), { clientSecret: info.altair.clientSecret });
      try {
        const token = await (await api.connections.sessions.altair(id)).strategy!.getToken();
        assert.equal(await thingsStatus(token), 200);
        await api.connections.sessions.invalidate(id);
        assert.equal(await thingsStatus(token), revokeToken ? 401 : 200, `revokeToken ${String(revokeToken)}`);
      } finally {
        await api.connections.remove(id);
      }
    }
  });
});
