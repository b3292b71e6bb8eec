/** Categories (scope `category`, fine-grained `category.*`): create, list, get, update, delete. */
import type { Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { readObject } from '../body';
import { badRequest, conflict, notFound } from '../errors';
import { pageArray, parsePageRequest } from '../paging';
import { renderCategory } from '../render';
import { rfc3339 } from '../time';
import type { CategoryRec } from '../types';
import { need, spaceOf, type Api } from './api';
import { modelRef, optionalString, requiredName, resolveModel } from './validate';

export function registerCategoryRoutes(router: Router, api: Api): void {
  router.post('/spaces/:space/categories', async (ctx) => {
    need(api, ctx, 'category', 'create');
    const space = spaceOf(api, ctx);
    const body = await readObject(ctx);
    const name = requiredName(body);
    // 409 in the status and in the body (the spec's example body says 400 inside a 409).
    if (space.categories.has(name)) throw conflict();
    const model = modelRef(body.model) ?? null;
    if (model) resolveModel(space, model);
    const now = rfc3339(api.now());
    const rec: CategoryRec = { name, description: optionalString(body, 'description'), model, created: now, modified: now };
    space.categories.set(name, rec);
    sendJson(ctx.res, 201, renderCategory(rec));
  });

  // Listed by name (as the SDK tests sort them); the cursor is ["<name>"].
  router.get('/spaces/:space/categories', (ctx) => {
    need(api, ctx, 'category', 'read');
    const space = spaceOf(api, ctx);
    sendJson(ctx.res, 200, pageArray([...space.categories.values()], (c) => [c.name], parsePageRequest(ctx.query), renderCategory));
  });

  router.get('/spaces/:space/categories/:category', (ctx) => {
    need(api, ctx, 'category', 'read');
    const rec = spaceOf(api, ctx).categories.get(ctx.params.category);
    if (!rec) throw notFound();
    sendJson(ctx.res, 200, renderCategory(rec));
  });

  // A category cannot be renamed: `name` is required and must equal the path (400 otherwise).
  router.put('/spaces/:space/categories/:category', async (ctx) => {
    need(api, ctx, 'category', 'update');
    const space = spaceOf(api, ctx);
    const rec = space.categories.get(ctx.params.category);
    if (!rec) throw notFound();
    const body = await readObject(ctx);
    if (body.name !== rec.name) throw badRequest('a Category cannot be renamed: "name" must be the current name');
    const model = modelRef(body.model);
    if (model) resolveModel(space, model);
    const updated: CategoryRec = { ...rec, description: optionalString(body, 'description'), model: model ?? null, modified: rfc3339(api.now()) };
    space.categories.set(rec.name, updated);
    sendJson(ctx.res, 200, renderCategory(updated));
  });

  // The things are kept; the name is only removed from their `categories`.
  router.delete('/spaces/:space/categories/:category', (ctx) => {
    need(api, ctx, 'category', 'delete');
    const space = spaceOf(api, ctx);
    const name = ctx.params.category;
    if (!space.categories.delete(name)) throw notFound();
    space.categoryMqtt.delete(name);
    space.things.retireCategory(name);
    sendEmpty(ctx.res, 204);
  });
}
