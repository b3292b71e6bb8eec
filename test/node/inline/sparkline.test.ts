/** The sparkline SVG and the value texts of inline previews. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sparklineSvg, svgDataUri } from '../../../src/inline/sparkline';
import { describe as describeValue, formatReading, isChartable, windowStats } from '../../../src/inline/valueFormat';

/** The points of every polyline, as numbers. */
function polylines(svg: string): [number, number][][] {
  return [...svg.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]));
}

void describe('inline sparkline', () => {
  const t0 = Date.UTC(2026, 0, 1);
  const ts = Float64Array.from({ length: 60 }, (_, i) => t0 + i * 60_000);
  const values = Float64Array.from({ length: 60 }, (_, i) => 20 + Math.sin(i / 6) * 3);

  void test('one point per value, inside the frame, the highest value at the top', () => {
    const svg = sparklineSvg(ts, values, { width: 200, height: 40 });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="200" height="40"/);
    assert.ok(svg.endsWith('</svg>'));
    const [line] = polylines(svg);
    assert.equal(line.length, 60);
    for (const [x, y] of line) {
      assert.ok(x >= 0 && x <= 200, `x ${x}`);
      assert.ok(y >= 0 && y <= 40, `y ${y}`);
    }
    const max = values.indexOf(Math.max(...values));
    const min = values.indexOf(Math.min(...values));
    assert.equal(line[max][1], Math.min(...line.map((p) => p[1])));
    assert.equal(line[min][1], Math.max(...line.map((p) => p[1])));
    // Time runs left to right.
    assert.deepEqual(line.map((p) => p[0]), [...line.map((p) => p[0])].sort((a, b) => a - b));
  });

  void test('gaps (NaN) break the line', () => {
    const gappy = Float64Array.from(values);
    gappy[20] = NaN;
    gappy[40] = NaN;
    const lines = polylines(sparklineSvg(ts, gappy));
    assert.equal(lines.length, 3);
    assert.equal(lines.reduce((n, l) => n + l.length, 0), 58);
  });

  void test('a fixed time range leaves room for missing data at the ends', () => {
    const svg = sparklineSvg(ts.subarray(30), values.subarray(30), { width: 100, from: t0, to: t0 + 59 * 60_000 });
    const [line] = polylines(svg);
    assert.ok(line[0][0] > 45, `starts at ${line[0][0]}`);
  });

  void test('many points are reduced to a few per pixel column, keeping the extremes', () => {
    const n = 100_000;
    const big = Float64Array.from({ length: n }, (_, i) => i % 1000);
    big[54_321] = 5000;
    const bts = Float64Array.from({ length: n }, (_, i) => t0 + i * 1000);
    const [line] = polylines(sparklineSvg(bts, big, { width: 100, height: 50 }));
    assert.ok(line.length <= 5 * 100, `${line.length} points`);
    assert.ok(line.some(([, y]) => y <= 2.6), 'the spike reaches the top');
  });

  void test('a flat series sits in the middle; no data draws a dashed rule', () => {
    const [flat] = polylines(sparklineSvg(ts, new Float64Array(60).fill(7), { height: 40 }));
    assert.ok(flat.every(([, y]) => y === 20));
    const empty = sparklineSvg(ts, new Float64Array(60).fill(NaN));
    assert.equal(polylines(empty).length, 0);
    assert.match(empty, /stroke-dasharray/);
  });

  void test('the data URI carries the SVG', () => {
    const svg = sparklineSvg(ts, values);
    const uri = svgDataUri(svg);
    assert.ok(uri.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(uri.split(',')[1], 'base64').toString('utf8'), svg);
  });
});

void describe('inline value texts', () => {
  void test('min, max and average skip gaps', () => {
    assert.deepEqual(windowStats([1, NaN, 3, 8]), { count: 3, min: 1, max: 8, avg: 4 });
    assert.equal(windowStats([NaN]), undefined);
  });

  void test('reading and age: "21.4 °C · 12 s ago"', () => {
    const now = Date.UTC(2026, 0, 1, 12);
    assert.equal(describeValue({ value: 21.4, unit: '°C', ts: now - 12_000 }, now), '21.4 °C · 12 s ago');
    assert.equal(describeValue({ value: 'Running', ts: now - 180_000 }, now), 'Running · 3 min ago');
    assert.equal(describeValue({ value: 1.23456, unit: 'bar' }, now), '1.235 bar');
    assert.equal(formatReading({ value: null, unit: '°C' }), '—');
  });

  void test('what can be charted', () => {
    assert.equal(isChartable('iotticket-attribute', { value: 1, type: 'TelemetryData', dataType: 'double' }), true);
    assert.equal(isChartable('iotticket-attribute', { value: 5, type: 'Number', dataType: 'double' }), false);
    assert.equal(isChartable('iotticket-attribute', { value: 'Load', type: 'TelemetryData', dataType: 'string' }), false);
    assert.equal(isChartable('v1-datanode', { value: null, dataType: 'long' }), true);
    assert.equal(isChartable('altair-property', { value: 'auto', dataType: 'string' }), false);
    assert.equal(isChartable('altair-property', { value: true }), true);
  });
});
