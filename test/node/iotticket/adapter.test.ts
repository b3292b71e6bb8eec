/**
 * Device-side writes through the HTTP adapter (telemetry split at 2048 bytes, sets, time signals, events),
 * read back through the v1 API and the asset API; writes are never retried; command polling.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, PlatformError } from '../../../src/platforms/http';
import { PartialWriteError, type TelemetryRow } from '../../../src/platforms/iotticket';
import { rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

let f: Fixture;
before(async () => {
  f = await startFixture({ now: () => NOW });
});
after(() => f.close());

interface AdapterRequest {
  readonly method: string;
  readonly path: string;
  readonly bytes: number;
  readonly status: number;
}

let seenBefore = 0;
beforeEach(async () => {
  seenBefore = (await f.control<{ items: AdapterRequest[] }>('/_emulator/iotticket/adapter-requests')).items.length;
});

/** Adapter requests the emulator received since the test started. */
async function adapterRequests(): Promise<AdapterRequest[]> {
  return (await f.control<{ items: AdapterRequest[] }>('/_emulator/iotticket/adapter-requests')).items.slice(seenBefore);
}

/** A v1 read of the example device's datanode over a window, values as the client converts them. */
async function readBack(datanode: string, from: number, to: number): Promise<{ ts: number; v: unknown }[]> {
  const read = await f.v1.readData(f.info.v1.deviceId, { datanodes: [`/${datanode}`], fromDate: from, toDate: to, limit: 10_000, order: 'ascending' });
  return read.datanodeReads.flatMap((d) => d.values.map((p) => ({ ts: p.ts, v: p.v })));
}

