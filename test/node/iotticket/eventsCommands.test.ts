/** Asset events (active, history, counts) and commands (details, send, control) against the emulator. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../../../src/platforms/http';
import { rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const HOUR = 3_600_000;

let f: Fixture;
before(async () => {
  f = await startFixture({ now: () => NOW });
});
after(() => f.close());

void describe('events', () => {
  void test('limit above one page is read page by page with offset, as das allows any limit (16.7)', async () => {
    const all = await f.client.events.getAssetEventsActive();
    assert.ok(all.length >= 5, `the demo has ${all.length} active events`);
    assert.equal(new Set(all.map((e) => e.id)).size, all.length, 'events are told apart by id');
    assert.ok(all.every((e) => typeof e.id === 'string'));
    const history = await f.client.events.getAssetEventHistory({ assetIds: [f.info.asset.id] });
    // A server whose pages hold 2 events: the client pages on until the limit or the end.
    await f.control('/_emulator/iotticket/limits', { method: 'PUT', body: { eventsPageMax: 2 } });
    try {
      assert.deepEqual((await f.client.events.getAssetEventsActive({ limit: 50_000 })).map((e) => e.id), all.map((e) => e.id));
      assert.deepEqual((await f.client.events.getAssetEventsActive({ limit: 3 })).map((e) => e.id), all.slice(0, 3).map((e) => e.id));
      assert.deepEqual((await f.client.events.getAssetEventHistory({ assetIds: [f.info.asset.id], limit: 20_000 })).map((e) => e.id), history.map((e) => e.id));
      assert.equal(await f.client.events.assetEventActiveCount(), all.length);
    } finally {
      await f.control('/_emulator/iotticket/limits', { method: 'PUT', body: { eventsPageMax: 10_000 } });
    }
  });

  void test('active events of the organization and the active count agree', async () => {
    const all = await f.client.events.getAssetEventsActive();
    assert.ok(all.length >= 8);
    assert.ok(all.every((e) => e.active));
    assert.equal(await f.client.events.assetEventActiveCount(), all.length);
    const alarms = await f.client.events.getAssetEventsActive({ eventType: 'Alarm' });
    assert.deepEqual(alarms.map((e) => e.type).filter((t) => t !== 'Alarm'), []);
    assert.ok(alarms.length > 0 && alarms.length < all.length);
  });

  void test('filters: asset names, acknowledged, start time, limit', async () => {
    const pump3 = await f.client.events.getAssetEventsActive({ assetNames: ['Compressor 2'] }).catch((e: Error) => e);
    assert.match(String(pump3), /assetNames\[0\]: .*ambiguous/);
    const pumpLine2 = await f.client.assets.getAssetLevel({ namesPath: ['Tampere Plant', 'Line 2', 'Pump 3'], limit: 1 });
    const byId = await f.client.events.getAssetEventsActive({ assetIds: [pumpLine2.asset!.id] });
    assert.deepEqual(byId.map((e) => [e.eventId, e.type, e.severity]), [['OVERHEAT', 'Alarm', 'High']]);
    const withAck = await f.client.events.getAssetEventsActive();
    const withoutAck = await f.client.events.getAssetEventsActive({ acknowledged: false });
    assert.ok(withoutAck.length < withAck.length, 'the demo has acknowledged active events');
    assert.ok(withoutAck.every((e) => !e.acknowledged));
    const recent = await f.client.events.getAssetEventsActive({ startTime: NOW - HOUR });
    assert.ok(recent.length > 0 && recent.every((e) => Date.parse(e.activatedAt) >= NOW - HOUR));
    assert.equal((await f.client.events.getAssetEventsActive({ limit: 2 })).length, 2);
    await rejectsValidation(f.client.events.getAssetEventsActive({ assetIds: ['A1'], assetNames: ['x'] }), 'assetIds|assetNames', /at most one/);
    await rejectsValidation(f.client.events.getAssetEventsActive({ eventType: 'alarm' }), 'eventType', /did you mean Alarm/);
    await rejectsValidation(f.client.events.getAssetEventsActive({ limit: 0 }), 'limit');
  });

  void test('history: exactly one of assetIds/assetNames; time window; acknowledged rules', async () => {
    const pump = f.info.asset.id;
    const history = await f.client.events.getAssetEventHistory({ assetIds: [pump] });
    assert.deepEqual(history.map((e) => e.eventId).sort(), ['DRY_RUN', 'OVERHEAT']);
    assert.ok(history.every((e) => e.active === false && typeof e.clearedAt === 'string'));
    const window = await f.client.events.getAssetEventHistory({ assetIds: [pump], startTime: NOW - 3 * 24 * HOUR, endTime: NOW });
    assert.deepEqual(window.map((e) => e.eventId), ['OVERHEAT']);
    const byName = await f.client.events.getAssetEventHistory({ assetNames: ['Boiler'] }).catch((e: Error) => e);
    assert.match(String(byName), /ambiguous/);
    const acked = await f.client.events.getAssetEventHistory({ assetIds: [(await f.client.assets.getAssetLevel({ namesPath: ['Tampere Plant', 'Line 1', 'Compressor 2'], limit: 1 })).asset!.id], onlyAcknowledged: true });
    assert.ok(acked.length === 1 && acked[0].acknowledged === true);
    await rejectsValidation(f.client.events.getAssetEventHistory({}), 'assetIds|assetNames', /none was/);
    await rejectsValidation(f.client.events.getAssetEventHistory({ assetIds: [pump], acknowledged: false, onlyAcknowledged: true }), 'onlyAcknowledged', /always be empty/);
    await rejectsValidation(f.client.events.getAssetEventHistory({ assetIds: [pump], eventType: 'Error' }), 'eventType');
    await rejectsValidation(f.client.events.getAssetEventHistory({ assetNames: ['No such asset'] }), 'assetNames[0]', /no asset named/);
  });

  void test('acknowledging an event changes what acknowledged=false returns; per-asset counts', async () => {
    const open = await f.client.events.getAssetEventsActive({ acknowledged: false });
    const target = open[0];
    const acked = await f.client.events.acknowledgeEvent(target.id as string);
    assert.equal(acked.acknowledged, true);
    const after = await f.client.events.getAssetEventsActive({ acknowledged: false });
    assert.equal(after.length, open.length - 1);
    const site = (await f.client.assets.getAssetLevel({ namesPath: ['Tampere Plant'], limit: 1 })).asset!.id;
    const own = await f.client.events.assetEventActiveCount({ assetId: site });
    const withChildren = await f.client.events.assetEventActiveCount({ assetId: site, includeChildren: true });
    assert.equal(own, 0);
    assert.ok(withChildren >= 2);
  });
});

void describe('commands', () => {
  const pumpPath = (): string[] => f.info.asset.namesPath;

  void test('sendCommand by names path with template variables; details show the latest entry', async () => {
    const receipt = await f.client.commands.sendCommand({ namesPath: [...pumpPath(), 'Speed setpoint'], templateVariables: { rpm: 1200 } });
    assert.equal(receipt.status, 'QUEUED');
    assert.equal(receipt.targets, 1);
    const details = await f.client.commands.getCommandDetails({ namesPath: pumpPath(), identifierName: 'setSpeed', timestamp: 'epoch' });
    assert.equal(details.length, 1);
    assert.equal(details[0].commandId, receipt.commandId);
    assert.equal(details[0].attributeId, f.info.asset.commandAttributeId);
    assert.equal(details[0].status, 'QUEUED');
    assert.equal(details[0].payload, '{"cmd":"setSpeed","rpm":1200}');
    assert.equal(details[0].timestamp, NOW);
    const zoned = await f.client.commands.getCommandDetails({ assetId: f.info.asset.id, tz: '-05:00' });
    assert.ok(zoned.some((d) => d.timestamp === '2026-11-20T07:00:00.000-05:00'));
  });

  void test('sendCommand with a dynamic payload by asset id + attribute name; aggregated reaches sub-assets', async () => {
    const receipt = await f.client.commands.sendCommand({ assetId: f.info.asset.id, attributeName: 'Start/Stop', payload: { action: 'start' } });
    const status = await f.client.commands.getCommandStatus(receipt.commandId!);
    assert.equal(status.payload, '{"action":"start"}');
    const line = await f.client.commands.sendCommand({ namesPath: ['Tampere Plant', 'Line 1', 'Pump speed (all pumps)'], templateVariables: { rpm: 900 }, aggregated: true });
    assert.equal(line.targets, 3, 'the line has no device of its own: its three pumps get it');
    assert.equal(line.commandIds?.length, 3);
    const statuses = await Promise.all(line.commandIds!.map((id) => f.client.commands.getCommandStatus(id)));
    assert.deepEqual(statuses.map((c) => c.payload), Array(3).fill('{"cmd":"setSpeed","rpm":900}'));
    assert.equal(new Set(statuses.map((c) => c.deviceId)).size, 3);
  });

  void test('sendControlCommand queues a control command, or records it skipped', async () => {
    const lineLevel = await rejects(f.client.commands.sendControlCommand(1500, { namesPath: ['Tampere Plant', 'Line 1', 'Pump speed (all pumps)'] }), HttpError);
    assert.equal(lineLevel.status, 400, 'the line-level attribute has no device of its own');
    const ok = await f.client.commands.sendControlCommand(1500, { assetId: f.info.asset.id, attributeId: f.info.asset.commandAttributeId });
    assert.equal(ok.status, 'QUEUED');
    const status = await f.client.commands.getCommandStatus(ok.commandId!);
    assert.equal(status.kind, 'control');
    assert.equal(status.desiredValue, 1500);
    const skipped = await f.client.commands.sendControlCommand(1600, { namesPath: [...pumpPath(), 'Speed setpoint'], skipFirstCommand: true });
    assert.equal(skipped.status, 'SKIPPED');
  });

  void test('sendControlCommand takes any JSON value as das documents ("the desired target value"), objects and lists too (16.7)', async () => {
    const value = { mode: 'run', ramp: [1, 2, 3] };
    const receipt = await f.client.commands.sendControlCommand(value, { namesPath: [...pumpPath(), 'Start/Stop'] });
    assert.equal(receipt.status, 'QUEUED');
    const status = await f.client.commands.getCommandStatus(receipt.commandId!);
    assert.deepEqual(status.desiredValue, value);
    assert.equal(status.payload, JSON.stringify({ desiredValue: value }));
  });

  void test('locator and payload rules are checked before sending', async () => {
    const cmd = { assetId: f.info.asset.id, attributeId: f.info.asset.commandAttributeId };
    await rejectsValidation(f.client.commands.sendCommand({ ...cmd }), 'payload|templateVariables', /none was/);
    await rejectsValidation(f.client.commands.sendCommand({ ...cmd, payload: 1, templateVariables: { rpm: 1 } }), 'payload|templateVariables');
    await rejectsValidation(f.client.commands.sendCommand({ assetId: f.info.asset.id, payload: 1 }), 'attributeName|attributeId', /none was/);
    await rejectsValidation(f.client.commands.sendCommand({ attributeId: 'AT1', payload: 1 }), 'assetName|assetId');
    await rejectsValidation(f.client.commands.sendCommand({ namesPath: [...pumpPath(), 'Speed setpoint'], assetId: 'A1', payload: 1 }), 'namesPath|assetId', /not both/);
    await rejectsValidation(f.client.commands.sendCommand({ payload: 1 }), 'namesPath|assetId|assetName');
    await rejectsValidation(f.client.commands.sendCommand({ assetId: f.info.asset.id, attributeName: 'Flow', payload: 1 }), 'attributeName', /no Command attribute named "Flow"/);
    await rejectsValidation(f.client.commands.sendCommand({ namesPath: [...pumpPath(), 'Motor', 'x'], payload: 1 }), 'namesPath', /it has none/);
    await rejectsValidation(f.client.commands.sendControlCommand(null as unknown as number, cmd), 'desiredValue', /is required/);
    await rejectsValidation(f.client.commands.sendControlCommand({ rpm: Number.NaN }, cmd), 'desiredValue.rpm', /NaN is not a usable value/);
    await rejectsValidation(f.client.commands.getCommandDetails({}), 'assetId|assetName|namesPath');
    await rejectsValidation(f.client.commands.getCommandDetails({ assetId: 'A1', timestamp: 'iso' as 'epoch' }), 'timestamp');
    // Wrong payload kind for the attribute: the server refuses it.
    const err = await rejects(f.client.commands.sendCommand({ ...cmd, payload: { rpm: 1 } }), HttpError);
    assert.equal(err.status, 400);
    assert.match(err.platformMessage, /Templated/);
  });
});
