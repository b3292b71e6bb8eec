/** Secrets bound to where they may be sent: origins, certificate checks, the stored envelope. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindingChanges, bindingOf, openSecret, originOf, sealSecret } from '../../../src/connections/secretBinding';
import type { ConnectionProfile } from '../../../src/connections/profile';

const iot: ConnectionProfile = { id: 'a', label: 'A', platform: 'iotticket', coreBaseUrl: 'https://core.example/api/', v1BaseUrl: 'https://my.example:443/api/v1/', adapterBaseUrl: 'http://adapter.example:8080/x' };
const altair: ConnectionProfile = { id: 'b', label: 'B', platform: 'altair', space: 's', clientId: 'c' };

void test('origins: scheme, host and port of every URL the secret goes to (default ports left out, bare hosts are https)', () => {
  assert.equal(originOf('https://Core.Example:443/x?y'), 'https://core.example');
  assert.equal(originOf('api.example'), 'https://api.example');
  assert.equal(originOf('http://h:8080/'), 'http://h:8080');
  assert.equal(originOf('file:///etc/passwd'), undefined);
  assert.equal(originOf('not a url'), undefined);
  assert.deepEqual(bindingOf(iot, 'password'), { origins: ['https://core.example', 'https://my.example'], tls: 'verify' });
  assert.deepEqual(bindingOf(iot, 'device:pump-1').origins, ['http://adapter.example:8080']);
  assert.deepEqual(bindingOf(altair, 'clientSecret'), { origins: ['https://api.swx.altairone.com'], tls: 'verify' });
  assert.equal(bindingOf({ ...altair, tlsVerify: false }, 'clientSecret').tls, 'off');
  assert.equal(bindingOf({ ...altair, caFile: '/ca.pem' }, 'clientSecret').tls, 'ca:/ca.pem');
});

void test('a sealed secret opens to its value and binding; a bare string is a secret from before bindings', () => {
  const binding = bindingOf(iot, 'password');
  for (const value of ['p', '{"iotExplorerSecret":1}', 'a"b\\c\n']) assert.deepEqual(openSecret(sealSecret(value, binding)), { value, binding });
  assert.deepEqual(openSecret('legacy-password'), { value: 'legacy-password' });
  assert.deepEqual(openSecret('{"value":"x"}'), { value: '{"value":"x"}' });
});

void test('what needs confirmation: a new origin, fewer certificate checks or another CA; not a subset, not stricter checks', () => {
  const stored = bindingOf(iot, 'password');
  assert.deepEqual(bindingChanges(stored, stored), { newOrigins: [], tlsChanged: false });
  assert.deepEqual(bindingChanges(stored, bindingOf({ ...iot, v1BaseUrl: undefined }, 'password')), { newOrigins: [], tlsChanged: false });
  assert.deepEqual(bindingChanges(stored, bindingOf({ ...iot, coreBaseUrl: 'https://evil.example/api/' }, 'password')).newOrigins, ['https://evil.example']);
  assert.deepEqual(bindingChanges(stored, bindingOf({ ...iot, coreBaseUrl: 'https://core.example:8443/api/' }, 'password')).newOrigins, ['https://core.example:8443']);
  assert.deepEqual(bindingChanges(stored, bindingOf({ ...iot, coreBaseUrl: 'http://core.example/api/' }, 'password')).newOrigins, ['http://core.example']);
  assert.equal(bindingChanges(stored, bindingOf({ ...iot, tlsVerify: false }, 'password')).tlsChanged, true);
  assert.equal(bindingChanges(stored, bindingOf({ ...iot, caFile: '/x.pem' }, 'password')).tlsChanged, true);
  assert.equal(bindingChanges(bindingOf({ ...iot, tlsVerify: false }, 'password'), stored).tlsChanged, false, 'stricter checks need no confirmation');
});
