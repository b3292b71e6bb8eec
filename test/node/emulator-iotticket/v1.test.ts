import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, FIXED_NOW, start, type Harness, type Page } from './helpers';

let h: Harness;
let v1: string;

before(async () => {
  h = await start();
  v1 = h.info.v1BaseUrl;
});
after(() => h.emu.close());

interface Read { dataType: string; unit: string; name: string; path?: string; values: { v: string; ts: number }[] }
type Reads = { href: string; datanodeReads: Read[] };

void test('401 with the Wapice IOT challenge and the v1 envelope, without or with wrong credentials', async () => {
  for (const auth of [undefined, `Basic ${Buffer.from(`${h.info.user}:wrong`).toString('base64')}`]) {
    const res = await call(`${v1}/devices/`, { auth });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Wapice IOT"');
    assert.deepEqual(res.body, { description: 'Provide a valid authorization credential', code: 8001, moreInfo: 'https://my.iot-ticket.com/api/v1/errorcodes', apiver: 1 });
  }
  const ok = await call(`${v1}/`, { auth: h.user });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, { apiver: 1 });
});

void test('device list: paging envelope, limit clamped to 100, items omitted when empty, createdAt format', async () => {
  const first = await call<Page>(`${v1}/devices/`, { auth: h.user });
  assert.equal(first.body.limit, 10);
  assert.equal(first.body.offset, 0);
  assert.equal(first.body.items?.length, 10);
  const total = first.body.fullSize;
  assert.ok(total > 10);
  const big = await call<Page>(`${v1}/devices?limit=500`, { auth: h.user });
  assert.equal(big.body.limit, 100);
  assert.equal(big.body.items?.length, Math.min(100, total));
  const empty = await call<Page>(`${v1}/devices?offset=${total}`, { auth: h.user });
  assert.deepEqual(empty.body, { fullSize: total, limit: 10, offset: total });
  assert.ok(!('items' in empty.body));
  for (const d of big.body.items ?? []) {
    assert.match(String(d.createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    assert.match(String(d.deviceId), /^[0-9a-f]{32}$/);
    assert.equal(d.href, `${v1}/devices/${String(d.deviceId)}`);
  }
  assert.ok(big.body.items?.some((d) => d.deviceId === h.info.v1.deviceId));
});

void test('unknown device → 403 with code 8001 on every device route', async () => {
  const unknown = '0123456789abcdef0123456789abcdef';
  for (const path of [`devices/${unknown}`, `devices/${unknown}/datanodes`, `process/read/${unknown}?datanodes=x`, `quota/${unknown}`]) {
    const res = await call(`${v1}/${path}`, { auth: h.user });
    assert.equal(res.status, 403, path);
    assert.equal(res.body.code, 8001);
    assert.equal(res.body.description, 'Re-check device id and ensure device access is valid');
  }
  const known = await call(`${v1}/devices/${h.info.v1.deviceId}/`, { auth: h.user });
  assert.equal(known.status, 200);
  assert.equal(known.body.deviceId, h.info.v1.deviceId);
  assert.match(String(known.body.enterpriseId), /^E\d+$/);
});

void test('register device: 201, validation 400/8003, visible in the list afterwards', async () => {
  const missing = await call(`${v1}/devices/`, { auth: h.user, json: { name: 'Test device' } });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 8003);
  assert.equal(missing.body.description, 'DeviceManufacturer is needed');
  const tooLong = await call(`${v1}/devices/`, { auth: h.user, json: { name: 'x'.repeat(101), manufacturer: 'M' } });
  assert.equal(tooLong.status, 400);
  const before = (await call<Page>(`${v1}/devices`, { auth: h.user })).body.fullSize;
  const created = await call(`${v1}/devices/`, {
    auth: h.user,
    json: { name: 'Test device', manufacturer: 'Test Oy', type: 'PC', description: 'The main server', enterpriseId: 'E1011', attributes: [{ key: 'Chip', value: 'TestAssetApi' }] },
  });
  assert.equal(created.status, 201);
  const id = String(created.body.deviceId);
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(created.body.enterpriseName, 'Tampere Plant');
  assert.deepEqual(created.body.attributes, [{ key: 'Chip', value: 'TestAssetApi' }]);
  assert.equal((await call<Page>(`${v1}/devices`, { auth: h.user })).body.fullSize, before + 1);
  assert.equal((await call(`${v1}/devices/${id}`, { auth: h.user })).body.name, 'Test device');
  const datanodes = await call<Page>(`${v1}/devices/${id}/datanodes`, { auth: h.user });
  assert.deepEqual(datanodes.body, { fullSize: 0, limit: 10, offset: 0 });
});

void test('write creates datanodes with inferred types; reads return strings, case-insensitively', async () => {
  const id = h.info.v1.deviceId;
  const t1 = FIXED_NOW - 60_000;
  const write = await call(`${v1}/process/write/${id}/`, {
    auth: h.user,
    json: [
      { name: 'Airflow', path: 'Engine/Primary', unit: 'l/s', v: '85.2', ts: t1, dataType: 'Double' },
      { name: 'Airflow', path: 'Engine/Primary', v: 86.5, ts: t1 + 1000, dataType: 'double' },
      { name: 'count', v: 7, ts: t1 },
      { name: 'ratio', v: 0.25, ts: t1 },
      { name: 'flag', v: true, ts: t1 },
    ],
  });
  assert.equal(write.status, 200);
  assert.equal(write.body.totalWritten, 5);
  assert.deepEqual((write.body.writeResults as { writtenCount: number }[]).map((r) => r.writtenCount), [2, 1, 1, 1]);
  const nodes = await call<Page<{ name: string; path?: string; dataType: string; unit?: string }>>(`${v1}/devices/${id}/datanodes?limit=100`, { auth: h.user });
  const byName = new Map((nodes.body.items ?? []).map((n) => [n.name, n]));
  assert.equal(byName.get('Airflow')?.path, 'Engine/Primary');
  assert.equal(byName.get('Airflow')?.unit, 'l/s');
  assert.equal(byName.get('count')?.dataType, 'long');
  assert.equal(byName.get('ratio')?.dataType, 'double');
  assert.equal(byName.get('flag')?.dataType, 'boolean');

  const read = await call<Reads>(`${v1}/process/read/${id}/?datanodes=/ENGINE/primary/AIRFLOW,Flag&fromdate=${t1}&todate=${t1 + 1000}&order=Descending`, { auth: h.user });
  assert.equal(read.status, 200);
  const airflow = read.body.datanodeReads.find((r) => r.name === 'Airflow')!;
  assert.deepEqual(airflow.values, [{ v: '86.5', ts: t1 + 1000 }, { v: '85.2', ts: t1 }]);
  assert.deepEqual(read.body.datanodeReads.find((r) => r.name === 'flag')!.values, [{ v: 'true', ts: t1 }]);

  const bad = await call(`${v1}/process/write/${id}/`, { auth: h.user, json: [{ name: 'count', v: 'not a number' }] });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 8003);
  const badPath = await call(`${v1}/process/write/${id}/`, { auth: h.user, json: [{ name: 'x', path: 'a b/c', v: 1 }] });
  assert.equal(badPath.status, 400);
});

