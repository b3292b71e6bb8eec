import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { IotTicketClient } from '../../../src/platforms/iotticket/client';
import { DeviceAdapterClient, type DeviceCredentials } from '../../../src/platforms/iotticket/adapterClient';
import { planTelemetryWrite } from '../../../src/platforms/iotticket/writePlan';
import type { AssetAttribute } from '../../../src/platforms/iotticket/types';
import type { WriteContext } from '../../../src/writes/send/context';
import { prepareWrite, sendSpec } from '../../../src/writes/send/executor';
import { MissingDeviceCredentialsError } from '../../../src/writes/send/adapterWrites';
import { followUntilFinal } from '../../../src/writes/model/commandFollow';
import { formatCommandLog, readCommandLog } from '../../../src/writes/send/commandLog';

interface IotInfo {
  user: string;
  password: string;
  tenant: string;
  device: { id: string; username: string; password: string };
  asset: { id: string; namesPath: string[]; telemetryAttributeId: string; commandAttributeId: string };
  coreBaseUrl: string;
  adapterBaseUrl: string;
}

interface AdapterRequest {
  method: string;
  path: string;
  bytes: number;
  status: number;
}

const C = 'demo-iotticket';
let emu: Emulator;
let info: IotInfo;
let core: IotTicketClient;
let adapter: DeviceAdapterClient;
let device: DeviceCredentials;
let ctx: WriteContext;
let pumpAttributes: AssetAttribute[];
const files = new Map<string, string>();

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${info.coreBaseUrl}${path}`, { headers: { Authorization: `Basic ${Buffer.from(`${info.user}:${info.password}`).toString('base64')}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function adapterRequests(): Promise<AdapterRequest[]> {
  return ((await (await fetch(`${emu.url}/_emulator/iotticket/adapter-requests`)).json()) as { items: AdapterRequest[] }).items;
}

function attr(name: string, attributes = pumpAttributes): AssetAttribute {
  const found = attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

async function series(assetId: string, attributeId: string, start: number, end: number): Promise<{ ts: string; v: unknown }[]> {
  const body = await api<{ values: { ts: string; v: unknown }[] }>(`/assets/${assetId}/attributes/${attributeId}/timeseries?start=${start}&end=${end}&order=asc`);
  return body.values;
}

function contextFor(client: IotTicketClient, url: string): WriteContext {
  return {
    iotticket: async () => ({ assetApi: client, adapter: async () => adapter }),
    altair: () => Promise.reject(new Error('not an Altair test')),
    deviceCredentials: async (_c, id) => (id === info.device.id ? device : undefined),
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw new Error(`no file ${path} (${url})`);
      return { text, name: path };
    },
  };
}

before(async () => {
  emu = await startEmulator();
  info = (emu.info() as { iotticket: IotInfo }).iotticket;
  core = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
  adapter = new DeviceAdapterClient({ baseUrl: info.adapterBaseUrl, tenant: info.tenant });
  device = { deviceId: info.device.id, password: info.device.password };
  ctx = contextFor(core, emu.url);
  pumpAttributes = await core.assets.getAttributes({ assetId: info.asset.id });
});

after(async () => {
  await emu.close();
});

