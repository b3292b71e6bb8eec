/** Every EventsClient and CommandsClient method of the das reference through the Python backend, against the HTTP client. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../../src/platforms/http';
import { NotInSdkError, PythonCallError } from '../../../../src/platforms/iotticket/python';
import { rejects, rejectsValidation } from '../fixture';
import { startPyFixture, type PyFixture } from './pyFixture';

let f: PyFixture;
before(async () => {
  f = await startPyFixture();
});
after(() => f.close());

const device = (): { deviceId: string; devicePassword: string } => ({ deviceId: f.info.device.id, devicePassword: f.info.device.password });

void describe('EventsClient', () => {
  void test('get_asset_events_active and asset_event_active_count: the organization and one asset', async () => {
    const [py, http] = await Promise.all([f.api.events.getAssetEventsActive(), f.http.events.getAssetEventsActive()]);
    assert.deepEqual(py.map((e) => [e.eventId, e.type, e.severity, e.assetId, e.active]), http.map((e) => [e.eventId, e.type, e.severity, e.assetId, e.active]));
    assert.deepEqual(py.map((e) => e.activatedAt), http.map((e) => e.activatedAt), 'start_time → activatedAt, ISO');
    assert.equal(await f.api.events.assetEventActiveCount(), await f.http.events.assetEventActiveCount());
    const asset = http[0].assetId!;
    assert.equal(await f.api.events.assetEventActiveCount({ assetId: asset }), await f.http.events.assetEventActiveCount({ assetId: asset }));
    const plant = f.info.asset.namesPath.slice(0, 1);
    const top = (await f.http.assets.getAssetLevel({ namesPath: plant, limit: 1 })).asset!.id;
    assert.equal(await f.api.events.assetEventActiveCount({ assetId: top, includeChildren: true }), await f.http.events.assetEventActiveCount({ assetId: top, includeChildren: true }));
    const alarms = await f.api.events.getAssetEventsActive({ eventType: 'Alarm' });
    assert.ok(alarms.every((e) => e.type === 'Alarm'));
    await rejectsValidation(f.api.events.getAssetEventsActive({ eventType: 'alarm' }), 'eventType', /did you mean Alarm/);
    await rejectsValidation(f.api.events.getAssetEventsActive({ assetIds: ['A1'], assetNames: ['x'] }), 'assetIds|assetNames');
  });

  void test('write_device_event(s), then get_asset_event_history by ids and by names', async () => {
    const ts = Date.now() - 60_000;
    const attrs = await f.http.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'DeviceEvent' });
    const eventId = String(attrs[0].eventId);
    assert.equal((await f.api.events.writeDeviceEvent({ ...device(), eventId, message: 'py raised', timestamp: ts, severity: 'High', eventType: 'Alarm', isActive: true })).ok, true);
    assert.equal((await f.api.events.writeDeviceEvents({ e: [{ id: eventId, m: 'py cleared', ts: ts + 1000, active: false }] }, device())).ok, true);
    const history = await f.api.events.getAssetEventHistory({ assetIds: [f.info.asset.id], startTime: ts - 1 });
    const http = await f.http.events.getAssetEventHistory({ assetIds: [f.info.asset.id], startTime: ts - 1 });
    assert.deepEqual(history.map((e) => [e.eventId, e.message, e.active, e.clearedAt]), http.map((e) => [e.eventId, e.message, e.active, e.clearedAt]));
    assert.ok(history.some((e) => e.eventId === eventId && e.clearedAt), 'end_time → clearedAt');
    const byName = await f.api.events.getAssetEventHistory({ assetNames: [f.info.asset.namesPath[0]], startTime: ts - 1 });
    assert.ok(Array.isArray(byName));
    await rejectsValidation(f.api.events.getAssetEventHistory({}), 'assetIds|assetNames');
    await rejectsValidation(f.api.events.getAssetEventHistory({ assetIds: ['A1'], acknowledged: false, onlyAcknowledged: true }), 'onlyAcknowledged');
    await rejectsValidation(f.api.events.writeDeviceEvent({ ...device(), eventId, message: 'm', timestamp: ts, severity: 'Severe' }), 'event[0].severity');
    await rejects(f.api.events.acknowledgeEvent('EVT1'), NotInSdkError);
  });
});

void describe('CommandsClient', () => {
  void test('send_command (templated and aggregated), send_control_command, get_command_details', async () => {
    const attrs = await f.api.assets.getAttributes({ assetId: f.info.asset.id });
    const command = attrs.find((a) => a.id === f.info.asset.commandAttributeId)!;
    const variables = Object.fromEntries(((command.templateVariables as string[] | undefined) ?? []).map((v) => [v, 21]));
    const sent = await f.api.commands.sendCommand(
      command.payloadType === 'Templated' ? { assetId: f.info.asset.id, attributeId: command.id, templateVariables: variables } : { assetId: f.info.asset.id, attributeId: command.id, payload: { v: 21 } },
    );
    assert.equal(sent.status, 'SENT', 'das returns nothing: what we know');
    const control = await f.api.commands.sendControlCommand(22, { namesPath: [...f.info.asset.namesPath, command.name], skipFirstCommand: true });
    assert.equal(control.status, 'SENT');
    const [py, http] = await Promise.all([f.api.commands.getCommandDetails({ assetId: f.info.asset.id, timestamp: 'epoch' }), f.http.commands.getCommandDetails({ assetId: f.info.asset.id, timestamp: 'epoch' })]);
    assert.deepEqual(py.map((e) => [e.attributeId, e.commandId, e.status, e.timestamp]), http.map((e) => [e.attributeId, e.commandId, e.status, e.timestamp]));
    assert.ok(py.some((e) => e.status === 'SKIPPED'), 'skip_first_command reached the platform');
    const iso = await f.api.commands.getCommandDetails({ namesPath: f.info.asset.namesPath, tz: '+02:00' });
    assert.match(String(iso[0].timestamp), /\+02:00$/);
    await rejectsValidation(f.api.commands.sendCommand({ assetId: 'A1', attributeId: 'AT1' }), 'payload|templateVariables', /none was/);
    await rejectsValidation(f.api.commands.sendCommand({ namesPath: ['a', 'b'], assetId: 'A1', payload: 1 }), 'namesPath|assetId');
    await rejectsValidation(f.api.commands.sendControlCommand(NaN, { assetId: 'A1', attributeId: 'AT1' }), 'desiredValue');
    const unknown = await rejects(f.api.commands.sendCommand({ assetId: f.info.asset.id, attributeName: 'No such command', payload: 1 }), PythonCallError);
    assert.equal(unknown.pythonType, 'Exception', 'the reference raises a bare Exception here');
    await rejects(f.api.commands.getCommandStatus('c-1'), NotInSdkError);
    assert.ok(!((await rejects(f.api.commands.getCommandStatus('c-1'), NotInSdkError)) instanceof ValidationError));
  });
});
