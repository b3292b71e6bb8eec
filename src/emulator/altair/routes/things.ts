/**
 * Things (scope `thing`, fine-grained `thing.*`) at `/spaces/{s}/things` and the category-scoped
 * mirror `/spaces/{s}/categories/{c}/things` (members only; responses without `categories`).
 */
import { randomBytes } from 'node:crypto';
import { EmulatorHttpError, type RequestContext, type Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { isObject, readJson, readObject } from '../body';
import { badRequest, notFound } from '../errors';
import { parseSort, parseThingFilter, thingsSource } from '../filters';
import { applyJsonPatch, JsonPatchError } from '../jsonPatch';
import { pageOf, parsePageRequest } from '../paging';
import { renderThing, type ThingScope } from '../render';
import type { SpaceState } from '../store';
import { rfc3339 } from '../time';
import type { ModelRef, ThingDoc } from '../types';
import { bothScopes, need, spaceOf, thingOf, thingScope, type Api } from './api';
import { modelRef, resolveModel, stringArray } from './validate';

/** Fields that are not part of the Thing Description proper. */
const NOT_TD = new Set(['uid', 'id', 'categories', 'client_id', 'status', 'created', 'modified']);

/** The Thing Description fields of a body, type-checked. */
function tdOf(body: Record<string, unknown>): Record<string, unknown> {
  const td: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!NOT_TD.has(k) && v !== undefined) td[k] = v;
  for (const f of ['title', 'description', '@context']) if (td[f] !== undefined && typeof td[f] !== 'string') throw badRequest(`"${f}" must be a string`);
  const type = td['@type'];
  if (type !== undefined && typeof type !== 'string' && !(Array.isArray(type) && type.every((t) => typeof t === 'string'))) throw badRequest('"@type" must be a string or an array of strings');
  for (const f of ['properties', 'actions', 'events']) {
    if (td[f] !== undefined && !(isObject(td[f]) && Object.values(td[f] as object).every(isObject))) throw badRequest(`"${f}" must be an object of objects`);
  }
  if (td.links !== undefined && !(Array.isArray(td.links) && td.links.every(isObject))) throw badRequest('"links" must be an array of objects');
  const model = modelRef(td.model);
  if (model !== undefined) td.model = model;
  return td;
}

function sameModel(a: unknown, b: unknown): boolean {
  const x = a as ModelRef | null | undefined;
  const y = b as ModelRef | null | undefined;
  return (x?.name ?? null) === (y?.name ?? null) && (x?.version ?? null) === (y?.version ?? null);
}

/**
 * Resolves a thing's model against its categories and applies the Model-Version template.
 * Choices: a thing without a model in a category that has one takes the category's model; a
 * different model is a 400. The template's properties, actions, events and links replace the
 * thing's (as the spec says); its title and description only fill in when the thing has none.
 */
function applyModel(space: SpaceState, td: Record<string, unknown>, categories: readonly string[], previous: unknown): void {
  for (const name of categories) {
    const required = space.categories.get(name)?.model;
    if (!required) continue;
    const current = td.model as ModelRef | null | undefined;
    if (!current) td.model = { ...required };
    else if (current.name !== required.name || (required.version !== undefined && current.version !== undefined && current.version !== required.version)) {
      throw badRequest(`the Thing's model does not match the model of category ${name}`);
    }
  }
  const ref = td.model as ModelRef | null | undefined;
  if (!ref || sameModel(ref, previous)) return;
  const version = resolveModel(space, ref);
  td.model = { name: ref.name, version: version?.version ?? ref.version };
  const template = version?.template;
  if (!template) return;
  for (const f of ['properties', 'actions', 'events', 'links']) if (template[f] != null) td[f] = structuredClone(template[f]);
  for (const f of ['title', 'description']) if (template[f] != null && td[f] === undefined) td[f] = template[f];
}

