/**
 * Current property values (`/properties[/{p}]`) and their history (`/properties-history[/{p}]`),
 * in both the space and the category scope. Scope `thing` (read/update; history create/delete).
 */
import type { RequestContext, Router } from '../../router';
import { sendEmpty, sendJson } from '../../respond';
import { isObject, MESSAGE_LIMIT_BYTES, readJson, readObject } from '../body';
import { altairError, badRequest, notFound } from '../errors';
import { historySource, snapshotSource, type HistoryItem, type HistoryWindow } from '../history';
import { pageOf, parsePageRequest } from '../paging';
import { writeProperties } from '../propertyWrite';
import type { SpaceState } from '../store';
import { DAY_MS, parseAt, parseInstant, rfc3339Ms } from '../time';
import type { ThingDoc } from '../types';
import { bothScopes, boolParam, need, spaceOf, thingOf, thingScope, type Api } from './api';

function renderItem(item: HistoryItem): { at: string; properties: Record<string, unknown> } {
  return { at: rfc3339Ms(item.at), properties: item.properties };
}

export function registerPropertyRoutes(router: Router, api: Api): void {
  const target = (ctx: RequestContext): { space: SpaceState; doc: ThingDoc } => {
    const space = spaceOf(api, ctx);
    return { space, doc: thingOf(space, thingScope(space, ctx), ctx.params.thing) };
  };

  /** Writes values into `status` and, unless `update_history=false`, one history record each at now (ms). */
  const write = (ctx: RequestContext, space: SpaceState, doc: ThingDoc, values: Record<string, unknown>): void =>
    writeProperties(api, space, doc, values, boolParam(ctx.query, 'update_history', true));

  bothScopes(router, 'GET', '/:thing/properties', (ctx) => {
    need(api, ctx, 'thing', 'read');
    sendJson(ctx.res, 200, target(ctx).doc.status);
  });

  // 200 (Preview 2024.1; the spec still says 201) echoing the map sent. Bodies over 5 KB are a 400.
  bothScopes(router, 'PUT', '/:thing/properties', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const { space, doc } = target(ctx);
    const body = await readObject(ctx, { maxBytes: MESSAGE_LIMIT_BYTES });
    write(ctx, space, doc, body);
    sendJson(ctx.res, 200, body);
  });

  // A single-key object `{"<p>": value}`, not a bare value; 404 when the thing has no value for it.
  bothScopes(router, 'GET', '/:thing/properties/:property', (ctx) => {
    need(api, ctx, 'thing', 'read');
    const { doc } = target(ctx);
    const name = ctx.params.property;
    if (!Object.prototype.hasOwnProperty.call(doc.status, name)) throw notFound();
    sendJson(ctx.res, 200, { [name]: doc.status[name] });
  });

  // The body must be `{"<p>": value}` with exactly that key.
  bothScopes(router, 'PUT', '/:thing/properties/:property', async (ctx) => {
    need(api, ctx, 'thing', 'update');
    const { space, doc } = target(ctx);
    const body = await readObject(ctx, { maxBytes: MESSAGE_LIMIT_BYTES });
    const name = ctx.params.property;
    const keys = Object.keys(body);
    if (keys.length !== 1 || keys[0] !== name) throw badRequest(`the body must be {"${name}": <value>}`);
    write(ctx, space, doc, body);
    sendJson(ctx.res, 200, body);
  });

  /** The listing window: properties, retention, and an `at` range (start inclusive, end exclusive). */
  const windowOf = (ctx: RequestContext, space: SpaceState, doc: ThingDoc, property: string | undefined): { window: HistoryWindow; instant?: number } => {
    const retention = api.now() - api.state().retentionDays * DAY_MS;
    const atText = ctx.query.get('at');
    const at = atText === null || atText === '' ? undefined : parseAt(atText);
    if (atText && !at) throw badRequest('invalid "at": use a date-time, or START|END (short forms 2022, 2022-12, 2022-12-05 allowed)');
    const props = property !== undefined ? [property] : [...space.history.seriesOf(doc.uid).keys()];
    // A single property always lists one item per timestamp, so its cursor is just the time.
    const group = property !== undefined || boolParam(ctx.query, 'group', false);
    if (at?.kind === 'range') return { window: { props, group, lo: Math.max(retention, at.from), hi: at.to - 1 } };
    return { window: { props, group, lo: retention, hi: Number.MAX_SAFE_INTEGER }, instant: at?.at };
  };

  const list = (ctx: RequestContext, property: string | undefined): void => {
    need(api, ctx, 'thing', 'read');
    const { space, doc } = target(ctx);
    const request = parsePageRequest(ctx.query);
    const { window, instant } = windowOf(ctx, space, doc, property);
    const series = space.history.seriesOf(doc.uid);
    // An instant is an "as of" snapshot: each property's value at that time or the closest older one.
    const source = instant !== undefined ? snapshotSource(series, window, instant) : historySource(series, window);
    sendJson(ctx.res, 200, pageOf(source, request, renderItem));
  };

  /** One record or an array; all or nothing, and 409 when a property already has a value at that time. */
  const post = async (ctx: RequestContext, property: string | undefined): Promise<void> => {
    need(api, ctx, 'thing', 'create');
    const { space, doc } = target(ctx);
    const body = await readJson(ctx);
    const records = Array.isArray(body) ? body : [body];
    if (records.length === 0) throw badRequest('no history values given');
    const writes: Array<{ name: string; at: number; value: unknown }> = [];
    const seen = new Set<string>();
    for (const r of records) {
      if (!isObject(r) || typeof r.at !== 'string' || !isObject(r.properties)) throw badRequest('each value needs "at" and "properties"');
      const at = parseInstant(r.at);
      if (at === undefined) throw badRequest(`invalid "at": ${r.at}`);
      for (const [name, value] of Object.entries(r.properties)) {
        if (property !== undefined && name !== property) throw badRequest(`only the property ${property} may be given here`);
        const key = `${name}\u0000${at}`;
        if (seen.has(key) || space.history.seriesOf(doc.uid).get(name)?.has(at)) {
          throw altairError(409, 'The property already has a value with the same timestamp');
        }
        seen.add(key);
        writes.push({ name, at, value });
      }
    }
    for (const w of writes) space.history.ensure(doc.uid, w.name).set(w.at, w.value);
    sendJson(ctx.res, 201, records);
  };

  /** `at` is required: an instant deletes exact matches only, a range everything inside it. */
  const remove = (ctx: RequestContext, property: string | undefined): void => {
    need(api, ctx, 'thing', 'delete');
    const { space, doc } = target(ctx);
    const atText = ctx.query.get('at');
    if (!atText) throw badRequest('the "at" parameter is required');
    const at = parseAt(atText);
    if (!at) throw badRequest(`invalid "at": ${atText}`);
    const [from, to] = at.kind === 'instant' ? [at.at, at.at + 1] : [at.from, at.to];
    const series = space.history.seriesOf(doc.uid);
    const named = [...ctx.query.getAll('property_name[]'), ...ctx.query.getAll('property_name')];
    const props = property !== undefined ? [property] : named.length > 0 ? named : [...series.keys()];
    for (const p of props) series.get(p)?.deleteRange(from, to);
    sendEmpty(ctx.res, 204);
  };

  bothScopes(router, 'GET', '/:thing/properties-history', (ctx) => list(ctx, undefined));
  bothScopes(router, 'GET', '/:thing/properties-history/:property', (ctx) => list(ctx, ctx.params.property));
  bothScopes(router, 'POST', '/:thing/properties-history', (ctx) => post(ctx, undefined));
  bothScopes(router, 'POST', '/:thing/properties-history/:property', (ctx) => post(ctx, ctx.params.property));
  bothScopes(router, 'DELETE', '/:thing/properties-history', (ctx) => remove(ctx, undefined));
  bothScopes(router, 'DELETE', '/:thing/properties-history/:property', (ctx) => remove(ctx, ctx.params.property));
}
