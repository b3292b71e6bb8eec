/**
 * What the "secret in settings" warning flags in `iotExplorer.connections`: secret-looking keys and
 * credentials inside values, but never the connection's own settings whose names only sound secret (the
 * token endpoints, the revocation switch, the name of a factory argument), which "Move Secrets" would
 * otherwise take out of settings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretLookingFields } from '../../../src/connections/profile';

void test('secret-looking keys and values are flagged; settings named like secrets are not', () => {
  assert.deepEqual(
    secretLookingFields({ id: 'a', password: 'x', clientSecret: 'y', token: 'z', apiKey: 'k', v1BaseUrl: 'https://user:pw@host/api/v1', note: 'Bearer abcdefghijk' }),
    ['password', 'clientSecret', 'token', 'apiKey', 'v1BaseUrl', 'note'],
  );
  assert.deepEqual(
    secretLookingFields({ id: 'b', platform: 'altair', tokenUrl: '/oauth2/token', revokeUrl: '/oauth2/revoke', revokeToken: true, authMethod: 'accessToken', pythonSecretKwarg: 'password' }),
    [],
  );
  // Empty values are nothing to move.
  assert.deepEqual(secretLookingFields({ password: '' }), []);
});
