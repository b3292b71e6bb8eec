/**
 * Every DataClient method of the das reference through the Python backend: series (as float64 columns,
 * never JSON numbers), statistics, time signals, static/calculated writes through the asset API and the
 * device writes through das' adapter calls, each against the direct-HTTP client on the same emulator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PartialWriteError } from '../../../../src/platforms/iotticket';
import { rejects, rejectsValidation } from '../fixture';
import { startPyFixture, type PyFixture } from './pyFixture';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

let f: PyFixture;
before(async () => {
  f = await startPyFixture({ now: () => NOW });
});
after(() => f.close());

const device = (): { deviceId: string; deviceUsername: string; devicePassword: string } => ({ deviceId: f.info.device.id, deviceUsername: f.info.device.username, devicePassword: f.info.device.password });

void describe('reads', () => {
  void test('get_timeseries: the same points as the HTTP client, as typed arrays; by id and by names path', async () => {
    const window = { startTime: NOW - 6 * HOUR, endTime: new Date(NOW - 5 * HOUR).toISOString(), chronologicalOrder: true };
    const py = await f.api.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, ...window });
    const http = await f.http.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, ...window });
    assert.ok(py.timestamps instanceof Float64Array && py.values instanceof Float64Array);
    assert.ok(py.timestamps.length > 10);
    assert.deepEqual([...py.timestamps], [...http.timestamps]);
    assert.deepEqual([...py.values], [...http.values]);
    assert.equal(py.dataType, 'double');
    const byPath = await f.api.data.getTimeseries({ namesPath: [...f.info.asset.namesPath, f.info.asset.telemetryAttributeName], ...window });
    assert.deepEqual([...byPath.timestamps], [...py.timestamps]);
    assert.equal(byPath.name, f.info.asset.telemetryAttributeName, 'from df.attrs["sources"]');
    const newest = await f.api.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 50, tz: '+0300' });
    assert.equal(newest.timestamps.length, 50);
    assert.equal(newest.truncated, true, 'a full page may have more behind it');
    assert.ok(newest.timestamps[0] > newest.timestamps[1], 'newest first by default');
    assert.equal(newest.tz, '+03:00');
  });

  void test("get_timeseries form 'json' and timestamp: the same JSON as the HTTP client; DataFrame and astype refused by name", async () => {
    const window = { attributeId: f.info.asset.telemetryAttributeId, startTime: NOW - 6 * HOUR, endTime: NOW - 5 * HOUR, chronologicalOrder: true };
    const py = await f.api.data.getTimeseries({ ...window, form: 'json', timestamp: 'datetime', tz: '+0200' });
    const http = await f.http.data.getTimeseries({ ...window, form: 'json', timestamp: 'datetime', tz: '+0200' });
    assert.ok(py.length > 10);
    assert.deepEqual(py, http);
    await rejectsValidation(f.api.data.getTimeseries({ ...window, form: 'DataFrame' }), 'form');
    await rejectsValidation(f.api.data.getTimeseries({ ...window, astype: 'float' }), 'astype');
  });

  void test('get_timeseries of booleans and of text: numbers as 1/0, text kept as strings (astype=str on the second ask)', async () => {
    const running = await f.api.data.getTimeseries({ namesPath: [...f.info.asset.namesPath, 'Running'], limit: 20 });
    assert.ok(running.values.every((v) => v === 0 || v === 1));
    const telemetry = await f.http.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'TelemetryData' });
    const text = telemetry.find((a) => a.dataType === 'string');
    assert.ok(text?.telemetryName, 'the demo has a string telemetry attribute');
    const rows = ['0.1;0.4', 'n/a', '2.5;1'].map((v, i) => ({ timestamp: NOW - 10_000 + i * 1000, [text.telemetryName!]: v }));
    assert.equal((await f.http.data.writeTelemetry(rows, { deviceId: text.deviceId!, deviceUsername: `${text.deviceId}@${f.info.tenant}`, devicePassword: f.info.device.password })).ok, true);
    const [py, http] = await Promise.all([f.api.data.getTimeseries({ attributeId: text.id, limit: 3 }), f.http.data.getTimeseries({ attributeId: text.id, limit: 3 })]);
    assert.deepEqual(py.strings, ['2.5;1', 'n/a', '0.1;0.4']);
    assert.deepEqual(py.strings, http.strings);
    assert.deepEqual([...py.timestamps], [...http.timestamps]);
    assert.equal(py.dataType, 'string');
  });

  void test('validation is the HTTP client\'s, before any call', async () => {
    await rejectsValidation(f.api.data.getTimeseries({}), 'attributeId|namesPath', /none was/);
    await rejectsValidation(f.api.data.getTimeseries({ attributeId: 'AT1', limit: 10_001 }), 'limit', /1 to 10000/);
    await rejectsValidation(f.api.data.getTimeseries({ attributeId: 'AT1', tz: '+2' }), 'tz');
    await rejectsValidation(f.api.data.getTimeseries({ attributeId: 'AT1', startTime: 'last tuesday' }), 'startTime');
    await rejectsValidation(f.api.data.getTimeseries({ namesPath: ['Tampere Plant'] }), 'namesPath', /at least 2 names/);
    await rejectsValidation(f.api.data.getStatistics({ period: 'currentDay', dimension: 'Hour', attributeId: 'AT1' }), 'period', /did you mean CurrentDay/);
    await rejectsValidation(f.api.data.fetchSeriesPaged({ attributeId: 'AT1', start: 10, end: 5 }), 'end', /before start/);
  });

  void test('fetchSeriesPaged: ascending pages of get_timeseries, as the HTTP client reads them', async () => {
    const range = { attributeId: f.info.asset.telemetryAttributeId, start: NOW - 48 * HOUR, end: NOW, pageSize: 1000 };
    const pages: number[] = [];
    const py = await f.api.data.fetchSeriesPaged({ ...range, onPage: (p) => pages.push(p.timestamps.length) });
    const http = await f.http.data.fetchSeriesPaged(range);
    assert.deepEqual([...py.timestamps], [...http.timestamps]);
    assert.deepEqual([...py.values], [...http.values]);
    assert.ok(pages.length >= 3 && pages.slice(0, -1).every((n) => n === 1000));
  });

  void test('get_multiple_timeseries: one joined DataFrame, split back into series without its gaps', async () => {
    const options = { assetId: f.info.asset.id, startTime: NOW - 2 * HOUR, endTime: NOW, chronologicalOrder: true };
    const py = await f.api.data.getMultipleTimeseries(options);
    const http = await f.http.data.getMultipleTimeseries(options);
    assert.deepEqual(py.map((s) => s.name), http.map((s) => s.name));
    for (let i = 0; i < py.length; i++) {
      if (http[i].dataType === 'string') continue;
      assert.deepEqual([...py[i].timestamps], [...http[i].timestamps], http[i].name);
      assert.deepEqual([...py[i].values], [...http[i].values], http[i].name);
      assert.equal(py[i].attributeId, http[i].attributeId);
    }
    const named = await f.api.data.getMultipleTimeseries({ attributeIds: [f.info.asset.telemetryAttributeId], columnNames: ['t'], limit: 3 });
    assert.deepEqual(named.map((s) => [s.name, s.timestamps.length]), [['t', 3]]);
  });

  void test('get_statistics: buckets with the requested timestamp form', async () => {
    const options = { period: 'Custom', dimension: 'Hour', attributeId: f.info.asset.telemetryAttributeId, startTime: NOW - 5 * HOUR, endTime: NOW } as const;
    const [py, http] = await Promise.all([f.api.data.getStatistics({ ...options, timestamp: 'epoch' }), f.http.data.getStatistics({ ...options, timestamp: 'epoch' })]);
    assert.deepEqual(py, http);
    const iso = await f.api.data.getStatistics({ ...options, tz: '+02:00' });
    assert.match(String(iso[0].stattime), /\+02:00$/);
  });

  void test('get_timesignal: what a device wrote through write_timesignal', async () => {
    const ts = NOW - HOUR;
    const report = await f.api.data.writeTimesignal({ ...device(), attributeName: 'vibration', timestamp: ts, timesignalId: 'py-sig-1', value: { data: [1, 2, 3] } });
    assert.equal(report.ok, true);
    const attr = (await f.http.assets.getAttributes({ assetId: f.info.asset.id })).find((a) => a.telemetryName === 'vibration')!;
    const py = await f.api.data.getTimesignal('py-sig-1', { attributeId: attr.id, timestamp: 'epoch' });
    const http = await f.http.data.getTimesignal('py-sig-1', { attributeId: attr.id, timestamp: 'epoch' });
    assert.deepEqual(py.values, http.values);
    assert.deepEqual(py.values[0], { timestamp: ts, id: 'py-sig-1', value: { data: [1, 2, 3] } });
  });
});

void describe('writes', () => {
  void test('write_static: by ids and by names path; one boolean per value', async () => {
    const attrs = await f.http.assets.getAttributes({ assetId: f.info.asset.id });
    const number = attrs.find((a) => a.type === 'Number')!;
    const text = attrs.find((a) => a.type === 'String')!;
    assert.deepEqual(await f.api.data.writeStatic([42.5, 'SN-py'], { attributeIds: [number.id, text.id] }), [true, true]);
    let after = await f.http.assets.getAttributes({ assetId: f.info.asset.id });
    assert.deepEqual([after.find((a) => a.id === number.id)!.value, after.find((a) => a.id === text.id)!.value], [42.5, 'SN-py']);
    assert.deepEqual(await f.api.data.writeStatic([7], { namesPath: f.info.asset.namesPath, attributeNames: [number.name] }), [true]);
    after = await f.http.assets.getAttributes({ assetId: f.info.asset.id });
    assert.equal(after.find((a) => a.id === number.id)!.value, 7);
    assert.deepEqual(await f.api.data.writeStatic(['not a number'], { attributeIds: [number.id] }), [false], 'the server refused it');
    await rejectsValidation(f.api.data.writeStatic([Infinity], { attributeIds: [number.id] }), 'data[0]');
  });

  void test('write_calculated: a DataFrame argument, read back through the HTTP client', async () => {
    const calc = (await f.http.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Calculated' }))[0];
    const rows = [{ timestamp: NOW - 3 * HOUR, [calc.name]: 0.5 }, { timestamp: new Date(NOW - 2 * HOUR).toISOString(), [calc.name]: null }, { timestamp: NOW - HOUR, [calc.name]: 0.75 }];
    assert.equal(await f.api.data.writeCalculated(rows, { namesPath: f.info.asset.namesPath }), true);
    const back = await f.http.data.getTimeseries({ attributeId: calc.id, startTime: NOW - 3 * HOUR, endTime: NOW - HOUR, chronologicalOrder: true });
    const written = [...back.timestamps].map((t, i) => [t, back.values[i]]).filter(([t]) => t === NOW - 3 * HOUR || t === NOW - HOUR);
    assert.deepEqual(written, [[NOW - 3 * HOUR, 0.5], [NOW - HOUR, 0.75]]);
    await rejectsValidation(f.api.data.writeCalculated([{ timestamp: NOW, x: 'a' as unknown as number }], { attributeIds: [calc.id] }), 'data[0].x', /finite numbers/);
  });

  void test('write_telemetry: one das call per body of at most 2048 bytes; written values read back', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ timestamp: NOW - 30 * 60_000 + i * 1000, flow: 100 + i / 10 }));
    const report = await f.api.data.writeTelemetry(rows, { ...device(), units: ['m3/h'] });
    assert.equal(report.ok, true);
    assert.ok(report.batches.length > 1, 'split');
    assert.ok(report.batches.every((b) => b.status === 'written' && b.bytes <= 1536), 'a quarter of 2048 left for das\' own formatting');
    assert.equal(report.itemsWritten, 120);
    const flow = (await f.http.assets.getAttributes({ assetId: f.info.asset.id })).find((a) => a.telemetryName === 'flow')!;
    const back = await f.http.data.getTimeseries({ attributeId: flow.id, startTime: rows[0].timestamp, endTime: rows[119].timestamp, chronologicalOrder: true });
    assert.deepEqual([...back.values].slice(0, 3), [100, 100.1, 100.2]);
    const setReport = await f.api.data.writeTelemetry([{ timestamp: NOW - 1000, flow: 1, pressure: 2 }], { ...device(), setId: 'pump-set' });
    assert.equal(setReport.ok, true);
  });

  void test('a refused telemetry part: the report says which parts were written', async () => {
    f.emu.faults.add({ kind: '503', pathPrefix: '/http-adapter/telemetry', count: 1, every: 2 });
    const rows = Array.from({ length: 120 }, (_, i) => ({ timestamp: NOW - 20 * 60_000 + i * 1000, flow: i }));
    const err = await rejects(f.api.data.writeTelemetry(rows, device()), PartialWriteError);
    f.emu.faults.clear();
    assert.equal(err.report.batches[0].status, 'written');
    assert.equal(err.report.batches[1].status, 'failed');
    assert.equal(err.report.batches[1].httpStatus, 503);
    assert.ok(err.report.batches.slice(2).every((b) => b.status === 'not-sent'));
  });

  void test('device credentials: the user name defaults to deviceId@tenant; the password stays out of the log', async () => {
    const { deviceId, devicePassword } = device();
    assert.equal((await f.api.data.writeTimesignals({ ts: [{ n: 'vibration', ts: NOW, id: 'py-sig-2', value: [1] }] }, { deviceId, devicePassword })).ok, true);
    await rejectsValidation(f.backend({ tenant: '' }).data.writeTimesignals({ ts: [{ n: 'vibration', ts: NOW, id: 'x', value: 1 }] }, { deviceId, devicePassword }), 'deviceUsername', /tenant is unknown/);
    assert.ok(f.log.lines.every((l) => !l.includes(devicePassword)));
  });
});
