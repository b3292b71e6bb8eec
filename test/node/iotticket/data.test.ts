/** Time series, statistics, time signals and asset-API writes, with the HTTP failure paths of reads. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { CancelledError, HttpError, ParseError } from '../../../src/platforms/http';
import { IotTicketClient, seriesToCsv, seriesToJson, type Series } from '../../../src/platforms/iotticket';
import { fastRetry, rejects, rejectsValidation, startFixture, type Fixture } from './fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed clock: the generated data (and so every expectation) does not move between runs. */
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

let f: Fixture;
before(async () => {
  f = await startFixture({ now: () => NOW });
});
after(() => f.close());

const isAscending = (s: Series): boolean => s.timestamps.every((t, i) => i === 0 || s.timestamps[i - 1] < t);
const isDescending = (s: Series): boolean => s.timestamps.every((t, i) => i === 0 || s.timestamps[i - 1] > t);

void describe('getTimeseries', () => {
  void test('by attribute id: newest first by default, limit respected, typed arrays', async () => {
    const s = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 50 });
    assert.equal(s.timestamps.length, 50);
    assert.ok(s.timestamps instanceof Float64Array && s.values instanceof Float64Array);
    assert.ok(isDescending(s));
    assert.ok(s.timestamps[0] <= NOW);
    assert.equal(s.name, f.info.asset.telemetryAttributeName);
    assert.equal(s.unit, '°C');
    assert.equal(s.dataType, 'double');
    assert.equal(s.assetId, f.info.asset.id);
    assert.equal(s.attributeId, f.info.asset.telemetryAttributeId);
    assert.equal(s.truncated, true);
  });

  void test('by names path, chronological, in a time window; same points as by id', async () => {
    const window = { startTime: new Date(NOW - 6 * HOUR), endTime: new Date(NOW - 5 * HOUR).toISOString(), chronologicalOrder: true };
    const byPath = await f.client.data.getTimeseries({ namesPath: [...f.info.asset.namesPath, f.info.asset.telemetryAttributeName], ...window });
    const byId = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, assetId: f.info.asset.id, ...window });
    assert.ok(byPath.timestamps.length > 10);
    assert.ok(isAscending(byPath));
    assert.ok(byPath.timestamps[0] >= NOW - 6 * HOUR && byPath.timestamps[byPath.timestamps.length - 1] <= NOW - 5 * HOUR);
    assert.deepEqual([...byPath.timestamps], [...byId.timestamps]);
    assert.deepEqual([...byPath.values], [...byId.values]);
    assert.equal(byPath.truncated, false);
  });

  void test('boolean telemetry becomes 1/0', async () => {
    const s = await f.client.data.getTimeseries({ namesPath: [...f.info.asset.namesPath, 'Running'], limit: 200 });
    assert.equal(s.dataType, 'boolean');
    assert.ok(s.values.every((v) => v === 0 || v === 1 || Number.isNaN(v)));
  });

  void test('validation: locators, limit, time zone, timestamps', async () => {
    await rejectsValidation(f.client.data.getTimeseries({}), 'attributeId|namesPath', /none was/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId: 'AT1', namesPath: ['a', 'b'] }), 'attributeId|namesPath');
    await rejectsValidation(f.client.data.getTimeseries({ attributeId: 'AT1', limit: 10_001 }), 'limit', /1 to 10000/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId: 'AT1', tz: '+2' }), 'tz');
    await rejectsValidation(f.client.data.getTimeseries({ attributeId: 'AT1', startTime: 'last tuesday' }), 'startTime');
    await rejectsValidation(f.client.data.getTimeseries({ namesPath: ['Tampere Plant'] }), 'namesPath', /at least 2 names/);
    await rejectsValidation(f.client.data.getTimeseries({ namesPath: [...f.info.asset.namesPath, 'Rated power'] }), 'namesPath', /no TelemetryData\/Calculated attribute named "Rated power"/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId: 'AT999999' }), 'attributeId', /no attribute/);
  });

  void test('das form, astype and timestamp: json is supported, the rest refused by name before any request (16.7)', async () => {
    const attributeId = f.info.asset.telemetryAttributeId;
    const series = await f.client.data.getTimeseries({ attributeId, limit: 3 });
    const json = await f.client.data.getTimeseries({ attributeId, limit: 3, form: 'json', tz: '+02:00' });
    assert.deepEqual(json.map((p) => p.value), [...series.values]);
    assert.match(String(json[0].timestamp), /\+02:00$/);
    const epoch = await f.client.data.getTimeseries({ attributeId, limit: 3, form: 'json', timestamp: 'epoch' });
    assert.deepEqual(epoch.map((p) => p.timestamp), [...series.timestamps]);
    assert.equal((await f.client.data.getTimeseries({ attributeId, limit: 3, timestamp: 'epoch' })).timestamps.length, 3);
    const multi = await f.client.data.getMultipleTimeseries({ attributeIds: [attributeId], limit: 2, form: 'json', columnNames: ['t'] });
    assert.deepEqual(Object.keys(multi), ['t']);
    assert.equal(multi.t.length, 2);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId, form: 'DataFrame' }), 'form', /DataFrame has no TypeScript equivalent/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId, form: 'csv' as 'json' }), 'form', /json, DataFrame/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId, astype: 'float' }), 'astype', /Python type/);
    await rejectsValidation(f.client.data.getTimeseries({ attributeId, timestamp: 'datetime' }), 'timestamp', /form: 'json'/);
    await rejectsValidation(f.client.data.getMultipleTimeseries({ attributeIds: [attributeId], astype: 'int' }), 'astype');
    await rejectsValidation(f.client.data.getMultipleTimeseries({ attributeIds: [attributeId], form: 'json', timestamp: 'iso' as 'epoch' }), 'timestamp');
  });

  void test('the tz of the request carries into the exports', async () => {
    const s = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 2, tz: '+0300' });
    assert.equal(s.tz, '+03:00');
    const json = seriesToJson(s);
    assert.match(String(json[0].timestamp), /\+03:00$/);
    assert.equal(json[0].value, s.values[0]);
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    await seriesToCsv(s, out);
    assert.equal(text.split('\n')[0], `timestamp,${f.info.asset.telemetryAttributeName}`);
    assert.match(text.split('\n')[1], /\+03:00,/);
  });
});

