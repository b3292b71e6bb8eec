import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { basic, call, FIXED_NOW, start, type Harness, type Page } from './helpers';

let h: Harness;
let telemetryUrl: string;
let eventUrl: string;

before(async () => {
  h = await start();
  telemetryUrl = `${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/${h.info.device.id}`;
  eventUrl = `${h.info.adapterBaseUrl}/event/${h.info.tenant}/${h.info.device.id}`;
});
after(() => h.emu.close());

const iso = (ms: number): string => new Date(ms).toISOString();

interface SeriesPage { values: { ts: string; v: number | string | boolean }[]; truncated: boolean; dataType: string; unit: string }

void test('telemetry PUT → 202 with an empty body, readable through v1 (datanode = name) and the asset API', async () => {
  const t1 = FIXED_NOW - 30_000;
  const put = await call(telemetryUrl, {
    method: 'PUT', auth: h.device,
    json: { t: [{ n: 'temperature', dt: 'double', unit: '°C', data: [{ [iso(t1)]: 71.25 }, { [iso(t1 + 1000)]: 71.5 }] }, { n: 'roomId', dt: 'string', unit: ' ', data: [{ [iso(t1)]: 'R102' }] }] },
  });
  assert.equal(put.status, 202);
  assert.equal(put.text, '');

  const v1 = await call<{ datanodeReads: { name: string; values: { v: string; ts: number }[] }[] }>(
    `${h.info.v1BaseUrl}/process/read/${h.info.v1.deviceId}?datanodes=${encodeURIComponent(h.info.v1.datanodePath)},roomid&fromdate=${t1}&todate=${t1 + 1000}`, { auth: h.user });
  const temp = v1.body.datanodeReads.find((r) => r.name === 'temperature')!;
  assert.deepEqual(temp.values, [{ v: '71.25', ts: t1 }, { v: '71.5', ts: t1 + 1000 }]);
  assert.deepEqual(v1.body.datanodeReads.find((r) => r.name === 'roomId')!.values, [{ v: 'R102', ts: t1 }]);

  const core = await call<SeriesPage>(`${h.info.coreBaseUrl}/assets/${h.info.asset.id}/attributes/${h.info.asset.telemetryAttributeId}/timeseries?start=${iso(t1)}&end=${t1 + 1000}&order=asc`, { auth: h.user });
  assert.deepEqual(core.body.values, [{ ts: iso(t1), v: 71.25 }, { ts: iso(t1 + 1000), v: 71.5 }]);
});

void test('t_set writes every member at the set time; data as an object map is accepted', async () => {
  const ts = FIXED_NOW - 20_000;
  const set = await call(telemetryUrl, {
    method: 'PUT', auth: h.device,
    json: { t_set: [{ id: 'gnss', ts: iso(ts), t: [{ n: 'lat', dt: 'double', value: 61.49 }, { n: 'lon', dt: 'double', value: 23.76 }] }] },
  });
  assert.equal(set.status, 202);
  const map = await call(telemetryUrl, { method: 'PUT', auth: h.device, json: { t: [{ n: 'alt', data: { [iso(ts)]: 120, [iso(ts + 1000)]: 121 } }] } });
  assert.equal(map.status, 202);
  const read = await call<{ datanodeReads: { name: string; dataType: string; values: { v: string; ts: number }[] }[] }>(
    `${h.info.v1BaseUrl}/process/read/${h.info.v1.deviceId}?datanodes=lat,LON,alt&fromdate=${ts}&todate=${ts + 1000}`, { auth: h.user });
  const byName = Object.fromEntries(read.body.datanodeReads.map((r) => [r.name, r]));
  assert.deepEqual(byName.lat.values, [{ v: '61.49', ts }]);
  assert.deepEqual(byName.lon.values, [{ v: '23.76', ts }]);
  assert.equal(byName.alt.dataType, 'long');
  assert.deepEqual(byName.alt.values.map((v) => v.v), ['120', '121']);
});

void test('413 above 2048 bytes, 202 at exactly 2048', async () => {
  const body = (size: number): string => {
    const base = JSON.stringify({ t: [{ n: 'padding', dt: 'string', data: [{ [iso(FIXED_NOW - 10_000)]: '' }] }] });
    const text = JSON.stringify({ t: [{ n: 'padding', dt: 'string', data: [{ [iso(FIXED_NOW - 10_000)]: 'x'.repeat(size - base.length) }] }] });
    assert.equal(Buffer.byteLength(text), size);
    return text;
  };
  const headers = { 'content-type': 'application/json' };
  const ok = await call(telemetryUrl, { method: 'PUT', auth: h.device, body: body(2048), headers });
  assert.equal(ok.status, 202);
  const big = await call(telemetryUrl, { method: 'PUT', auth: h.device, body: body(2049), headers });
  assert.equal(big.status, 413);
  const log = await call<{ items: { bytes: number; status: number }[] }>(`${h.emu.url}/_emulator/iotticket/adapter-requests`);
  assert.deepEqual(log.body.items.slice(-2).map((r) => [r.bytes, r.status]), [[2048, 202], [2049, 413]]);
});

