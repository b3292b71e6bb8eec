/**
 * Large series through the Python backend: 1,000,000 points as float64 attachments (a header of a few
 * hundred bytes, never JSON numbers), page by page for charts, and get_multiple_timeseries on the SDK's
 * multiprocessing path (spawned children import the bridge as __mp_main__ and must do nothing).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonType } from '../../../../src/platforms/iotticket/python/wire';
import { WireFrame } from '../../../../src/platforms/iotticket/python';
import { startPyFixture, type PyFixture } from './pyFixture';

const POINTS = 1_000_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

let f: PyFixture;
const frames: { op: string; headerBytes: number; attachmentBytes: number }[] = [];
before(async () => {
  f = await startPyFixture({ dataset: 'large', large: { assets: 200, childrenPerLevel: 50, pointsPerSeries: POINTS }, now: () => NOW }, {
    onFrame: (frame) => frames.push(frame), timeoutMs: 600_000,
  });
});
after(() => f.close());

void test('a 1,000,000-point get_timeseries arrives as two float64 columns, equal to the HTTP client\'s read', async () => {
  frames.length = 0;
  const raw = await f.api.python.call('get_timeseries', {
    kwargs: { attribute_id: f.info.asset.telemetryAttributeId, start_time: NOW - 90 * DAY, limit: 2 * POINTS, chronological_order: true, timestamp: 'epoch', astype: pythonType('float') },
  });
  assert.ok(raw instanceof WireFrame);
  assert.ok(raw.length >= POINTS * 0.95 && raw.length <= POINTS + 1, `about ${POINTS} points, got ${raw.length}`);
  const result = frames.find((fr) => fr.op === 'result')!;
  assert.equal(result.attachmentBytes, raw.length * 16, 'timestamps and values, 8 bytes each');
  assert.ok(result.headerBytes < 1000, `the header stays small (${result.headerBytes} bytes): no point travels as JSON`);
  const ts = raw.column('timestamp')!.values as Float64Array;
  const values = raw.column('value')!.values as Float64Array;
  const http = await f.http.data.fetchSeriesPaged({ attributeId: f.info.asset.telemetryAttributeId, start: NOW - 90 * DAY, end: NOW });
  assert.equal(ts.length, http.timestamps.length);
  assert.deepEqual(ts.subarray(0, 1000), http.timestamps.subarray(0, 1000));
  assert.deepEqual(ts.subarray(-1000), http.timestamps.subarray(-1000));
  for (let i = 0; i < ts.length; i += 997) assert.equal(values[i], http.values[i], `point ${i}`);
});

void test('fetchSeriesPaged through das: the same million points in 10,000-point pages', async () => {
  let pages = 0;
  const s = await f.api.data.fetchSeriesPaged({ attributeId: f.info.asset.telemetryAttributeId, start: NOW - 90 * DAY, end: NOW, onPage: () => pages++ });
  assert.ok(s.timestamps.length >= POINTS * 0.95, `${s.timestamps.length} points`);
  assert.ok(pages >= 95);
  for (let i = 1; i < s.timestamps.length; i++) if (s.timestamps[i] <= s.timestamps[i - 1]) assert.fail(`not ascending at ${i}`);
});

void test('get_multiple_timeseries past the process threshold: the SDK\'s child processes run under the bridge', async () => {
  const roots = await f.http.assets.getAssetLevel({ limit: 1 });
  const level = await f.http.assets.getAssetLevel({ assetId: roots.children[0].id, limit: 6 });
  const ids: string[] = [];
  for (const child of level.children) ids.push((await f.http.assets.getAttributes({ assetId: child.id, attributeType: 'TelemetryData' }))[0].id);
  assert.ok(ids.length > 4, 'more attributes than the stand-in fetches in one process');
  const before = Number((await f.api.python.call('process_pools_started', { property: true }).catch(() => 0)) ?? 0);
  const series = await f.api.data.getMultipleTimeseries({ attributeIds: ids, startTime: NOW - DAY, endTime: NOW, chronologicalOrder: true, limit: 500 });
  assert.equal(Number(await f.api.python.call('process_pools_started', { property: true })), before + 1, 'the multiprocessing path was taken');
  assert.equal(series.length, ids.length);
  for (const [i, s] of series.entries()) {
    const http = await f.http.data.getTimeseries({ attributeId: ids[i], startTime: NOW - DAY, endTime: NOW, chronologicalOrder: true, limit: 500 });
    assert.deepEqual([...s.timestamps], [...http.timestamps], ids[i]);
    assert.deepEqual([...s.values], [...http.values], ids[i]);
    assert.equal(s.attributeId, ids[i]);
  }
  assert.equal((await f.api.organizations.getOrganizations()).length > 0, true, 'the protocol stream survived the children');
});
