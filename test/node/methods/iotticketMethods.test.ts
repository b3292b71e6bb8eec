/**
 * The pure parts of the IoT-TICKET method commands, on what the demo emulator really serves: which
 * attributes "Chart All Series" draws (TelemetryData and Calculated that are not text), and the
 * organization a node scopes its organization-level requests to.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { IotTicketClient } from '../../../src/platforms/iotticket';
import type { AssetAttribute } from '../../../src/platforms/iotticket/types';
import { seriesAttributes, seriesDescriptors } from '../../../src/methods/iotticket/seriesAttributes';
import { organizationIdOf } from '../../../src/methods/iotticket/organizationScope';

void describe('IoT-TICKET method commands: pure parts', () => {
  let emu: Emulator;
  let client: IotTicketClient;
  let asset: { id: string; name: string };
  let attributes: AssetAttribute[];

  before(async () => {
    emu = await startEmulator();
    const info = emu.info().iotticket as { coreBaseUrl: string; user: string; password: string; asset: { id: string; namesPath: string[] } };
    client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
    asset = { id: info.asset.id, name: info.asset.namesPath.at(-1)! };
    attributes = await client.assets.getAttributes({ assetId: asset.id });
  });
  after(() => emu.close());

  void test('Chart All Series takes every numeric TelemetryData and Calculated attribute, nothing else', () => {
    const picked = seriesAttributes(attributes);
    assert.ok(picked.length >= 2, `series among ${attributes.map((a) => `${a.name}:${a.type}/${a.dataType}`).join(', ')}`);
    for (const a of attributes) {
      const series = (a.type === 'TelemetryData' || a.type === 'Calculated') && !/^(string|binary|text)$/i.test(a.dataType ?? '');
      assert.equal(picked.includes(a), series, `${a.name} (${a.type}, ${a.dataType})`);
    }
    assert.ok(picked.length < attributes.length, 'the demo asset also has attributes that are not series');
  });

  void test('the descriptors name the asset, keep the unit and chart each attribute once', () => {
    const d = seriesDescriptors('c1', asset, attributes);
    assert.equal(new Set(d.map((x) => (x.kind === 'iotticket-attribute' ? x.attributeId : ''))).size, d.length);
    for (const x of d) {
      assert.equal(x.kind, 'iotticket-attribute');
      assert.ok(x.label.startsWith(`${asset.name} · `));
      const a = attributes.find((y) => x.kind === 'iotticket-attribute' && y.id === x.attributeId)!;
      assert.equal(x.unit, a.unit || undefined);
    }
    assert.deepEqual(seriesDescriptors('c1', asset, []), []);
  });

  void test('organization-level requests take the nearest organization above the node', () => {
    const sub = { ref: { kind: 'iotticket-organization', organizationId: 'E1002' } };
    const main = { ref: { kind: 'iotticket-organization', organizationId: 'E1001' } };
    const folderOfSub = { parent: { ...sub, parent: { parent: main } } };
    assert.equal(organizationIdOf(folderOfSub), 'E1002');
    assert.equal(organizationIdOf({ parent: main }), 'E1001');
    assert.equal(organizationIdOf({ ref: { kind: 'connection' } }), undefined);
    assert.equal(organizationIdOf(undefined), undefined);
  });
});
