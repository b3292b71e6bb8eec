/** Assets, templates, attributes, organizations, devices and credentials against the emulator's demo plant. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, HttpError } from '../../../src/platforms/http';
import { IotTicketClient } from '../../../src/platforms/iotticket';
import { fastRetry, rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

void describe('organizations', () => {
  void test('getOrganizations lists both organizations; details carry limits and their use', async () => {
    const orgs = await f.client.organizations.getOrganizations();
    assert.deepEqual(orgs.map((o) => o.id), ['E1001', 'E1002']);
    const details = await f.client.organizations.getOrganizationDetails();
    assert.equal(details.id, f.info.organizationId, 'the default is the top-level organization');
    assert.equal(details.tenantId, f.info.tenant);
    assert.equal(typeof details.limits?.analyticsItems, 'number');
    assert.equal(typeof details.usedLimits?.analyticsItems, 'number');
    const sub = await f.client.organizations.getOrganizationDetails({ organizationId: 'E1002' });
    assert.equal(sub.parentId, 'E1001');
    await rejects(f.client.organizations.getOrganizationDetails({ organizationId: 'E404' }), HttpError);
  });
});

void test('a bearer token from the UAA token route works as credentials', async () => {
  const res = await fetch(`${f.emu.url}/uaa/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: f.info.user, password: f.info.password }),
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  const client = new IotTicketClient({ coreBaseUrl: f.info.coreBaseUrl, token });
  assert.equal((await client.organizations.getOrganizations()).length, 2);
  const bad = new IotTicketClient({ coreBaseUrl: f.info.coreBaseUrl, token: 'not-a-valid-token', retry: fastRetry });
  assert.equal((await rejects(bad.organizations.getOrganizations(), HttpError)).status, 401);
});

void describe('asset tree', () => {
  void test('getAssets: root level, by id, by unique name and by names path', async () => {
    const roots = await collect(f.client.assets.getAssets());
    assert.deepEqual(roots.map((a) => a.name), ['Tampere Plant', 'Vaasa Plant', 'Oulu Plant', 'Pori Plant']);
    const byPath = await collect(f.client.assets.getAssets({ namesPath: ['Tampere Plant', 'Line 1'] }));
    assert.ok(byPath.some((a) => a.id === f.info.asset.id));
    const byId = await collect(f.client.assets.getAssets({ assetId: byPath[0].parentId! }));
    assert.deepEqual(byId.map((a) => a.id), byPath.map((a) => a.id));
    const pump = await collect(f.client.assets.getAssets({ namesPath: f.info.asset.namesPath }));
    assert.deepEqual(pump.map((a) => a.name), ['Motor']);
    const utilities = await collect(f.client.assets.getAssets({ namesPath: ['Pori Plant', 'Utilities'] }));
    assert.deepEqual(utilities.map((a) => a.name).sort(), ['Chiller', 'Transformer', 'Water Treatment']);
  });

  void test('getAssets pages a level internally with small pages and keeps order', async () => {
    const all = await collect(f.client.assets.getAssets({ namesPath: ['Tampere Plant', 'Line 1'] }));
    const paged = await collect(f.client.assets.getAssets({ namesPath: ['Tampere Plant', 'Line 1'], pageSize: 2 }));
    assert.deepEqual(paged.map((a) => a.id), all.map((a) => a.id));
    const level = await f.client.assets.getAssetLevel({ namesPath: ['Tampere Plant', 'Line 1'], offset: 2, limit: 3 });
    assert.equal(level.asset?.name, 'Line 1');
    assert.equal(level.fullSize, all.length);
    assert.deepEqual(level.children.map((a) => a.id), all.slice(2, 5).map((a) => a.id));
  });

  void test('getAllAssets walks every asset once; templates and event types are opt-in', async () => {
    const plain = await collect(f.client.assets.getAllAssets({ pageSize: 50 }));
    const first = await f.client.assets.getAllAssetsPage({ limit: 1 });
    assert.equal(plain.length, first.fullSize);
    assert.equal(new Set(plain.map((a) => a.id)).size, plain.length);
    assert.ok(plain.every((a) => a.templateId === undefined && a.activeEventType === undefined));
    const rich = await collect(f.client.assets.getAllAssets({ templates: true, eventTypes: true }));
    assert.ok(rich.every((a) => typeof a.templateId === 'string'));
    // Tampere Line 2 Pump 3 has an active Alarm in the demo.
    const pump3 = rich.find((a) => a.namesPath?.join('/') === 'Tampere Plant/Line 2/Pump 3');
    assert.equal(pump3?.activeEventType, 'Alarm');
  });

  void test('printAssetTree returns the tree as text', async () => {
    const text = await f.client.assets.printAssetTree({ namesPath: ['Tampere Plant', 'Line 1'] });
    const lines = text.split('\n');
    assert.match(lines[0], /^Line 1 \(A\d+\)$/);
    assert.ok(lines.includes(`├── Pump 1 (${f.info.asset.id})`), text);
    assert.ok(lines.some((l) => /^│ {3}└── Motor \(A\d+\)$/.test(l)), text);
    assert.match(lines[lines.length - 1], /^└── /);
    const capped = await f.client.assets.printAssetTree({ maxAssets: 5 });
    assert.equal(capped.split('\n').length, 6);
    assert.match(capped, /stopped after 5 assets$/);
  });

  void test('locator errors: at most one locator, unknown and ambiguous names', async () => {
    assert.throws(() => f.client.assets.getAssets({ assetId: 'A1', assetName: 'x' }), /at most one of assetId, assetName, namesPath/);
    await rejectsValidation(f.client.assets.printAssetTree({ assetName: 'a', namesPath: ['b'] }), 'assetName|namesPath');
    await rejectsValidation(collect(f.client.assets.getAssets({ assetName: 'No Such Plant' })), 'assetName', /no asset named "No Such Plant"/);
    const ambiguous = await rejectsValidation(collect(f.client.assets.getAssets({ assetName: 'Pump 1' })), 'assetName', /ambiguous/);
    assert.match(ambiguous.message, /Tampere Plant\/Line 1\/Pump 1/, 'the candidates are listed');
    await rejectsValidation(collect(f.client.assets.getAssets({ namesPath: ['Tampere Plant', 'Line 9'] })), 'namesPath', /no asset at names path "Tampere Plant \/ Line 9"/);
    await rejectsValidation(collect(f.client.assets.getAssets({ assetId: 'A999999' })), 'assetId', /no asset with id/);
    await rejectsValidation(collect(f.client.assets.getAssets({ namesPath: [] })), 'namesPath');
  });
});

void describe('attributes and templates', () => {
  void test('getAttributes: exactly one locator, optional type filter', async () => {
    const all = await f.client.assets.getAttributes({ assetId: f.info.asset.id });
    assert.equal(new Set(all.map((a) => a.type)).size, 7, 'the pump has all seven attribute types');
    const byPath = await f.client.assets.getAttributes({ namesPath: f.info.asset.namesPath, attributeType: 'TelemetryData' });
    assert.ok(byPath.length > 0 && byPath.every((a) => a.type === 'TelemetryData'));
    assert.ok(byPath.some((a) => a.id === f.info.asset.telemetryAttributeId && a.name === f.info.asset.telemetryAttributeName));
    const numbers = await f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Number' });
    assert.deepEqual(numbers.map((a) => a.name), ['Rated power']);
    assert.equal(typeof numbers[0].value, 'number');
  });

  void test('getAttributes refuses bad types and locator combinations before any request', async () => {
    await rejectsValidation(f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'telemetrydata' }), 'attributeType', /did you mean TelemetryData/);
    await rejectsValidation(f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Command' }), 'attributeType', /AssetEvent, Calculated, DeviceEvent, Number, String, TelemetryData/);
    await rejectsValidation(f.client.assets.getAttributes({}), 'assetId|assetName|namesPath', /none was/);
    await rejectsValidation(f.client.assets.getAttributes({ assetId: 'A1', namesPath: ['x'] }), 'assetId|namesPath');
  });

  void test('templates: list, by id, by name; unknown name is a clear error', async () => {
    const list = await f.client.assets.getAssetTemplates();
    assert.ok(list.some((t) => t.name === 'Pump'));
    const pump = await f.client.assets.getAssetTemplate({ templateName: 'Pump' });
    assert.ok(pump.attributes.some((a) => a.name === 'Bearing temperature' && a.type === 'TelemetryData'));
    const again = await f.client.assets.getAssetTemplate({ templateId: pump.id });
    assert.deepEqual(again, pump);
    await rejectsValidation(f.client.assets.getAssetTemplate({ templateName: 'Spaceship' }), 'templateName', /no asset template named "Spaceship"/);
    await rejectsValidation(f.client.assets.getAssetTemplate({ templateId: 'T404' }), 'templateId');
    await rejectsValidation(f.client.assets.getAssetTemplate({}), 'templateId|templateName');
    await rejectsValidation(f.client.assets.getAssetTemplate({ templateId: 'T10', templateName: 'Site' }), 'templateId|templateName');
  });
});

void describe('devices and credentials', () => {
  void test('getDevices: all ids, or those of one asset; getDevice details', async () => {
    const all = await f.client.devices.getDevices();
    assert.ok(all.includes(f.info.device.id));
    const page = await f.client.devices.getDevicesPage({ limit: 5 });
    assert.equal(page.fullSize, all.length);
    const ofPump = await f.client.devices.getDevices({ namesPath: f.info.asset.namesPath });
    assert.deepEqual(ofPump, [f.info.device.id]);
    assert.deepEqual(await f.client.devices.getDevices({ assetId: f.info.asset.id }), ofPump);
    const device = await f.client.devices.getDevice(f.info.device.id);
    assert.equal(device.id, f.info.device.id);
    assert.ok(device.assetIds?.includes(f.info.asset.id));
    await rejectsValidation(f.client.devices.getDevice('no-such-device'), 'deviceId', /no device/);
    await rejectsValidation(f.client.devices.getDevices({ assetId: 'A1', assetName: 'x' }), 'assetId|assetName');
  });

  void test('credentials: list and query', async () => {
    const list = await f.client.credentials.getCredentials();
    assert.deepEqual(list.map((c) => c.id), ['CR1', 'CR2']);
    assert.ok(list.every((c) => !('secret' in c) && !('clientSecret' in c)));
    const one = await f.client.credentials.getCredentialQuery({ credentialName: list[1].name });
    assert.equal(one.id, 'CR2');
    assert.equal(one.clientId, list[1].clientId);
    await rejects(f.client.credentials.getCredentialQuery({ credentialId: 'CR1', scope: 'wrong scope' }), HttpError);
    assert.deepEqual((await f.client.credentials.getCredentials({ organizationId: 'E1002' })).map((c) => c.id), ['CR3']);
  });
});
