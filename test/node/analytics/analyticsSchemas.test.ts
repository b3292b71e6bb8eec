import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DefinitionValidator, kindFromFileName } from '../../../src/analytics/analyticsSchemas';

/** out/test/node/analytics → the repository root, where schemas/ and package.json live. */
const ROOT = join(__dirname, '..', '..', '..', '..');
const SCHEMAS = join(ROOT, 'schemas');

const mlModel = {
  name: 'Bearing wear model',
  description: 'Estimates bearing wear',
  helpText: '# Bearing wear\n\nRuns nightly.',
  triggerUrl: 'https://adb-1.azuredatabricks.net/api/2.1/jobs/run-now',
  method: 'POST',
  jobId: 'placeholder',
  credentialId: 'CR1',
  clientId: '3f2a9c4e-7b1d-4e8a-9c0f-1a2b3c4d5e6f',
  scope: 'api://databricks/.default',
  inputs: [{ name: 'vibration', dataType: 'double' }],
  outputs: [{ name: 'wear', dataType: 'double', unit: '%' }],
};

const mlService = {
  name: 'Setpoint advisor',
  description: '',
  helpText: '',
  method: 'POST',
  headers: { 'x-functions-key': 'k' },
  triggerUrl: 'https://acme-calc.azurewebsites.net/api/advise',
  credentialId: 'CR2',
  inputSchema: { type: 'object', properties: { power: { type: 'number' } } },
  outputSchema: { type: 'object', properties: { setpoint: { type: 'number' } } },
  requestContainsTimestamps: false,
  responseContainsTimestamps: true,
};

void describe('ML model and ML service schemas', () => {
  const validator = new DefinitionValidator(SCHEMAS);
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ml-defs-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  void it('accepts complete definitions of both kinds', async () => {
    assert.deepEqual(await validator.validate('ml-model', mlModel), { ok: true, definition: mlModel });
    assert.deepEqual(await validator.validate('ml-service', mlService), { ok: true, definition: mlService });
  });

  void it('names every problem with its place: missing, unknown, wrong enum, bad URL, wrong type', async () => {
    const { name: _n, ...noName } = mlModel;
    const bad = { ...noName, method: 'PATCH', triggerUrl: 'not a url', help_text: 'snake', inputs: [{ name: 'x' }] };
    const result = await validator.validate('ml-model', bad);
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assert.ok(errors.includes('(top level): missing required property "name"'), errors.join('\n'));
    assert.ok(errors.includes('(top level): unknown property "help_text"'), errors.join('\n'));
    assert.ok(errors.includes('/method: must be one of "POST", "GET", "PUT"'), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/triggerUrl: must match format "uri"')), errors.join('\n'));
    assert.ok(errors.includes('/inputs/0: missing required property "dataType"'), errors.join('\n'));
    const { headers: _h, credentialId: _c, ...noAuth } = mlService;
    const svc = await validator.validate('ml-service', { ...noAuth, requestContainsTimestamps: 'no' });
    assert.deepEqual(svc.ok ? [] : [...svc.errors].sort(), ['(top level): needs "clientId" and "scope", or "headers", or "credentialId"', '/requestContainsTimestamps: must be boolean']);
  });

  void it('reads files: a valid one, a JSON syntax error, and a blank name', async () => {
    const good = join(dir, 'bearing.ml-model.json');
    await writeFile(good, JSON.stringify({ $schema: '../schemas/ml-model.schema.json', ...mlModel }, null, 2));
    const ok = await validator.validateFile('ml-model', good);
    assert.equal(ok.ok, true);
    const broken = join(dir, 'broken.ml-model.json');
    await writeFile(broken, '{ "name": "x", }');
    const parsed = await validator.validateFile('ml-model', broken);
    assert.equal(parsed.ok, false);
    assert.match(parsed.ok ? '' : parsed.errors[0], /^broken\.ml-model\.json is not valid JSON/);
    const blank = await validator.validate('ml-service', { ...mlService, name: '   ' });
    assert.deepEqual(blank.ok ? [] : blank.errors, ['/name: must match pattern "\\S"']);
  });

  void it('tells the kind from the file name', () => {
    assert.equal(kindFromFileName('/w/models/bearing.ml-model.json'), 'ml-model');
    assert.equal(kindFromFileName('Advisor.MLService.json'), 'ml-service');
    assert.equal(kindFromFileName('package.json'), undefined);
  });

  void it('is what package.json contributes to the JSON editor for the same file names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation?: { fileMatch: string | string[]; url: string }[] } };
    const contributed = pkg.contributes.jsonValidation ?? [];
    for (const [kind, file] of [['ml-model', 'bearing.ml-model.json'], ['ml-service', 'advisor.ml-service.json']] as const) {
      const entry = contributed.find((c) => c.url === `./schemas/${kind}.schema.json`);
      assert.ok(entry, `no jsonValidation entry for ${kind}`);
      const matches = ([] as string[]).concat(entry.fileMatch);
      assert.ok(matches.some((m) => new RegExp(`^${m.replace(/[.]/g, '\\.').replace(/\*\*\//g, '(.*/)?').replace(/\*/g, '[^/]*')}$`).test(file)), matches.join());
      assert.equal(kindFromFileName(file), kind);
    }
  });
});
