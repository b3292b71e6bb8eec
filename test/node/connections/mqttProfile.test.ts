/** The broker setting of an Altair connection (`mqttUrl`) and where its MQTT passwords may go. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMqttUrl, parseProfile, type ConnectionProfile } from '../../../src/connections/profile';
import { bindingOf } from '../../../src/connections/secretBinding';

const base = { id: 'a', platform: 'altair', space: 'demo', clientId: 'c', host: 'https://api.example.com' };

void test('mqttUrl: mqtt:// or mqtts:// with a host and nothing else', () => {
  assert.equal((parseProfile({ ...base, mqttUrl: 'mqtts://mqtt.swx.altairone.com:8883' }) as ConnectionProfile).mqttUrl, 'mqtts://mqtt.swx.altairone.com:8883');
  assert.equal((parseProfile(base) as ConnectionProfile).mqttUrl, undefined);
  for (const bad of ['https://mqtt.example.com', 'mqtt://user:pw@host:1883', 'mqtt://host/path', 'mqtt.example.com:1883', 'mqtt://']) {
    assert.equal(isMqttUrl(bad), false, bad);
    assert.match(parseProfile({ ...base, mqttUrl: bad }) as string, /"mqttUrl" must be mqtt:\/\/host\[:port\] or mqtts:\/\/host\[:port\]/);
  }
  assert.equal(isMqttUrl('mqtt://127.0.0.1:1883'), true);
});

void test('an MQTT credential\'s password is bound to the connection\'s API host, like its client secret', () => {
  const profile = parseProfile(base) as ConnectionProfile;
  assert.deepEqual(bindingOf(profile, 'mqtt:thing:01ABC'), bindingOf(profile, 'clientSecret'));
  assert.deepEqual(bindingOf(profile, 'mqtt:thing:01ABC').origins, ['https://api.example.com']);
});
