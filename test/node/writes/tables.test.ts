import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../src/platforms/http';
import { parseCsv, sniffDelimiter } from '../../../src/writes/model/csv';
import { parseColumnHeader, tableFromRows, telemetryFromTable } from '../../../src/writes/model/telemetryTable';
import { parseCalculatedFile, resolveCalculatedColumns } from '../../../src/writes/model/calculatedTable';

const field = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    return err.parameter;
  }
  assert.fail('expected the input to be refused');
};

void describe('CSV parsing', () => {
  void test('reads quoted fields with delimiters, escaped quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufefftimestamp,Note,Value\r\n2024-01-01T00:00:00Z,"a, ""b""\nc",1.5\r\n\r\n2024-01-01T00:01:00Z,plain,2\r\n';
    const t = parseCsv(text, 'notes.csv');
    assert.deepEqual(t.header, ['timestamp', 'Note', 'Value']);
    assert.deepEqual(t.rows, [
      ['2024-01-01T00:00:00Z', 'a, "b"\nc', '1.5'],
      ['2024-01-01T00:01:00Z', 'plain', '2'],
    ]);
    // The second record starts on line 5 of the file (the quoted cell spans lines 2-3, line 4 is blank).
    assert.deepEqual(t.lines, [2, 5]);
  });

  void test('sniffs semicolons and tabs from the header line', () => {
    assert.equal(sniffDelimiter('timestamp;a;b\n1;2,5;3'), ';');
    assert.equal(sniffDelimiter('timestamp\ta\n1\t2'), '\t');
    assert.deepEqual(parseCsv('timestamp;a\n1;2,5').rows, [['1', '2,5']]);
  });

  void test('refuses ragged rows, naming the file and line', () => {
    assert.equal(field(() => parseCsv('timestamp,a,b\n1,2,3\n4,5\n', 'x.csv')), 'x.csv:3');
    assert.equal(field(() => parseCsv('timestamp,"a\n1,2', 'q.csv')), 'q.csv:1');
    assert.equal(field(() => parseCsv('timestamp,a,a\n1,2,3', 'd.csv')), 'd.csv:1');
  });
});

void describe('telemetry from a table', () => {
  const csv = 'timestamp,Temperature [C],Running:boolean,Mode:string\n2024-11-26T08:00:05.000Z,21.5,true,auto\n2024-11-26T08:01:05.000Z,,false,\n1732608125000,22,TRUE,manual\n';

  void test('reads headers with type and unit', () => {
    assert.deepEqual(parseColumnHeader('Temperature:double [°C]'), { name: 'Temperature', dataType: 'double', unit: '°C' });
    assert.deepEqual(parseColumnHeader('Speed'), { name: 'Speed', dataType: undefined, unit: undefined });
  });

  void test('converts rows, keeps nulls for separate telemetry items, and takes units from the header or the options', () => {
    const t = telemetryFromTable(parseCsv(csv, 'pump.csv'), { source: 'pump.csv', units: { Mode: '-' } });
    assert.deepEqual(t.measurements, ['Temperature', 'Running', 'Mode']);
    assert.deepEqual(t.units, { Temperature: 'C', Mode: '-' });
    assert.deepEqual(t.dataTypes, { Temperature: 'double', Running: 'boolean', Mode: 'string' });
    assert.equal(t.nullCells, 2);
    assert.deepEqual(t.rows[0], { timestamp: Date.parse('2024-11-26T08:00:05.000Z'), Temperature: 21.5, Running: true, Mode: 'auto' });
    assert.deepEqual(t.rows[1], { timestamp: Date.parse('2024-11-26T08:01:05.000Z'), Temperature: null, Running: false, Mode: null });
    assert.deepEqual(t.rows[2], { timestamp: 1732608125000, Temperature: 22, Running: true, Mode: 'manual' });
  });

  void test('a telemetry set refuses an empty cell, naming file, line and column', () => {
    assert.equal(field(() => telemetryFromTable(parseCsv(csv, 'pump.csv'), { source: 'pump.csv', setId: 'SET1' })), 'pump.csv:3 column "Temperature"');
  });

  void test('refuses a bad cell, a bad timestamp, a missing timestamp column and units for unknown columns', () => {
    assert.equal(field(() => telemetryFromTable(parseCsv('timestamp,T:long\n2024-01-01T00:00:00Z,1.5', 'a.csv'), { source: 'a.csv' })), 'a.csv:2 column "T"');
    assert.equal(field(() => telemetryFromTable(parseCsv('timestamp,T\nyesterday,1', 'a.csv'), { source: 'a.csv' })), 'a.csv:2 timestamp');
    assert.equal(field(() => telemetryFromTable(parseCsv('time,T\n1,2', 'a.csv'), { source: 'a.csv' })), 'a.csv:1');
    assert.equal(field(() => telemetryFromTable(parseCsv('timestamp,T\n1,2', 'a.csv'), { units: { X: 'm' } })), 'units.X');
  });

  void test('inline JSON rows go through the same checks', () => {
    const t = telemetryFromTable(tableFromRows([{ timestamp: '2024-01-01T00:00:00Z', a: 1, b: null }, { timestamp: 1704067260000, a: 2, b: 'x' }]), { source: 'rows' });
    assert.deepEqual(t.rows, [
      { timestamp: 1704067200000, a: 1, b: null },
      { timestamp: 1704067260000, a: 2, b: 'x' },
    ]);
    assert.equal(field(() => telemetryFromTable(tableFromRows([{ timestamp: 1, a: 1 }, { timestamp: 2, a: null }], 'rows'), { source: 'rows', setId: 'S' })), 'rows:2 column "a"');
  });
});

