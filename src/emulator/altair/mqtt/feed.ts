/**
 * What changed in the Altair model, for the MQTT broker: the routes (and the live generator) report
 * property values, action requests and events here; the broker turns each into messages. Kept apart
 * from the broker so the routes never depend on it (no listener, nothing happens).
 */
import type { Interaction } from './topics';

export interface ThingChange {
  readonly space: string;
  readonly uid: string;
  readonly categories: readonly string[];
  readonly kind: Interaction;
  /** Property, action or event name. */
  readonly name: string;
  /** The message body: `{"<name>": value}` for a property, the API document for an action or event. */
  readonly payload: Record<string, unknown>;
}

export type FeedListener = (change: ThingChange) => void;

interface ThingLike {
  readonly uid: string;
  readonly categories: readonly string[];
}

export class ChangeFeed {
  private readonly listeners = new Set<FeedListener>();

  listen(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One message per property, in the order given. */
  properties(space: string, thing: ThingLike, values: Readonly<Record<string, unknown>>): void {
    if (this.listeners.size === 0) return;
    for (const [name, value] of Object.entries(values)) this.emit(space, thing, 'properties', name, { [name]: value });
  }

  /** Properties whose value differs between two status maps (thing PUT and PATCH). */
  statusChanged(space: string, thing: ThingLike, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): void {
    if (this.listeners.size === 0) return;
    const changed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(after)) {
      if (!Object.prototype.hasOwnProperty.call(before, name) || JSON.stringify(before[name]) !== JSON.stringify(value)) changed[name] = value;
    }
    this.properties(space, thing, changed);
  }

  interaction(space: string, thing: ThingLike, kind: 'actions' | 'events', name: string, document: Record<string, unknown>): void {
    this.emit(space, thing, kind, name, document);
  }

  private emit(space: string, thing: ThingLike, kind: Interaction, name: string, payload: Record<string, unknown>): void {
    const change: ThingChange = { space, uid: thing.uid, categories: thing.categories, kind, name, payload };
    for (const l of this.listeners) l(change);
  }
}