void describe('getMultipleTimeseries', () => {
  const window = { startTime: NOW - 2 * HOUR, endTime: NOW, chronologicalOrder: true };

  void test('assetId gives the asset own TelemetryData and Calculated series', async () => {
    const attrs = await f.client.assets.getAttributes({ assetId: f.info.asset.id });
    const expected = attrs.filter((a) => a.type === 'TelemetryData' || a.type === 'Calculated').map((a) => a.id);
    const byId = await f.client.data.getMultipleTimeseries({ assetId: f.info.asset.id, ...window, concurrency: 2 });
    assert.deepEqual(byId.map((s) => s.attributeId), expected);
    assert.ok(byId.every((s) => isAscending(s)));
    const temperature = byId.find((s) => s.attributeId === f.info.asset.telemetryAttributeId)!;
    assert.ok(temperature.timestamps.length > 100);
    const byName = await f.client.data.getMultipleTimeseries({ assetName: 'Heat Exchanger', ...window }).catch((err: Error) => err);
    assert.match(String(byName), /ambiguous/, 'Heat Exchanger exists on every line');
    const byIds = await f.client.data.getMultipleTimeseries({ attributeIds: expected.slice(0, 2), ...window });
    assert.deepEqual([...byIds[1].values], [...byId[1].values]);
    assert.deepEqual([...byIds[1].timestamps], [...byId[1].timestamps]);
  });

  void test('namesPath takes the whole subtree; columnNames rename; limit per series', async () => {
    const pump = await f.client.data.getMultipleTimeseries({ namesPath: f.info.asset.namesPath, ...window, limit: 3 });
    const motorAttrs = await f.client.assets.getAttributes({ namesPath: [...f.info.asset.namesPath, 'Motor'], attributeType: 'TelemetryData' });
    assert.ok(motorAttrs.length > 0);
    for (const a of motorAttrs) assert.ok(pump.some((s) => s.attributeId === a.id), `motor series ${a.name} included`);
    assert.ok(pump.every((s) => s.timestamps.length <= 3));
    const named = await f.client.data.getMultipleTimeseries({ attributeIds: [f.info.asset.telemetryAttributeId], columnNames: ['T'], ...window });
    assert.equal(named[0].name, 'T');
    await rejectsValidation(f.client.data.getMultipleTimeseries({ attributeIds: ['a', 'b'], columnNames: ['x'] }), 'columnNames');
    await rejectsValidation(f.client.data.getMultipleTimeseries({ assetId: 'A1', attributeIds: ['a'] }), 'assetId|attributeIds');
    await rejectsValidation(f.client.data.getMultipleTimeseries({}), 'assetId|assetName|namesPath|attributeIds');
    await rejectsValidation(f.client.data.getMultipleTimeseries({ assetName: 'Motor' }), 'assetName', /ambiguous/);
  });
});