void describe('calculated values from a file', () => {
  const attributes = [
    { id: 'AT3', name: 'Efficiency', type: 'Calculated' },
    { id: 'AT9', name: 'Loss', type: 'Calculated' },
    { id: 'AT4', name: 'Nominal power', type: 'Number' },
  ];

  void test('CSV columns by name or id, empty cells skipped', () => {
    const cols = parseCalculatedFile('timestamp,Efficiency,AT9\n2024-01-01T00:00:00Z,0.9,\n2024-01-01T01:00:00Z,0.8,3\n', 'calc.csv');
    const resolved = resolveCalculatedColumns(cols, attributes);
    assert.deepEqual(
      resolved.map((r) => [r.attribute.id, r.column.points]),
      [
        ['AT3', [{ ts: 1704067200000, value: 0.9 }, { ts: 1704070800000, value: 0.8 }]],
        ['AT9', [{ ts: 1704070800000, value: 3 }]],
      ],
    );
  });

  void test('JSON rows and JSON columns give the same columns', () => {
    const rows = parseCalculatedFile('[{"timestamp":"2024-01-01T00:00:00Z","Efficiency":0.9},{"timestamp":1704070800000,"Efficiency":0.8}]', 'calc.json');
    const columns = parseCalculatedFile('{"Efficiency":[{"ts":"2024-01-01T00:00:00Z","v":0.9},{"ts":1704070800000,"v":0.8}]}', 'calc.json');
    assert.deepEqual(rows, columns);
    assert.equal(rows[0].points.length, 2);
  });

  void test('refuses unknown columns, non-Calculated targets and bad timestamps, naming them', () => {
    assert.equal(field(() => resolveCalculatedColumns(parseCalculatedFile('timestamp,Nope\n1,2', 'c.csv'), attributes)), 'column "Nope"');
    assert.equal(field(() => resolveCalculatedColumns(parseCalculatedFile('timestamp,Nominal power\n1,2', 'c.csv'), attributes)), 'column "Nominal power"');
    assert.equal(field(() => parseCalculatedFile('[{"timestamp":"soon","Efficiency":1}]', 'c.json')), 'c.json[0].timestamp');
    assert.equal(field(() => parseCalculatedFile('[{"timestamp":1,"Efficiency":{"x":1}}]', 'c.json')), 'c.json[0].Efficiency');
  });
});