void describe('IoT-TICKET commands', () => {
  void test('a Templated command is queued, delivered to the device through the adapter, answered, and followed until final', async () => {
    const outcome = await sendSpec({ kind: 'iotticket.command', connection: C, assetId: info.asset.id, attributeId: info.asset.commandAttributeId, templateVariables: { rpm: 1450 } }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.match(outcome.meaning ?? '', /not applied yet/);
    const [id] = outcome.commandIds ?? [];
    assert.ok(id);
    const queued = await core.commands.getCommandStatus(id);
    assert.equal(queued.status, 'QUEUED');
    assert.equal(queued.payload, '{"cmd":"setSpeed","rpm":1450}');

    // The device side: poll through the HTTP adapter with the device's credentials, then answer.
    const delivered = await adapter.pollCommands(device);
    const mine = delivered.find((c) => c.reqId === id || c.requestId === id);
    assert.ok(mine, `command ${id} delivered: ${JSON.stringify(delivered)}`);
    assert.deepEqual(mine.payload, { cmd: 'setSpeed', rpm: 1450 });
    assert.equal((await core.commands.getCommandStatus(id)).status, 'DELIVERED');
    await adapter.respondToCommand(device, id, 200, { ok: true });

    const seen: string[] = [];
    const followed = await followUntilFinal({
      read: async (signal) => [await core.commands.getCommandStatus(id, { signal })],
      statusOf: (c) => String(c.status),
      onUpdate: (items) => seen.push(String(items[0].status)),
      intervalMs: 1,
    });
    assert.equal(followed.final, true);
    assert.equal(seen.at(-1), 'SUCCEEDED');

    // The asset's command log (get_command_details plus the attribute's full log) shows the trail and the answer.
    const log = await readCommandLog(core, info.asset.id, { attributeId: info.asset.commandAttributeId });
    const entry = log.attributes[0].entries.find((e) => e.id === id);
    assert.equal(entry?.status, 'SUCCEEDED');
    const text = formatCommandLog(log, 'Pump 1', new Date(0), false);
    assert.match(text, new RegExp(`${id}  QUEUED → DELIVERED → SUCCEEDED\\n      payload \\{"cmd":"setSpeed","rpm":1450\\}; device answered 200 \\{"ok":true\\}`));
  });

  void test('a Dynamic command sends its JSON payload as is', async () => {
    const startStop = attr('Start/Stop');
    const outcome = await sendSpec({ kind: 'iotticket.command', connection: C, assetId: info.asset.id, attributeId: startStop.id, payload: { action: 'start', ramp: 5 } }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    const delivered = await adapter.pollCommands(device);
    const mine = delivered.find((c) => c.reqId === outcome.commandIds?.[0]);
    assert.deepEqual(mine?.payload, { action: 'start', ramp: 5 });
  });

  void test('wrong payload kinds and template variables are refused before anything is queued, naming the field', async () => {
    const before = (await api<{ history: unknown[] }>(`/assets/${info.asset.id}/commands/${info.asset.commandAttributeId}`)).history.length;
    const base = { kind: 'iotticket.command', connection: C, assetId: info.asset.id, attributeId: info.asset.commandAttributeId } as const;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ payload: { rpm: 1 } }, /^Not sent: templateVariables: .*Templated/],
      [{ templateVariables: {} }, /^Not sent: templateVariables\.rpm: is required/],
      [{ templateVariables: { rpm: 1, speed: 2 } }, /^Not sent: templateVariables\.speed: is not a variable/],
      [{ payload: 1, templateVariables: { rpm: 1 } }, /^Not sent: command: give exactly one of "payload" or "templateVariables"/],
    ];
    for (const [extra, message] of cases) {
      const outcome = await sendSpec({ ...base, ...extra } as never, ctx);
      assert.equal(outcome.result, 'refused', JSON.stringify(extra));
      assert.match(outcome.summary, message);
    }
    const bad = await sendSpec({ ...base, attributeId: attr('Rated power').id, templateVariables: { rpm: 1 } }, ctx);
    assert.match(bad.summary, /^Not sent: attributeId: Rated power is a Number attribute/);
    assert.equal((await api<{ history: unknown[] }>(`/assets/${info.asset.id}/commands/${info.asset.commandAttributeId}`)).history.length, before);
  });

  void test('control commands: skip-first-command records without sending; a non-number is refused', async () => {
    const skipped = await sendSpec({ kind: 'iotticket.control', connection: C, assetId: info.asset.id, attributeId: info.asset.commandAttributeId, desiredValue: 1500, skipFirstCommand: true }, ctx);
    assert.equal(skipped.result, 'accepted', skipped.summary);
    assert.match(skipped.meaning ?? '', /skip-first-command/);
    const record = await core.commands.getCommandStatus(skipped.commandIds![0]);
    assert.equal(record.status, 'SKIPPED');
    assert.equal(record.desiredValue, 1500);
    assert.equal((await adapter.pollCommands(device)).some((c) => c.reqId === skipped.commandIds![0]), false);

    const sent = await sendSpec({ kind: 'iotticket.control', connection: C, assetId: info.asset.id, attributeId: info.asset.commandAttributeId, desiredValue: 1400 }, ctx);
    assert.equal((await core.commands.getCommandStatus(sent.commandIds![0])).status, 'QUEUED');
    const polled = await adapter.pollCommands(device);
    assert.deepEqual(polled.find((c) => c.reqId === sent.commandIds![0])?.payload, { cmd: 'setSpeed', rpm: 1400 });

    const bad = await sendSpec({ kind: 'iotticket.control', connection: C, assetId: info.asset.id, attributeId: info.asset.commandAttributeId, desiredValue: 'fast' }, ctx);
    assert.equal(bad.result, 'refused');
    assert.match(bad.summary, /desiredValue/);
  });
});

