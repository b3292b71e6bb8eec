import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { commandFileText, parseCommandFile } from '../../../src/writes/model/commandFile';
import { IOTCMD_SCHEMA } from '../../../src/writes/model/iotcmdSchema';
import { parseJsonTree } from '../../../src/writes/model/jsonTree';
import { WriteHistory } from '../../../src/writes/model/history';
import { targetKey, type WriteSpec } from '../../../src/writes/model/writeSpec';

const schemaFile = join(__dirname, '..', '..', '..', '..', 'schemas', 'iotcmd.schema.json');

void describe('command files (*.iotcmd.json)', () => {
  void test('schemas/iotcmd.schema.json is the schema the extension validates with', () => {
    assert.deepEqual(JSON.parse(readFileSync(schemaFile, 'utf8')), JSON.parse(JSON.stringify(IOTCMD_SCHEMA)));
  });

  void test('the contributed schema accepts a valid file and rejects a wrong enum (what the JSON editor shows)', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(IOTCMD_SCHEMA);
    const good = { connection: 'demo', commands: [{ kind: 'iotticket.deviceEvents', deviceId: 'd1', events: [{ id: 'E', m: 'hot', ts: 1, severity: 'High' }] }] };
    assert.equal(validate(good), true, JSON.stringify(validate.errors));
    const bad = { connection: 'demo', commands: [{ kind: 'iotticket.deviceEvents', deviceId: 'd1', events: [{ id: 'E', m: 'hot', ts: 1, severity: 'high' }] }] };
    assert.equal(validate(bad), false);
  });

  void test('finds each command with its position and checks it against its kind', () => {
    const text = `{
  "connection": "demo-iot",
  "commands": [
    { "label": "Setpoint 21", "kind": "iotticket.command", "assetId": "A1", "attributeId": "AT6", "templateVariables": { "value": 21 } },
    { "kind": "iotticket.command", "assetId": "A1", "attributeId": "AT6" },
    { "kind": "altair.properties", "connection": "demo-altair", "thingId": "01F", "properties": { "temperature": 17.5 } },
    { "kind": "iotticket.deviceEvents", "deviceId": "d1", "events": [{ "id": "E1", "m": "hot", "ts": 1, "type": "alarm" }] },
    { "kind": "iotticket.reboot" }
  ]
}`;
    const file = parseCommandFile(text);
    assert.equal(file.error, undefined);
    assert.equal(file.commands.length, 5);
    const [first, second, third, fourth, fifth] = file.commands;
    assert.equal(first.spec?.connection, 'demo-iot');
    assert.deepEqual((first.spec as { templateVariables?: unknown }).templateVariables, { value: 21 });
    assert.equal(text.slice(first.offset, first.offset + 11), '{ "label": ');
    assert.match(second.error ?? '', /^commands\[1\]: give exactly one of "payload" or "templateVariables"/);
    assert.equal(third.spec?.connection, 'demo-altair');
    assert.match(fourth.error ?? '', /^commands\[3\]\.events\[0\]\.type: must be one of "Alarm", "Warning", "Notification"/);
    assert.match(fifth.error ?? '', /^commands\[4\]\.kind: "iotticket\.reboot" is unknown/);
  });

  void test('a single-command file needs its own connection; broken JSON is located', () => {
    const single = parseCommandFile('{ "kind": "altair.email", "to": ["ops@example.com"], "subject": "hi" }');
    assert.match(single.commands[0].error ?? '', /^connection: is required/);
    const broken = parseCommandFile('{ "kind": "altair.email", }');
    assert.equal(broken.commands.length, 0);
    assert.equal(broken.error?.offset, 26);
    const email = parseCommandFile('{ "connection": "a", "kind": "altair.email", "to": ["not an address"] }');
    assert.match(email.commands[0].error ?? '', /^to\[0\]: must match format "email"/);
  });

  void test('commandFileText round-trips specs', () => {
    const specs: WriteSpec[] = [
      { kind: 'iotticket.static', connection: 'c', assetId: 'A1', attributeId: 'AT4', value: 5 },
      { kind: 'iotticket.control', connection: 'c', assetId: 'A1', attributeId: 'AT6', desiredValue: 20, skipFirstCommand: true },
    ];
    assert.deepEqual(parseCommandFile(commandFileText(specs)).commands.map((c) => c.spec), specs);
    assert.deepEqual(parseCommandFile(commandFileText(specs.slice(0, 1))).commands.map((c) => c.spec), specs.slice(0, 1));
  });

  void test('the JSON tree parser keeps offsets and rejects what JSON.parse rejects', () => {
    const tree = parseJsonTree('[1, {"a": [true, null]}, "x"]');
    assert.deepEqual(tree.value, [1, { a: [true, null] }, 'x']);
    assert.deepEqual(tree.items?.map((n) => n.offset), [1, 4, 25]);
    for (const bad of ['[1,]', '{"a" 1}', "{'a': 1}", '01', '"abc', '[1] 2']) assert.throws(() => parseJsonTree(bad), bad);
  });
});

void describe('write history', () => {
  void test('keeps entries per target, newest first, bounded per target', async () => {
    const map = new Map<string, unknown>();
    const history = new WriteHistory({ get: <T>(k: string) => map.get(k) as T | undefined, update: async (k, v) => void map.set(k, v) });
    const spec = (value: number): WriteSpec => ({ kind: 'iotticket.static', connection: 'c', assetId: 'A1', attributeId: 'AT4', value });
    for (let i = 0; i < 30; i++) await history.record(spec(i), 'ok', `wrote ${i}`, 1000 + i);
    await history.record({ kind: 'altair.email', connection: 'c', to: ['a@b.c'] }, 'accepted', 'sent');
    const target = targetKey(spec(0));
    const entries = history.forTarget(target);
    assert.equal(entries.length, 25);
    assert.equal((entries[0].spec as { value: number }).value, 29);
    assert.equal(history.forConnection('c').length, 26);
    assert.equal(history.get(entries[3].id)?.summary, 'wrote 26');
    await history.clear(target);
    assert.equal(history.all().length, 1);
  });
});
