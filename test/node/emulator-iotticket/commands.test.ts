import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, FIXED_NOW, start, type Harness, type Page } from './helpers';

let h: Harness;
let core: string;
let pollUrl: string;

before(async () => {
  h = await start();
  core = h.info.coreBaseUrl;
  pollUrl = `${h.info.adapterBaseUrl}/command/${h.info.tenant}/${h.info.device.id}`;
});
after(() => h.emu.close());

interface Sent { commandId: string; commandIds: string[]; status: string; targets: number }
interface Command { id: string; status: string; payload: string; deviceId: string; history: { status: string; ts: string }[]; response: { status: number; body: string } | null }
interface Delivered { reqId: string; command: string; payload: unknown }

void test('templated command: QUEUED → DELIVERED (device poll) → SUCCEEDED (device answer), with timestamps', async () => {
  const { id: asset, commandAttributeId: attr } = h.info.asset;
  const details = await call<{ payloadType: string; templateVariables: string[]; latest: unknown }>(`${core}/assets/${asset}/commands/${attr}`, { auth: h.user });
  assert.equal(details.body.payloadType, 'Templated');
  assert.equal(details.body.latest, null);
  const variables = Object.fromEntries(details.body.templateVariables.map((v) => [v, 1450]));

  const sent = await call<Sent>(`${core}/assets/${asset}/commands/${attr}`, { method: 'POST', auth: h.user, json: { templateVariables: variables } });
  assert.equal(sent.status, 202);
  assert.equal(sent.body.status, 'QUEUED');
  assert.equal(sent.body.targets, 1);
  const queued = await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user });
  assert.equal(queued.body.status, 'QUEUED');
  assert.equal(queued.body.deviceId, h.info.device.id);

  const poll = await call<{ commands: Delivered[] }>(pollUrl, { auth: h.device });
  assert.equal(poll.status, 200);
  assert.equal(poll.body.commands.length, 1);
  assert.equal(poll.body.commands[0].reqId, sent.body.commandId);
  assert.deepEqual(poll.body.commands[0].payload, JSON.parse(queued.body.payload));
  assert.equal(JSON.stringify(poll.body.commands[0].payload).includes('1450'), true);
  assert.equal((await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user })).body.status, 'DELIVERED');
  assert.deepEqual((await call<{ commands: Delivered[] }>(pollUrl, { auth: h.device })).body.commands, []);

  const answer = await call(`${h.info.adapterBaseUrl}/command/res/${h.info.tenant}/${h.info.device.id}/${sent.body.commandId}?hono-cmd-status=200`, {
    method: 'PUT', auth: h.device, json: { ok: true },
  });
  assert.equal(answer.status, 202);
  const done = await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user });
  assert.equal(done.body.status, 'SUCCEEDED');
  assert.deepEqual(done.body.history.map((s) => s.status), ['QUEUED', 'DELIVERED', 'SUCCEEDED']);
  assert.ok(done.body.history.every((s) => s.ts === new Date(FIXED_NOW).toISOString()));
  assert.deepEqual(done.body.response, { status: 200, body: '{"ok":true}', ts: new Date(FIXED_NOW).toISOString() });

  const log = await call<{ latest: Command; history: Command[] }>(`${core}/assets/${asset}/commands/${attr}`, { auth: h.user });
  assert.equal(log.body.latest.id, sent.body.commandId);
  assert.equal(log.body.history[0].status, 'SUCCEEDED');
  const again = await call(`${h.info.adapterBaseUrl}/command/res/${h.info.tenant}/${h.info.device.id}/${sent.body.commandId}?hono-cmd-status=200`, { method: 'PUT', auth: h.device, json: {} });
  assert.equal(again.status, 404);
});

void test('a failed answer marks the command FAILED; polling needs the device credentials', async () => {
  const { id: asset, commandAttributeId: attr } = h.info.asset;
  const sent = await call<Sent>(`${core}/assets/${asset}/commands/${attr}`, { method: 'POST', auth: h.user, json: { templateVariables: { rpm: 10 } } });
  assert.equal((await call(pollUrl, { auth: h.user })).status, 401);
  await call(pollUrl, { auth: h.device });
  await call(`${h.info.adapterBaseUrl}/command/res/${sent.body.commandId}?hono-cmd-status=500`, { method: 'POST', auth: h.device, body: 'actuator fault', headers: { 'content-type': 'text/plain' } });
  const failed = await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user });
  assert.equal(failed.body.status, 'FAILED');
  assert.equal(failed.body.response?.body, 'actuator fault');
});

void test('Hono style: a telemetry PUT with hono-ttd gets the queued command in its 200 answer', async () => {
  const { id: asset, commandAttributeId: attr } = h.info.asset;
  const sent = await call<Sent>(`${core}/assets/${asset}/commands/${attr}`, { method: 'POST', auth: h.user, json: { templateVariables: { rpm: 900 } } });
  const res = await call(`${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/${h.info.device.id}?hono-ttd=10`, {
    method: 'PUT', auth: h.device, json: { t: [{ n: 'flow', dt: 'double', data: [{ [new Date(FIXED_NOW).toISOString()]: 1 }] }] },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('hono-cmd-req-id'), sent.body.commandId);
  assert.equal(res.headers.get('hono-command'), 'setSpeed');
  assert.match(res.text, /900/);
  assert.equal((await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user })).body.status, 'DELIVERED');
  const nothing = await call(`${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/${h.info.device.id}`, { method: 'PUT', auth: h.device, headers: { 'hono-ttd': '5' }, json: { t: [] } });
  assert.equal(nothing.status, 202);
});

