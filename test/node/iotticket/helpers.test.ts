/** The pure parts of the IoT-TICKET client: time zones and timestamps, validation, body packing, series helpers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ValidationError } from '../../../src/platforms/http';
import { packDeviceEvents, packTelemetry, packTimesignals, type TelemetryRow } from '../../../src/platforms/iotticket/adapterPayloads';
import { fetchPagedSeries, pointsToArrays, type SeriesPage } from '../../../src/platforms/iotticket/series';
import { seriesToCsv, seriesToJson } from '../../../src/platforms/iotticket/seriesExport';
import { scanSeriesPage } from '../../../src/platforms/iotticket/seriesScan';
import { formatIso, parseServerTime, parseTimeZone, toEpochMs } from '../../../src/platforms/iotticket/time';
import { allowAtMostOne, requireExactlyOne, requireOneOf } from '../../../src/platforms/iotticket/validation';

function throwsValidation(fn: () => unknown, parameter: string | RegExp, message?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    if (typeof parameter === 'string') assert.equal(err.parameter, parameter);
    else assert.match(err.parameter, parameter);
    if (message) assert.match(err.message, message);
    return true;
  });
}

void describe('time zones and timestamps', () => {
  void test('the three zone forms parse to the same offsets', () => {
    assert.deepEqual(parseTimeZone('+02:00'), { offsetMinutes: 120, text: '+02:00' });
    assert.deepEqual(parseTimeZone('+0200'), { offsetMinutes: 120, text: '+02:00' });
    assert.deepEqual(parseTimeZone('+02'), { offsetMinutes: 120, text: '+02:00' });
    assert.deepEqual(parseTimeZone('-05:30'), { offsetMinutes: -330, text: '-05:30' });
    assert.deepEqual(parseTimeZone(undefined), { offsetMinutes: 0, text: '+00:00' });
  });

  for (const bad of ['2', '+2', '+2:00', 'UTC', '+02:60', '+15:00', '02:00', '+02:0', '']) {
    void test(`time zone "${bad}" is refused naming tz`, () => throwsValidation(() => parseTimeZone(bad), 'tz', /±hh:mm|range/));
  }

  void test('timestamps as epoch ms, ISO strings and Dates agree', () => {
    const ms = Date.UTC(2024, 10, 26, 8, 0, 5, 123);
    assert.equal(toEpochMs(ms, 't'), ms);
    assert.equal(toEpochMs(new Date(ms), 't'), ms);
    assert.equal(toEpochMs('2024-11-26T08:00:05.123Z', 't'), ms);
    assert.equal(toEpochMs('2024-11-26T10:00:05.123+02:00', 't'), ms);
    assert.equal(toEpochMs('2024-11-26T10:00:05.123+0200', 't'), ms);
    // No offset: read in the given zone.
    assert.equal(toEpochMs('2024-11-26T10:00:05.123', 't', parseTimeZone('+02')), ms);
    assert.equal(toEpochMs('2024-11-26', 't'), Date.UTC(2024, 10, 26));
  });

  void test('bad timestamps name the parameter', () => {
    throwsValidation(() => toEpochMs('yesterday', 'startTime'), 'startTime', /ISO 8601/);
    throwsValidation(() => toEpochMs('2024-13-01T00:00:00Z', 'endTime'), 'endTime', /out of range/);
    throwsValidation(() => toEpochMs(NaN, 'startTime'), 'startTime');
    throwsValidation(() => toEpochMs(new Date('x'), 'startTime'), 'startTime');
  });

  void test('ISO output in a zone, and the fast server-time parser matches Date.parse', () => {
    const ms = Date.UTC(2024, 0, 1, 23, 30);
    assert.equal(formatIso(ms), '2024-01-01T23:30:00.000Z');
    assert.equal(formatIso(ms, parseTimeZone('+02:00')), '2024-01-02T01:30:00.000+02:00');
    assert.equal(formatIso(ms, parseTimeZone('-0330')), '2024-01-01T20:00:00.000-03:30');
    for (const s of ['2024-11-26T08:00:05.123Z', '1999-12-31T23:59:59.999Z', '2024-02-29T00:00:00.000Z']) assert.equal(parseServerTime(s), Date.parse(s));
    assert.equal(parseServerTime('2024-11-26T08:00:05+02:00'), Date.parse('2024-11-26T08:00:05+02:00'));
    assert.equal(parseServerTime(1546293601000), 1546293601000);
    assert.equal(parseServerTime('1546293601000'), 1546293601000);
  });
});

void describe('validation', () => {
  const locators = ['assetId', 'assetName', 'namesPath'] as const;
  void test('exactly one locator', () => {
    assert.equal(requireExactlyOne({ assetName: 'x' }, locators), 'assetName');
    throwsValidation(() => requireExactlyOne({}, locators), 'assetId|assetName|namesPath', /none was/);
    throwsValidation(() => requireExactlyOne({ assetId: 'a', namesPath: ['b'] }, locators), 'assetId|namesPath', /got assetId and namesPath/);
  });
  void test('at most one locator', () => {
    assert.equal(allowAtMostOne({}, locators), undefined);
    assert.equal(allowAtMostOne({ assetId: 'A1' }, locators), 'assetId');
    throwsValidation(() => allowAtMostOne({ assetId: 'a', assetName: 'b' }, locators), 'assetId|assetName', /at most one/);
  });
  void test('enums are case-sensitive and suggest the right spelling', () => {
    assert.equal(requireOneOf('period', 'Custom', ['Custom', 'CurrentDay']), 'Custom');
    throwsValidation(() => requireOneOf('period', 'custom', ['Custom', 'CurrentDay']), 'period', /did you mean Custom/);
    throwsValidation(() => requireOneOf('dimension', 'Fortnight', ['Day', 'Week']), 'dimension', /use one of Day, Week/);
  });
});

void describe('adapter bodies', () => {
  const rows = (n: number, start = Date.UTC(2024, 0, 1)): TelemetryRow[] =>
    Array.from({ length: n }, (_, i) => ({ timestamp: start + i * 1000, temperature: 20 + i / 10, status: i % 2 === 0 ? 'ok' : 'läuft' }));

  void test('telemetry is split below 2048 bytes, in order, every value exactly once', () => {
    const data = rows(200);
    const bodies = packTelemetry(data, { units: ['°C', ''] });
    assert.ok(bodies.length > 5);
    const seen: Record<string, [string, unknown][]> = { temperature: [], status: [] };
    for (const b of bodies) {
      assert.ok(Buffer.byteLength(b.body) <= 2048, `body of ${Buffer.byteLength(b.body)} bytes`);
      assert.equal(Buffer.byteLength(b.body), b.bytes, 'the computed size is exact');
      const doc = JSON.parse(b.body) as { t: { n: string; dt: string; unit?: string; data: Record<string, unknown>[] }[] };
      let items = 0;
      for (const entry of doc.t) {
        assert.equal(entry.unit, entry.n === 'temperature' ? '°C' : '');
        assert.equal(entry.dt, entry.n === 'temperature' ? 'double' : 'string');
        for (const point of entry.data) seen[entry.n].push(Object.entries(point)[0]);
        items += entry.data.length;
      }
      assert.equal(items, b.items);
    }
    assert.deepEqual(seen.temperature, data.map((r) => [new Date(r.timestamp as number).toISOString(), r.temperature]));
    assert.deepEqual(seen.status, data.map((r) => [new Date(r.timestamp as number).toISOString(), r.status]));
  });

  void test('bodies are filled close to the limit (no needless splitting)', () => {
    const bodies = packTelemetry(rows(300));
    for (const b of bodies.slice(0, -1)) assert.ok(b.bytes > 2048 - 60, `a body of only ${b.bytes} bytes was closed early`);
  });

  void test('nulls are dropped for single telemetry', () => {
    const [body] = packTelemetry([{ timestamp: 0, a: 1, b: null }, { timestamp: 1000, a: null, b: 2 }, { timestamp: 2000, a: NaN, b: undefined }]);
    assert.deepEqual(JSON.parse(body.body), {
      t: [
        { n: 'a', dt: 'double', data: [{ '1970-01-01T00:00:00.000Z': 1 }] },
        { n: 'b', dt: 'double', data: [{ '1970-01-01T00:00:01.000Z': 2 }] },
      ],
    });
  });

  void test('a telemetry set refuses nulls and sends one set entry per row', () => {
    throwsValidation(() => packTelemetry([{ timestamp: 0, lat: 61.4, lon: null }], { setId: 'gps' }), 'data[0].lon', /cannot contain null/);
    const [body] = packTelemetry([{ timestamp: '2024-01-01T12:00:00Z', lat: 61.49, lon: 23.76 }], { setId: 'gps' });
    assert.deepEqual(JSON.parse(body.body), {
      t_set: [{ id: 'gps', ts: '2024-01-01T12:00:00.000Z', t: [{ n: 'lat', dt: 'double', value: 61.49 }, { n: 'lon', dt: 'double', value: 23.76 }] }],
    });
  });

  void test('units must match the columns; a single oversized value is refused', () => {
    throwsValidation(() => packTelemetry(rows(2), { units: ['C'] }), 'units', /1 entries for 2/);
    throwsValidation(() => packTelemetry([{ timestamp: 0, text: 'x'.repeat(3000) }]), 'data[0].text', /2048/);
    throwsValidation(() => packTelemetry([{ timestamp: 0, a: null }]), 'data', /every value is null/);
    throwsValidation(() => packTelemetry([{ timestamp: 'soon', a: 1 }]), 'data[0].timestamp');
  });

  void test('device events are checked against the das schema', () => {
    const ok = { id: 'E1', m: 'Too hot', ts: 0, type: 'Alarm', severity: 'High', active: true };
    assert.equal(packDeviceEvents([ok], undefined).length, 1);
    throwsValidation(() => packDeviceEvents([{ ...ok, type: 'alarm' }], undefined), 'payload.e[0].type', /did you mean Alarm/);
    throwsValidation(() => packDeviceEvents([{ ...ok, severity: 'Urgent' }], undefined), 'payload.e[0].severity', /Low, Normal, High, Critical/);
    throwsValidation(() => packDeviceEvents([{ ...ok, m: 'x'.repeat(256) }], undefined), 'payload.e[0].m', /255/);
    throwsValidation(() => packDeviceEvents([{ ...ok, ts: undefined as unknown as number }], undefined), 'payload.e[0].ts');
  });

  void test('time signals: naive timestamps are read in tz', () => {
    const [body] = packTimesignals([{ n: 'vib', ts: '2022-10-02T12:10:10', id: 's1', value: { data: [1, 2, 3] } }], '+02:00');
    assert.deepEqual(JSON.parse(body.body), { ts: [{ n: 'vib', ts: '2022-10-02T10:10:10.000Z', id: 's1', value: { data: [1, 2, 3] } }] });
    throwsValidation(() => packTimesignals([{ n: 'vib', ts: 0, id: 'x'.repeat(256), value: 1 }], undefined), 'payload.ts[0].id');
  });
});

void describe('series helpers', () => {
  void test('points fill typed arrays; booleans 1/0, text kept aside, gaps NaN', () => {
    const num = pointsToArrays([{ ts: '2024-01-01T00:00:00.000Z', v: 1.5 }, { ts: 1704067201000, v: '2.5' }, { ts: 1704067202000, v: null }], 'double');
    assert.deepEqual([...num.timestamps], [1704067200000, 1704067201000, 1704067202000]);
    assert.deepEqual([...num.values], [1.5, 2.5, NaN]);
    assert.equal(num.strings, undefined);
    assert.deepEqual([...pointsToArrays([{ ts: 0, v: 'true' }, { ts: 1, v: false }], 'boolean').values], [1, 0]);
    const text = pointsToArrays([{ ts: 0, v: 'R102' }, { ts: 1, v: null }], 'string');
    assert.deepEqual(text.strings, ['R102', null]);
    assert.ok(text.values.every(Number.isNaN));
  });

  void test('the paged fetch walks the range and stops when a page is not truncated', async () => {
    const all = Array.from({ length: 25 }, (_, i) => i * 10);
    const asked: number[] = [];
    const seen: number[] = [];
    const series = await fetchPagedSeries(async (req): Promise<SeriesPage> => {
      asked.push(req.start);
      const hit = all.filter((t) => t >= req.start && t <= req.end);
      const page = hit.slice(0, req.limit);
      return { timestamps: Float64Array.from(page), values: Float64Array.from(page, (t) => t / 10), truncated: hit.length > req.limit, name: 'x', unit: 'u', dataType: 'double' };
    }, { start: 0, end: 1000, pageSize: 10, onPage: (p, progress) => seen.push(p.timestamps.length, progress.points) });
    assert.deepEqual(asked, [0, 91, 191]);
    assert.deepEqual(seen, [10, 10, 10, 20, 5, 25]);
    assert.deepEqual([...series.timestamps], all);
    assert.deepEqual([...series.values], all.map((t) => t / 10));
    assert.equal(series.name, 'x');
    assert.equal(series.truncated, false);
  });

  void test('CSV: merged rows, ISO timestamps in tz, empty cells for gaps, quoting', async () => {
    const a = { name: 'temp', unit: 'C', dataType: 'double', timestamps: Float64Array.from([0, 1000, 2000]), values: Float64Array.from([1.5, NaN, 3]) };
    const b = { name: 'state, text', unit: '', dataType: 'string', timestamps: Float64Array.from([2000, 1000]), values: Float64Array.from([NaN, NaN]), strings: ['say "hi"', 'ok'] };
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const rows = await seriesToCsv([a, b], out, { tz: '+01:00', rowsPerChunk: 1 });
    assert.equal(rows, 3);
    assert.equal(
      chunks.join(''),
      'timestamp,temp,"state, text"\n' +
        '1970-01-01T01:00:00.000+01:00,1.5,\n' +
        '1970-01-01T01:00:01.000+01:00,,ok\n' +
        '1970-01-01T01:00:02.000+01:00,3,"say ""hi"""\n',
    );
    assert.ok(chunks.length >= 4, 'written row by row, not as one string');
  });

  void test('JSON: the das json form, epoch or datetime', () => {
    const s = { name: 'temp', unit: 'C', dataType: 'double', timestamps: Float64Array.from([0, 1000]), values: Float64Array.from([1, NaN]) };
    assert.deepEqual(seriesToJson(s), [{ timestamp: '1970-01-01T00:00:00.000Z', value: 1 }, { timestamp: '1970-01-01T00:00:01.000Z', value: null }]);
    assert.deepEqual(seriesToJson([s], { timestamp: 'epoch', columnNames: ['T'] }), { T: [{ timestamp: 0, value: 1 }, { timestamp: 1000, value: null }] });
  });
});

void describe('series page scanner', () => {
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  const page = (dataType: string, points: string): string =>
    `{"assetId":"A1","attributeId":"AT1","name":"n","dataType":"${dataType}","unit":"u","values":[${points}],"truncated":true}`;

  /** The scanner must give exactly what JSON.parse + pointsToArrays give. */
  function sameAsJsonParse(text: string): void {
    const scanned = scanSeriesPage(utf8(text));
    assert.ok(scanned, `the scanner gave up on ${text.slice(0, 120)}`);
    const body = JSON.parse(text) as { dataType: string; values: { ts: unknown; v: unknown }[] };
    const expected = pointsToArrays(body.values, body.dataType);
    assert.deepEqual([...scanned.timestamps], [...expected.timestamps]);
    assert.deepEqual([...scanned.values], [...expected.values]);
    assert.deepEqual(scanned.strings, expected.strings);
    assert.deepEqual(scanned.meta, { ...body, values: [] });
  }

  void test('numbers of every shape are read exactly', () => {
    const numbers = ['0', '-0', '1', '-1', '21.61577', '-273.15', '0.1', '0.30000000000000004', '1e3', '-2.5E-7', '123456789012345', '1234567890123456789', '9007199254740993', '3.141592653589793238'];
    sameAsJsonParse(page('double', numbers.map((v, i) => `{"ts":${1700000000000 + i},"v":${v}}`).join(',')));
    const random = Array.from({ length: 2000 }, (_, i) => `{"ts":${1700000000000 + i * 997},"v":${((Math.sin(i) * 1e4) / 7).toFixed(i % 9)}}`);
    sameAsJsonParse(page('double', random.join(',')));
  });

  void test('ISO timestamps, nulls, booleans, strings, either key order, empty pages', () => {
    sameAsJsonParse(page('double', '{"ts":"2024-11-26T08:00:05.000Z","v":1.5},{"v":null,"ts":"2024-11-26T08:00:06.000+02:00"}'));
    sameAsJsonParse(page('boolean', '{"ts":1,"v":true},{"ts":2,"v":false},{"ts":3,"v":"true"}'));
    sameAsJsonParse(page('string', '{"ts":1,"v":"R102"},{"ts":2,"v":null},{"ts":3,"v":42}'));
    sameAsJsonParse(page('double', ''));
  });

  void test('text that is not ASCII: names around the points, string values, a leading byte order mark', () => {
    const named = (points: string): string =>
      `{"assetId":"A1","attributeId":"AT1","name":"Lämpötila ✓","dataType":"string","unit":"°C","values":[${points}],"truncated":false}`;
    sameAsJsonParse(named('{"ts":1,"v":"Käynnissä"},{"ts":2,"v":"\uFEFF😀 ok"},{"ts":3,"v":"\u00e9"}'));
    const scanned = scanSeriesPage(utf8(`\uFEFF${named('{"ts":1,"v":"\uFEFFx"}')}`));
    assert.equal(scanned?.meta.name, 'Lämpötila ✓');
    assert.deepEqual(scanned?.strings, ['\uFEFFx'], 'a byte order mark inside a value is kept');
  });

  void test('gives up (for the JSON.parse fallback) on shapes it does not know', () => {
    assert.equal(scanSeriesPage(utf8(page('string', '{"ts":1,"v":"say \\"hi\\""}'))), undefined);
    assert.equal(scanSeriesPage(utf8(page('double', '{"ts":1,"v":{"x":1}}'))), undefined);
    assert.equal(scanSeriesPage(utf8(page('double', '{"ts":1, "v":2}'))), undefined);
    assert.equal(scanSeriesPage(utf8(page('double', '{"ts":1,"v":2,"q":3}'))), undefined);
    assert.equal(scanSeriesPage(utf8('{"items":[{"ts":1')), undefined);
    assert.equal(scanSeriesPage(utf8('{"values":[{"ts":1,"v":2}')), undefined);
  });
});
