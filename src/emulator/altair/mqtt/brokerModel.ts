/**
 * The broker's view of the Altair model: logins against the MQTT credentials of every thing and
 * category, and devices' publishes applied as property writes or new events.
 */
import { writeProperties } from '../propertyWrite';
import { renderEvent } from '../render';
import type { Api } from '../routes/api';
import { pushRing } from '../store';
import type { MqttCredentials } from '../types';
import type { BrokerModel } from './broker';
import type { CredentialOwner, DeviceTopic } from './topics';

export function brokerModel(api: Api): BrokerModel {
  return {
    login(username, password) {
      let disabled = false;
      for (const space of api.state().spaces.values()) {
        const candidates: Array<[CredentialOwner, MqttCredentials]> = [
          ...[...space.thingMqtt].map(([uid, c]): [CredentialOwner, MqttCredentials] => [{ kind: 'thing', space: space.name, uid }, c]),
          ...[...space.categoryMqtt].map(([category, c]): [CredentialOwner, MqttCredentials] => [{ kind: 'category', space: space.name, category }, c]),
        ];
        for (const [owner, c] of candidates) {
          if (c.username !== username || c.password !== password) continue;
          if (c.enabled) return { owner, credential: c };
          disabled = true;
        }
      }
      return disabled ? 'disabled' : 'bad-credentials';
    },
    credential(owner) {
      const space = api.state().spaces.get(owner.space);
      return owner.kind === 'thing' ? space?.thingMqtt.get(owner.uid) : space?.categoryMqtt.get(owner.category);
    },
    ingest(topic: DeviceTopic, payload: unknown) {
      const space = api.state().spaces.get(topic.space);
      const doc = space?.things.get(topic.uid);
      if (!space || !doc || (topic.category !== undefined && !doc.categories.includes(topic.category))) return;
      const body = payload as Record<string, unknown>;
      if (topic.kind === 'properties') {
        writeProperties(api, space, doc, body);
        return;
      }
      // `{"<event>": {"data": …}}`, one event per key.
      for (const [name, value] of Object.entries(body)) {
        const data = value !== null && typeof value === 'object' && 'data' in value ? (value as { data: unknown }).data : value;
        const rec = { id: api.newId(), name, at: api.now(), data };
        pushRing(space.events, doc.uid, name, rec);
        api.feed.interaction(space.name, doc, 'events', name, renderEvent(rec, { space: space.name }, doc.uid));
      }
    },
  };
}