void describe('aggregated commands (asset and sub-assets)', () => {
  let large: Emulator;
  let largeAssetApi: IotTicketClient;

  before(async () => {
    large = await startEmulator({ dataset: 'large', large: { assets: 13, childrenPerLevel: 3, pointsPerSeries: 100 } });
    const li = (large.info() as { iotticket: IotInfo }).iotticket;
    largeAssetApi = new IotTicketClient({ coreBaseUrl: li.coreBaseUrl, username: li.user, password: li.password });
  });

  after(async () => {
    await large.close();
  });

  void test('the confirmation counts every target, and the platform queues one command per target', async () => {
    const level = await largeAssetApi.assets.getAssetLevel({});
    const root = level.children[0];
    const first = (await largeAssetApi.assets.getAssetLevel({ assetId: root.id })).children[0];
    const setpoint = (await largeAssetApi.assets.getAttributes({ assetId: first.id })).find((a) => a.type === 'Command')!;
    const largeCtx = contextFor(largeAssetApi, large.url);
    const spec = { kind: 'iotticket.command', connection: C, assetId: first.id, attributeId: setpoint.id, templateVariables: { value: 7 }, aggregated: true } as const;
    const prepared = await prepareWrite(spec, largeCtx);
    // first (A2) and its three children (A5-A7): the root's other children are not below it.
    assert.equal(prepared.targets, 4);
    assert.match(prepared.notes[0], /targets: 4 Command attribute/);
    const outcome = await prepared.run();
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.equal(outcome.commandIds?.length, 4);
    const statuses = await Promise.all(outcome.commandIds!.map((id) => largeAssetApi.commands.getCommandStatus(id)));
    assert.deepEqual(new Set(statuses.map((s) => s.assetId)).size, 4);
    const single = await prepareWrite({ ...spec, aggregated: false }, largeCtx);
    assert.equal(single.targets, 1);
  });
});

