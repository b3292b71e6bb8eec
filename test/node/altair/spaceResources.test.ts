// Spaces, categories, models and versions, MQTT credentials and e-mail through the client against the
// emulator, each write read back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi } from '../../../src/platforms/altair';
import { HttpError, ValidationError, collect, redact } from '../../../src/platforms/http';

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  category: string;
}

let emu: Emulator;
let api: AltairApi;
let info: AltairInfo;
const offline = new AltairApi({ host: 'http://127.0.0.1:9', retry: { retries: 0 } }).setToken('never-sent-token');

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as AltairInfo;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
});

after(async () => {
  await api.dispose();
  await emu.close();
});

const space = () => api.spaces(info.space);

void describe('spaces', () => {
  void test('list and get', async () => {
    const list = await collect(api.spaces().paginate());
    assert.ok(list.some((s) => s.name === info.space));
    assert.equal((await space().get()).name, info.space);
    await assert.rejects(api.spaces('no-such-space').get(), (e: unknown) => e instanceof HttpError && e.status === 404);
    assert.throws(() => api.spaces(''), (e: unknown) => e instanceof ValidationError && e.parameter === 'space');
  });
});

void describe('categories', () => {
  void test('create, get, list, update and delete; the Things stay', async () => {
    const made = await space().categories().create({ name: 'H4Cat', description: 'first' });
    assert.equal(made.name, 'H4Cat');
    assert.equal((await space().categories('H4Cat').get()).description, 'first');
    const names = (await collect(space().categories().paginate({ limit: 2 }))).map((c) => c.name);
    assert.ok(names.includes('H4Cat') && names.includes(info.category));
    assert.deepEqual(names, [...names].sort(), 'listed by name');

    const updated = await space().categories('H4Cat').update({ name: 'H4Cat', description: 'second' });
    assert.equal(updated.description, 'second');
    assert.equal((await space().categories('H4Cat').get()).description, 'second');
    await assert.rejects(offline.spaces('s').categories('H4Cat').update({ name: 'Renamed' }), (e: unknown) => e instanceof ValidationError && e.parameter === 'name');

    const member = await space().categories('H4Cat').things().create({ title: 'cat-member' });
    await space().categories('H4Cat').delete();
    await assert.rejects(space().categories('H4Cat').get(), (e: unknown) => e instanceof HttpError && e.status === 404);
    assert.deepEqual((await space().things(member.uid).get()).categories, []);
  });

  void test('a duplicate name is a 409; an invalid name is refused before any request', async () => {
    await space().categories().create({ name: 'H4Dup' });
    await assert.rejects(space().categories().create({ name: 'H4Dup' }), (e: unknown) => e instanceof HttpError && e.status === 409 && e.platformMessage === 'This item already exists');
    for (const name of ['', 'has space', 'x'.repeat(27), 'slash/no']) {
      await assert.rejects(offline.spaces('s').categories().create({ name }), (e: unknown) => e instanceof ValidationError && e.parameter === 'name', name);
    }
  });
});

void describe('models and versions', () => {
  void test('create, get, list, update, versions 1 and 2, delete refused while used', async () => {
    const model = await space().models().create({ name: 'H4Model', description: 'm' });
    assert.equal(model.name, 'H4Model');
    assert.equal((await space().models('H4Model').get()).description, 'm');
    assert.ok((await collect(space().models().paginate())).some((m) => m.name === 'H4Model'));
    assert.equal((await space().models('H4Model').update({ name: 'H4Model', description: 'm2' })).description, 'm2');
    assert.equal((await space().models('H4Model').get()).description, 'm2');
    await assert.rejects(offline.spaces('s').models('H4Model').update({ name: 'Other' }), (e: unknown) => e instanceof ValidationError && e.parameter === 'name');

    const v1 = await space().models('H4Model').versions().create({ title: 'v1', template: { properties: { cpu: { type: 'number', unit: 'percent' } } } });
    const v2 = await space().models('H4Model').versions().create({ title: 'v2' });
    assert.deepEqual([v1.version, v2.version], [1, 2]);
    assert.equal((await space().models('H4Model').versions(1).get()).title, 'v1');
    assert.deepEqual((await collect(space().models('H4Model').versions().paginate())).map((v) => v.version), [1, 2]);
    assert.throws(() => space().models('H4Model').versions(0), (e: unknown) => e instanceof ValidationError && e.parameter === 'version');

    // A Thing with the model takes the version's template.
    const thing = await space().things().create({ title: 'modelled', model: { name: 'H4Model', version: 1 } });
    assert.deepEqual(thing.properties, { cpu: { type: 'number', unit: 'percent' } });
    const refused = await space().models('H4Model').delete().then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof HttpError && refused.status === 403, String(refused));
    assert.match(refused.platformMessage, /cannot be deleted/);
    await space().things(thing.uid).delete();
    await space().models('H4Model').delete();
    await assert.rejects(space().models('H4Model').get(), (e: unknown) => e instanceof HttpError && e.status === 404);
  });
});

