import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, FIXED_NOW, start, type Harness } from './helpers';

/** What a client sees of the generated data: a series page, a v1 read, statistics and the ids. */
async function snapshot(h: Harness): Promise<unknown> {
  const core = h.info.coreBaseUrl;
  const from = FIXED_NOW - 2 * 86_400_000;
  const series = await call(`${core}/attributes/${h.info.asset.telemetryAttributeId}/timeseries?start=${from}&limit=500&order=asc`, { auth: h.user });
  const v1 = await call(`${h.info.v1BaseUrl}/process/read/${h.info.v1.deviceId}?datanodes=${encodeURIComponent(h.info.v1.datanodePath)}&fromdate=${from}&todate=${FIXED_NOW}&limit=200`, { auth: h.user });
  const stats = await call(`${core}/attributes/${h.info.asset.telemetryAttributeId}/statistics?period=PreviousWeek&dimension=Day`, { auth: h.user });
  const attrs = await call(`${core}/assets/${h.info.asset.id}/attributes`, { auth: h.user });
  return { series: series.body, v1: v1.body.datanodeReads, stats: stats.body, attrs: attrs.body, info: { ...h.info, v1BaseUrl: '', adapterBaseUrl: '', coreBaseUrl: '' } };
}

for (const dataset of ['demo', 'large'] as const) {
  void test(`${dataset}: the same seed gives the same data, another seed other values`, async () => {
    const large = { assets: 5000, childrenPerLevel: 100, pointsPerSeries: 200_000 };
    const a = await start({ dataset, seed: 7, large });
    const b = await start({ dataset, seed: 7, large });
    const c = await start({ dataset, seed: 8, large });
    try {
      const [sa, sb, sc] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
      assert.deepEqual(sa, sb);
      const values = (s: unknown): unknown => (s as { series: { values: unknown[] } }).series.values;
      assert.equal((values(sa) as unknown[]).length, 500);
      assert.notDeepEqual(values(sa), values(sc));
    } finally {
      await Promise.all([a.emu.close(), b.emu.close(), c.emu.close()]);
    }
  });
}

void test('reset restores the initial state', async () => {
  const h = await start();
  try {
    const before = await snapshot(h);
    await call(`${h.info.adapterBaseUrl}/telemetry/${h.info.tenant}/${h.info.device.id}`, {
      method: 'PUT', auth: h.device, json: { t: [{ n: 'temperature', dt: 'double', data: [{ [new Date(FIXED_NOW - 2 * 86_400_000 + 600_000).toISOString()]: 999 }] }] },
    });
    assert.notDeepEqual(await snapshot(h), before);
    const res = await call(`${h.emu.url}/_emulator/reset`, { method: 'POST' });
    assert.equal(res.status, 204);
    assert.deepEqual(await snapshot(h), before);
  } finally {
    await h.emu.close();
  }
});
