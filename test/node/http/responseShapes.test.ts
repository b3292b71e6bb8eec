/**
 * Every failure that leaves src/platforms is one of our typed errors (issue 14 item 5): empty, null and
 * wrongly shaped 2xx bodies, impossible timestamps from the server and impossible dates from the caller.
 * Each read of both clients meets a server answering 200 with each odd body; it either gives a sane result
 * or rejects with a PlatformError, never a TypeError or RangeError from deeper down.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AltairApi } from '../../../src/platforms/altair';
import { parseAltairTime } from '../../../src/platforms/altair/timestamps';
import { collect, ParseError, PlatformError, ValidationError } from '../../../src/platforms/http';
import { DeviceAdapterClient } from '../../../src/platforms/iotticket/adapterClient';
import { IotTicketClient } from '../../../src/platforms/iotticket/client';
import { IotTicketV1Client } from '../../../src/platforms/iotticket/v1Client';
import { parseServerTime, toEpochMs } from '../../../src/platforms/iotticket/time';
import { raw, ScriptedServer } from './scriptedServer';

const server = new ScriptedServer();
let body = '';
before(async () => {
  await server.start();
  server.reset((_req, res) => raw(res, 200, body));
});
after(() => server.close());

const ODD_BODIES = [
  '', 'null', '42', '"text"', 'true', '[]', '{}', '[null]', '[1,2]',
  '{"items":null,"fullSize":1}', '{"items":[null],"fullSize":1}', '{"items":"x","fullSize":"many"}',
  '{"children":null,"fullSize":1}', '{"asset":5,"children":[],"fullSize":0}', '{"count":"7"}',
  '{"values":[{"ts":"2024-02-31T00:00:00.000Z","v":1}]}', '{"values":[{"ts":1e300,"v":1}]}', '{"values":[{"v":1}]}',
  '[{"stattime":"not a time","count":1}]', '{"datanodeReads":[{"name":"a","values":[{"ts":"x","v":"1"}]}]}',
  '{"datanodeReads":[{"name":"a"}]}', '{"data":[null],"paging":{}}', '{"data":[1],"paging":{}}', '{"data":{},"paging":null}',
  '{"items":[{"id":"a","latest":{"id":"c","createdAt":"yesterday"}}]}', '{"commands":5}', '{"uid":5}',
];

const c = (): IotTicketClient => new IotTicketClient({ coreBaseUrl: server.url, username: 'u', password: 'p-secret-1', retry: { retries: 0 } });
const v1 = (): IotTicketV1Client => new IotTicketV1Client({ baseUrl: server.url, username: 'u', password: 'p-secret-1', retry: { retries: 0 } });
const altair = (): AltairApi => new AltairApi({ host: server.url.replace(/\/base\/$/, ''), retry: { retries: 0 } }).setToken('tok-shape-test-0001');
const t0 = Date.UTC(2024, 0, 1);

/** Reads of both clients, each with a check of what a successful answer must hold. */
const READS: readonly [string, () => Promise<unknown>][] = [
  ['asset level', () => c().assets.getAssetLevel({})],
  ['all assets', async () => { for await (const _ of c().assets.getAllAssets()) { /* drain */ } }],
  ['attributes', () => c().assets.getAttributes({ assetId: 'a' })],
  ['attribute by id', () => c().data.getTimeseries({ attributeId: 'x', assetId: 'a' })],
  ['template', () => c().assets.getAssetTemplate({ templateId: 't' })],
  ['active events', () => c().events.getAssetEventsActive()],
  ['event history', () => c().events.getAssetEventHistory({ assetIds: ['a'] })],
  ['active event count', () => c().events.assetEventActiveCount()],
  ['time series', () => c().data.getTimeseries({ attributeId: 'x' })],
  ['paged series', () => c().data.fetchSeriesPaged({ attributeId: 'x', start: t0, end: t0 + 1000 })],
  ['statistics', () => c().data.getStatistics({ attributeId: 'x', period: 'Custom', dimension: 'Hour', startTime: t0, endTime: t0 + 1 })],
  ['time signal', () => c().data.getTimesignal('s', { attributeId: 'x' })],
  ['command details', () => c().commands.getCommandDetails({ assetId: 'a' })],
  ['command status', () => c().commands.getCommandStatus('c1')],
  ['organization', () => c().organizations.getOrganizationDetails({ organizationId: 'o' })],
  ['current organization', () => c().organizations.currentOrganizationId()],
  ['device', () => c().devices.getDevice('d')],
  ['credentials', () => c().credentials.getCredentials({ organizationId: 'o' })],
  ['analytics items', () => c().models.getAllAnalyticsItems()],
  ['model details', () => c().models.getModelDetails({ modelId: 'm' })],
  ['v1 devices', () => v1().listDevices()],
  ['v1 device', () => v1().getDevice('d')],
  ['v1 read', () => v1().readData('d', { datanodes: ['a'] })],
  ['v1 series', () => v1().readSeries('d', 'a', { from: t0, to: t0 + 1000 })],
  ['v1 statistics', () => v1().readStatistics('d', { datanodes: ['a'], fromDate: t0, toDate: t0 + 1, grouping: 'Hour' })],
  ['adapter commands', () => new DeviceAdapterClient({ baseUrl: server.url, tenant: 't', retry: { retries: 0 } }).pollCommands({ deviceId: 'd', password: 'dev-secret-1' })],
  ['Altair spaces', () => altair().spaces().get()],
  ['Altair things', () => altair().spaces('s').things().get()],
  ['Altair thing', () => altair().spaces('s').things('t').get()],
  ['Altair properties', () => altair().spaces('s').things('t').properties().get()],
  ['Altair action list', () => altair().spaces('s').things('t').actions('a').get()],
  ['Altair history', () => altair().fetchPropertyHistory('s', 't', 'p', { from: t0, to: t0 + 1000 })],
];