void describe('telemetry', () => {
  void test('a large write is split into bodies of at most 2048 bytes, every value stored in order', async () => {
    const t0 = NOW - 10 * 86_400_000;
    const rows: TelemetryRow[] = Array.from({ length: 400 }, (_, i) => ({ timestamp: t0 + i * 1000, split_num: i + 0.5, split_txt: `wert-ä-${i}` }));
    const report = await f.adapter.writeTelemetry(f.device, rows, { units: ['mm', ''] });
    assert.equal(report.ok, true);
    assert.equal(report.itemsTotal, 800);
    assert.equal(report.itemsWritten, 800);
    assert.ok(report.batches.length > 10 && report.batches.every((b) => b.status === 'written' && b.httpStatus === 202));

    const received = await adapterRequests();
    assert.equal(received.length, report.batches.length);
    for (const r of received) {
      assert.equal(r.status, 202);
      assert.ok(r.bytes <= 2048, `a body of ${r.bytes} bytes reached the adapter`);
    }
    assert.deepEqual(received.map((r) => r.bytes), report.batches.map((b) => b.bytes), 'the client measured exactly what went over the wire');

    const nums = await readBack('split_num', t0, t0 + 400_000);
    assert.deepEqual(nums, rows.map((r) => ({ ts: r.timestamp, v: r.split_num })));
    const texts = await readBack('split_txt', t0, t0 + 400_000);
    assert.deepEqual(texts, rows.map((r) => ({ ts: r.timestamp, v: r.split_txt })));
    const ingestErrors = await f.control<{ items: unknown[] }>('/_emulator/iotticket/ingest-errors');
    assert.deepEqual(ingestErrors.items, [], 'the adapter understood every document');
  });

  void test('single telemetry drops nulls; a telemetry set refuses them before sending', async () => {
    const t0 = NOW - 9 * 86_400_000;
    const rows: TelemetryRow[] = [
      { timestamp: t0, nul_a: 1, nul_b: null },
      { timestamp: t0 + 1000, nul_a: null, nul_b: 2 },
      { timestamp: t0 + 2000, nul_a: 3, nul_b: undefined },
    ];
    const report = await f.adapter.writeTelemetry(f.device, rows);
    assert.equal(report.itemsWritten, 3);
    assert.deepEqual(await readBack('nul_a', t0, t0 + 2000), [{ ts: t0, v: 1 }, { ts: t0 + 2000, v: 3 }]);
    assert.deepEqual(await readBack('nul_b', t0, t0 + 2000), [{ ts: t0 + 1000, v: 2 }]);
    await rejectsValidation(f.adapter.writeTelemetry(f.device, rows, { setId: 'pos' }), 'data[0].nul_b', /cannot contain null/);
    assert.equal((await adapterRequests()).length, 1, 'the refused set sent nothing');
  });

  void test('a telemetry set puts every member at the set time', async () => {
    const t = NOW - 8 * 86_400_000;
    await f.adapter.writeTelemetry(f.device, [{ timestamp: new Date(t).toISOString(), set_lat: 61.49, set_lon: 23.76 }], { setId: 'gps' });
    assert.deepEqual(await readBack('set_lat', t, t), [{ ts: t, v: 61.49 }]);
    assert.deepEqual(await readBack('set_lon', t, t), [{ ts: t, v: 23.76 }]);
  });

  void test('telemetry written by the device shows up in the asset API series of its attribute', async () => {
    const t = NOW - 7 * 86_400_000 + 123;
    await f.client.data.writeTelemetry([{ timestamp: t, temperature: 66.6 }], { deviceId: f.info.device.id, deviceUsername: f.info.device.username, devicePassword: f.info.device.password });
    const s = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, startTime: t, endTime: t });
    assert.deepEqual([...s.timestamps], [t]);
    assert.deepEqual([...s.values], [66.6]);
  });

  void test('a failed write is not retried: exactly one request reached the emulator and the error surfaces', async () => {
    f.emu.faults.set([{ kind: '503', method: 'PUT', pathPrefix: '/http-adapter/', count: 5, retryAfterSec: 0 }]);
    try {
      const err = await rejects(f.adapter.writeTelemetry(f.device, [{ timestamp: NOW - 1000, never: 1 }]), HttpError);
      assert.equal(err.status, 503);
      assert.equal(f.faults()[0].count, 4, 'one request only');
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('a split write that fails in the middle reports exactly which bodies were written', async () => {
    const t0 = NOW - 6 * 86_400_000;
    const rows: TelemetryRow[] = Array.from({ length: 200 }, (_, i) => ({ timestamp: t0 + i * 1000, partial: i }));
    // The third adapter request fails.
    f.emu.faults.set([{ kind: '503', method: 'PUT', pathPrefix: '/http-adapter/', every: 3, count: 1 }]);
    let err: PartialWriteError;
    try {
      err = await rejects(f.adapter.writeTelemetry(f.device, rows), PartialWriteError);
    } finally {
      f.emu.faults.clear();
    }
    const { report } = err;
    assert.equal(report.ok, false);
    assert.deepEqual(report.batches.slice(0, 3).map((b) => b.status), ['written', 'written', 'failed']);
    assert.ok(report.batches.slice(3).every((b) => b.status === 'not-sent'));
    assert.equal(report.batches[2].httpStatus, 503);
    assert.ok(err.cause instanceof HttpError);
    assert.match(err.message, /stopped at body 3 of \d+: .*503.*\(\d+ of 200 values were written/);
    const stored = await readBack('partial', t0, t0 + 200_000);
    assert.equal(stored.length, report.itemsWritten);
    assert.deepEqual(stored.map((p) => p.v), rows.slice(0, report.itemsWritten).map((r) => r.partial), 'exactly the first bodies, in order');
  });

  void test('wrong device password → 401; another device\'s path → 403', async () => {
    const err = await rejects(f.adapter.writeTelemetry({ ...f.device, password: 'not-the-password' }, [{ timestamp: NOW, x: 1 }]), HttpError);
    assert.equal(err.status, 401);
    assert.ok(!err.message.includes('not-the-password'));
    const other = await rejects(f.adapter.writeTelemetry({ ...f.device, deviceId: 'tre-l1-pump2' }, [{ timestamp: NOW, x: 1 }]), HttpError);
    assert.equal(other.status, 403);
  });

  void test('a document above the limit gets 413 from the adapter (the client never builds one)', async () => {
    await assert.rejects(f.adapter.putDocument(f.device, 'telemetry', { t: [{ n: 'big', dt: 'string', data: [{ [new Date(NOW).toISOString()]: 'x'.repeat(3000) }] }] }), (e: unknown) => e instanceof HttpError && e.status === 413);
    await rejectsValidation(f.adapter.writeTelemetry(f.device, [{ timestamp: NOW, big: 'x'.repeat(3000) }]), 'data[0].big', /2048/);
  });

  void test('the tenant comes from the user name, else from the client', async () => {
    assert.equal(f.adapter.tenantOf({ deviceId: 'd', username: 'd@other', password: 'p' }), 'other');
    assert.equal(f.adapter.tenantOf({ deviceId: 'd', password: 'p' }), f.info.tenant);
    assert.throws(() => f.client.adapter!.tenantOf({ deviceId: 'd', password: 'p' }), PlatformError);
  });
});

void describe('time signals and device events', () => {
  void test('writeTimesignal and writeTimesignals are readable with getTimesignal', async () => {
    const creds = { deviceId: f.info.device.id, deviceUsername: f.info.device.username, devicePassword: f.info.device.password };
    await f.client.data.writeTimesignal({ ...creds, attributeName: 'spectrum', timestamp: NOW - 60_000, timesignalId: 'ts-one', value: { amplitude: [1, 2] } });
    await f.client.data.writeTimesignals({ ts: [
      { n: 'spectrum', ts: '2026-11-20T13:59:00', id: 'ts-two', value: { amplitude: [3] } },
      { n: 'spectrum', ts: NOW - 30_000, id: 'ts-three', value: [4, 5] },
    ] }, { ...creds, tz: '+02:00' });
    const path = [...f.info.asset.namesPath, 'Vibration spectrum'];
    const one = await f.client.data.getTimesignal('ts-one', { namesPath: path, timestamp: 'epoch' });
    assert.deepEqual(one.values, [{ timestamp: NOW - 60_000, id: 'ts-one', value: { amplitude: [1, 2] } }]);
    const two = await f.client.data.getTimesignal('ts-two', { namesPath: path, timestamp: 'epoch' });
    assert.equal(two.values[0].timestamp, NOW - 60_000, 'naive time read in +02:00');
    const three = await f.client.data.getTimesignal('ts-three', { namesPath: path, tz: '+01:00' });
    assert.equal(three.values[0].timestamp, '2026-11-20T12:59:30.000+01:00');
  });

  void test('writeDeviceEvent opens an event and closing it moves it to history', async () => {
    const creds = { deviceId: f.info.device.id, deviceUsername: f.info.device.username, devicePassword: f.info.device.password };
    const before = await f.client.events.getAssetEventsActive({ assetIds: [f.info.asset.id] });
    await f.client.events.writeDeviceEvent({ ...creds, eventId: 'OVERHEAT', message: 'Bearing 95 °C', timestamp: NOW - 5000, eventType: 'Alarm', severity: 'Critical', isActive: true, eventGroupName: 'Protection' });
    const active = await f.client.events.getAssetEventsActive({ assetIds: [f.info.asset.id] });
    assert.equal(active.length, before.length + 1);
    const opened = active.find((e) => e.eventId === 'OVERHEAT')!;
    assert.equal(opened.severity, 'Critical');
    assert.equal(opened.message, 'Bearing 95 °C');
    await f.client.events.writeDeviceEvents({ e: [{ id: 'OVERHEAT', m: 'Back to normal', ts: NOW - 1000, type: 'Alarm', severity: 'Critical', active: false }] }, creds);
    const after = await f.client.events.getAssetEventsActive({ assetIds: [f.info.asset.id] });
    assert.equal(after.length, before.length);
    const history = await f.client.events.getAssetEventHistory({ assetIds: [f.info.asset.id], startTime: NOW - 6000 });
    assert.equal(history.length, 1);
    assert.equal(history[0].active, false);
    assert.equal(history[0].clearedAt, new Date(NOW - 1000).toISOString());
  });

  void test('device event validation happens before sending', async () => {
    const creds = { deviceId: f.info.device.id, devicePassword: f.info.device.password, deviceUsername: f.info.device.username };
    await rejectsValidation(f.client.events.writeDeviceEvent({ ...creds, eventId: 'X', message: 'm', timestamp: NOW, eventType: 'Error' }), 'event[0].type', /Alarm, Warning, Notification/);
    await rejectsValidation(f.client.events.writeDeviceEvent({ ...creds, eventId: 'X', message: 'm', timestamp: NOW, severity: 'critical' }), 'event[0].severity', /did you mean Critical/);
    await rejectsValidation(f.client.events.writeDeviceEvents({ e: [] }, creds), 'payload.e');
    assert.equal((await adapterRequests()).length, 0);
  });
});

void describe('commands through the adapter', () => {
  void test('a command sent in the asset API is polled, acknowledged, and its status follows', async () => {
    const receipt = await f.client.commands.sendCommand({ assetId: f.info.asset.id, attributeId: f.info.asset.commandAttributeId, templateVariables: { rpm: 1450 } });
    assert.equal(receipt.status, 'QUEUED');
    const polled = await f.adapter.pollCommands(f.device);
    assert.equal(polled.length, 1);
    assert.equal(polled[0].reqId, receipt.commandId);
    assert.deepEqual(polled[0].payload, { cmd: 'setSpeed', rpm: 1450 });
    assert.equal((await f.client.commands.getCommandStatus(receipt.commandId!)).status, 'DELIVERED');
    await f.adapter.respondToCommand(f.device, polled[0].reqId, 200, { ok: true });
    assert.equal((await f.client.commands.getCommandStatus(receipt.commandId!)).status, 'SUCCEEDED');
    assert.deepEqual(await f.adapter.pollCommands(f.device), []);
  });
});