void describe('static and calculated values', () => {
  void test('Number and String attributes are written and read back; bad values are refused', async () => {
    const rated = attr('Rated power');
    const serial = attr('Serial number');
    assert.equal((await sendSpec({ kind: 'iotticket.static', connection: C, assetId: info.asset.id, attributeId: rated.id, value: 42.5 }, ctx)).result, 'ok');
    assert.equal((await sendSpec({ kind: 'iotticket.static', connection: C, assetId: info.asset.id, attributeId: serial.id, value: 'SN-TEST-1' }, ctx)).result, 'ok');
    const after = await core.assets.getAttributes({ assetId: info.asset.id });
    assert.equal(attr('Rated power', after).value, 42.5);
    assert.equal(attr('Serial number', after).value, 'SN-TEST-1');

    const notNumber = await sendSpec({ kind: 'iotticket.static', connection: C, assetId: info.asset.id, attributeId: rated.id, value: 'lots' }, ctx);
    assert.match(notNumber.summary, /^Not sent: value: Rated power is a Number attribute/);
    const wrongType = await sendSpec({ kind: 'iotticket.static', connection: C, assetId: info.asset.id, attributeId: attr('Flow').id, value: 1 }, ctx);
    assert.match(wrongType.summary, /^Not sent: attributeId: Flow is a TelemetryData attribute/);
    assert.equal(attr('Rated power', await core.assets.getAttributes({ assetId: info.asset.id })).value, 42.5);
  });

  void test('calculated values from a CSV file are written and read back', async () => {
    const t0 = Date.UTC(2031, 0, 1);
    files.set('eff.csv', `timestamp,Efficiency\n${new Date(t0).toISOString()},81.5\n${new Date(t0 + 60_000).toISOString()},\n${t0 + 120_000},82.25\n`);
    const outcome = await sendSpec({ kind: 'iotticket.calculated', connection: C, assetId: info.asset.id, file: 'eff.csv' }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.match(outcome.meaning ?? '', /asynchronous/);
    const values = await series(info.asset.id, attr('Efficiency').id, t0, t0 + 120_000);
    assert.deepEqual(values.map((v) => v.v), [81.5, 82.25]);

    const unknown = await sendSpec({ kind: 'iotticket.calculated', connection: C, assetId: info.asset.id, values: { Eficiency: [{ ts: t0, v: 1 }] } }, ctx);
    assert.match(unknown.summary, /^Not sent: column "Eficiency": matches no attribute/);
  });

  void test('a server failing mid-batch: the user learns exactly which attributes were written, and nothing is retried', async () => {
    const site = (await core.assets.getAssetLevel({})).children.find((a) => a.name === 'Tampere Plant')!;
    const siteAttrs = await core.assets.getAttributes({ assetId: site.id });
    const t0 = Date.UTC(2031, 5, 1);
    // Every second POST to the asset API fails once: the first attribute is written, the second is not.
    emu.faults.set([{ kind: '500', pathPrefix: '/core/v1/', method: 'POST', every: 2, count: 1 }]);
    const outcome = await sendSpec(
      { kind: 'iotticket.calculated', connection: C, assetId: site.id, values: { 'Energy consumption': [{ ts: t0, v: 100 }], Availability: [{ ts: t0, v: 99.5 }] } },
      ctx,
    );
    emu.faults.clear();
    assert.equal(outcome.result, 'partial', outcome.summary);
    assert.match(outcome.summary, /stopped at Availability .*1 of 2 written \(Energy consumption/);
    assert.deepEqual(outcome.details, ['Energy consumption (1 values): written', `Availability (1 values): FAILED — ${outcome.details[1].split(' — ')[1]}`]);
    assert.match(outcome.details[1], /500/);
    assert.deepEqual((await series(site.id, attr('Energy consumption', siteAttrs).id, t0, t0)).map((v) => v.v), [100]);
    assert.deepEqual(await series(site.id, attr('Availability', siteAttrs).id, t0, t0), []);
  });

  void test('an error body redaction used to break ({"token":123}) still gives the exact written / not-sent report', async () => {
    const site = (await core.assets.getAssetLevel({})).children.find((a) => a.name === 'Tampere Plant')!;
    const siteAttrs = await core.assets.getAttributes({ assetId: site.id });
    const t0 = Date.UTC(2031, 6, 1);
    emu.faults.set([{ kind: '503', pathPrefix: '/core/v1/', method: 'POST', every: 2, count: 1, body: '{"token":123}' }]);
    const outcome = await sendSpec(
      { kind: 'iotticket.calculated', connection: C, assetId: site.id, values: { 'Energy consumption': [{ ts: t0, v: 7 }], Availability: [{ ts: t0, v: 8 }] } },
      ctx,
    );
    emu.faults.clear();
    assert.equal(outcome.result, 'partial', outcome.summary);
    assert.equal(outcome.details[0], 'Energy consumption (1 values): written');
    assert.match(outcome.details[1], /^Availability \(1 values\): FAILED — .*503/);
    assert.deepEqual((await series(site.id, attr('Energy consumption', siteAttrs).id, t0, t0)).map((v) => v.v), [7]);
    assert.deepEqual(await series(site.id, attr('Availability', siteAttrs).id, t0, t0), []);
  });
});

void describe('device writes through the HTTP adapter', () => {
  void test('telemetry above 2048 bytes is split so no request exceeds the limit, and every value is stored', async () => {
    const t0 = Date.UTC(2032, 0, 1);
    const rows = Array.from({ length: 80 }, (_, i) => ({ timestamp: new Date(t0 + i * 1000).toISOString(), flow: 10 + i / 10, pressure: 3 + i / 100 }));
    const before = (await adapterRequests()).length;
    const prepared = await prepareWrite({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, rows, units: { flow: 'm3/h' } }, ctx);
    const parts = Number(/in (\d+) requests/.exec(prepared.notes[0])?.[1]);
    assert.ok(parts > 1, prepared.notes[0]);
    // 16.9: the pure plan says beforehand how many requests, and the write asks before a non-atomic split.
    const plan = planTelemetryWrite(rows, { units: { flow: 'm3/h' } });
    assert.deepEqual([plan.requests, plan.atomic, plan.items], [parts, false, 160]);
    assert.ok(plan.bytes.every((b) => b <= 2048));
    assert.deepEqual(prepared.warnings, [`This will be ${parts} requests and is not atomic: if one fails, the requests before it stay written and the rest are not sent.`]);
    const small = await prepareWrite({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, rows: rows.slice(0, 2) }, ctx);
    assert.deepEqual(small.warnings ?? [], []);
    assert.equal(planTelemetryWrite(rows.slice(0, 2)).atomic, true);
    const outcome = await prepared.run();
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.match(outcome.meaning ?? '', /Acceptance is not storage/);
    const sent = (await adapterRequests()).slice(before);
    assert.equal(sent.length, parts);
    for (const r of sent) {
      assert.ok(r.bytes <= 2048, `${r.bytes} bytes`);
      assert.equal(r.status, 202);
    }
    const flow = await series(info.asset.id, attr('Flow').id, t0, t0 + 79_000);
    assert.equal(flow.length, 80);
    assert.equal(flow[79].v, 17.9);
    assert.equal((await series(info.asset.id, attr('Discharge pressure').id, t0, t0 + 79_000)).length, 80);
  });

  void test('nulls are left out of separate telemetry items and refused in a telemetry set, before any request', async () => {
    const t0 = Date.UTC(2032, 1, 1);
    files.set('t.csv', `timestamp,flow [m3/h],pressure\n${t0},1.5,2\n${t0 + 1000},,2.5\n${t0 + 2000},3.5,\n`);
    const outcome = await sendSpec({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, file: 't.csv' }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    assert.deepEqual((await series(info.asset.id, attr('Flow').id, t0, t0 + 2000)).map((v) => v.v), [1.5, 3.5]);
    assert.deepEqual((await series(info.asset.id, attr('Discharge pressure').id, t0, t0 + 2000)).map((v) => v.v), [2, 2.5]);

    const before = (await adapterRequests()).length;
    const set = await sendSpec({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, file: 't.csv', setId: 'pumpSet' }, ctx);
    assert.equal(set.result, 'refused');
    assert.match(set.summary, /^Not sent: t\.csv:3 column "flow": is empty; a telemetry set needs a value/);
    assert.equal((await adapterRequests()).length, before);

    const t1 = t0 + 10_000;
    const full = await sendSpec({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, setId: 'pumpSet', rows: [{ timestamp: t1, flow: 4, pressure: 5 }] }, ctx);
    assert.equal(full.result, 'accepted', full.summary);
    assert.deepEqual((await series(info.asset.id, attr('Flow').id, t1, t1)).map((v) => v.v), [4]);
  });

  void test('a server failing mid-batch: the report names the written parts, and only their values are stored', async () => {
    const t0 = Date.UTC(2033, 0, 1);
    const rows = Array.from({ length: 150 }, (_, i) => ({ timestamp: t0 + i * 1000, flow: 100 + i }));
    emu.faults.set([{ kind: '500', pathPrefix: '/http-adapter/', every: 2, count: 1 }]);
    const outcome = await sendSpec({ kind: 'iotticket.telemetry', connection: C, deviceId: info.device.id, rows }, ctx);
    emu.faults.clear();
    assert.equal(outcome.result, 'partial', outcome.summary);
    assert.match(outcome.summary, /stopped at part 2 of (\d+): parts 1 were written \((\d+) of 150 values\); the rest was not sent\. Nothing was retried\./);
    const writtenCount = Number(/\((\d+) of 150 values\)/.exec(outcome.summary)?.[1]);
    assert.match(outcome.details[0], /^Part 1 of \d+ \(\d+ values, \d+ bytes\): written \(HTTP 202\)/);
    assert.match(outcome.details[1], /^Part 2 of \d+ .*FAILED \(HTTP 500\)/);
    assert.ok(outcome.details.slice(2).every((d) => d.endsWith('not sent')));
    const stored = await series(info.asset.id, attr('Flow').id, t0, t0 + 149_000);
    assert.equal(stored.length, writtenCount);
    assert.deepEqual(stored.map((v) => v.v), rows.slice(0, writtenCount).map((r) => r.flow));
  });

  void test('time signals are written and read back', async () => {
    const ts = '2032-03-01T10:00:00.000Z';
    const outcome = await sendSpec({ kind: 'iotticket.timesignals', connection: C, deviceId: info.device.id, timesignals: [{ n: 'spectrum', ts, id: 'spectrum-test', value: { amplitude: [1, 2, 3] } }] }, ctx);
    assert.equal(outcome.result, 'accepted', outcome.summary);
    const body = await api<{ values: { id: string; v: unknown }[] }>(`/assets/${info.asset.id}/attributes/${attr('Vibration spectrum').id}/timesignal?id=spectrum-test`);
    assert.deepEqual(body.values.map((v) => v.v), [{ amplitude: [1, 2, 3] }]);
  });

  void test('device events with their enums raise an active event; an invalid enum is refused before any request', async () => {
    const before = (await adapterRequests()).length;
    const bad = await sendSpec({ kind: 'iotticket.deviceEvents', connection: C, deviceId: info.device.id, events: [{ id: 'OVERHEAT', m: 'hot', ts: Date.now(), type: 'Alarm', severity: 'high' as never }] }, ctx);
    assert.equal(bad.result, 'refused');
    assert.match(bad.summary, /^Not sent: events\[0\]\.severity: must be one of "Low", "Normal", "High", "Critical"/);
    assert.equal((await adapterRequests()).length, before);

    const outcome = await sendSpec(
      { kind: 'iotticket.deviceEvents', connection: C, deviceId: info.device.id, events: [{ id: 'OVERHEAT', m: 'Bearing 95 °C (test)', ts: Date.now(), type: 'Alarm', severity: 'Critical', gn: 'Protection', active: true }] },
      ctx,
    );
    assert.equal(outcome.result, 'accepted', outcome.summary);
    const active = await api<{ items: { eventId: string; message: string; severity: string; type: string }[] }>(`/assets/${info.asset.id}/events/active`);
    const raised = active.items.find((e) => e.message === 'Bearing 95 °C (test)');
    assert.ok(raised, JSON.stringify(active.items));
    assert.equal(raised.severity, 'Critical');
    assert.equal(raised.type, 'Alarm');
  });

  void test('without stored device credentials the write is refused naming the device', async () => {
    await assert.rejects(prepareWrite({ kind: 'iotticket.deviceEvents', connection: C, deviceId: 'tre-l1-comp1', events: [{ id: 'X', m: 'x', ts: 1 }] }, ctx), MissingDeviceCredentialsError);
    const outcome = await sendSpec({ kind: 'iotticket.deviceEvents', connection: C, deviceId: 'tre-l1-comp1', events: [{ id: 'X', m: 'x', ts: 1 }] }, ctx);
    assert.match(outcome.summary, /^Not sent: deviceId: no credentials are stored for device tre-l1-comp1/);
  });
});