function checkCategories(space: SpaceState, categories: readonly string[]): void {
  for (const c of categories) if (!space.categories.has(c)) throw notFound(`category ${c} not found`);
}

/** Builds the replacement of a thing from a PUT body or a patched document. */
function replaced(space: SpaceState, scope: ThingScope, doc: ThingDoc, body: Record<string, unknown>, now: number): ThingDoc {
  const td = tdOf(body);
  // Full replacement, except: `status` (current values) is kept when not sent; on the category mirror
  // the categories never change; on the space path, leaving `categories` out removes them all.
  const categories = scope.category !== undefined ? doc.categories : (stringArray(body.categories, 'categories') ?? []);
  checkCategories(space, categories);
  if (body.status !== undefined && !isObject(body.status)) throw badRequest('"status" must be an object');
  applyModel(space, td, categories, doc.td.model);
  return { ...doc, categories, td, status: (body.status as Record<string, unknown> | undefined) ?? doc.status, modified: rfc3339(now) };
}

function patched(space: SpaceState, doc: ThingDoc, ops: unknown, baseUrl: string, now: number): ThingDoc {
  let result: unknown;
  try {
    result = applyJsonPatch(renderThing(doc, baseUrl, { space: space.name }), ops);
  } catch (err) {
    if (err instanceof JsonPatchError) throw badRequest(err.message);
    throw err;
  }
  if (!isObject(result)) throw badRequest('the patched Thing must be an object');
  // uid, id, created and modified are read-only: patches of them are ignored.
  return replaced(space, { space: space.name }, doc, result, now);
}

