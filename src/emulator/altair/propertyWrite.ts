/**
 * A write of current property values, from the API, a device over MQTT or the live generator: the
 * thing's `status`, one history record per value (unless switched off), and the change on the feed.
 */
import type { Api } from './routes/api';
import type { SpaceState } from './store';
import type { ThingDoc } from './types';

export function writeProperties(api: Api, space: SpaceState, doc: ThingDoc, values: Record<string, unknown>, history = true, at = api.now()): void {
  // Choice: property writes do not change the thing's `modified`.
  space.things.put({ ...doc, status: { ...doc.status, ...values } });
  if (history) {
    // Two writes to one thing in the same millisecond get successive milliseconds: none replaces the other.
    const when = space.history.writeTime(doc.uid, at);
    for (const [name, value] of Object.entries(values)) space.history.ensure(doc.uid, name).set(when, value);
  }
  api.feed.properties(space.name, doc, values);
}
