/** Recognizing references in Python, TypeScript and JSON text, the series calls for CodeLens, and completion contexts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { namesPathAt, referenceAt, scanReferences, type Reference } from '../../../src/inline/references';
import { tokenize } from '../../../src/inline/scanner';

const DEVICE = '481242db5ae013845f92300902a758f1';
const THING = '01HQWHJHW0520Z2WVW60KKYWQE';

/** The text a reference spans. */
const spanOf = (text: string, r: Reference): string => text.slice(r.start, r.end);
const brief = (r: Reference): unknown => {
  switch (r.kind) {
    case 'namesPath':
      return { kind: r.kind, path: r.path, explicit: r.explicit };
    case 'attributeId':
      return { kind: r.kind, id: r.attributeId };
    case 'v1':
      return { kind: r.kind, device: r.deviceId, datanode: r.datanode };
    case 'altair':
      return { kind: r.kind, thing: r.thingId, property: r.property, space: r.space };
  }
};

void describe('inline references: Python', () => {
  const py = [
    'from das.iot_client import IoTClient',
    "client = IoTClient()",
    "df = client.get_timeseries(names_path=['Plant', 'Line 1', 'Pump 3', 'Temperature'], limit=100)",
    "# names_path=['Commented', 'Out'] is not a reference",
    "stats = client.get_statistics('CurrentDay', 'Hour', attribute_id='AT12')",
    "many = client.get_multiple_timeseries(attribute_ids=['AT1', \"AT2\"])",
    "pump = ['Plant', 'Line 1', 'Pump 3']",
    "attrs = client.get_attributes(names_path=pump)",
    "series = client.get_timeseries(names_path=pump + ['Flow'])",
    `DEVICE = '${DEVICE}'`,
    "values = v1.readdata(DEVICE, '/temperature')",
    `both = v1.readdata('${DEVICE}', ['/Drive/Primary/temperature', '/flow'])`,
    `AHU = '${THING}'`,
    "t = api.spaces('demo').things(AHU).properties('temperature').get()",
    `h = api.spaces('demo').things('${THING}').properties_history('humidity').get()`,
    `url = f"{host}/spaces/demo/things/${THING}/properties-history/power"`,
    "scopes = ['thing.read']",
    "doc = '''['Not', 'A', 'Path'] in a docstring'''",
    String.raw`escaped = ['Tampere \'Main\' Plant', 'Line 1']`,
  ].join('\n');
  const { references, calls } = scanReferences(py, 'python');

  void test('finds names paths, attribute ids, v1 datanodes and Altair properties with their spans', () => {
    assert.deepEqual(references.map(brief), [
      { kind: 'namesPath', path: ['Plant', 'Line 1', 'Pump 3', 'Temperature'], explicit: true },
      { kind: 'attributeId', id: 'AT12' },
      { kind: 'attributeId', id: 'AT1' },
      { kind: 'attributeId', id: 'AT2' },
      { kind: 'namesPath', path: ['Plant', 'Line 1', 'Pump 3'], explicit: false },
      { kind: 'v1', device: DEVICE, datanode: undefined },
      { kind: 'v1', device: DEVICE, datanode: '/temperature' },
      { kind: 'v1', device: DEVICE, datanode: undefined },
      { kind: 'v1', device: DEVICE, datanode: '/Drive/Primary/temperature' },
      { kind: 'v1', device: DEVICE, datanode: '/flow' },
      { kind: 'altair', thing: THING, property: undefined, space: undefined },
      { kind: 'altair', thing: THING, property: 'temperature', space: 'demo' },
      { kind: 'altair', thing: THING, property: undefined, space: 'demo' },
      { kind: 'altair', thing: THING, property: 'humidity', space: 'demo' },
      { kind: 'altair', thing: THING, property: 'power', space: 'demo' },
      { kind: 'namesPath', path: ["Tampere 'Main' Plant", 'Line 1'], explicit: false },
    ]);
    // `pump + ['Flow']`: a one-name list without a names-path key is not a reference.
    assert.ok(!references.some((r) => r.kind === 'namesPath' && r.path.length === 1));
    const first = references[0];
    assert.equal(spanOf(py, first), "['Plant', 'Line 1', 'Pump 3', 'Temperature']");
    assert.ok(first.kind === 'namesPath');
    assert.deepEqual(first.segments.map((s) => py.slice(s.start, s.end)), ['Plant', 'Line 1', 'Pump 3', 'Temperature']);
    assert.equal(spanOf(py, references.find((r) => r.kind === 'attributeId')!), "'AT12'");
    const url = references.find((r) => r.kind === 'altair' && r.property === 'power')!;
    assert.equal(spanOf(py, url), `${THING}/properties-history/power`);
  });

  void test('finds the calls that read series, including through a variable', () => {
    const byName = (name: string) => calls.filter((c) => c.name === name).map((c) => c.references.map(brief));
    assert.deepEqual(byName('get_timeseries')[0], [{ kind: 'namesPath', path: ['Plant', 'Line 1', 'Pump 3', 'Temperature'], explicit: true }]);
    assert.deepEqual(byName('get_statistics'), [[{ kind: 'attributeId', id: 'AT12' }]]);
    assert.equal(byName('get_multiple_timeseries')[0].length, 2);
    // `names_path=pump` reads the list bound to `pump`.
    assert.deepEqual(byName('get_timeseries')[1], [{ kind: 'namesPath', path: ['Plant', 'Line 1', 'Pump 3'], explicit: false }]);
    const reads = byName('readdata');
    assert.deepEqual(reads[0], [{ kind: 'v1', device: DEVICE, datanode: '/temperature' }]);
    assert.ok(reads[1].some((r) => (r as { datanode?: string }).datanode === '/flow'));
    assert.deepEqual(byName('properties_history'), [[{ kind: 'altair', thing: THING, property: 'humidity', space: 'demo' }]]);
    // get_attributes reads no series: no CodeLens there.
    assert.equal(byName('get_attributes').length, 0);
    for (const c of calls) assert.ok(py.slice(c.nameStart).startsWith(c.name));
  });

  void test('the reference under a position is the innermost one', () => {
    const at = py.indexOf("'Pump 3', 'Temperature'");
    const r = referenceAt(references, at + 2);
    assert.ok(r?.kind === 'namesPath');
    assert.equal(r.path.length, 4);
    assert.equal(referenceAt(references, py.indexOf('# names_path') + 15), undefined);
  });
});