void test('payload vs template variables are checked against the attribute payload type', async () => {
  const { id: asset, commandAttributeId: attr } = h.info.asset;
  const url = `${core}/assets/${asset}/commands/${attr}`;
  assert.equal((await call(url, { method: 'POST', auth: h.user, json: { payload: { x: 1 } } })).status, 400);
  assert.equal((await call(url, { method: 'POST', auth: h.user, json: {} })).status, 400);
  assert.equal((await call(url, { method: 'POST', auth: h.user, json: { templateVariables: {} } })).status, 400);
  const attrs = (await call<Page<{ id: string; type: string; payloadType?: string }>>(`${core}/assets/${asset}/attributes?types=Command`, { auth: h.user })).body.items!;
  const dynamic = attrs.find((a) => a.payloadType === 'Dynamic')!;
  const sent = await call<Sent>(`${core}/assets/${asset}/commands/${dynamic.id}`, { method: 'POST', auth: h.user, json: { payload: { action: 'start' } } });
  assert.equal(sent.status, 202);
  assert.equal((await call<Command>(`${core}/commands/${sent.body.commandId}`, { auth: h.user })).body.payload, '{"action":"start"}');
  const notCommand = attrs.length > 0 ? (await call<Page<{ id: string }>>(`${core}/assets/${asset}/attributes?types=Number`, { auth: h.user })).body.items![0].id : '';
  assert.equal((await call(`${core}/assets/${asset}/commands/${notCommand}`, { method: 'POST', auth: h.user, json: { payload: 1 } })).status, 400);
});

void test('aggregated command goes to the asset and every sub-asset with the same command', async () => {
  const line = await call<{ asset: { id: string }; children: { id: string; name: string }[] }>(`${core}/assets/tree?namesPath=${encodeURIComponent('Vaasa Plant/Line 2')}`, { auth: h.user });
  const lineAttrs = (await call<Page<{ id: string; commandName: string; deviceId?: string }>>(`${core}/assets/${line.body.asset.id}/attributes?types=Command`, { auth: h.user })).body.items!;
  const fleet = lineAttrs.find((a) => a.commandName === 'setSpeed')!;
  assert.equal(fleet.deviceId, undefined);
  const url = `${core}/assets/${line.body.asset.id}/commands/${fleet.id}`;
  assert.equal((await call(url, { method: 'POST', auth: h.user, json: { templateVariables: { rpm: 1000 } } })).status, 400);

  const sent = await call<Sent>(url, { method: 'POST', auth: h.user, json: { templateVariables: { rpm: 1000 }, aggregated: true } });
  assert.equal(sent.status, 202);
  const pumps = line.body.children.filter((c) => c.name.startsWith('Pump'));
  assert.ok(pumps.length >= 2);
  assert.equal(sent.body.targets, pumps.length);
  assert.equal(sent.body.commandIds.length, pumps.length);
  const commands = await Promise.all(sent.body.commandIds.map(async (id) => (await call<Command & { assetId: string }>(`${core}/commands/${id}`, { auth: h.user })).body));
  assert.deepEqual(commands.map((c) => c.assetId).sort(), pumps.map((p) => p.id).sort());
  assert.equal(new Set(commands.map((c) => c.deviceId)).size, pumps.length);
  assert.ok(commands.every((c) => c.status === 'QUEUED' && c.payload === '{"cmd":"setSpeed","rpm":1000}'));

  const pumpAttrs = (await call<Page<{ id: string; commandName: string }>>(`${core}/assets/${pumps[0].id}/attributes?types=Command`, { auth: h.user })).body.items!;
  const own = pumpAttrs.find((a) => a.commandName === 'setSpeed')!;
  const single = await call<Sent>(`${core}/assets/${pumps[0].id}/commands/${own.id}`, { method: 'POST', auth: h.user, json: { templateVariables: { rpm: 1 }, aggregated: true } });
  assert.equal(single.body.targets, 1);
});

void test('control command: desiredValue rendered into the template; skipFirstCommand records without queueing', async () => {
  const { id: asset, commandAttributeId: attr } = h.info.asset;
  await call(pollUrl, { auth: h.device });
  const control = await call<Sent>(`${core}/assets/${asset}/commands/${attr}/control`, { method: 'POST', auth: h.user, json: { desiredValue: 1234 } });
  assert.equal(control.status, 202);
  assert.equal(control.body.status, 'QUEUED');
  const delivered = await call<{ commands: Delivered[] }>(pollUrl, { auth: h.device });
  assert.deepEqual(delivered.body.commands.map((c) => c.reqId), [control.body.commandId]);
  assert.match(JSON.stringify(delivered.body.commands[0].payload), /1234/);
  const skipped = await call<Sent>(`${core}/assets/${asset}/commands/${attr}/control`, { method: 'POST', auth: h.user, json: { desiredValue: 99, skipFirstCommand: true } });
  assert.equal(skipped.body.status, 'SKIPPED');
  assert.deepEqual((await call<{ commands: Delivered[] }>(pollUrl, { auth: h.device })).body.commands, []);
  assert.equal((await call(`${core}/assets/${asset}/commands/${attr}/control`, { method: 'POST', auth: h.user, json: {} })).status, 400);
});
