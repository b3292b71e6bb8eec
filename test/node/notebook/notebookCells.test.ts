import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTILE_LIST } from '../../../src/emulator/hostileNames';
import { notebookCells, type NotebookTarget } from '../../../src/notebook/notebookCells';
import { pythonSnippet } from '../../../src/snippets/pythonSnippet';
import { pythonReports } from '../escape/pythonOracle';

const FROM = Date.UTC(2026, 10, 1);
const TO = Date.UTC(2026, 10, 2);

function cellsFor(name: string): ReturnType<typeof notebookCells> {
  const targets: NotebookTarget[] = [
    { kind: 'das-attribute', attributeId: name, label: name, key: `${name}/${name}` },
    { kind: 'das-asset', assetId: name, label: name },
    { kind: 'iots-property', space: name, thingId: name, property: name, label: name, key: `${name}/${name}` },
    { kind: 'iots-thing', space: name, thingId: name, label: name },
  ];
  const headers = [
    pythonSnippet({ kind: 'organization', organizationId: name }).header,
    pythonSnippet({ kind: 'space', host: name, clientId: name, space: name }).header,
  ];
  return notebookCells({ title: name, headers, targets, from: FROM, to: TO });
}

void test('every code cell compiles for every hostile name, and every name comes back exactly as a string constant', () => {
  const code: { source: string; name: string; position: number }[] = [];
  for (const name of HOSTILE_LIST) cellsFor(name).filter((c) => c.kind === 'code').forEach((cell, position) => code.push({ source: cell.source, name, position }));
  const reports = pythonReports(code.map((c) => c.source));
  // The same cells for a plain name: a hostile name must not change a cell's statements or what its f-strings run.
  const plain = pythonReports(cellsFor('plain').filter((c) => c.kind === 'code').map((c) => c.source));
  reports.forEach((r, i) => {
    const { source, name, position } = code[i];
    assert.equal(r.error, undefined, `${JSON.stringify(name)}:\n${source}`);
    assert.deepEqual(r.statements, plain[position].statements, `${JSON.stringify(name)}: statements of cell ${position}`);
    assert.equal(r.formatted, plain[position].formatted, `${JSON.stringify(name)}: f-string values of cell ${position}`);
    assert.equal(r.comments.length, plain[position].comments.length, 'a comment stays one comment');
  });
  // Each read cell carries its names as exact string values.
  const reads = reports.filter((_, i) => /get_timeseries|property_history\(/.test(code[i].source) && !code[i].source.startsWith('def'));
  assert.ok(reads.length >= HOSTILE_LIST.length);
  HOSTILE_LIST.forEach((name) => {
    const i = code.findIndex((c) => c.name === name && c.source.includes('get_timeseries('));
    assert.ok(reports[i].strings.includes(name), `attribute id ${JSON.stringify(name)} as an exact literal`);
    assert.ok(reports[i].strings.includes(`${name} (${name}/${name})`), 'column name as an exact literal');
  });
});

void test('the notebook: a Markdown title, one set-up with the SDK client and secrets from the environment, a read per target, a plot', () => {
  const cells = notebookCells({
    title: 'Pump [1](command:x)',
    headers: [pythonSnippet({ kind: 'space', host: 'https://api.example', clientId: 'cid', space: 'plant' }).header],
    targets: [{ kind: 'iots-property', space: 'plant', thingId: '01TH', property: 'temperature', label: 'Temperature', key: '01TH/temperature' }],
    from: FROM,
    to: TO,
  });
  assert.deepEqual(cells.map((c) => c.kind), ['markdown', 'code', 'code', 'code']);
  assert.match(cells[0].source, /^## Pump \\\[1\\\]\\\(command\\:x\\\)/);
  assert.match(cells[1].source, /from iots import API/);
  assert.match(cells[1].source, /os\.environ\['IOTS_CLIENT_SECRET'\]/);
  assert.match(cells[1].source, /start = pd\.Timestamp\('2026-11-01T00:00:00\.000Z'\)/);
  assert.match(cells[2].source, /property_history\('plant', '01TH', 'temperature', start, end\)/);
  assert.match(cells[3].source, /df\.plot\(/);
  assert.equal(pythonReports(cells.filter((c) => c.kind === 'code').map((c) => c.source)).filter((r) => r.error).length, 0);
});

void test('a connection that signs in with an access token gets set_token with the token from the environment, never a client id', () => {
  const { header } = pythonSnippet({ kind: 'space', host: 'https://api.example', clientId: undefined, space: 'plant' });
  const text = header.join('\n');
  assert.match(text, /API\(host='https:\/\/api\.example'\)\.set_token\(os\.environ\['IOTS_TOKEN'\]\)/);
  assert.doesNotMatch(text, /set_credentials|IOTS_CLIENT_SECRET/);
  const cells = notebookCells({ title: 'T', headers: [header], targets: [{ kind: 'iots-property', space: 'plant', thingId: '01TH', property: 'p', label: 'P', key: '01TH/p' }], from: FROM, to: TO });
  assert.equal(pythonReports(cells.filter((c) => c.kind === 'code').map((c) => c.source)).filter((r) => r.error).length, 0, 'the cells compile');
});