void describe('MQTT credentials', () => {
  void test('thing credentials: create shows the password once (redacted from logs), get hides it, empty update renews it, delete', async () => {
    const thing = await space().things().create({ title: 'mqtt-thing' });
    const creds = space().things(thing.uid).mqttCredentials();
    const made = await creds.create({ enabled: true, username: 'h4user', password: 'h4-Pa55word!', description: 'test' });
    assert.equal(made.username, 'h4user');
    assert.equal(redact('password h4-Pa55word!'), 'password ***');
    const got = await creds.get();
    assert.equal(got.username, 'h4user');
    assert.notEqual(got.password, 'h4-Pa55word!');
    assert.ok((got.topics?.acl?.publish ?? []).length > 0);
    const renewed = await creds.update();
    assert.ok(renewed.password && renewed.password !== 'h4-Pa55word!' && renewed.password !== got.password);
    assert.equal(redact(`x ${renewed.password} y`), 'x *** y', 'a generated password is registered for redaction');
    const disabled = await creds.update({ enabled: false });
    assert.equal(disabled.enabled, false);
    assert.equal((await creds.get()).enabled, false);
    await creds.delete();
    await assert.rejects(creds.get(), (e: unknown) => e instanceof HttpError && e.status === 404);
  });

  void test('category credentials and the category-scoped thing path', async () => {
    const creds = space().categories(info.category).mqttCredentials();
    const made = await creds.create({ username: 'catuser', password: 'cat-secret-1', collection_name: 'col' });
    assert.equal(made.collection_name, 'col');
    assert.equal((await creds.get()).username, 'catuser');
    await creds.delete();
    await assert.rejects(creds.get(), (e: unknown) => e instanceof HttpError && e.status === 404);

    const member = await space().categories(info.category).things().create({ title: 'mqtt-member' });
    const scoped = space().categories(info.category).things(member.uid).mqttCredentials();
    await scoped.create({ username: 'member' });
    assert.equal((await space().things(member.uid).mqttCredentials().get()).username, 'member');
  });
});

void describe('communications', () => {
  void test('email().send() is accepted (202) and the emulator received it; no recipient is refused', async () => {
    await fetch(`${emu.url}/_emulator/altair/emails`, { method: 'DELETE' });
    await space().communications().email().send({ to: ['ops@example.com'], cc: ['cc@example.com'], subject: 'Alarm', body: { html: '<p>Hot</p>', text: null } });
    const { emails } = (await (await fetch(`${emu.url}/_emulator/altair/emails`)).json()) as { emails: Array<{ to: string[]; subject: string; cc: string[] }> };
    assert.equal(emails.length, 1);
    assert.deepEqual(emails[0].to, ['ops@example.com']);
    assert.deepEqual(emails[0].cc, ['cc@example.com']);
    assert.equal(emails[0].subject, 'Alarm');
    await assert.rejects(offline.spaces('s').communications().email().send({ to: [] }), (e: unknown) => e instanceof ValidationError && e.parameter === 'to');
    const huge = { to: ['a@example.com'], body: { text: 'x'.repeat(70 * 1024) } };
    await assert.rejects(space().communications().email().send(huge), (e: unknown) => e instanceof HttpError && e.status === 413);
  });
});
