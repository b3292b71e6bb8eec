/**
 * Actions and events of a thing (scope `thing`), both scopes. Each name keeps its newest 100
 * resources. Lists go oldest first (by ULID, i.e. by request time); the cursor is ["<id>"].
 * Choice: any action or event name is accepted, declared in the Thing Description or not.
 */
import type { RequestContext, Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { isObject, MESSAGE_LIMIT_BYTES, readObject } from '../body';
import { badRequest, notFound } from '../errors';
import { pageArray, parsePageRequest } from '../paging';
import { renderAction, renderEvent, type ThingScope } from '../render';
import { pushRing, type SpaceState } from '../store';
import type { ActionRec, EventRec, ThingDoc } from '../types';
import { bothScopes, need, spaceOf, thingOf, thingScope, type Api } from './api';

/** The single-key body `{"<name>": {...}}` whose key must be the name in the path. */
async function namedBody(ctx: RequestContext, name: string): Promise<Record<string, unknown>> {
  const body = await readObject(ctx, { maxBytes: MESSAGE_LIMIT_BYTES });
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== name) throw badRequest(`the body must be {"${name}": {...}}`);
  const value = body[name];
  if (value !== null && !isObject(value)) throw badRequest(`"${name}" must be an object`);
  return value ?? {};
}

function listOf<T>(map: Map<string, Map<string, T[]>>, uid: string, name?: string): T[] {
  const byName = map.get(uid);
  if (!byName) return [];
  return name === undefined ? [...byName.values()].flat() : [...(byName.get(name) ?? [])];
}

function findIn<T extends { id: string }>(map: Map<string, Map<string, T[]>>, uid: string, name: string, id: string): { list: T[]; index: number } {
  const list = map.get(uid)?.get(name);
  const index = list ? list.findIndex((x) => x.id === id) : -1;
  if (!list || index < 0) throw notFound();
  return { list, index };
}

export function registerInteractionRoutes(router: Router, api: Api): void {
  const target = (ctx: RequestContext): { space: SpaceState; scope: ThingScope; doc: ThingDoc } => {
    const space = spaceOf(api, ctx);
    const scope = thingScope(space, ctx);
    return { space, scope, doc: thingOf(space, scope, ctx.params.thing) };
  };

  // ---- actions
  const listActions = (ctx: RequestContext, name?: string): void => {
    need(api, ctx, 'thing', 'read');
    const { space, scope, doc } = target(ctx);
    const request = parsePageRequest(ctx.query);
    sendJson(ctx.res, 200, pageArray(listOf(space.actions, doc.uid, name), (a) => [a.id], request, (a) => renderAction(a, scope, doc.uid)));
  };
  bothScopes(router, 'GET', '/:thing/actions', (ctx) => listActions(ctx));
  bothScopes(router, 'GET', '/:thing/actions/:name', (ctx) => listActions(ctx, ctx.params.name));

  // A new action is `pending` with `timeRequested` now (`YYYY-MM-DD HH:MM:SS+0000`).
  bothScopes(router, 'POST', '/:thing/actions/:name', async (ctx) => {
    need(api, ctx, 'thing', 'create');
    const { space, scope, doc } = target(ctx);
    const name = ctx.params.name;
    const value = await namedBody(ctx, name);
    const rec: ActionRec = { id: api.newId(), name, status: 'pending', requested: api.now(), ...(value.input !== undefined ? { input: value.input } : {}) };
    pushRing(space.actions, doc.uid, name, rec);
    api.feed.interaction(space.name, doc, 'actions', name, renderAction(rec, { space: space.name }, doc.uid));
    sendJson(ctx.res, 201, renderAction(rec, scope, doc.uid));
  });

  bothScopes(router, 'GET', '/:thing/actions/:name/:id', (ctx) => {
    need(api, ctx, 'thing', 'read');
    const { space, scope, doc } = target(ctx);
    const { list, index } = findIn(space.actions, doc.uid, ctx.params.name, ctx.params.id);
    sendJson(ctx.res, 200, renderAction(list[index], scope, doc.uid));
  });

  // Sets `status` and/or `output`; `timeCompleted` is stamped when the status becomes `completed`.
  bothScopes(router, 'PUT', '/:thing/actions/:name/:id', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const { space, scope, doc } = target(ctx);
    const { list, index } = findIn(space.actions, doc.uid, ctx.params.name, ctx.params.id);
    const value = await namedBody(ctx, ctx.params.name);
    if (value.status !== undefined && typeof value.status !== 'string') throw badRequest('"status" must be a string');
    const rec = { ...list[index] };
    if (typeof value.status === 'string') {
      if (value.status === 'completed' && rec.status !== 'completed') rec.completed = api.now();
      rec.status = value.status;
    }
    if (value.output !== undefined) rec.output = value.output;
    list[index] = rec;
    sendJson(ctx.res, 200, renderAction(rec, scope, doc.uid));
  });

  bothScopes(router, 'DELETE', '/:thing/actions/:name/:id', (ctx) => {
    need(api, ctx, 'thing', 'delete');
    const { space, doc } = target(ctx);
    const { list, index } = findIn(space.actions, doc.uid, ctx.params.name, ctx.params.id);
    list.splice(index, 1);
    sendEmpty(ctx.res, 204);
  });

  // ---- events (no PUT)
  const listEvents = (ctx: RequestContext, name?: string): void => {
    need(api, ctx, 'thing', 'read');
    const { space, scope, doc } = target(ctx);
    const request = parsePageRequest(ctx.query);
    sendJson(ctx.res, 200, pageArray(listOf(space.events, doc.uid, name), (e) => [e.id], request, (e) => renderEvent(e, scope, doc.uid)));
  };
  bothScopes(router, 'GET', '/:thing/events', (ctx) => listEvents(ctx));
  bothScopes(router, 'GET', '/:thing/events/:name', (ctx) => listEvents(ctx, ctx.params.name));

  bothScopes(router, 'POST', '/:thing/events/:name', async (ctx) => {
    need(api, ctx, 'thing', 'create');
    const { space, scope, doc } = target(ctx);
    const name = ctx.params.name;
    const value = await namedBody(ctx, name);
    const rec: EventRec = { id: api.newId(), name, at: api.now(), ...(value.data !== undefined ? { data: value.data } : {}) };
    pushRing(space.events, doc.uid, name, rec);
    api.feed.interaction(space.name, doc, 'events', name, renderEvent(rec, { space: space.name }, doc.uid));
    sendJson(ctx.res, 201, renderEvent(rec, scope, doc.uid));
  });

  bothScopes(router, 'GET', '/:thing/events/:name/:id', (ctx) => {
    need(api, ctx, 'thing', 'read');
    const { space, scope, doc } = target(ctx);
    const { list, index } = findIn(space.events, doc.uid, ctx.params.name, ctx.params.id);
    sendJson(ctx.res, 200, renderEvent(list[index], scope, doc.uid));
  });

  bothScopes(router, 'DELETE', '/:thing/events/:name/:id', (ctx) => {
    need(api, ctx, 'thing', 'delete');
    const { space, doc } = target(ctx);
    const { list, index } = findIn(space.events, doc.uid, ctx.params.name, ctx.params.id);
    list.splice(index, 1);
    sendEmpty(ctx.res, 204);
  });
}
