/** Route overrides for the direct-HTTP asset API: validation before any request, and the overridden paths on the wire. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, ValidationError } from '../../../src/platforms/http';
import {
  CORE_ROUTE_TEMPLATES, assetApiRoutes, IotTicketClient, overrideAssetApiRoutes, placeholders, routeOverrideProblems,
} from '../../../src/platforms/iotticket';
import { fastRetry, rejects, startFixture, type Fixture } from './fixture';

let f: Fixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

void describe('validation', () => {
  void test('the default table builds the inferred paths, encoding every value', () => {
    assert.equal(assetApiRoutes.timeseries('A 1', 'AT/2'), 'assets/A%201/attributes/AT%2F2/timeseries');
    assert.equal(assetApiRoutes.timeseries(undefined, 'AT/2'), 'attributes/AT%2F2/timeseries');
    assert.equal(assetApiRoutes.command('A1', 'AT6'), 'assets/A1/commands/AT6');
    assert.equal(assetApiRoutes.organizations(), 'organizations');
    assert.deepEqual(placeholders(CORE_ROUTE_TEMPLATES.commandControl), ['assetId', 'attributeId']);
  });

  void test('an unknown name is refused with the list of valid names', () => {
    const problems = routeOverrideProblems({ timeSeries: '{attribute}/data' });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /"timeSeries" is not a route name; valid names: organizations, organization, .*timeseries/);
    for (const name of Object.keys(CORE_ROUTE_TEMPLATES)) assert.ok(problems[0].includes(name), name);
  });

  void test('placeholders must be exactly those of the original', () => {
    assert.match(routeOverrideProblems({ device: 'devices' })[0], /device: "devices" must use exactly the placeholders of "devices\/\{deviceId\}" \(\{deviceId\}\), not no placeholders/);
    assert.match(routeOverrideProblems({ device: 'devices/{id}' })[0], /\(\{deviceId\}\), not \{id\}/);
    assert.match(routeOverrideProblems({ organizations: 'orgs/{organizationId}' })[0], /\(no placeholders\), not \{organizationId\}/);
    assert.match(routeOverrideProblems({ command: 'a/{assetId}/c/{attributeId}/{assetId}' })[0], /exactly the placeholders/);
    assert.deepEqual(routeOverrideProblems({ command: 'commands/{attributeId}/of/{assetId}' }), [], 'order may change');
  });

  void test('paths must stay relative to the base URL', () => {
    for (const bad of ['/core/v2/organizations', 'https://evil.example/organizations', 'organizations?all=1', '../organizations', 'org anizations', 'organizations/{']) {
      assert.equal(routeOverrideProblems({ organizations: bad }).length, 1, bad);
    }
    assert.match(routeOverrideProblems({ organizations: '' })[0], /non-empty path template like "organizations"/);
    assert.match(routeOverrideProblems({ organizations: 42 as unknown as string })[0], /non-empty path template/);
  });

  void test('every problem is reported at once, as a ValidationError naming routeOverrides, before any request', () => {
    const err = (() => {
      try {
        new IotTicketClient({ coreBaseUrl: f.info.coreBaseUrl, routeOverrides: { nope: 'x', device: 'devices' } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ValidationError);
    assert.equal(err.parameter, 'routeOverrides');
    assert.match(err.message, /"nope" is not a route name.*; device: "devices" must use/);
  });

  void test('overridden templates fill like the originals', () => {
    const routes = overrideAssetApiRoutes({ timeseries: '{attribute}/data/raw', assetAttribute: 'attrs/{attributeId}/of/{assetId}', device: 'things/{deviceId}' });
    assert.equal(routes.timeseries('A1', 'AT 1'), 'attrs/AT%201/of/A1/data/raw');
    assert.equal(routes.timeseries(undefined, 'AT1'), 'attributes/AT1/data/raw');
    assert.equal(routes.device('X/1'), 'things/X%2F1');
    assert.equal(routes.statistics('A1', 'AT1'), 'attrs/AT1/of/A1/statistics');
  });
});

void describe('on the wire', () => {
  /** A client whose base URL is one level above the API: only overridden routes reach it. */
  const shifted = (routeOverrides?: Record<string, string>): IotTicketClient =>
    new IotTicketClient({ coreBaseUrl: f.info.coreBaseUrl.replace(/v1\/?$/, ''), username: f.info.user, password: f.info.password, retry: fastRetry, routeOverrides });

  void test('an overridden route is the one requested; the others stay inferred', async () => {
    const plain = shifted();
    assert.equal((await rejects(plain.organizations.getOrganizations(), HttpError)).status, 404);
    const fixed = shifted({ organizations: 'v1/organizations', organization: 'v1/organizations/{organizationId}' });
    assert.deepEqual((await fixed.organizations.getOrganizations()).map((o) => o.id), ['E1001', 'E1002']);
    assert.equal((await fixed.organizations.getOrganizationDetails({ organizationId: 'E1002' })).id, 'E1002');
    assert.equal((await rejects(fixed.devices.getDevicesPage(), HttpError)).status, 404, 'devices was not overridden');
    assert.equal(fixed.routes.organizations(), 'v1/organizations');
  });

  void test('overrides reach attribute routes through {attribute}', async () => {
    const client = shifted({ organizationAttribute: 'v1/attributes/{attributeId}', assetAttribute: 'v1/assets/{assetId}/attributes/{attributeId}' });
    const s = await client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 5 });
    assert.equal(s.timestamps.length, 5);
    const viaAsset = await client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, assetId: f.info.asset.id, limit: 5 });
    assert.deepEqual([...viaAsset.timestamps], [...s.timestamps]);
  });
});
