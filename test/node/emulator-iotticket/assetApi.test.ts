import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, FIXED_NOW, start, type Harness, type Page } from './helpers';

let h: Harness;
let core: string;

before(async () => {
  h = await start();
  core = h.info.coreBaseUrl;
});
after(() => h.emu.close());

interface Asset { id: string; name: string; parentId: string | null; namesPath: string[]; templateId: string; childCount: number; activeEventType?: string | null }
interface Tree { asset: Asset | null; children: Asset[]; fullSize: number; limit: number; offset: number }
interface Attr { id: string; name: string; type: string; value?: unknown; updatedAt?: string | null; lastValue?: unknown; lastTs?: string | null; deviceId?: string; telemetryName?: string }
interface SeriesPage { assetId: string; attributeId: string; values: { ts: string | number; v: number }[]; truncated: boolean }

const iso = (ms: number): string => new Date(ms).toISOString();

void test('401 with the challenge; Basic and UAA Bearer tokens are accepted', async () => {
  const none = await call(`${core}/assets`);
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Basic realm="Wapice IOT"');
  assert.equal(none.body.code, 8001);
  const form = new URLSearchParams({ grant_type: 'password', username: h.info.user, password: h.info.password }).toString();
  const token = await call<{ access_token: string; token_type: string }>(`${h.emu.url}/uaa/oauth/token`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(token.body.token_type, 'bearer');
  const withToken = await call<Page>(`${core}/organizations`, { auth: `Bearer ${token.body.access_token}` });
  assert.equal(withToken.status, 200);
  assert.equal((await call(`${core}/organizations`, { auth: 'Bearer not-a-token' })).status, 401);
  const bad = await call(`${h.emu.url}/uaa/oauth/token`, { method: 'POST', body: 'grant_type=password&username=x&password=y', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(bad.status, 401);
});

void test('organizations: list and details with the analytics limit and its use', async () => {
  const orgs = await call<Page<{ id: string; tenantId: string; hasSubOrganizations: boolean }>>(`${core}/organizations`, { auth: h.user });
  const main = orgs.body.items!.find((o) => o.id === h.info.organizationId)!;
  assert.equal(main.tenantId, h.info.tenant);
  assert.equal(main.hasSubOrganizations, true);
  const details = await call<{ limits: { analyticsItems: number }; usedLimits: { analyticsItems: number } }>(`${core}/organizations/${h.info.organizationId}`, { auth: h.user });
  assert.equal(details.body.limits.analyticsItems, 50);
  const items = await call<Page>(`${core}/analytics-items`, { auth: h.user });
  assert.equal(details.body.usedLimits.analyticsItems, items.body.fullSize);
  assert.equal((await call(`${core}/organizations/E404`, { auth: h.user })).status, 404);
});

void test('asset tree: roots, a level by id / names path / unique name, paging with limit and offset', async () => {
  const roots = await call<Tree>(`${core}/assets/tree`, { auth: h.user });
  assert.equal(roots.body.asset, null);
  assert.deepEqual(roots.body.children.map((a) => a.name), ['Tampere Plant', 'Vaasa Plant', 'Oulu Plant', 'Pori Plant']);
  assert.equal(roots.body.fullSize, 4);

  const byPath = await call<Tree>(`${core}/assets/tree?namesPath=${encodeURIComponent('Tampere Plant/Line 1')}`, { auth: h.user });
  assert.deepEqual(byPath.body.asset!.namesPath, ['Tampere Plant', 'Line 1']);
  assert.equal(byPath.body.fullSize, 7);
  const repeated = await call<Tree>(`${core}/assets/tree?namesPath=Tampere%20Plant&namesPath=Line%201`, { auth: h.user });
  assert.equal(repeated.body.asset!.id, byPath.body.asset!.id);
  const byId = await call<Tree>(`${core}/assets/tree?assetId=${byPath.body.asset!.id}&limit=3&offset=2`, { auth: h.user });
  assert.deepEqual(byId.body.children.map((a) => a.name), byPath.body.children.slice(2, 5).map((a) => a.name));
  assert.equal(byId.body.limit, 3);
  assert.equal(byId.body.offset, 2);
  assert.equal(byId.body.fullSize, 7);
  const byName = await call<Tree>(`${core}/assets/tree?assetName=${encodeURIComponent('Vaasa Plant')}`, { auth: h.user });
  assert.equal(byName.body.asset!.name, 'Vaasa Plant');

  const ambiguous = await call(`${core}/assets/tree?assetName=${encodeURIComponent('Line 1')}`, { auth: h.user });
  assert.equal(ambiguous.status, 400);
  assert.equal(ambiguous.body.code, 8003);
  assert.match(String(ambiguous.body.description), /not unique \(4 assets/);
  const two = await call(`${core}/assets/tree?assetId=A1001&assetName=x`, { auth: h.user });
  assert.equal(two.status, 400);
  const unknown = await call(`${core}/assets/tree?namesPath=Nowhere`, { auth: h.user });
  assert.equal(unknown.status, 404);
});

void test('get_all_assets pages through every asset; event types on request', async () => {
  const first = await call<Page<Asset>>(`${core}/assets?limit=1000&includeEventTypes=true`, { auth: h.user });
  const total = first.body.fullSize;
  assert.ok(total >= 150 && total <= 250, `about 200 assets, got ${total}`);
  assert.equal(first.body.items!.length, total);
  assert.equal(new Set(first.body.items!.map((a) => a.id)).size, total);
  assert.ok(first.body.items!.some((a) => a.activeEventType === 'Alarm'));
  const paged = await call<Page<Asset>>(`${core}/assets?limit=50&offset=50`, { auth: h.user });
  assert.deepEqual(paged.body.items!.map((a) => a.id), first.body.items!.slice(50, 100).map((a) => a.id));
  assert.ok(!('activeEventType' in paged.body.items![0]));
  const clamped = await call<Page>(`${core}/assets?limit=5000`, { auth: h.user });
  assert.equal(clamped.body.limit, 1000);
});

void test('attributes of all seven types across the plant; type filter; ~1500 in total', async () => {
  const all = await call<Page<Asset>>(`${core}/assets?limit=1000`, { auth: h.user });
  const counts: Record<string, number> = {};
  let total = 0;
  const pages = await Promise.all(all.body.items!.map((a) => call<Page<Attr>>(`${core}/assets/${a.id}/attributes`, { auth: h.user })));
  for (const attrs of pages) {
    total += attrs.body.fullSize;
    for (const attr of attrs.body.items!) counts[attr.type] = (counts[attr.type] ?? 0) + 1;
  }
  assert.deepEqual(Object.keys(counts).sort(), ['AssetEvent', 'Calculated', 'Command', 'DeviceEvent', 'Number', 'String', 'TelemetryData']);
  assert.ok(total >= 1200 && total <= 1800, `about 1500 attributes, got ${total}`);
  const filtered = await call<Page<Attr>>(`${core}/assets/${h.info.asset.id}/attributes?types=Number,String`, { auth: h.user });
  assert.ok(filtered.body.items!.length > 0 && filtered.body.items!.every((a) => a.type === 'Number' || a.type === 'String'));
  assert.ok(filtered.body.items!.every((a) => a.value !== null && a.value !== undefined));
  const bad = await call(`${core}/assets/${h.info.asset.id}/attributes?types=number`, { auth: h.user });
  assert.equal(bad.status, 400);
});

void test('templates: list, by id, by name (404 when unknown)', async () => {
  const list = await call<Page<{ id: string; name: string }>>(`${core}/asset-templates`, { auth: h.user });
  assert.ok(list.body.fullSize >= 5);
  const pump = await call<{ id: string; name: string; attributes: { type: string }[] }>(`${core}/asset-templates?name=Pump`, { auth: h.user });
  assert.equal(pump.body.name, 'Pump');
  assert.ok(pump.body.attributes.length > 5);
  const byId = await call<{ name: string }>(`${core}/asset-templates/${pump.body.id}`, { auth: h.user });
  assert.equal(byId.body.name, 'Pump');
  assert.equal((await call(`${core}/asset-templates?name=Nope`, { auth: h.user })).status, 404);
});

void test('devices: all, one, and those bound to an asset', async () => {
  const all = await call<Page<{ id: string }>>(`${core}/devices?limit=1000`, { auth: h.user });
  assert.ok(all.body.fullSize > 50);
  const one = await call<{ id: string; username: string; v1DeviceId: string; assetIds: string[] }>(`${core}/devices/${h.info.device.id}`, { auth: h.user });
  assert.equal(one.body.username, h.info.device.username);
  assert.equal(one.body.v1DeviceId, h.info.v1.deviceId);
  assert.ok(one.body.assetIds.includes(h.info.asset.id));
  const bound = await call<Page<{ id: string }>>(`${core}/devices?namesPath=${encodeURIComponent(h.info.asset.namesPath.join('/'))}`, { auth: h.user });
  assert.deepEqual(bound.body.items!.map((d) => d.id), [h.info.device.id]);
  assert.equal((await call(`${core}/devices/nope`, { auth: h.user })).status, 404);
});

void test('credentials: list without secrets, query by name', async () => {
  const list = await call<Page<Record<string, unknown>>>(`${core}/credentials`, { auth: h.user });
  assert.ok(list.body.fullSize >= 1);
  for (const c of list.body.items!) assert.ok(!Object.keys(c).some((k) => /secret|password/i.test(k)));
  const name = String(list.body.items![0].name);
  const query = await call<{ id: string; accessTokenUrl: string }>(`${core}/credentials/query?credentialName=${encodeURIComponent(name)}`, { auth: h.user });
  assert.equal(query.body.id, list.body.items![0].id);
  assert.equal((await call(`${core}/credentials/query?credentialName=nope`, { auth: h.user })).status, 404);
});

void test('time series: 10000-point pages with truncated, continued from the last timestamp, in both orders', async () => {
  const attr = h.info.asset.telemetryAttributeId;
  const from = FIXED_NOW - 20 * 86_400_000;
  const url = (start: number, end: number, order: string): string => `${core}/attributes/${attr}/timeseries?start=${start}&end=${end}&order=${order}&limit=10000&timestamp=epoch`;
  const seen: number[] = [];
  let start = from;
  for (;;) {
    const page = await call<SeriesPage>(url(start, FIXED_NOW, 'asc'), { auth: h.user });
    assert.ok(page.body.values.length <= 10000);
    for (const p of page.body.values) seen.push(p.ts as number);
    if (!page.body.truncated) break;
    assert.equal(page.body.values.length, 10000);
    start = (page.body.values.at(-1)!.ts as number) + 1;
  }
  assert.ok(seen.length > 20000, `several pages, got ${seen.length}`);
  assert.ok(seen.every((ts, i) => i === 0 || ts > seen[i - 1]));
  assert.ok(seen[0] >= from && seen.at(-1)! <= FIXED_NOW);
  const desc = await call<SeriesPage>(url(from, FIXED_NOW, 'desc'), { auth: h.user });
  assert.deepEqual(desc.body.values.map((v) => v.ts), [...seen].reverse().slice(0, 10000));
  const isoPage = await call<SeriesPage>(`${core}/assets/${h.info.asset.id}/attributes/${attr}/timeseries?start=${iso(seen[0])}&end=${iso(seen[2])}&order=asc`, { auth: h.user });
  assert.deepEqual(isoPage.body.values.map((v) => v.ts), seen.slice(0, 3).map(iso));
  const wrongAsset = await call(`${core}/assets/A1001/attributes/${attr}/timeseries`, { auth: h.user });
  assert.equal(wrongAsset.status, 404);
});

void test('static writes (PUT value) and calculated writes (POST values) are read back', async () => {
  const attrs = (await call<Page<Attr>>(`${core}/assets/${h.info.asset.id}/attributes`, { auth: h.user })).body.items!;
  const number = attrs.find((a) => a.type === 'Number')!;
  const string = attrs.find((a) => a.type === 'String')!;
  const calculated = attrs.find((a) => a.type === 'Calculated')!;
  const put = await call<{ value: number; updatedAt: string }>(`${core}/attributes/${number.id}/value`, { method: 'PUT', auth: h.user, json: { value: 42.5 } });
  assert.equal(put.status, 200);
  assert.equal(put.body.value, 42.5);
  await call(`${core}/assets/${h.info.asset.id}/attributes/${string.id}/value`, { method: 'PUT', auth: h.user, json: { value: 'SN-TEST' } });
  const after = (await call<Page<Attr>>(`${core}/assets/${h.info.asset.id}/attributes?types=Number,String`, { auth: h.user })).body.items!;
  assert.equal(after.find((a) => a.id === number.id)!.value, 42.5);
  assert.equal(after.find((a) => a.id === string.id)!.value, 'SN-TEST');
  assert.equal(after.find((a) => a.id === number.id)!.updatedAt, iso(FIXED_NOW));
  assert.equal((await call(`${core}/attributes/${number.id}/value`, { method: 'PUT', auth: h.user, json: { value: 'many' } })).status, 400);
  assert.equal((await call(`${core}/attributes/${calculated.id}/value`, { method: 'PUT', auth: h.user, json: { value: 1 } })).status, 400);

  const t = FIXED_NOW - 7 * 60_000;
  const post = await call<{ written: number }>(`${core}/attributes/${calculated.id}/values`, { method: 'POST', auth: h.user, json: { values: [{ ts: iso(t), v: 0.93 }, { ts: t + 1, v: '0.94' }] } });
  assert.equal(post.status, 202);
  assert.equal(post.body.written, 2);
  const read = await call<SeriesPage>(`${core}/attributes/${calculated.id}/timeseries?start=${t}&end=${t + 1}&order=asc`, { auth: h.user });
  assert.deepEqual(read.body.values, [{ ts: iso(t), v: 0.93 }, { ts: iso(t + 1), v: 0.94 }]);
});

void test('statistics: named periods and Custom, case-sensitive enums, buckets consistent with the raw series', async () => {
  const attr = h.info.asset.telemetryAttributeId;
  type Stat = { stattime: string; count: number; sum: number; avg?: number; min?: number; max?: number };
  const day = await call<Stat[]>(`${core}/attributes/${attr}/statistics?period=PreviousDay&dimension=Hour`, { auth: h.user });
  assert.equal(day.body.length, 24);
  const dayStart = Math.floor(FIXED_NOW / 86_400_000) * 86_400_000 - 86_400_000;
  assert.equal(day.body[0].stattime, iso(dayStart));
  const raw = await call<SeriesPage>(`${core}/attributes/${attr}/timeseries?start=${dayStart}&end=${dayStart + 3_599_999}&order=asc&timestamp=epoch`, { auth: h.user });
  const nums = raw.body.values.map((v) => v.v);
  assert.equal(day.body[0].count, nums.length);
  if (nums.length > 0) {
    assert.equal(day.body[0].min, Math.min(...nums));
    assert.equal(day.body[0].max, Math.max(...nums));
  }
  const custom = await call<Stat[]>(`${core}/attributes/${attr}/statistics?period=Custom&dimension=Day&start=${iso(dayStart - 86_400_000)}&end=${iso(dayStart + 86_400_000 - 1)}`, { auth: h.user });
  assert.equal(custom.body.length, 2);
  assert.equal(custom.body[1].count, day.body.reduce((a, b) => a + b.count, 0));
  assert.equal((await call(`${core}/attributes/${attr}/statistics?period=previousday&dimension=Hour`, { auth: h.user })).status, 400);
  assert.equal((await call(`${core}/attributes/${attr}/statistics?period=Custom&dimension=Day`, { auth: h.user })).status, 400);
});

void test('multiple time series in one query', async () => {
  const attrs = (await call<Page<Attr>>(`${core}/assets/${h.info.asset.id}/attributes?types=TelemetryData,Calculated`, { auth: h.user })).body.items!;
  const ids = attrs.slice(0, 3).map((a) => a.id);
  const body = { items: ids.map((attributeId) => ({ attributeId })), start: FIXED_NOW - 3_600_000, end: FIXED_NOW, order: 'asc', limit: 5 };
  const res = await call<{ results: SeriesPage[] }>(`${core}/timeseries/query`, { method: 'POST', auth: h.user, json: body });
  assert.deepEqual(res.body.results.map((r) => r.attributeId), ids);
  for (const r of res.body.results) {
    const single = await call<SeriesPage>(`${core}/attributes/${r.attributeId}/timeseries?start=${body.start}&end=${body.end}&order=asc&limit=5`, { auth: h.user });
    assert.deepEqual(r.values, single.body.values);
  }
  const byAsset = await call<{ results: SeriesPage[] }>(`${core}/timeseries/query`, { method: 'POST', auth: h.user, json: { assetId: h.info.asset.id, limit: 1 } });
  assert.equal(byAsset.body.results.length, attrs.length);
});
