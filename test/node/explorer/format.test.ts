/** Tree texts (issue 19 §15): a category row does not repeat its own name in its description. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startEmulator } from '../../../src/emulator/server';
import { AltairApi, ClientCredentialsStrategy } from '../../../src/platforms/altair';
import { withoutOwnName } from '../../../src/explorer/nodes/format';

void describe('Row descriptions', () => {
  void test('the demo categories described as "HVAC: …" show only what follows the name', async () => {
    const emu = await startEmulator();
    try {
      const info = emu.info().altair as { clientId: string; clientSecret: string; scopes: string[]; space: string };
      const api = new AltairApi({ host: emu.url, security: new ClientCredentialsStrategy({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes }) });
      const page = await api.spaces(info.space).categories().get({ limit: 100 });
      assert.ok(page.items.length > 0);
      assert.ok(page.items.some((c) => c.description?.startsWith(c.name)), 'the demo has descriptions that start with the name');
      for (const c of page.items) {
        const shown = withoutOwnName(c.description, c.name) ?? '';
        assert.ok(!shown.toLowerCase().startsWith(c.name.toLowerCase()), `"${c.name}" shows "${shown}"`);
      }
    } finally {
      await emu.close();
    }
  });

  void test('equal, prefixed and unrelated descriptions', () => {
    assert.equal(withoutOwnName('HVAC: air handling units', 'HVAC'), 'air handling units');
    assert.equal(withoutOwnName('hvac', 'HVAC'), undefined);
    assert.equal(withoutOwnName('HVAC — ', 'HVAC'), undefined);
    assert.equal(withoutOwnName('HVAC – air', 'HVAC'), 'air');
    assert.equal(withoutOwnName('HVAC · air', 'HVAC'), 'air');
    assert.equal(withoutOwnName('HVACS of zone 1', 'HVAC'), 'HVACS of zone 1');
    assert.equal(withoutOwnName('Sensors of zone 1', 'Zone'), 'Sensors of zone 1');
    assert.equal(withoutOwnName(undefined, 'X'), undefined);
  });
});