void test('a read without dates returns only the latest value', async () => {
  const id = h.info.v1.deviceId;
  await call(`${v1}/process/write/${id}/`, { auth: h.user, json: [{ name: 'level', v: 1, ts: FIXED_NOW - 5000 }, { name: 'level', v: 2, ts: FIXED_NOW - 1000 }] });
  const latest = await call<Reads>(`${v1}/process/read/${id}?datanodes=level`, { auth: h.user });
  assert.deepEqual(latest.body.datanodeReads[0].values, [{ v: '2', ts: FIXED_NOW - 1000 }]);
  const generated = await call<Reads>(`${v1}/process/read/${id}?datanodes=/temperature`, { auth: h.user });
  assert.equal(generated.body.datanodeReads[0].values.length, 1);
  assert.ok(generated.body.datanodeReads[0].values[0].ts <= FIXED_NOW);
  const ranged = await call<Reads>(`${v1}/process/read/${id}?datanodes=level&fromdate=0&todate=${FIXED_NOW}`, { auth: h.user });
  assert.deepEqual(ranged.body.datanodeReads[0].values.map((v) => v.v), ['1', '2']);
});

void test('a bare datanode name matches every path; a path alone matches nothing (400/8003)', async () => {
  const id = h.info.v1.deviceId;
  const bare = await call<Reads>(`${v1}/process/read/${id}?datanodes=Temperature`, { auth: h.user });
  assert.equal(bare.status, 200);
  assert.deepEqual(bare.body.datanodeReads.map((r) => r.path ?? '').sort(), ['', 'Drive/Primary', 'Drive/Secondary']);
  const full = await call<Reads>(`${v1}/process/read/${id}?datanodes=/drive/primary/temperature`, { auth: h.user });
  assert.equal(full.body.datanodeReads.length, 1);
  const folder = await call(`${v1}/process/read/${id}?datanodes=/Drive`, { auth: h.user });
  assert.equal(folder.status, 400);
  assert.equal(folder.body.code, 8003);
  assert.equal(folder.body.description, "The datanode(s) requested couldn't be found. Re-check request and try again");
});

