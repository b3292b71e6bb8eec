import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downsample } from '../../../src/shared/chart/downsample';
import { downsampleWithGaps, markGaps, typicalStep } from '../../../src/shared/chart/gaps';
import { assignAxes } from '../../../src/shared/chart/axes';
import { buildTheme, themeKindFromClasses, withAlpha } from '../../../src/shared/chart/chartTheme';
import { isSeriesDescriptor, seriesKey, type SeriesDescriptor } from '../../../src/shared/chart/series';
import { parseSeriesUri, parseUriList, seriesUri } from '../../../src/shared/chart/seriesUri';
import { descriptorOf } from '../../../src/charts/seriesSource';

void test('markGaps inserts one NaN in the middle of each stretch without data', () => {
  const t = Float64Array.from([0, 1, 2, 3, 4, 50, 51, 52, 53, 200, 201].map((x) => x * 1000));
  const v = Float64Array.from(t, (x) => x / 1000);
  const out = markGaps({ timestamps: t, values: v });
  assert.equal(typicalStep(t), 1000);
  const nan = [...out.values.keys()].filter((i) => Number.isNaN(out.values[i]));
  assert.equal(nan.length, 2);
  assert.equal(out.timestamps[nan[0]], 27_000);
  assert.equal(out.timestamps[nan[1]], 126_500);
  assert.equal(out.timestamps.length, t.length + 2);
  const regular = { timestamps: Float64Array.from({ length: 100 }, (_, i) => i * 60_000), values: new Float64Array(100) };
  assert.equal(markGaps(regular), regular); // nothing to mark: no copy
});

void test('downsampleWithGaps draws exactly what downsampling the gap-marked copy draws', () => {
  // A seeded generator: long series with gaps of every length, NaN values (alone, in runs, at gap edges).
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let cases = 0;
  for (const n of [2, 3, 50, 4001, 20_000, 100_000]) {
    for (const shape of ['plain', 'gaps', 'gaps+nan', 'gappy'] as const) {
      const t = new Float64Array(n);
      const v = new Float64Array(n);
      let ts = 1_700_000_000_000;
      for (let i = 0; i < n; i++) {
        const gap = shape === 'gappy' ? rand() < 0.2 : shape !== 'plain' && rand() < 0.002;
        ts += gap ? 1000 * (6 + Math.floor(rand() * 500)) : 1000;
        t[i] = ts;
        v[i] = shape === 'gaps+nan' && rand() < 0.003 ? NaN : Math.sin(i / 300) * 50 + rand();
      }
      const series = { timestamps: t, values: v };
      for (const method of ['lttb', 'minmax'] as const) {
        for (const width of [1, 2, 300, 1000]) {
          const expected = downsample(markGaps(series), method, t[0], t[n - 1], width);
          const actual = downsampleWithGaps(series, method, t[0], t[n - 1], width);
          assert.deepEqual([...actual.timestamps], [...expected.timestamps], `${shape} n=${n} ${method} width ${width}: timestamps`);
          assert.deepEqual([...actual.values], [...expected.values], `${shape} n=${n} ${method} width ${width}: values`);
          cases++;
        }
      }
    }
  }
  assert.equal(cases, 6 * 4 * 2 * 4);
});

const attr: SeriesDescriptor = { kind: 'iotticket-attribute', connectionId: 'c1', assetId: 'A1003', attributeId: 'AT11', label: 'Bearing temperature, "front"', unit: '°C' };
const prop: SeriesDescriptor = { kind: 'altair-property', connectionId: 'alt', space: 'demo', thingId: '01HQ', property: 'temperature', label: 'temp' };
const node: SeriesDescriptor = { kind: 'v1-datanode', connectionId: 'v1', deviceId: 'abc', path: '/Engine/Primary/Airflow', label: 'Airflow' };

void test('series URIs round-trip through text/uri-list', () => {
  for (const d of [attr, prop, node]) {
    const uri = seriesUri(d);
    assert.match(uri, /^iot-series:/);
    assert.doesNotMatch(uri, /[\s"]/);
    assert.deepEqual(parseSeriesUri(uri), d);
  }
  const list = ['# comment', seriesUri(attr), 'file:///tmp/x.csv', seriesUri(node), ''].join('\r\n');
  assert.deepEqual(parseUriList(list), [attr, node]);
  assert.equal(parseSeriesUri('iot-series:x?d=%7Bbroken'), undefined);
  assert.equal(parseSeriesUri(`iot-series:x?d=${encodeURIComponent(JSON.stringify({ kind: 'v1-datanode', connectionId: 'c', label: 'l' }))}`), undefined);
});

void test('series keys identify the series, not its label', () => {
  assert.equal(seriesKey(attr), seriesKey({ ...attr, label: 'other', unit: 'K' }));
  assert.notEqual(seriesKey(attr), seriesKey({ ...attr, attributeId: 'AT12' }));
  assert.ok(isSeriesDescriptor(prop));
  assert.ok(!isSeriesDescriptor({ ...prop, space: 3 }));
});

void test('command arguments: descriptors and nothing else (tree nodes give theirs through series())', () => {
  assert.deepEqual(descriptorOf(attr), attr);
  assert.deepEqual(descriptorOf(prop), prop);
  assert.equal(descriptorOf({ id: 'node', seriesDescriptor: node }), undefined);
  assert.equal(descriptorOf({ label: 'folder' }), undefined);
  assert.equal(descriptorOf({ ...attr, label: undefined }), undefined);
  assert.equal(descriptorOf(undefined), undefined);
});

void test('one y-axis per unit, alternating sides', () => {
  const a = assignAxes([{ id: 'a', unit: '°C' }, { id: 'b', unit: 'bar' }, { id: 'c', unit: ' °C ' }, { id: 'd' }, { id: 'e', unit: '' }]);
  assert.deepEqual(a.axes.map((x) => [x.id, x.unit, x.position]), [['y0', '°C', 'left'], ['y1', 'bar', 'right'], ['y2', '', 'left']]);
  assert.deepEqual(a.axisOf, { a: 'y0', b: 'y1', c: 'y0', d: 'y2', e: 'y2' });
});

void test('theme colours come from the VS Code variables, with fallbacks per kind', () => {
  const vars: Record<string, string> = { '--vscode-charts-blue': '#112233', '--vscode-editor-background': ' #000000 ', '--vscode-font-size': '14px' };
  const dark = buildTheme((n) => vars[n] ?? '', themeKindFromClasses(['vscode-dark']));
  assert.equal(dark.palette[0], '#112233');
  assert.equal(dark.background, '#000000');
  assert.equal(dark.fontSize, 14);
  assert.equal(dark.palette.length, 12);
  const hc = buildTheme(() => '', themeKindFromClasses(['vscode-high-contrast']));
  assert.equal(hc.kind, 'high-contrast');
  assert.ok(hc.lineWidth > dark.lineWidth);
  assert.equal(themeKindFromClasses(['vscode-high-contrast', 'vscode-high-contrast-light']), 'high-contrast-light');
  assert.equal(themeKindFromClasses(['vscode-light']), 'light');
  assert.equal(withAlpha('#ff0000', 0.5), 'rgba(255, 0, 0, 0.5)');
  assert.equal(withAlpha('#f008', 0.5), 'rgba(255, 0, 0, 0.267)');
  assert.equal(withAlpha('rgba(10, 20, 30, 0.5)', 0.5), 'rgba(10, 20, 30, 0.25)');
  assert.equal(withAlpha('var(--x)', 0.5), 'var(--x)');
});