void describe('inline references: TypeScript and JSON', () => {
  void test('TypeScript: object keys, template strings, chained calls across lines, comments', () => {
    const ts = [
      "const series = await client.data.getTimeseries({ namesPath: ['Tampere Plant', 'Line 2', 'Boiler', 'Steam pressure'], limit: 100 });",
      "const stats = await client.data.getStatistics({ period: 'CurrentDay', dimension: 'Hour', attributeId: `AT7` });",
      '// const old = { namesPath: ["Old", "Path"] };',
      '/* attributeId: "AT99" */',
      `const AHU = '${THING}';`,
      'const h = await api',
      "  .spaces('demo')",
      '  .things(AHU)',
      "  .propertiesHistory('co2')",
      '  .get();',
      `const read = await v1.readData('${DEVICE}', { datanodes: ['/temperature', 'flow'] });`,
      'async function inside(): Promise<void> {',
      `  const PUMP = '${DEVICE}';`,
      "  await v1.readData(PUMP, { datanodes: ['/Drive/Primary/temperature'] });",
      `  const thing = '${THING}';`,
      "  await api.spaces('demo').things(thing).properties('power').get();",
      "  await other.properties('notAProperty').get();",
      '}',
    ].join('\n');
    const { references, calls } = scanReferences(ts, 'js');
    assert.deepEqual(references.map(brief), [
      { kind: 'namesPath', path: ['Tampere Plant', 'Line 2', 'Boiler', 'Steam pressure'], explicit: true },
      { kind: 'attributeId', id: 'AT7' },
      { kind: 'altair', thing: THING, property: undefined, space: undefined },
      { kind: 'altair', thing: THING, property: 'co2', space: 'demo' },
      { kind: 'v1', device: DEVICE, datanode: undefined },
      { kind: 'v1', device: DEVICE, datanode: '/temperature' },
      { kind: 'v1', device: DEVICE, datanode: 'flow' },
      // Inside a function body: variables bound there, and each statement's own thing.
      { kind: 'v1', device: DEVICE, datanode: undefined },
      { kind: 'v1', device: DEVICE, datanode: '/Drive/Primary/temperature' },
      { kind: 'altair', thing: THING, property: undefined, space: undefined },
      { kind: 'altair', thing: THING, property: 'power', space: 'demo' },
    ]);
    assert.deepEqual(calls.map((c) => c.name), ['getTimeseries', 'getStatistics', 'propertiesHistory', 'readData', 'readData']);
  });

  void test('JSON: keys name what the values are', () => {
    const json = JSON.stringify(
      {
        chart: { namesPath: ['Tampere Plant', 'Line 1', 'Pump 1', 'Flow'] },
        attributeId: 'AT12',
        v1: { deviceId: DEVICE, datanodes: ['/temperature'] },
        altair: { thingId: THING, property: 'temperature' },
        tags: ['a', 'b'],
      },
      null,
      2,
    );
    const { references } = scanReferences(json, 'json');
    assert.deepEqual(references.map(brief), [
      { kind: 'namesPath', path: ['Tampere Plant', 'Line 1', 'Pump 1', 'Flow'], explicit: true },
      { kind: 'attributeId', id: 'AT12' },
      { kind: 'v1', device: DEVICE, datanode: undefined },
      { kind: 'v1', device: DEVICE, datanode: '/temperature' },
      { kind: 'altair', thing: THING, property: undefined, space: undefined },
      { kind: 'altair', thing: THING, property: 'temperature', space: undefined },
      { kind: 'namesPath', path: ['a', 'b'], explicit: false },
    ]);
  });

  void test('the tokenizer keeps strings intact and skips comments', () => {
    const toks = tokenize("x = r'\\d+' # 'comment'\ny = \"\"\"multi\nline\"\"\"", 'python');
    assert.deepEqual(toks.filter((t) => t.kind === 'string').map((t) => t.value), ['\\d+', 'multi\nline']);
    const js = tokenize('a = `x${1}` // "c"\n/* "d" */ b = "e\\"f"', 'js');
    assert.deepEqual(js.filter((t) => t.kind === 'string').map((t) => t.value), ['x${1}', 'e"f']);
  });
});