void test('ranged generated reads: inclusive bounds, order, limit ≤ 10000', async () => {
  const id = h.info.v1.deviceId;
  const from = FIXED_NOW - 3_600_000;
  const asc = await call<Reads>(`${v1}/process/read/${id}?datanodes=/flow&fromdate=${from}&todate=${FIXED_NOW}&limit=20000`, { auth: h.user });
  const values = asc.body.datanodeReads[0].values;
  assert.ok(values.length > 0 && values.length <= 61);
  assert.ok(values.every((v, i) => v.ts >= from && v.ts <= FIXED_NOW && (i === 0 || v.ts > values[i - 1].ts)));
  assert.ok(values.every((v) => typeof v.v === 'string' && Number.isFinite(Number(v.v))));
  const desc = await call<Reads>(`${v1}/process/read/${id}?datanodes=/flow&fromdate=${from}&todate=${FIXED_NOW}&order=DESCENDING&limit=3`, { auth: h.user });
  assert.deepEqual(desc.body.datanodeReads[0].values, [...values].reverse().slice(0, 3));
  const bad = await call(`${v1}/process/read/${id}?datanodes=/flow&order=sideways`, { auth: h.user });
  assert.equal(bad.status, 400);
});

void test('stat/read: buckets agree with raw reads; empty buckets omit min/max/avg; grouping is case-insensitive', async () => {
  const id = h.info.v1.deviceId;
  const to = FIXED_NOW - 1;
  const from = FIXED_NOW - 3 * 3_600_000;
  type Stat = { ts: number; count: number; sum: number; min?: number; max?: number; avg?: number };
  const stat = await call<{ datanodeReads: { values: Stat[] }[] }>(`${v1}/stat/read/${id}/?datanodes=/flow&fromdate=${from}&todate=${to}&grouping=hour`, { auth: h.user });
  assert.equal(stat.status, 200);
  const buckets = stat.body.datanodeReads[0].values;
  assert.deepEqual(buckets.map((b) => b.ts), [from, from + 3_600_000, from + 7_200_000]);
  for (const b of buckets) {
    const raw = await call<Reads>(`${v1}/process/read/${id}?datanodes=/flow&fromdate=${b.ts}&todate=${b.ts + 3_599_999}&limit=10000`, { auth: h.user });
    const nums = raw.body.datanodeReads[0].values.map((v) => Number(v.v));
    assert.equal(b.count, nums.length);
    if (nums.length > 0) {
      assert.equal(b.min, Math.min(...nums));
      assert.equal(b.max, Math.max(...nums));
      assert.ok(Math.abs(b.sum - nums.reduce((a, x) => a + x, 0)) < 1e-6);
    }
  }
  const old = FIXED_NOW - 200 * 86_400_000;
  const empty = await call<{ datanodeReads: { values: Stat[] }[] }>(`${v1}/stat/read/${id}?datanodes=/flow&fromdate=${old}&todate=${old + 86_400_000}&grouping=DAY`, { auth: h.user });
  for (const b of empty.body.datanodeReads[0].values) assert.deepEqual(Object.keys(b).sort(), ['count', 'sum', 'ts']);
  const missing = await call(`${v1}/stat/read/${id}?datanodes=/flow&fromdate=${from}&todate=${to}`, { auth: h.user });
  assert.equal(missing.status, 400);
});

