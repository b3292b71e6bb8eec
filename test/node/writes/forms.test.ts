import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../src/platforms/http';
import type { DataSchema } from '../../../src/platforms/altair/types';
import { assembleValue, parseFieldValue } from '../../../src/writes/model/formFields';
import { parseJsonText, requireJson } from '../../../src/writes/model/jsonPayload';
import { checkAgainstSchema, schemaFields } from '../../../src/writes/model/schemaForm';
import { checkTemplateVariables, renderTemplate, templateFields } from '../../../src/writes/model/templateForm';

const field = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    return err.parameter;
  }
  assert.fail('expected the input to be refused');
};

void describe('dynamic payloads', () => {
  void test('parses JSON and locates a syntax error by line and column', () => {
    assert.deepEqual(parseJsonText('{"sp": 21}'), { ok: true, value: { sp: 21 } });
    const bad = parseJsonText('{\n  "sp": 21,\n}');
    assert.equal(bad.ok, false);
    assert.equal(bad.ok === false && bad.problem.line, 3);
    assert.equal(field(() => requireJson('payload', '{"a":')), 'payload');
    assert.equal(field(() => requireJson('payload', '   ')), 'payload');
  });
});

void describe('forms from command templates', () => {
  const template = '{"setpoint": {{value}}, "mode": "{{mode}}", "note": "{{ note }}"}';

  void test('each placeholder becomes a field; quoted ones take text, the others JSON', () => {
    const fields = templateFields(template, ['value', 'mode', 'extra']);
    assert.deepEqual(
      fields.map((f) => [f.key, f.kind, f.path]),
      [
        ['value', 'json', 'templateVariables.value'],
        ['mode', 'string', 'templateVariables.mode'],
        ['note', 'string', 'templateVariables.note'],
        ['extra', 'json', 'templateVariables.extra'],
      ],
    );
  });

  void test('typed values are parsed per field and the template renders to the JSON the device gets', () => {
    const fields = templateFields(template);
    const values = fields.map((f, i) => parseFieldValue(f, ['21.5', 'eco "night"', 'n/a'][i]));
    const vars = checkTemplateVariables(fields, { value: values[0], mode: values[1], note: values[2] });
    const rendered = renderTemplate(template, fields, vars);
    assert.deepEqual(rendered.json, { setpoint: 21.5, mode: 'eco "night"', note: 'n/a' });
  });

  void test('a missing or unknown variable is refused naming it', () => {
    const fields = templateFields(template);
    assert.equal(field(() => checkTemplateVariables(fields, { value: 1, mode: 'a' })), 'templateVariables.note');
    assert.equal(field(() => checkTemplateVariables(fields, { value: 1, mode: 'a', note: 'b', speed: 3 })), 'templateVariables.speed');
    assert.equal(field(() => checkTemplateVariables(fields, { value: 1, mode: { x: 1 }, note: 'b' })), 'templateVariables.mode');
    assert.equal(field(() => parseFieldValue(fields[0], '{oops')), 'templateVariables.value');
  });

  void test('a value outside quotes in a JSON template takes JSON only: "abc" is refused, "\\"abc\\"" and numbers pass; prompts carry no template text', () => {
    const [rpm] = templateFields('{"cmd":"setSpeed","rpm":{{rpm}}}');
    assert.deepEqual([rpm.kind, rpm.strict, rpm.description], ['json', true, undefined]);
    assert.equal(field(() => parseFieldValue(rpm, 'abc')), 'templateVariables.rpm');
    assert.equal(parseFieldValue(rpm, '1200'), 1200);
    assert.equal(parseFieldValue(rpm, '"abc"'), 'abc');
    // Outside a JSON-shaped template a bare word stays text.
    const [sp] = templateFields('SET {{sp}}');
    assert.equal(sp.strict, undefined);
    assert.equal(parseFieldValue(sp, 'abc'), 'abc');
  });

  void test('a non-JSON template renders as text', () => {
    const fields = templateFields('SET {{sp}}');
    assert.deepEqual(renderTemplate('SET {{sp}}', fields, { sp: 4 }), { text: 'SET 4' });
  });
});

void describe('forms from Thing Description schemas', () => {
  const input: DataSchema = {
    type: 'object',
    properties: {
      delay: { type: 'integer', minimum: 0, maximum: 60, title: 'Delay', unit: 's' },
      mode: { type: 'string', enum: ['fast', 'slow'] },
      verbose: { type: 'boolean' },
      id: { type: 'string', readOnly: true },
    },
    required: ['delay', 'id'],
  };

  void test('one field per writable property, with kinds, bounds and enums', () => {
    const fields = schemaFields(input, 'input');
    assert.deepEqual(
      fields.map((f) => [f.path, f.kind, f.required]),
      [
        ['input.delay', 'integer', true],
        ['input.mode', 'enum', false],
        ['input.verbose', 'boolean', false],
      ],
    );
    const values = fields.map((f, i) => parseFieldValue(f, ['5', 'slow', ''][i]));
    assert.deepEqual(assembleValue(fields, values), { delay: 5, mode: 'slow' });
    assert.equal(field(() => parseFieldValue(fields[0], '61')), 'input.delay');
    assert.equal(field(() => parseFieldValue(fields[1], 'medium')), 'input.mode');
    assert.equal(field(() => parseFieldValue(fields[0], '')), 'input.delay');
  });

  void test('a scalar schema is one field for the whole value', () => {
    const fields = schemaFields({ type: 'number' }, 'input');
    assert.equal(fields.length, 1);
    assert.equal(assembleValue(fields, [parseFieldValue(fields[0], '2.5')]), 2.5);
  });

  void test('values are checked against the schema before sending, naming the field', () => {
    checkAgainstSchema(input, { delay: 5, mode: 'fast' }, 'input');
    assert.equal(field(() => checkAgainstSchema(input, { mode: 'fast' }, 'input')), 'input.delay');
    assert.equal(field(() => checkAgainstSchema(input, { delay: 5, mode: 'medium' }, 'input')), 'input.mode');
    assert.equal(field(() => checkAgainstSchema(input, { delay: 'soon' }, 'input')), 'input.delay');
    assert.equal(field(() => checkAgainstSchema({ type: 'array', items: { type: 'number' } }, [1, 'x'], 'data')), 'data[1]');
  });
});
