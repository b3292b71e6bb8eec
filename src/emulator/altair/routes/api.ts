/** What every Altair route handler shares: state, tokens, clock, ids, and the lookups with their 404s. */
import type { EmulatorContext } from '../../module';
import type { RequestContext, Router } from '../../router';
import { badRequest, notFound } from '../errors';
import type { TokenStore } from '../oauth';
import type { ThingScope } from '../render';
import type { AltairState, SpaceState } from '../store';
import type { ThingDoc } from '../types';
import type { IdFactory } from '../ulid';
import type { ChangeFeed } from '../mqtt/feed';

export interface Api {
  readonly context: EmulatorContext;
  readonly tokens: TokenStore;
  readonly newId: IdFactory;
  /** Changes for the MQTT broker. */
  readonly feed: ChangeFeed;
  state(): AltairState;
  now(): number;
}

export type Verb = 'read' | 'create' | 'update' | 'delete';

/**
 * Checks the bearer token (401) and the scope (403): `group.verb` or its parent `group`, or any of
 * the alternatives (e.g. `mqtt.credentials`). Fine-grained scopes as in the Altair help (§2.4).
 */
export function need(api: Api, ctx: RequestContext, group: string, verb: Verb, ...alternatives: string[]): void {
  api.tokens.authorize(ctx, [`${group}.${verb}`, ...alternatives]);
}

export function spaceOf(api: Api, ctx: RequestContext): SpaceState {
  const space = api.state().spaces.get(ctx.params.space);
  if (!space) throw notFound();
  return space;
}

/** The scope of a thing route: the space, or the category of the mirror paths (which must exist). */
export function thingScope(space: SpaceState, ctx: RequestContext): ThingScope {
  const category = ctx.params.category;
  if (category !== undefined && !space.categories.has(category)) throw notFound();
  return { space: space.name, category };
}

/** The thing of a route; outside the route's category it does not exist (404). */
export function thingOf(space: SpaceState, scope: ThingScope, uid: string): ThingDoc {
  const doc = space.things.get(uid);
  if (!doc || (scope.category !== undefined && !doc.categories.includes(scope.category))) throw notFound();
  return doc;
}

/** Registers a thing route at `/spaces/:space/things/:thing…` and its category mirror. */
export function bothScopes(router: Router, method: string, suffix: string, handler: (ctx: RequestContext) => Promise<void> | void): void {
  router.add(method, `/spaces/:space/things${suffix}`, handler);
  router.add(method, `/spaces/:space/categories/:category/things${suffix}`, handler);
}

/** `true`/`false` query flags; anything else is a 400. */
export function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const v = query.get(name);
  if (v === null || v === '') return fallback;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`${name} must be true or false`);
}