void describe('inline references: completion contexts', () => {
  void test('inside an explicit names path, with the names before the cursor', () => {
    const text = "df = client.get_timeseries(names_path=['Tampere Plant', 'Line 1', 'Pu'])";
    const at = namesPathAt(text, text.indexOf("'Pu'") + 3, 'python');
    assert.deepEqual(at && { before: at.before, current: at.current.text, explicit: at.explicit }, { before: ['Tampere Plant', 'Line 1'], current: 'Pu', explicit: true });
    assert.equal(text.slice(at!.current.start, at!.current.end), 'Pu');
  });

  void test('while the list and the string are still open', () => {
    const text = "names_path = ['Tampere Plant', 'Li";
    const at = namesPathAt(text, text.length, 'python');
    assert.deepEqual(at && { before: at.before, current: at.current.text }, { before: ['Tampere Plant'], current: 'Li' });
  });

  void test('the first name of an explicit path, and bare lists only after a first name', () => {
    const first = "x = get_timeseries(names_path=[''])";
    assert.deepEqual(namesPathAt(first, first.indexOf("''") + 1, 'python')?.before, []);
    const bare = "p = ['']";
    assert.equal(namesPathAt(bare, bare.indexOf("''") + 1, 'python'), undefined);
    const bare2 = "p = ['Tampere Plant', '']";
    assert.deepEqual(namesPathAt(bare2, bare2.lastIndexOf("''") + 1, 'python')?.before, ['Tampere Plant']);
    const ids = "x = f(attribute_ids=['AT1', ''])";
    assert.equal(namesPathAt(ids, ids.lastIndexOf("''") + 1, 'python'), undefined);
    const call = "x = f('a', 'b')";
    assert.equal(namesPathAt(call, call.indexOf("'b'") + 1, 'python'), undefined);
  });
});