void test('400 without Content-Type or with an empty body; 401 bad credentials; 403 another device', async () => {
  const noType = await fetch(telemetryUrl, { method: 'PUT', headers: { authorization: h.device }, body: new Uint8Array(Buffer.from('{"t":[]}')) });
  assert.equal(noType.status, 400);
  const empty = await call(telemetryUrl, { method: 'PUT', auth: h.device, body: '', headers: { 'content-type': 'application/json' } });
  assert.equal(empty.status, 400);
  const wrong = await call(telemetryUrl, { method: 'PUT', auth: basic(h.info.device.username, 'nope'), json: { t: [] } });
  assert.equal(wrong.status, 401);
  const noTenant = await call(telemetryUrl, { method: 'PUT', auth: basic(h.info.device.id, h.info.device.password), json: { t: [] } });
  assert.equal(noTenant.status, 401);
  const other = await call(`${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/some-other-device`, { method: 'PUT', auth: h.device, json: { t: [] } });
  assert.equal(other.status, 403);
  const userCreds = await call(telemetryUrl, { method: 'PUT', auth: h.user, json: { t: [] } });
  assert.equal(userCreds.status, 401);
});

void test('semantically wrong documents still get 202 and land in the ingest-error log', async () => {
  const before = (await call<{ items: unknown[] }>(`${h.emu.url}/_emulator/iotticket/ingest-errors`)).body.items.length;
  const res = await call(telemetryUrl, { method: 'PUT', auth: h.device, json: { t: [{ n: 'flow', data: [{ 'not a time': 1 }] }], nonsense: true } });
  assert.equal(res.status, 202);
  const notJson = await call(telemetryUrl, { method: 'PUT', auth: h.device, body: '{oops', headers: { 'content-type': 'application/json' } });
  assert.equal(notJson.status, 202);
  const badEvent = await call(eventUrl, { method: 'PUT', auth: h.device, json: { e: [{ id: 'X', m: 'm', ts: iso(FIXED_NOW), severity: 'high' }] } });
  assert.equal(badEvent.status, 202);
  const log = await call<{ items: { message: string }[] }>(`${h.emu.url}/_emulator/iotticket/ingest-errors`);
  const messages = log.body.items.slice(before).map((e) => e.message);
  assert.equal(messages.length, 3);
  assert.match(messages[0], /timestamp "not a time"/);
  assert.match(messages[1], /not valid JSON/);
  assert.match(messages[2], /severity must be one of Low, Normal, High, Critical/);
});

void test('events: active:true opens, active:false closes, history keeps both transitions', async () => {
  const core = h.info.coreBaseUrl;
  const asset = h.info.asset.id;
  type Ev = { id: string; eventId: string; active: boolean; severity: string; message: string; activatedAt: string; clearedAt: string | null; transitions: { active: boolean; ts: string }[] };
  const countBefore = (await call<{ count: number }>(`${core}/assets/${asset}/events/active/count`, { auth: h.user })).body.count;
  const t0 = FIXED_NOW - 600_000;
  const open = await call(eventUrl, {
    method: 'PUT', auth: h.device,
    json: { e: [{ id: 'OVERHEAT', m: 'Too hot', gn: 'Temperatures', ts: iso(t0), type: 'Alarm', severity: 'High', active: true }] },
  });
  assert.equal(open.status, 202);
  const active = await call<Page<Ev>>(`${core}/assets/${asset}/events/active`, { auth: h.user });
  const ev = active.body.items!.find((e) => e.eventId === 'OVERHEAT')!;
  assert.equal(ev.active, true);
  assert.equal(ev.activatedAt, iso(t0));
  const count = await call<{ count: number; bySeverity: Record<string, number> }>(`${core}/assets/${asset}/events/active/count`, { auth: h.user });
  assert.equal(count.body.count, countBefore + 1);
  assert.ok(count.body.bySeverity.High >= 1);

  // An update while open keeps the same occurrence.
  await call(eventUrl, { method: 'PUT', auth: h.device, json: { e: [{ id: 'OVERHEAT', m: 'Even hotter', ts: iso(t0 + 60_000), type: 'Alarm', severity: 'Critical', active: true }] } });
  const updated = (await call<Page<Ev>>(`${core}/assets/${asset}/events/active`, { auth: h.user })).body.items!.find((e) => e.eventId === 'OVERHEAT')!;
  assert.equal(updated.id, ev.id);
  assert.equal(updated.severity, 'Critical');
  assert.equal(updated.message, 'Even hotter');

  await call(eventUrl, { method: 'PUT', auth: h.device, json: { e: [{ id: 'OVERHEAT', m: 'Back to normal', ts: iso(t0 + 120_000), type: 'Alarm', severity: 'Critical', active: false }] } });
  const after = await call<Page<Ev>>(`${core}/assets/${asset}/events/active`, { auth: h.user });
  assert.ok(!after.body.items!.some((e) => e.id === ev.id));
  assert.equal((await call<{ count: number }>(`${core}/assets/${asset}/events/active/count`, { auth: h.user })).body.count, countBefore);

  const history = await call<Page<Ev>>(`${core}/assets/${asset}/events/history?start=${t0}`, { auth: h.user });
  const closed = history.body.items!.find((e) => e.id === ev.id)!;
  assert.equal(closed.active, false);
  assert.equal(closed.clearedAt, iso(t0 + 120_000));
  assert.deepEqual(closed.transitions, [{ active: true, ts: iso(t0) }, { active: false, ts: iso(t0 + 120_000) }]);
});

