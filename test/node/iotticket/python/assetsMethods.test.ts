/**
 * Every AssetsClient, DevicesClient, OrganizationsClient and CredentialsClient method of the das reference
 * through the Python backend (the stand-in SDK against the emulator), checked against the direct-HTTP client
 * on the same emulator: the UI must not see which backend serves it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, ValidationError } from '../../../../src/platforms/http';
import { PythonCallError } from '../../../../src/platforms/iotticket/python';
import { rejects, rejectsValidation } from '../fixture';
import { startPyFixture, type PyFixture } from './pyFixture';

let f: PyFixture;
before(async () => {
  f = await startPyFixture();
});
after(() => f.close());

const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);

void describe('AssetsClient', () => {
  void test('get_assets / getAssetLevel: the root level and a level by path, paged like the HTTP client', async () => {
    const [py, http] = await Promise.all([f.api.assets.getAssetLevel({ limit: 2 }), f.http.assets.getAssetLevel({ limit: 2 })]);
    assert.deepEqual(ids(py.children), ids(http.children));
    assert.equal(py.fullSize, http.fullSize);
    assert.equal(py.asset, null);
    assert.equal(py.children[0].parentId, null);
    const rest = await f.api.assets.getAssetLevel({ offset: 2, limit: 100 });
    assert.deepEqual(ids(rest.children), ids((await f.http.assets.getAssetLevel({ offset: 2, limit: 100 })).children));
    const path = f.info.asset.namesPath.slice(0, 2);
    const [byPath, httpByPath] = await Promise.all([f.api.assets.getAssetLevel({ namesPath: path }), f.http.assets.getAssetLevel({ namesPath: path })]);
    assert.deepEqual(ids(byPath.children), ids(httpByPath.children));
    assert.equal(byPath.asset?.id, httpByPath.asset?.id, 'the parent, found from its own level');
    assert.deepEqual(byPath.children[0].namesPath, [...path, byPath.children[0].name]);
    const byId = await f.api.assets.getAssetLevel({ assetId: byPath.asset!.id, limit: 1 });
    assert.equal(byId.asset?.name, path[1], 'an asset seen before is known by id');
    assert.equal(byId.children.length, 1);
    assert.deepEqual(ids(await collect(f.api.assets.getAssets({ namesPath: path }))), ids(httpByPath.children));
  });

  void test('get_all_assets, whole and in pages; templates only when asked', async () => {
    const all = await collect(f.api.assets.getAllAssets());
    const http = await collect(f.http.assets.getAllAssets());
    assert.deepEqual(ids(all), ids(http));
    assert.equal(all[0].templateId, undefined);
    assert.ok((await collect(f.api.assets.getAllAssets({ templates: true })))[0].templateId);
    const page = await f.api.assets.getAllAssetsPage({ offset: 10, limit: 5 });
    assert.deepEqual(ids(page.items), ids(http.slice(10, 15)));
    assert.equal(page.fullSize, http.length);
  });

  void test('get_attributes: mapped from snake_case dataclasses, unmapped fields kept in camelCase', async () => {
    const [py, http] = await Promise.all([f.api.assets.getAttributes({ assetId: f.info.asset.id }), f.http.assets.getAttributes({ assetId: f.info.asset.id })]);
    assert.deepEqual(py.map((a) => [a.id, a.name, a.type, a.dataType ?? null, a.unit ?? null]), http.map((a) => [a.id, a.name, a.type, a.dataType ?? null, a.unit ?? null]));
    const command = py.find((a) => a.id === f.info.asset.commandAttributeId)!;
    const httpCommand = http.find((a) => a.id === f.info.asset.commandAttributeId)!;
    assert.equal(command.commandName, httpCommand.commandName, 'command_name → commandName');
    assert.equal(command.payloadType, httpCommand.payloadType);
    assert.ok(typeof (command.details as Record<string, unknown>).templateAttributeId === 'string', 'a dict field kept as it is');
    const telemetry = py.find((a) => a.id === f.info.asset.telemetryAttributeId)!;
    assert.match(String(telemetry.lastTs), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'datetimes arrive as ISO-8601 UTC');
    const numbers = await f.api.assets.getAttributes({ namesPath: f.info.asset.namesPath, attributeType: 'Number' });
    assert.ok(numbers.length > 0 && numbers.every((a) => a.type === 'Number'));
    await rejectsValidation(f.api.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'number' }), 'attributeType', /did you mean Number/);
    await rejectsValidation(f.api.assets.getAttributes({}), 'assetId|assetName|namesPath');
    await rejectsValidation(f.api.assets.getAttributes({ assetName: 'No such asset' }), 'get_attributes', /No asset with name 'No such asset'/);
  });

  void test('get_asset_templates and get_asset_template by id and name (ValueError and Exception of the reference)', async () => {
    const templates = await f.api.assets.getAssetTemplates();
    assert.deepEqual(ids(templates), ids(await f.http.assets.getAssetTemplates()));
    const [byId, httpById] = await Promise.all([f.api.assets.getAssetTemplate({ templateId: templates[1].id }), f.http.assets.getAssetTemplate({ templateId: templates[1].id })]);
    assert.equal(byId.name, httpById.name);
    assert.deepEqual(ids(byId.attributes), ids(httpById.attributes));
    assert.equal((await f.api.assets.getAssetTemplate({ templateName: templates[1].name })).id, templates[1].id);
    await rejectsValidation(f.api.assets.getAssetTemplate({ templateName: 'Nope' }), 'get_asset_template', /No asset template named 'Nope'/);
    await rejectsValidation(f.api.assets.getAssetTemplate({}), 'templateId|templateName');
  });

  void test('print_asset_tree: what das prints is the result', async () => {
    const tree = await f.api.assets.printAssetTree({ namesPath: f.info.asset.namesPath.slice(0, 1) });
    const lines = tree.split('\n');
    assert.equal(lines[0], f.info.asset.namesPath[0]);
    assert.ok(lines.some((l) => l.trim() === f.info.asset.namesPath[2]));
    const short = await f.api.assets.printAssetTree({ maxAssets: 3 });
    assert.deepEqual(short.split('\n').slice(3), ['… stopped after 3 assets']);
    const err = await rejects(f.api.assets.printAssetTree({ assetId: 'A1', assetName: 'x' }), ValidationError);
    assert.equal(err.parameter, 'assetId|assetName');
  });
});

void describe('DevicesClient, OrganizationsClient, CredentialsClient', () => {
  void test('get_device, get_devices (ids), pages of details', async () => {
    const all = await f.api.devices.getDevices();
    assert.deepEqual(all, await f.http.devices.getDevices());
    const linked = await f.api.devices.getDevices({ assetId: f.info.asset.id });
    assert.deepEqual(linked, await f.http.devices.getDevices({ assetId: f.info.asset.id }));
    const d = await f.api.devices.getDevice(f.info.device.id);
    assert.equal(d.id, f.info.device.id);
    assert.equal(d.tenantId, f.info.tenant, 'tenant → tenantId');
    assert.match(String(d.createdAt), /Z$/, 'created → createdAt');
    const page = await f.api.devices.getDevicesPage({ offset: 1, limit: 3 });
    assert.deepEqual(ids(page.items), all.slice(1, 4));
    assert.equal(page.fullSize, all.length);
    assert.deepEqual(ids(await collect(f.api.devices.devices({ assetId: f.info.asset.id }))), linked);
    assert.equal((await rejects(f.api.devices.getDevice('nope'), PythonCallError)).status, 404);
  });

  void test('get_organizations, get_organization_details (default and by id), currentOrganizationId', async () => {
    const orgs = await f.api.organizations.getOrganizations();
    assert.deepEqual(orgs, await f.http.organizations.getOrganizations());
    const details = await f.api.organizations.getOrganizationDetails();
    assert.equal(details.id, f.info.organizationId);
    assert.equal(typeof details.limits?.analyticsItems, 'number');
    assert.equal((await f.api.organizations.getOrganizationDetails({ organizationId: 'E1002' })).parentId, 'E1001');
    assert.equal(await f.api.organizations.currentOrganizationId(), f.info.organizationId);
    assert.equal(await f.backend({ organizationId: 'E1002' }).organizations.currentOrganizationId(), 'E1002');
  });

  void test('get_credentials and get_credential_query', async () => {
    const creds = await f.api.credentials.getCredentials();
    assert.deepEqual(ids(creds), ids(await f.http.credentials.getCredentials()));
    assert.ok(creds[0].clientId, 'client_id → clientId');
    const q = await f.api.credentials.getCredentialQuery({ credentialName: creds[0].name });
    assert.equal(q.id, creds[0].id);
    assert.equal((await rejects(f.api.credentials.getCredentialQuery({ credentialName: 'none' }), PythonCallError)).status, 404);
  });
});
