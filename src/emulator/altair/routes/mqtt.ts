/**
 * MQTT credentials of a thing (scope `thing`, or `mqtt.credentials`) and of a category (scope
 * `category`, or `category.mqtt`). One set per owner: POST creates or replaces it (201, password
 * shown once), GET hides the password, PUT updates (an empty body renews the password), DELETE 204.
 * Documents carry `topics.acl` (the spec has it for things; for categories it is an emulator choice),
 * which the broker enforces (src/emulator/altair/mqtt/).
 */
import { randomBytes } from 'node:crypto';
import type { RequestContext, Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { isObject, readJson } from '../body';
import { badRequest, notFound } from '../errors';
import { renderMqtt, type ThingScope } from '../render';
import type { SpaceState } from '../store';
import { rfc3339 } from '../time';
import type { MqttCredentials } from '../types';
import { bothScopes, need, spaceOf, thingOf, thingScope, type Api } from './api';
import { topicsDocument, type CredentialOwner } from '../mqtt/topics';

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Applies a credentials form (`enabled`, `username`, `password`, `description`, `collection_name`). */
function applyForm(current: MqttCredentials, form: Record<string, unknown>): MqttCredentials {
  const next = { ...current };
  if (form.enabled !== undefined) {
    if (typeof form.enabled !== 'boolean') throw badRequest('"enabled" must be a boolean');
    next.enabled = form.enabled;
  }
  for (const f of ['username', 'password', 'description', 'collection_name'] as const) {
    const v = form[f];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw badRequest(`"${f}" must be a string`);
    next[f] = v;
  }
  return next;
}

async function formOf(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readJson(ctx, { required: false });
  if (body === undefined) return {};
  if (!isObject(body)) throw badRequest();
  return body;
}

export function registerMqttRoutes(router: Router, api: Api): void {
  const fresh = (username: string): MqttCredentials => ({ id: api.newId(), enabled: true, username, password: randomPassword(), created: rfc3339(api.now()) });
  const thingOwner = (space: SpaceState, uid: string): CredentialOwner => ({ kind: 'thing', space: space.name, uid });
  const categoryOwner = (space: SpaceState, category: string): CredentialOwner => ({ kind: 'category', space: space.name, category });

  // ---- things
  const thingTarget = (ctx: RequestContext): { space: SpaceState; scope: ThingScope; uid: string } => {
    const space = spaceOf(api, ctx);
    const scope = thingScope(space, ctx);
    return { space, scope, uid: thingOf(space, scope, ctx.params.thing).uid };
  };
  const thingCreds = (space: SpaceState, uid: string): MqttCredentials => {
    const c = space.thingMqtt.get(uid);
    if (!c) throw notFound();
    return c;
  };

  bothScopes(router, 'POST', '/:thing/mqtt-credentials', async (ctx) => {
    need(api, ctx, 'thing', 'create', 'mqtt.credentials');
    const { space, uid } = thingTarget(ctx);
    const creds = applyForm(fresh(uid), await formOf(ctx));
    space.thingMqtt.set(uid, creds);
    sendJson(ctx.res, 201, renderMqtt(creds, topicsDocument(thingOwner(space, uid)), true));
  });
  bothScopes(router, 'GET', '/:thing/mqtt-credentials', (ctx) => {
    need(api, ctx, 'thing', 'read', 'mqtt.credentials');
    const { space, uid } = thingTarget(ctx);
    sendJson(ctx.res, 200, renderMqtt(thingCreds(space, uid), topicsDocument(thingOwner(space, uid))));
  });
  bothScopes(router, 'PUT', '/:thing/mqtt-credentials', async (ctx) => {
    need(api, ctx, 'thing', 'update', 'mqtt.credentials.update');
    const { space, uid } = thingTarget(ctx);
    const form = await formOf(ctx);
    const current = thingCreds(space, uid);
    const renew = Object.keys(form).length === 0;
    const next = applyForm(renew ? { ...current, password: randomPassword() } : current, form);
    space.thingMqtt.set(uid, next);
    sendJson(ctx.res, 200, renderMqtt(next, topicsDocument(thingOwner(space, uid)), renew || form.password !== undefined));
  });
  bothScopes(router, 'DELETE', '/:thing/mqtt-credentials', (ctx) => {
    need(api, ctx, 'thing', 'delete', 'mqtt.credentials');
    const { space, uid } = thingTarget(ctx);
    thingCreds(space, uid);
    space.thingMqtt.delete(uid);
    sendEmpty(ctx.res, 204);
  });

  // ---- categories
  const categoryTarget = (ctx: RequestContext): { space: SpaceState; name: string } => {
    const space = spaceOf(api, ctx);
    if (!space.categories.has(ctx.params.category)) throw notFound();
    return { space, name: ctx.params.category };
  };
  const categoryCreds = (space: SpaceState, name: string): MqttCredentials => {
    const c = space.categoryMqtt.get(name);
    if (!c) throw notFound();
    return c;
  };
  const path = '/spaces/:space/categories/:category/mqtt-credentials';
  router.post(path, async (ctx) => {
    need(api, ctx, 'category', 'create', 'category.mqtt.create');
    const { space, name } = categoryTarget(ctx);
    const creds = applyForm(fresh(name), await formOf(ctx));
    space.categoryMqtt.set(name, creds);
    sendJson(ctx.res, 201, renderMqtt(creds, topicsDocument(categoryOwner(space, name)), true));
  });
  router.get(path, (ctx) => {
    need(api, ctx, 'category', 'read', 'category.mqtt.read');
    const { space, name } = categoryTarget(ctx);
    sendJson(ctx.res, 200, renderMqtt(categoryCreds(space, name), topicsDocument(categoryOwner(space, name))));
  });
  router.put(path, async (ctx) => {
    need(api, ctx, 'category', 'update', 'category.mqtt.update');
    const { space, name } = categoryTarget(ctx);
    const form = await formOf(ctx);
    const current = categoryCreds(space, name);
    const renew = Object.keys(form).length === 0;
    const next = applyForm(renew ? { ...current, password: randomPassword() } : current, form);
    space.categoryMqtt.set(name, next);
    sendJson(ctx.res, 200, renderMqtt(next, topicsDocument(categoryOwner(space, name)), renew || form.password !== undefined));
  });
  router.delete(path, (ctx) => {
    need(api, ctx, 'category', 'delete', 'category.mqtt.delete');
    const { space, name } = categoryTarget(ctx);
    categoryCreds(space, name);
    space.categoryMqtt.delete(name);
    sendEmpty(ctx.res, 204);
  });
}