void test('enterprises: roots and sub-enterprises with E-prefixed resource ids', async () => {
  const roots = await call<Page<{ name: string; resourceId: string; hasSubEnterprises: boolean; href: string }>>(`${v1}/enterprises/`, { auth: h.user });
  const acme = roots.body.items!.find((e) => e.name === 'Acme Energy')!;
  assert.equal(acme.resourceId, 'E1001');
  assert.equal(acme.hasSubEnterprises, true);
  assert.equal(acme.href, `${v1}/enterprises/1001`);
  const subs = await call<Page<{ name: string }>>(`${v1}/enterprises/1001/?limit=10&offset=0`, { auth: h.user });
  assert.deepEqual(subs.body.items!.map((e) => e.name), ['Tampere Plant', 'Vaasa Plant', 'Oulu Plant', 'Pori Plant']);
  const leaf = await call<Page>(`${v1}/enterprises/1011`, { auth: h.user });
  assert.ok(!('items' in leaf.body));
});

void test('quota: all and per device; 8002 when the device quota is reached', async () => {
  const all = await call(`${v1}/quota/all/`, { auth: h.user });
  const devices = await call<Page>(`${v1}/devices`, { auth: h.user });
  assert.equal(all.body.totalDevices, devices.body.fullSize);
  assert.ok(Number(all.body.usedStorageSize) > 0);
  const dev = await call(`${v1}/quota/${h.info.v1.deviceId}/`, { auth: h.user });
  const nodes = await call<Page>(`${v1}/devices/${h.info.v1.deviceId}/datanodes`, { auth: h.user });
  assert.equal(dev.body.numberOfDataNodes, nodes.body.fullSize);
  assert.ok(Number(dev.body.totalRequestToday) > 0);

  await call(`${h.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { maxNumberOfDevices: devices.body.fullSize } });
  const refused = await call(`${v1}/devices/`, { auth: h.user, json: { name: 'One too many', manufacturer: 'M' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 8002);
  await call(`${h.emu.url}/_emulator/reset`, { method: 'POST' });
  assert.equal((await call(`${h.emu.url}/_emulator/iotticket/limits`)).body.maxNumberOfDevices, 500);
});

void test('optional read-after-write delay: a written value is readable only after readAfterWriteDelayMs', async () => {
  let clock = FIXED_NOW;
  const d = await start({ now: () => clock });
  try {
    await call(`${d.emu.url}/_emulator/iotticket/limits`, { method: 'PUT', json: { readAfterWriteDelayMs: 4000 } });
    const id = d.info.v1.deviceId;
    await call(`${d.info.v1BaseUrl}/process/write/${id}`, { auth: d.user, json: [{ name: 'lagging', v: 1.5, ts: clock - 1000 }] });
    const read = (): Promise<{ body: Reads }> => call<Reads>(`${d.info.v1BaseUrl}/process/read/${id}?datanodes=lagging&fromdate=0&todate=${clock}`, { auth: d.user });
    assert.deepEqual((await read()).body.datanodeReads[0].values, []);
    clock += 4000;
    assert.deepEqual((await read()).body.datanodeReads[0].values, [{ v: '1.5', ts: FIXED_NOW - 1000 }]);
  } finally {
    await d.emu.close();
  }
});
