/** The REST API v1 client against the emulator: devices, datanodes, writes and reads, statistics, enterprises, quota. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, HttpError } from '../../../src/platforms/http';
import { IotTicketV1Client } from '../../../src/platforms/iotticket';
import { fastRetry, rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;

let f: Fixture;
before(async () => {
  f = await startFixture({ now: () => NOW });
});
after(() => f.close());

void describe('credentials and errors', () => {
  void test('ping succeeds with the right password; a wrong one is 401 / 8001', async () => {
    await f.v1.ping();
    const wrong = new IotTicketV1Client({ baseUrl: f.info.v1BaseUrl, username: f.info.user, password: 'wrong-password-123', retry: fastRetry });
    const err = await rejects(wrong.ping(), HttpError);
    assert.equal(err.status, 401);
    assert.equal(err.code, 8001);
    assert.deepEqual(err.details, { moreInfo: 'https://my.iot-ticket.com/api/v1/errorcodes' });
  });

  void test('an unknown device is 403 / 8001 (the server does not tell it from an inaccessible one)', async () => {
    const err = await rejects(f.v1.getDevice('00000000000000000000000000000000'), HttpError);
    assert.equal(err.status, 403);
    assert.equal(err.code, 8001);
    assert.match(err.platformMessage, /Re-check device id/);
  });
});

void describe('devices', () => {
  void test('register (limits checked first), then get, list and iterate', async () => {
    const created = await f.v1.registerDevice({
      name: 'Test device', manufacturer: 'Test Oy', type: 'PC', description: 'The main server', enterpriseId: 'E1011',
      attributes: [{ key: 'Application Version', value: '0.2.3' }],
    });
    assert.match(created.deviceId, /^[0-9a-f]{32}$/);
    assert.match(created.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}UTC$/);
    const got = await f.v1.getDevice(created.deviceId);
    assert.equal(got.name, 'Test device');
    assert.deepEqual(got.attributes, [{ key: 'Application Version', value: '0.2.3' }]);
    const page = await f.v1.listDevices({ limit: 2, offset: 1 });
    assert.equal(page.items.length, 2);
    assert.equal(page.offset, 1);
    const all = await collect(f.v1.devices({ limit: 7 }));
    assert.equal(all.length, page.fullSize);
    assert.ok(all.some((d) => d.deviceId === created.deviceId));
    assert.equal(new Set(all.map((d) => d.deviceId)).size, all.length);
  });

  void test('registration limits: name, manufacturer, attributes', async () => {
    await rejectsValidation(f.v1.registerDevice({ name: 'x', manufacturer: '' }), 'manufacturer', /required/);
    await rejectsValidation(f.v1.registerDevice({ name: 'x'.repeat(101), manufacturer: 'm' }), 'name', /limit is 100/);
    await rejectsValidation(f.v1.registerDevice({ name: 'x', manufacturer: 'm', description: 'd'.repeat(256) }), 'description', /255/);
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await rejectsValidation(f.v1.registerDevice({ name: 'x', manufacturer: 'm', attributes: many }), 'attributes', /at most 50/);
    await rejectsValidation(f.v1.registerDevice({ name: 'x', manufacturer: 'm', attributes: [{ key: 'k', value: '' }] }), 'attributes[0].value');
    await rejectsValidation(f.v1.listDevices({ limit: 101 }), 'limit', /1 to 100/);
  });
});

void describe('datanodes, writes and reads', () => {
  void test('writeData creates datanodes with explicit or inferred types; readData converts values back', async () => {
    const id = f.info.v1.deviceId;
    const t = NOW - 48 * HOUR;
    const result = await f.v1.writeData(id, [
      { name: 'Airflow', path: 'Engine/Primary', unit: 'l/s', v: 85.2, ts: t },
      { name: 'Airflow', path: '/Engine/Primary', v: 86, ts: t + 1000, dataType: 'double' },
      { name: 'isOn', v: true, ts: t },
      { name: 'count', v: 42, ts: new Date(t) },
      { name: 'blob', v: new Uint8Array([0, 1, 0]), ts: t },
      { name: 'label', v: 'hello, world', ts: '2026-11-18T12:00:00Z' },
    ]);
    assert.equal(result.totalWritten, 6);
    const datanodes = await collect(f.v1.datanodes(id, { limit: 3 }));
    const first = await f.v1.listDatanodes(id, { limit: 2 });
    assert.equal(first.fullSize, datanodes.length);
    assert.deepEqual(first.items.map((d) => d.name), datanodes.slice(0, 2).map((d) => d.name));
    const type = (name: string): string | undefined => datanodes.find((d) => d.name === name)?.dataType;
    assert.deepEqual([type('Airflow'), type('isOn'), type('count'), type('blob'), type('label')], ['double', 'boolean', 'long', 'binary', 'string']);
    const read = await f.v1.readData(id, { datanodes: ['/Engine/Primary/Airflow', 'isOn', 'count', 'blob', 'label'], fromDate: t, toDate: t + 1000, order: 'ascending' });
    const values = Object.fromEntries(read.datanodeReads.map((d) => [d.name, d.values.map((p) => p.v)]));
    assert.deepEqual(values, { Airflow: [85.2, 86], isOn: [true], count: [42], blob: ['AAEA'], label: ['hello, world'] });
    assert.equal(read.datanodeReads.find((d) => d.name === 'Airflow')?.unit, 'l/s');
  });

  void test('write validation: path segments, unit length, name', async () => {
    const id = f.info.v1.deviceId;
    await rejectsValidation(f.v1.writeData(id, [{ name: 'x', path: 'a/b-c', v: 1 }]), 'values[0].path', /alphanumeric/);
    await rejectsValidation(f.v1.writeData(id, [{ name: 'x', path: Array.from({ length: 11 }, () => 'a').join('/'), v: 1 }]), 'values[0].path');
    await rejectsValidation(f.v1.writeData(id, [{ name: 'x', v: 1, unit: 'way too long' }]), 'values[0].unit', /10/);
    await rejectsValidation(f.v1.writeData(id, [{ name: '', v: 1 }]), 'values[0].name');
    await rejectsValidation(f.v1.writeData(id, [{ name: 'x', v: 1, dataType: 'float' as 'double' }]), 'values[0].dataType');
    await rejectsValidation(f.v1.writeData(id, []), 'values');
  });

  void test('a bare datanode name matches every path; no dates gives the latest value only', async () => {
    const id = f.info.v1.deviceId;
    const bare = await f.v1.readData(id, { datanodes: ['temperature'] });
    assert.equal(bare.datanodeReads.length, 3, '/temperature, /Drive/Primary/temperature and /Drive/Secondary/temperature');
    assert.ok(bare.datanodeReads.every((d) => d.values.length === 1 && typeof d.values[0].v === 'number'));
    const err = await rejects(f.v1.readData(id, { datanodes: ['/nothing/here'] }), HttpError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 8003);
    await rejectsValidation(f.v1.readData(id, { datanodes: ['x'], limit: 10_001 }), 'limit');
    await rejectsValidation(f.v1.readData(id, { datanodes: [] }), 'datanodes');
    await rejectsValidation(f.v1.readData(id, { datanodes: ['x'], fromDate: NOW, toDate: NOW - 1 }), 'toDate');
  });

  void test('readSeries pages a long range into one ascending typed series', async () => {
    const id = f.info.v1.deviceId;
    const from = NOW - 24 * HOUR;
    const pages: number[] = [];
    const s = await f.v1.readSeries(id, f.info.v1.datanodePath, { from, to: NOW, pageSize: 200, onPage: (p) => pages.push(p.timestamps.length) });
    assert.ok(pages.length > 3);
    assert.ok(s.timestamps.every((t, i) => i === 0 || s.timestamps[i - 1] < t));
    const direct = await f.v1.readData(id, { datanodes: [f.info.v1.datanodePath], fromDate: from, toDate: NOW, limit: 10_000, order: 'ascending' });
    assert.deepEqual([...s.timestamps], direct.datanodeReads[0].values.map((p) => p.ts));
    assert.deepEqual([...s.values], direct.datanodeReads[0].values.map((p) => p.v));
    assert.equal(s.deviceId, id);
    await rejectsValidation(f.v1.readSeries(id, 'temperature', { from, to: NOW }), 'datanode', /matches 3 datanodes/);
  });

  void test('readStatistics: buckets per grouping; empty buckets have no min/max/avg', async () => {
    const id = f.info.v1.deviceId;
    const stats = await f.v1.readStatistics(id, { datanodes: [f.info.v1.datanodePath], fromDate: NOW - 3 * HOUR, toDate: NOW - 1, grouping: 'Hour' });
    const buckets = stats.datanodeReads[0].values;
    assert.equal(buckets.length, 3);
    assert.deepEqual(buckets.map((b) => b.ts), [NOW - 3 * HOUR, NOW - 2 * HOUR, NOW - HOUR]);
    for (const b of buckets) if (b.count > 0) assert.ok(b.min! <= b.avg! && b.avg! <= b.max!);
    const lower = await f.v1.readStatistics(id, { datanodes: [f.info.v1.datanodePath], fromDate: NOW - 3 * HOUR, toDate: NOW - 1, grouping: 'hour' as 'Hour', order: 'descending' });
    assert.deepEqual(lower.datanodeReads[0].values.map((b) => b.ts), [NOW - HOUR, NOW - 2 * HOUR, NOW - 3 * HOUR]);
    const far = await f.v1.readStatistics(id, { datanodes: [f.info.v1.datanodePath], fromDate: Date.UTC(2000, 0, 1), toDate: Date.UTC(2000, 0, 1, 1), grouping: 'Minute' });
    assert.ok(far.datanodeReads[0].values.every((b) => b.count === 0 && b.min === undefined && b.avg === undefined));
    await rejectsValidation(f.v1.readStatistics(id, { datanodes: ['x'], fromDate: 0, toDate: 1, grouping: 'Fortnight' as 'Day' }), 'grouping');
  });
});

void describe('enterprises and quota', () => {
  void test('root enterprises, sub-enterprises by E-id or number', async () => {
    const roots = await f.v1.listEnterprises();
    assert.deepEqual(roots.items.map((e) => e.resourceId), ['E1001', 'E1002']);
    assert.equal(roots.items[0].hasSubEnterprises, true);
    const subs = await f.v1.listSubEnterprises('E1001', { limit: 2 });
    assert.equal(subs.items.length, 2);
    assert.equal(subs.fullSize, 4);
    const all = await collect(f.v1.enterprises('1001', { limit: 3 }));
    assert.deepEqual(all.map((e) => e.name), ['Tampere Plant', 'Vaasa Plant', 'Oulu Plant', 'Pori Plant']);
    const rootsAll = await collect(f.v1.enterprises(undefined, { limit: 1 }));
    assert.deepEqual(rootsAll.map((e) => e.resourceId), ['E1001', 'E1002']);
    const leaf = await f.v1.listSubEnterprises('E1002');
    assert.deepEqual(leaf.items, [], 'an empty page (the server leaves items out) is an empty list');
    assert.equal(leaf.fullSize, 0);
  });

  void test('quota of the account and of a device', async () => {
    const all = await f.v1.quotaAll();
    assert.ok(all.totalDevices > 0 && all.maxNumberOfDevices >= all.totalDevices);
    const device = await f.v1.quotaDevice(f.info.v1.deviceId);
    assert.equal(device.deviceId, f.info.v1.deviceId);
    assert.ok(device.numberOfDataNodes >= 3);
    assert.ok(device.totalRequestToday > 0);
  });
});
