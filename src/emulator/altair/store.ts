/** The in-memory state: spaces with their categories, models, things, history, actions, events and credentials. */
import type { HistoryStore } from './history';
import type { ThingTable } from './thingTable';
import type { ActionRec, CategoryRec, EmailRec, EventRec, ModelRec, MqttCredentials } from './types';

/** At most this many Action (or Event) resources are kept per name, oldest dropped first. */
export const RING_SIZE = 100;

export const DEFAULT_RETENTION_DAYS = 90;

export class SpaceState {
  readonly categories = new Map<string, CategoryRec>();
  readonly models = new Map<string, ModelRec>();
  /** thing uid → action name → resources, oldest first. */
  readonly actions = new Map<string, Map<string, ActionRec[]>>();
  readonly events = new Map<string, Map<string, EventRec[]>>();
  readonly thingMqtt = new Map<string, MqttCredentials>();
  readonly categoryMqtt = new Map<string, MqttCredentials>();

  constructor(
    readonly name: string,
    readonly description: string,
    readonly created: string,
    readonly things: ThingTable,
    readonly history: HistoryStore,
  ) {}

  /** Deletes a thing and everything hanging off it. */
  deleteThing(uid: string): boolean {
    if (!this.things.delete(uid)) return false;
    this.history.clear(uid);
    this.actions.delete(uid);
    this.events.delete(uid);
    this.thingMqtt.delete(uid);
    return true;
  }
}

/** Appends to a per-thing, per-name ring buffer of RING_SIZE. */
export function pushRing<T>(map: Map<string, Map<string, T[]>>, uid: string, name: string, item: T): void {
  let byName = map.get(uid);
  if (!byName) map.set(uid, (byName = new Map()));
  let list = byName.get(name);
  if (!list) byName.set(name, (list = []));
  list.push(item);
  if (list.length > RING_SIZE) list.splice(0, list.length - RING_SIZE);
}

/** What `info()` reports as the example thing of the dataset. */
export interface Sample {
  readonly space: string;
  readonly category: string;
  readonly thing: { id: string; title: string; numericProperty: string; actionName: string; eventName: string };
}

export interface AltairState {
  readonly spaces: Map<string, SpaceState>;
  readonly emails: EmailRec[];
  retentionDays: number;
  readonly sample: Sample;
}
