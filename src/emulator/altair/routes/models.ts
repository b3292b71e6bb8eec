/** Models and their versions (scope `model`, fine-grained `model.*`). Versions count from 1 and are immutable. */
import type { Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { isObject, readObject } from '../body';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { pageArray, parsePageRequest } from '../paging';
import { renderModel, renderVersion } from '../render';
import type { SpaceState } from '../store';
import { rfc3339 } from '../time';
import type { ModelRec, VersionRec } from '../types';
import { need, spaceOf, type Api } from './api';
import { optionalString, requiredName } from './validate';

function modelOf(space: SpaceState, name: string): ModelRec {
  const m = space.models.get(name);
  if (!m) throw notFound();
  return m;
}

export function registerModelRoutes(router: Router, api: Api): void {
  router.post('/spaces/:space/models', async (ctx) => {
    need(api, ctx, 'model', 'create');
    const space = spaceOf(api, ctx);
    const body = await readObject(ctx);
    const name = requiredName(body);
    if (space.models.has(name)) throw conflict();
    const now = rfc3339(api.now());
    const rec: ModelRec = { id: api.newId(), name, description: optionalString(body, 'description'), created: now, modified: now, versions: [] };
    space.models.set(name, rec);
    sendJson(ctx.res, 201, renderModel(rec));
  });

  router.get('/spaces/:space/models', (ctx) => {
    need(api, ctx, 'model', 'read');
    const space = spaceOf(api, ctx);
    sendJson(ctx.res, 200, pageArray([...space.models.values()], (m) => [m.name], parsePageRequest(ctx.query), renderModel));
  });

  router.get('/spaces/:space/models/:model', (ctx) => {
    need(api, ctx, 'model', 'read');
    sendJson(ctx.res, 200, renderModel(modelOf(spaceOf(api, ctx), ctx.params.model)));
  });

  router.put('/spaces/:space/models/:model', async (ctx) => {
    need(api, ctx, 'model', 'update');
    const space = spaceOf(api, ctx);
    const rec = modelOf(space, ctx.params.model);
    const body = await readObject(ctx);
    if (body.name !== rec.name) throw badRequest('a Model cannot be renamed: "name" must be the current name');
    rec.description = optionalString(body, 'description');
    rec.modified = rfc3339(api.now());
    sendJson(ctx.res, 200, renderModel(rec));
  });

  // Refused (403) while a category or a thing uses the model; otherwise removes it with its versions.
  router.delete('/spaces/:space/models/:model', (ctx) => {
    need(api, ctx, 'model', 'delete');
    const space = spaceOf(api, ctx);
    const rec = modelOf(space, ctx.params.model);
    if ([...space.categories.values()].some((c) => c.model?.name === rec.name)) {
      throw forbidden('model cannot be deleted because there are categories using it');
    }
    for (const doc of space.things.ascending()) {
      if ((doc.td.model as { name?: string } | null | undefined)?.name === rec.name) throw forbidden('model cannot be deleted because there are things using it');
    }
    space.models.delete(rec.name);
    sendEmpty(ctx.res, 204);
  });

  router.post('/spaces/:space/models/:model/versions', async (ctx) => {
    need(api, ctx, 'model', 'create');
    const space = spaceOf(api, ctx);
    const rec = modelOf(space, ctx.params.model);
    const body = await readObject(ctx);
    if (body.template !== undefined && !isObject(body.template)) throw badRequest('"template" must be an object');
    const version: VersionRec = {
      version: (rec.versions[rec.versions.length - 1]?.version ?? 0) + 1,
      title: optionalString(body, 'title'),
      description: optionalString(body, 'description'),
      template: body.template as Record<string, unknown> | undefined,
      created: rfc3339(api.now()),
    };
    rec.versions.push(version);
    sendJson(ctx.res, 201, renderVersion(version));
  });

  router.get('/spaces/:space/models/:model/versions', (ctx) => {
    need(api, ctx, 'model', 'read');
    const rec = modelOf(spaceOf(api, ctx), ctx.params.model);
    sendJson(ctx.res, 200, pageArray(rec.versions, (v) => [v.version], parsePageRequest(ctx.query), renderVersion));
  });

  router.get('/spaces/:space/models/:model/versions/:version', (ctx) => {
    need(api, ctx, 'model', 'read');
    const rec = modelOf(spaceOf(api, ctx), ctx.params.model);
    if (!/^\d+$/.test(ctx.params.version)) throw badRequest('version-num must be an integer');
    const v = rec.versions.find((x) => x.version === Number(ctx.params.version));
    if (!v) throw notFound();
    sendJson(ctx.res, 200, renderVersion(v));
  });
}