/** A successful result must not carry impossible timestamps into charts and exports. */
function assertSane(result: unknown): void {
  const timestamps = (result as { timestamps?: Float64Array } | undefined)?.timestamps;
  if (timestamps) for (const t of timestamps) assert.ok(Number.isFinite(t) && Math.abs(t) <= 8.64e15, `timestamp ${t}`);
  assert.doesNotThrow(() => JSON.stringify(result, (_k, v: unknown) => (v instanceof Float64Array ? [...v] : v)));
}

void describe('odd 2xx bodies give a result or a typed error', () => {
  for (const [name, read] of READS) {
    void test(name, async () => {
      for (const b of ODD_BODIES) {
        body = b;
        try {
          assertSane(await read());
        } catch (err) {
          assert.ok(err instanceof PlatformError, `${name} with body ${b}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
        }
      }
    });
  }

  void test('the ParseError names what is wrong', async () => {
    body = '{"children":null,"fullSize":1}';
    await assert.rejects(c().assets.getAssetLevel({}), (e: unknown) => e instanceof ParseError && /unexpected shape: children: Invalid type/.test(e.message));
    body = '{"values":[{"ts":"2024-02-31T00:00:00.000Z","v":1}]}';
    await assert.rejects(c().data.getTimeseries({ attributeId: 'x' }), (e: unknown) => e instanceof ParseError && /point 0 has no valid timestamp/.test(e.message));
  });
});

void describe('paged lists', () => {
  void test('a list whose server repeats its cursor ends with a typed error instead of looping', async () => {
    body = JSON.stringify({ data: [{ uid: 'a' }], paging: { next_cursor: 'same', previous_cursor: '' } });
    await assert.rejects(collect(altair().spaces('s').things().paginate(), 10_000), (e: unknown) => e instanceof PlatformError && /cursor "same" a second time/.test(e.message));
    body = JSON.stringify({ data: [{ at: '2024-01-01T00:00:00Z', properties: { p: 1 } }], paging: { next_cursor: 'same', previous_cursor: '' } });
    await assert.rejects(altair().fetchPropertyHistory('s', 't', 'p'), (e: unknown) => e instanceof ParseError && /cursor "same" a second time/.test(e.message));
  });
});

void describe('impossible dates are refused, not rolled over', () => {
  for (const text of ['2024-02-30', '2023-02-29T00:00:00Z', '2024-04-31T12:00:00Z', '2024-06-31', '0099-01-01', '0000-01-01T00:00:00Z', '0050-06-15T00:00:00+02:00']) {
    void test(`toEpochMs("${text}")`, () => {
      assert.throws(() => toEpochMs(text, 'startTime'), (e: unknown) => e instanceof ValidationError && e.parameter === 'startTime');
    });
  }

  void test('numbers beyond the range of dates are refused; real leap days and early years pass', () => {
    for (const n of [8.64e15 + 1, -1e17, 1e300]) assert.throws(() => toEpochMs(n, 'endTime'), ValidationError);
    assert.equal(toEpochMs('2024-02-29T00:00:00Z', 't'), Date.UTC(2024, 1, 29));
    assert.equal(toEpochMs('2000-02-29', 't'), Date.UTC(2000, 1, 29));
    assert.throws(() => toEpochMs('1900-02-29', 't'), ValidationError);
    const y100 = new Date(0);
    y100.setUTCFullYear(100, 0, 1);
    assert.equal(toEpochMs('0100-01-01T00:00:00Z', 't'), y100.getTime());
  });

  void test('server timestamps that are no time parse to NaN on both platforms', () => {
    for (const text of ['2024-02-31T00:00:00.000Z', '2024-13-01T00:00:00.000Z', '0099-01-01T00:00:00.000Z', '2024-0a-01T00:00:00.000Z']) {
      assert.ok(Number.isNaN(parseServerTime(text)), `IoT-TICKET ${text}`);
      assert.ok(Number.isNaN(parseAltairTime(text)), `Altair ${text}`);
    }
    assert.ok(Number.isNaN(parseServerTime(1e300)));
    assert.ok(Number.isNaN(parseAltairTime('2023-02-29 10:00:00+0000')));
    assert.equal(parseAltairTime('2024-02-29T10:00:00Z'), Date.UTC(2024, 1, 29, 10));
  });
});
