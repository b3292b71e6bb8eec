/**
 * Which topics an Altair MQTT credential may subscribe to, and what a received topic names. The
 * credential document is the authority (`topics.acl.subscribe[].pattern` on Things,
 * `topics.subscribe[].pattern` in the OpenAPI form); without patterns we fall back to the current
 * layout `spaces/{space}/things/{uid}/{properties|actions|events}/+` (docs: altair-api.md §13).
 */
import { isTopicLevel, isValidFilter } from '../../../shared/mqtt/topicFilter';
import type { MqttCredentials } from '../types';

/** Whose credential it is: one Thing, or every member of a Category. */
export type MqttOwner =
  | { readonly kind: 'thing'; readonly space: string; readonly uid: string }
  | { readonly kind: 'category'; readonly space: string; readonly category: string };

export type Interaction = 'properties' | 'actions' | 'events';

interface PatternList {
  subscribe?: Array<{ pattern?: string }>;
}

/** The subscribe patterns a credential document lists, in order, valid filters only. */
export function credentialPatterns(doc: Pick<MqttCredentials, 'topics'> | undefined): string[] {
  const topics = doc?.topics as (PatternList & { acl?: PatternList }) | undefined;
  const lists = [topics?.acl?.subscribe, topics?.subscribe];
  const out: string[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const p of list) if (typeof p?.pattern === 'string' && isValidFilter(p.pattern) && !out.includes(p.pattern)) out.push(p.pattern);
  }
  return out;
}

/** The layout used when a credential lists no patterns. */
export function defaultPatterns(owner: MqttOwner): string[] {
  for (const level of [owner.space, owner.kind === 'thing' ? owner.uid : owner.category]) {
    if (!isTopicLevel(level)) throw new Error(`"${level}" cannot be part of an MQTT topic`);
  }
  const base = owner.kind === 'thing' ? `spaces/${owner.space}/things/${owner.uid}` : `spaces/${owner.space}/categories/${owner.category}/things/+`;
  return (['properties', 'actions', 'events'] as const).map((k) => `${base}/${k}/+`);
}

/** What to subscribe to: the credential's patterns, else the default layout. */
export function subscriptionFilters(owner: MqttOwner, doc?: Pick<MqttCredentials, 'topics'>): string[] {
  const listed = credentialPatterns(doc);
  return listed.length > 0 ? listed : defaultPatterns(owner);
}

/** What a topic names, as far as the layout tells: the Thing, the kind of message and its name. */
export interface TopicParts {
  readonly space?: string;
  readonly category?: string;
  readonly uid: string;
  readonly interaction?: Interaction;
  /** Property, action or event name; absent on a map topic such as `…/properties`. */
  readonly name?: string;
}

const CURRENT = /^spaces\/([^/]+)\/(?:categories\/([^/]+)\/)?things\/([^/]+)(?:\/(properties|actions|events)(?:\/([^/]+))?)?$/;
/** Older layouts (`altair/collections/{c}/things/{uid}/data`): at least the Thing. */
const ANY = /(?:^|\/)things\/([^/]+)(?:\/(properties|actions|events)(?:\/([^/]+))?$)?/;

export function parseTopic(topic: string): TopicParts | undefined {
  const m = CURRENT.exec(topic);
  if (m) return { space: m[1], category: m[2], uid: m[3], interaction: m[4] as Interaction | undefined, name: m[5] };
  const a = ANY.exec(topic);
  return a ? { uid: a[1], interaction: a[2] as Interaction | undefined, name: a[3] } : undefined;
}
