/**
 * The pure parts of the Altair method commands: the filter a user types for bulk patch and delete, checked
 * before any request, and what it selects on the emulator's demo space; and the connection profile of an
 * access-token connection as read from settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi } from '../../../src/platforms/altair';
import { parseThingFilterText } from '../../../src/methods/altair/thingFilterText';
import { parseProfile, primarySecret } from '../../../src/connections/profile';

void describe('Altair method commands: pure parts', () => {
  void test('a typed filter becomes the platform\'s filter; what is not a term is refused with its name', () => {
    assert.deepEqual(parseThingFilterText('category:Pumps category:HVAC type:Sensor uid:a uid:b temperature=gt:20 mode=auto', false), {
      type: 'Sensor',
      thingIds: ['a', 'b'],
      categories: ['Pumps', 'HVAC'],
      properties: { temperature: [{ op: 'gt', value: '20' }], mode: [{ op: 'eq', value: 'auto' }] },
    });
    assert.throws(() => parseThingFilterText('', false), { name: 'ValidationError', parameter: 'filter' });
    assert.throws(() => parseThingFilterText('   ', false), { name: 'ValidationError' });
    assert.throws(() => parseThingFilterText('everything', false), /"everything" is not a term/);
    assert.throws(() => parseThingFilterText('temperature=above:20', false), { name: 'ValidationError', parameter: 'property:temperature' });
    assert.throws(() => parseThingFilterText('type:A type:B', false), { parameter: 'type' });
    // Below a category its Things are already that category's.
    assert.throws(() => parseThingFilterText('category:Pumps', true), { parameter: 'category' });
    assert.deepEqual(parseThingFilterText('type:Sensor', true), { type: 'Sensor' });
  });

  void describe('on the demo space', () => {
    let emu: Emulator;
    let api: AltairApi;
    let space: string;

    before(async () => {
      emu = await startEmulator();
      const info = emu.info().altair as { clientId: string; clientSecret: string; scopes: string[]; space: string };
      space = info.space;
      api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
    });
    after(async () => {
      await api.dispose();
      await emu.close();
    });

    void test('a category filter selects exactly the Things the category lists', async () => {
      const category = (await api.spaces(space).categories().get({ limit: 1 })).items[0]!.name;
      const viaFilter: string[] = [];
      for await (const t of api.spaces(space).things().paginate({ ...parseThingFilterText(`category:${category}`, false), limit: 100 })) viaFilter.push(t.uid);
      const listed: string[] = [];
      for await (const t of api.spaces(space).categories(category).things().paginate({ limit: 100 })) listed.push(t.uid);
      assert.ok(listed.length > 0);
      assert.deepEqual([...viaFilter].sort(), [...listed].sort());
    });
  });

  void test('an access-token connection from settings keeps its sign-in method and needs no client id; its secret is the token', () => {
    const profile = parseProfile({ id: 't', platform: 'altair', space: 's', authMethod: 'accessToken' }, (p) => (!p.space ? 'needs space' : undefined));
    assert.ok(typeof profile === 'object');
    assert.equal(profile.authMethod, 'accessToken');
    assert.equal(primarySecret(profile), 'token');
    assert.equal(primarySecret({ platform: 'altair' }), 'clientSecret');
    assert.equal(primarySecret({ platform: 'iotticket' }), 'password');
    const unknown = parseProfile({ id: 't', platform: 'altair', space: 's', clientId: 'c', authMethod: 'magic' });
    assert.ok(typeof unknown === 'object' && unknown.authMethod === undefined, 'an unknown method falls back to client credentials');
  });
});