export function registerThingRoutes(router: Router, api: Api): void {
  const base = (): string => api.context.baseUrl();
  const scoped = (ctx: RequestContext): { space: SpaceState; scope: ThingScope } => {
    const space = spaceOf(api, ctx);
    return { space, scope: thingScope(space, ctx) };
  };

  bothScopes(router, 'POST', '', async (ctx) => {
    need(api, ctx, 'thing', 'create');
    const { space, scope } = scoped(ctx);
    const body = await readObject(ctx);
    const td = tdOf(body);
    const categories = scope.category !== undefined ? [scope.category] : (stringArray(body.categories, 'categories') ?? []);
    checkCategories(space, categories);
    if (body.status !== undefined && !isObject(body.status)) throw badRequest('"status" must be an object');
    applyModel(space, td, categories, undefined);
    const now = rfc3339(api.now());
    const doc: ThingDoc = { uid: api.newId(), categories, status: { ...(body.status as object | undefined) }, td, created: now, modified: now };
    space.things.put(doc);
    sendJson(ctx.res, 201, renderThing(doc, base(), scope));
  });

  bothScopes(router, 'GET', '', (ctx) => {
    need(api, ctx, 'thing', 'read');
    const { space, scope } = scoped(ctx);
    const request = parsePageRequest(ctx.query);
    const filter = parseThingFilter(ctx.query, scope.category !== undefined);
    const category = scope.category;
    const match = category === undefined ? filter.match : (d: ThingDoc) => d.categories.includes(category) && filter.match(d);
    const signature = [...ctx.query].filter(([k]) => k !== 'limit' && !k.endsWith('_cursor')).map(([k, v]) => `${k}=${v}`).sort().join('&');
    const source = thingsSource(space.things, match, parseSort(ctx.query.get('sort')), `${category ?? ''}?${signature}`);
    sendJson(ctx.res, 200, pageOf(source, request, (d) => renderThing(d, base(), scope)));
  });

  // Bulk delete: refused (400) without at least one filter, to prevent accidents.
  bothScopes(router, 'DELETE', '', (ctx) => {
    need(api, ctx, 'thing', 'delete');
    const { space, scope } = scoped(ctx);
    const filter = parseThingFilter(ctx.query, scope.category !== undefined);
    if (!filter.any) throw badRequest('at least one filter is required to delete Things');
    const category = scope.category;
    const uids: string[] = [];
    for (const d of space.things.ascending()) if ((category === undefined || d.categories.includes(category)) && filter.match(d)) uids.push(d.uid);
    for (const uid of uids) space.deleteThing(uid);
    sendJson(ctx.res, 200, uids);
  });

  // Bulk JSON Patch (SDK only): 207 with `has_errors` (indexes of failed items) and one result per item.
  router.patch('/spaces/:space/things', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const space = spaceOf(api, ctx);
    const body = await readJson(ctx);
    if (!Array.isArray(body)) throw badRequest('the body must be an array of {"id","patch"}');
    const results: Array<{ status: number; response: unknown }> = [];
    const hasErrors: number[] = [];
    for (const [i, item] of body.entries()) {
      try {
        if (!isObject(item) || typeof item.id !== 'string') throw badRequest('each item needs an "id" and a "patch"');
        const doc = space.things.get(item.id);
        if (!doc) throw notFound();
        const next = patched(space, doc, item.patch, base(), api.now());
        space.things.put(next);
        api.feed.statusChanged(space.name, next, doc.status, next.status);
        results.push({ status: 200, response: renderThing(next, base(), { space: space.name }) });
      } catch (err) {
        if (!(err instanceof EmulatorHttpError)) throw err;
        const e = err;
        hasErrors.push(i);
        results.push({ status: e.status, response: e.body });
      }
    }
    sendJson(ctx.res, 207, { has_errors: hasErrors, results });
  });

  bothScopes(router, 'GET', '/:thing', (ctx) => {
    need(api, ctx, 'thing', 'read');
    const { space, scope } = scoped(ctx);
    sendJson(ctx.res, 200, renderThing(thingOf(space, scope, ctx.params.thing), base(), scope));
  });

  bothScopes(router, 'PUT', '/:thing', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const { space, scope } = scoped(ctx);
    const doc = thingOf(space, scope, ctx.params.thing);
    const next = replaced(space, scope, doc, await readObject(ctx), api.now());
    space.things.put(next);
    api.feed.statusChanged(space.name, next, doc.status, next.status);
    sendJson(ctx.res, 200, renderThing(next, base(), scope));
  });

  // RFC 6902 JSON Patch (`application/json-patch+json`; plain JSON is accepted too). Any failed
  // operation, a failed `test` included, is a 400 and leaves the thing unchanged.
  router.patch('/spaces/:space/things/:thing', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const space = spaceOf(api, ctx);
    const doc = thingOf(space, { space: space.name }, ctx.params.thing);
    const next = patched(space, doc, await readJson(ctx), base(), api.now());
    space.things.put(next);
    api.feed.statusChanged(space.name, next, doc.status, next.status);
    sendJson(ctx.res, 200, renderThing(next, base(), { space: space.name }));
  });

  bothScopes(router, 'DELETE', '/:thing', (ctx) => {
    need(api, ctx, 'thing', 'delete');
    const { space, scope } = scoped(ctx);
    thingOf(space, scope, ctx.params.thing);
    space.deleteThing(ctx.params.thing);
    sendEmpty(ctx.res, 204);
  });

  // Creates (or renews) the thing's OAuth client `<space>::<uid>`; it may then ask for `thing` tokens.
  bothScopes(router, 'POST', '/:thing/reset-secret', (ctx) => {
    need(api, ctx, 'thing', 'update');
    const { space, scope } = scoped(ctx);
    const doc = thingOf(space, scope, ctx.params.thing);
    const clientId = `${space.name}::${doc.uid}`;
    const secret = randomBytes(22).toString('base64url').slice(0, 30);
    api.tokens.addClient({ id: clientId, secret, scopes: ['thing'], dynamic: true });
    space.things.put({ ...doc, client_id: clientId });
    sendJson(ctx.res, 201, { client_id: clientId, client_secret: secret });
  });
}