void describe('fetchSeriesPaged', () => {
  void test('walks a long range in ascending pages and equals one big read', async () => {
    const start = NOW - 3 * DAY;
    const end = NOW - 2 * DAY;
    const pages: number[] = [];
    const s = await f.client.data.fetchSeriesPaged({
      attributeId: f.info.asset.telemetryAttributeId, start, end, pageSize: 300, onPage: (p, progress) => pages.push(p.timestamps.length, progress.points),
    });
    assert.ok(pages.length >= 6, `${pages.length / 2} pages`);
    assert.ok(isAscending(s), 'no duplicates at page boundaries');
    assert.equal(pages[pages.length - 1], s.timestamps.length);
    const whole = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, startTime: start, endTime: end, chronologicalOrder: true });
    assert.equal(whole.truncated, false);
    assert.deepEqual([...s.timestamps], [...whole.timestamps]);
    assert.deepEqual([...s.values], [...whole.values]);
  });

  void test('maxPoints stops early and marks the result truncated', async () => {
    const s = await f.client.data.fetchSeriesPaged({ attributeId: f.info.asset.telemetryAttributeId, start: NOW - 5 * DAY, end: NOW, pageSize: 100, maxPoints: 250 });
    assert.equal(s.timestamps.length, 250);
    assert.equal(s.truncated, true);
  });

  void test('cancellation in the middle of a paged fetch (slow server)', async () => {
    f.emu.faults.set([{ kind: 'latency', ms: 40, pathPrefix: '/core/v1/' }]);
    try {
      const ac = new AbortController();
      let pagesSeen = 0;
      const pending = f.client.data.fetchSeriesPaged({
        attributeId: f.info.asset.telemetryAttributeId, start: NOW - 10 * DAY, end: NOW, pageSize: 50, signal: ac.signal,
        onPage: () => {
          if (++pagesSeen === 2) ac.abort();
        },
      });
      await rejects(pending, CancelledError);
      assert.equal(pagesSeen, 2, 'no page arrived after the abort');
    } finally {
      f.emu.faults.clear();
    }
  });
});

