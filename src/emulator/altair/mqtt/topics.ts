/**
 * The emulator's MQTT topic layout and the ACL of each credential. Things use the current Altair layout
 * (`spaces/{s}/things/{uid}/properties/{p}`, `…/actions/{a}`; devices publish `…/properties` and
 * `…/events`). Category credentials are an emulator choice: the same tails below
 * `spaces/{s}/categories/{c}/things/+/…`, like the REST category mirror, so one credential sees every
 * member. Events are published on `…/events/{e}` too, so monitors see them.
 */
import { isTopicLevel } from '../../../shared/mqtt/topicFilter';

export interface Acl {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** Who a credential belongs to. */
export type CredentialOwner =
  | { readonly kind: 'thing'; readonly space: string; readonly uid: string }
  | { readonly kind: 'category'; readonly space: string; readonly category: string };

const thingBase = (space: string, uid: string): string => `spaces/${space}/things/${uid}`;
const categoryBase = (space: string, category: string, uid = '+'): string => `spaces/${space}/categories/${category}/things/${uid}`;

export function aclOf(owner: CredentialOwner): Acl {
  const base = owner.kind === 'thing' ? thingBase(owner.space, owner.uid) : categoryBase(owner.space, owner.category);
  return {
    publish: [`${base}/properties`, `${base}/events`],
    subscribe: [`${base}/properties/+`, `${base}/actions/+`, `${base}/events/+`],
  };
}

/** The `topics` part of a credential document. */
export function topicsDocument(owner: CredentialOwner): Record<string, unknown> {
  const acl = aclOf(owner);
  return { topics: { acl: { publish: acl.publish.map((pattern) => ({ pattern })), subscribe: acl.subscribe.map((pattern) => ({ pattern })) } } };
}

export type Interaction = 'properties' | 'actions' | 'events';

/** The topics one change of a thing is published on: its own, and one per category it is in. Empty for names no topic can hold. */
export function changeTopics(space: string, uid: string, categories: readonly string[], kind: Interaction, name: string): string[] {
  if (!isTopicLevel(name)) return [];
  const tail = `${kind}/${name}`;
  return [`${thingBase(space, uid)}/${tail}`, ...categories.filter(isTopicLevel).map((c) => `${categoryBase(space, c, uid)}/${tail}`)];
}

/** A device's publish: `spaces/{s}/things/{uid}/{properties|events}` or its category form. */
export interface DeviceTopic {
  readonly space: string;
  readonly uid: string;
  readonly category?: string;
  readonly kind: 'properties' | 'events';
}

export function parseDeviceTopic(topic: string): DeviceTopic | undefined {
  const m = /^spaces\/([^/]+)\/(?:categories\/([^/]+)\/)?things\/([^/]+)\/(properties|events)$/.exec(topic);
  if (!m) return undefined;
  return { space: m[1], category: m[2], uid: m[3], kind: m[4] as DeviceTopic['kind'] };
}

/** The things a subscription filter names: one uid, or a whole category (`things/+`). */
export type Watched = { readonly space: string; readonly uid: string } | { readonly space: string; readonly category: string };

export function watchedBy(filter: string): Watched | undefined {
  const m = /^spaces\/([^/+#]+)\/(?:categories\/([^/+#]+)\/)?things\/([^/#]+)\//.exec(filter);
  if (!m) return undefined;
  if (m[3] !== '+') return { space: m[1], uid: m[3] };
  return m[2] !== undefined ? { space: m[1], category: m[2] } : undefined;
}