void test('active events of an asset and its children; acknowledged filter; type filter is case-sensitive', async () => {
  const core = h.info.coreBaseUrl;
  type Ev = { id: string; assetId: string; acknowledged: boolean; type: string };
  const site = (await call<{ asset: { id: string } }>(`${core}/assets/tree?namesPath=Tampere%20Plant`, { auth: h.user })).body.asset.id;
  const own = await call<Page<Ev>>(`${core}/assets/${site}/events/active`, { auth: h.user });
  const withChildren = await call<Page<Ev>>(`${core}/assets/${site}/events/active?includeChildren=true`, { auth: h.user });
  assert.equal(own.body.fullSize, 0);
  assert.ok(withChildren.body.fullSize >= 3);
  const count = await call<{ count: number }>(`${core}/assets/${site}/events/active/count?includeChildren=true`, { auth: h.user });
  assert.equal(count.body.count, withChildren.body.fullSize);

  const target = withChildren.body.items!.find((e) => !e.acknowledged)!;
  const ack = await call<Ev>(`${core}/events/${target.id}/acknowledge`, { method: 'POST', auth: h.user });
  assert.equal(ack.body.acknowledged, true);
  const unacked = await call<Page<Ev>>(`${core}/events/active?acknowledged=false`, { auth: h.user });
  assert.ok(!unacked.body.items!.some((e) => e.id === target.id));
  const onlyAcked = await call<Page<Ev>>(`${core}/events/active?onlyAcknowledged=true`, { auth: h.user });
  assert.ok(onlyAcked.body.items!.every((e) => e.acknowledged) && onlyAcked.body.items!.some((e) => e.id === target.id));

  const alarms = await call<Page<Ev>>(`${core}/events/active?type=Alarm`, { auth: h.user });
  assert.ok(alarms.body.fullSize > 0 && alarms.body.items!.every((e) => e.type === 'Alarm'));
  const lower = await call(`${core}/events/active?type=alarm`, { auth: h.user });
  assert.equal(lower.status, 400);
});

void test('time signals written through the adapter are read through the asset API', async () => {
  const ts = FIXED_NOW - 5000;
  const res = await call(telemetryUrl, { method: 'PUT', auth: h.device, json: { ts: [{ n: 'spectrum', ts: iso(ts), id: 'ts-test-1', value: { data: [1, 2, 3] } }] } });
  assert.equal(res.status, 202);
  const attrs = await call<Page<{ id: string; name: string }>>(`${h.info.coreBaseUrl}/assets/${h.info.asset.id}/attributes?types=TelemetryData`, { auth: h.user });
  const spectrum = attrs.body.items!.find((a) => a.name === 'Vibration spectrum')!;
  const read = await call<{ values: { ts: string; id: string; v: unknown }[] }>(`${h.info.coreBaseUrl}/attributes/${spectrum.id}/timesignal?id=ts-test-1`, { auth: h.user });
  assert.deepEqual(read.body.values, [{ ts: iso(ts), id: 'ts-test-1', v: { data: [1, 2, 3] } }]);
});