void describe('statistics and time signals', () => {
  void test('getStatistics: Custom window in hour buckets; timestamp and tz options', async () => {
    const base = { attributeId: f.info.asset.telemetryAttributeId, period: 'Custom', dimension: 'Hour', startTime: NOW - 6 * HOUR, endTime: NOW - 1 };
    const buckets = await f.client.data.getStatistics(base);
    assert.equal(buckets.length, 6);
    assert.equal(buckets[0].stattime, new Date(NOW - 6 * HOUR).toISOString());
    for (const b of buckets) {
      if (b.count === 0) continue;
      assert.ok(b.min! <= b.avg! && b.avg! <= b.max!);
      assert.ok(Math.abs(b.sum / b.count - b.avg!) < 1e-3);
    }
    const epoch = await f.client.data.getStatistics({ ...base, timestamp: 'epoch' });
    assert.equal(epoch[0].stattime, NOW - 6 * HOUR);
    const zoned = await f.client.data.getStatistics({ ...base, tz: '+02:00', limit: 2 });
    assert.equal(zoned.length, 2);
    assert.equal(zoned[0].stattime, `${new Date(NOW - 4 * HOUR).toISOString().slice(0, 23)}+02:00`);
    const byPath = await f.client.data.getStatistics({ ...base, attributeId: undefined, namesPath: [...f.info.asset.namesPath, f.info.asset.telemetryAttributeName] });
    assert.deepEqual(byPath, buckets);
  });

  void test('getStatistics: named periods ignore start/end', async () => {
    const day = await f.client.data.getStatistics({ attributeId: f.info.asset.telemetryAttributeId, period: 'PreviousDay', dimension: 'Hour' });
    assert.equal(day.length, 24);
    assert.equal(day[0].stattime, new Date(Date.UTC(2026, 10, 19)).toISOString());
  });

  void test('getStatistics: enums are checked exactly; Custom needs both times', async () => {
    const base = { attributeId: f.info.asset.telemetryAttributeId };
    await rejectsValidation(f.client.data.getStatistics({ ...base, period: 'currentDay', dimension: 'Hour' }), 'period', /did you mean CurrentDay/);
    await rejectsValidation(f.client.data.getStatistics({ ...base, period: 'CurrentDay', dimension: 'Second' }), 'dimension', /Minute, Hour, Day, Week, Quarter, Month, Year/);
    await rejectsValidation(f.client.data.getStatistics({ ...base, period: 'Custom', dimension: 'Day', startTime: NOW }), 'endTime', /required when period is Custom/);
    await rejectsValidation(f.client.data.getStatistics({ ...base, period: 'CurrentDay', dimension: 'Day', timestamp: 'unix' as 'epoch' }), 'timestamp');
    await rejectsValidation(f.client.data.getStatistics({ period: 'CurrentDay', dimension: 'Day' }), 'namesPath|attributeId');
  });

  void test('getTimesignal reads one signal by id', async () => {
    const spectrum = [...f.info.asset.namesPath, 'Vibration spectrum'];
    const one = await f.client.data.getTimesignal('spectrum-002', { namesPath: spectrum, timestamp: 'epoch' });
    assert.equal(one.values.length, 1);
    assert.equal(one.values[0].id, 'spectrum-002');
    assert.equal(typeof one.values[0].timestamp, 'number');
    assert.deepEqual((one.values[0].value as { frequencyHz: number[] }).frequencyHz, [10, 20, 50, 100, 200]);
    const none = await f.client.data.getTimesignal('spectrum-999', { namesPath: spectrum });
    assert.deepEqual(none.values, []);
    await rejectsValidation(f.client.data.getTimesignal('x', {}), 'attributeId|namesPath');
    await rejectsValidation(f.client.data.getTimesignal('x'.repeat(256), { namesPath: spectrum }), 'timesignalId');
  });
});

void describe('asset API writes', () => {
  void test('writeStatic by names path + names and by ids; values read back', async () => {
    const ok = await f.client.data.writeStatic([123.5, 'SN-0042'], { namesPath: f.info.asset.namesPath, attributeNames: ['Rated power', 'Serial number'] });
    assert.deepEqual(ok, [true, true]);
    const attrs = await f.client.assets.getAttributes({ assetId: f.info.asset.id });
    assert.equal(attrs.find((a) => a.name === 'Rated power')?.value, 123.5);
    assert.equal(attrs.find((a) => a.name === 'Serial number')?.value, 'SN-0042');
    const power = attrs.find((a) => a.name === 'Rated power')!;
    assert.deepEqual(await f.client.data.writeStatic([7], { attributeIds: [power.id] }), [true]);
    assert.equal((await f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Number' }))[0].value, 7);
    // A String value into a Number attribute is refused by the server: reported per value, not thrown.
    assert.deepEqual(await f.client.data.writeStatic(['not a number'], { attributeIds: [power.id] }), [false]);
  });

  void test('a failed POST write is not retried and the error surfaces', async () => {
    f.emu.faults.set([{ kind: '503', method: 'POST', pathPrefix: '/core/v1/', count: 3, retryAfterSec: 0 }]);
    try {
      const effId = (await f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Calculated' }))[0].id;
      // Off the generated one-minute grid, so any point found there would be ours.
      const t = NOW - 40 * DAY + 123;
      const err = await rejects(f.client.data.writeCalculated([{ timestamp: t, e: 1 }], { attributeIds: [effId] }), HttpError);
      assert.equal(err.status, 503);
      assert.equal(f.faults()[0].count, 2, 'exactly one request reached the emulator');
      const back = await f.client.data.getTimeseries({ attributeId: effId, startTime: t, endTime: t });
      assert.equal(back.timestamps.length, 0, 'nothing was written');
      f.emu.faults.clear();
      await f.client.data.writeCalculated([{ timestamp: t, e: 1 }], { attributeIds: [effId] });
      const written = await f.client.data.getTimeseries({ attributeId: effId, startTime: t, endTime: t });
      assert.deepEqual([...written.values], [1], 'the same write succeeds once the fault is gone');
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('writeStatic validation', async () => {
    await rejectsValidation(f.client.data.writeStatic([1, 2], { attributeIds: ['AT1'] }), 'attributeIds', /1 ids for 2 values/);
    await rejectsValidation(f.client.data.writeStatic([1], { namesPath: f.info.asset.namesPath }), 'attributeNames', /required/);
    await rejectsValidation(f.client.data.writeStatic([1], { namesPath: f.info.asset.namesPath, attributeNames: ['Flow'] }), 'attributeNames[0]', /no Number\/String attribute named "Flow"/);
    await rejectsValidation(f.client.data.writeStatic([NaN], { attributeIds: ['AT1'] }), 'data[0]');
  });

  void test('writeCalculated by names path (columns = attribute names) and by ids; read back', async () => {
    const t0 = NOW - 30 * DAY;
    const rows = [{ timestamp: t0, Efficiency: 81.5 }, { timestamp: t0 + 60_000, Efficiency: null }, { timestamp: new Date(t0 + 120_000), Efficiency: 82.25 }];
    assert.equal(await f.client.data.writeCalculated(rows, { namesPath: f.info.asset.namesPath }), true);
    const eff = [...f.info.asset.namesPath, 'Efficiency'];
    const back = await f.client.data.getTimeseries({ namesPath: eff, startTime: t0, endTime: t0 + 120_000, chronologicalOrder: true });
    const at = (t: number): number => back.values[[...back.timestamps].indexOf(t)];
    assert.equal(at(t0), 81.5);
    assert.equal(at(t0 + 120_000), 82.25);
    const effId = (await f.client.assets.getAttributes({ assetId: f.info.asset.id, attributeType: 'Calculated' }))[0].id;
    await f.client.data.writeCalculated([{ timestamp: '2026-10-21T15:00:00', x: 99 }], { attributeIds: [effId], tz: '+03:00' });
    const written = await f.client.data.getTimeseries({ attributeId: effId, startTime: Date.UTC(2026, 9, 21, 12), endTime: Date.UTC(2026, 9, 21, 12) });
    assert.deepEqual([...written.values], [99], 'the naive timestamp was read in +03:00');
    await rejectsValidation(f.client.data.writeCalculated(rows, { attributeIds: ['a', 'b'] }), 'attributeIds', /2 ids for 1 data columns/);
    await rejectsValidation(f.client.data.writeCalculated([{ timestamp: 0, Flow: 1 }], { namesPath: f.info.asset.namesPath }), 'data column "Flow"', /no Calculated attribute/);
    await rejectsValidation(f.client.data.writeCalculated([{ timestamp: 0, x: 'high' }], { attributeIds: [effId] }), 'data[0].x');
  });
});

void describe('HTTP failure paths of reads', () => {
  for (const kind of ['429', '503'] as const) {
    void test(`${kind} on a read is retried (Retry-After honoured) and the read succeeds`, async () => {
      f.emu.faults.set([{ kind, count: 2, pathPrefix: '/core/v1/attributes/', retryAfterSec: 0.02 }]);
      const before = f.log.length;
      try {
        const s = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 5 });
        assert.equal(s.timestamps.length, 5);
        assert.equal(f.faults()[0].count, 0, 'both injected failures were used');
        const retries = f.log.slice(before).filter((l) => /retry \d\/\d in \d+ ms/.test(l));
        assert.equal(retries.length, 2);
        assert.match(retries[0], new RegExp(`: ${kind}, retry 1/3 in 20 ms`));
      } finally {
        f.emu.faults.clear();
      }
    });
  }

  void test('500, 502 and 504: 502/504 are retried, 500 is not', async () => {
    f.emu.faults.set([{ kind: '502', count: 1, pathPrefix: '/core/v1/organizations' }, { kind: '504', count: 1, pathPrefix: '/core/v1/organizations' }]);
    try {
      assert.equal((await f.client.organizations.getOrganizations()).length, 2);
    } finally {
      f.emu.faults.clear();
    }
    f.emu.faults.set([{ kind: '500', count: 2, pathPrefix: '/core/v1/organizations' }]);
    try {
      const err = await rejects(f.client.organizations.getOrganizations(), HttpError);
      assert.equal(err.status, 500);
      assert.equal(err.code, 8000);
      assert.equal(f.faults()[0].count, 1, 'exactly one request was made');
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('retries run out: the last error surfaces', async () => {
    f.emu.faults.set([{ kind: '503', pathPrefix: '/core/v1/devices' }]);
    try {
      const err = await rejects(f.client.devices.getDevices(), HttpError);
      assert.equal(err.status, 503);
      assert.equal(f.faults()[0].seen, fastRetry.retries + 1);
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('a connection reset mid-body is retried', async () => {
    f.emu.faults.set([{ kind: 'reset', count: 1, pathPrefix: '/core/v1/attributes/' }]);
    try {
      const s = await f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId, limit: 3 });
      assert.equal(s.timestamps.length, 3);
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('malformed JSON is a clear ParseError, not retried', async () => {
    f.emu.faults.set([{ kind: 'malformed', count: 1, pathPrefix: '/core/v1/attributes/' }]);
    try {
      const err = await rejects(f.client.data.getTimeseries({ attributeId: f.info.asset.telemetryAttributeId }), ParseError);
      assert.match(err.message, /^GET \/core\/v1\/attributes\/AT\d+\/timeseries\?.* the server sent a malformed response .* it starts with "\{\\"items\\":\[\{\\"ts\\":1"$/);
      assert.equal(f.faults()[0].seen, 1);
    } finally {
      f.emu.faults.clear();
    }
  });

  void test('a wrong password is a 401 with the platform code 8001, and the password is not in the message', async () => {
    const wrong = new IotTicketClient({ coreBaseUrl: f.info.coreBaseUrl, username: f.info.user, password: 'definitely-wrong-pw', retry: fastRetry });
    const err = await rejects(wrong.organizations.getOrganizations(), HttpError);
    assert.equal(err.status, 401);
    assert.equal(err.code, 8001);
    assert.equal(err.platformMessage, 'Provide a valid authorization credential');
    assert.ok(!err.message.includes('definitely-wrong-pw'));
  });
});
