/**
 * Asset API events (spec §5.6). Per asset: `/assets/{id}/events/active`, `…/active/count`, `…/history`, with
 * `includeChildren=true` to add every sub-asset (default false). Organization-wide (das takes optional asset
 * filters and `asset_event_active_count` takes none): `/events/active`, `/events/active/count`,
 * `/events/history` with `assetIds=A1,A2` or `assetNames=…`. Filters: `type` (Alarm|Warning|Notification,
 * case-sensitive), `start`/`end` (on activation time), `acknowledged` (include acknowledged, default true),
 * `onlyAcknowledged`, `limit` (≤ 10000, the `eventsPageMax` limit) and `offset` to page on, history `order`
 * asc|desc (default desc).
 * `POST /events/{id}/acknowledge` acknowledges an occurrence.
 */
import type { RequestContext } from '../router';
import { sendJson } from '../respond';
import { isAncestorOrSelf } from './assets';
import { type AssetApiRouter, assetById, assetByName } from './assetApiHttp';
import { eventJson } from './assetApiJson';
import { badInput, boolParam, intParam, notFound } from './envelope';
import type { EventRecord } from './events';
import type { IotTicketModel } from './model';
import { parseTime } from './time';
import { EVENT_TYPES, type EventType } from './types';

export function registerEventRoutes(api: AssetApiRouter): void {
  const list = (which: 'active' | 'history') => (ctx: RequestContext, model: IotTicketModel): void => {
    const events = filterEvents(ctx, model, which === 'active' ? model.events.active() : model.events.occurrences);
    const descending = (ctx.query.get('order') ?? 'desc').toLowerCase().startsWith('desc');
    events.sort((a, b) => (descending ? b.activatedAt - a.activatedAt : a.activatedAt - b.activatedAt));
    const limit = Math.min(intParam(ctx.query, 'limit') ?? model.limits.eventsPageMax, model.limits.eventsPageMax);
    const offset = intParam(ctx.query, 'offset') ?? 0;
    sendJson(ctx.res, 200, { fullSize: events.length, limit, offset, items: events.slice(offset, offset + limit).map(eventJson) });
  };
  const count = (ctx: RequestContext, model: IotTicketModel): void => {
    const events = filterEvents(ctx, model, model.events.active());
    const bySeverity: Record<string, number> = {};
    const byType: Record<string, number> = {};
    for (const e of events) {
      bySeverity[e.severity] = (bySeverity[e.severity] ?? 0) + 1;
      byType[e.type] = (byType[e.type] ?? 0) + 1;
    }
    sendJson(ctx.res, 200, { count: events.length, bySeverity, byType });
  };
  for (const prefix of ['/assets/:assetId/events', '/events']) {
    api.route('get', `${prefix}/active`, list('active'));
    api.route('get', `${prefix}/active/count`, count);
    api.route('get', `${prefix}/history`, list('history'));
  }

  api.route('post', '/events/:eventId/acknowledge', (ctx, model) => {
    const record = model.events.acknowledge(ctx.params.eventId, model.now());
    if (!record) throw notFound(`No event "${ctx.params.eventId}"`);
    sendJson(ctx.res, 200, eventJson(record));
  });
}

function filterEvents(ctx: RequestContext, model: IotTicketModel, events: readonly EventRecord[]): EventRecord[] {
  const q = ctx.query;
  const type = q.get('type') ?? q.get('eventType');
  if (type !== null && !EVENT_TYPES.includes(type as EventType)) throw badInput(`type must be one of ${EVENT_TYPES.join(', ')} (case-sensitive)`);
  const start = parseTime(q.get('start'), 'start');
  const end = parseTime(q.get('end'), 'end');
  const acknowledged = boolParam(q, 'acknowledged', true);
  const onlyAcknowledged = boolParam(q, 'onlyAcknowledged', false);
  if (onlyAcknowledged && !acknowledged) throw badInput('onlyAcknowledged=true with acknowledged=false always gives an empty list');
  const assetIds = scopeAssets(ctx, model);
  const children = boolParam(q, 'includeChildren', false);
  const inScope = (e: EventRecord): boolean => {
    if (!assetIds) return true;
    if (!e.assetId) return false;
    return children ? assetIds.some((id) => isAncestorOrSelf(model.assets, id, e.assetId!)) : assetIds.includes(e.assetId);
  };
  return events.filter((e) => (type === null || e.type === type)
    && (start === undefined || e.activatedAt >= start)
    && (end === undefined || e.activatedAt <= end)
    && (acknowledged || !e.acknowledged)
    && (!onlyAcknowledged || e.acknowledged)
    && inScope(e));
}

/** The asset ids a request is about: the path's asset, or the `assetIds` / `assetNames` filter; none → all. */
function scopeAssets(ctx: RequestContext, model: IotTicketModel): string[] | undefined {
  if (ctx.params.assetId !== undefined) return [assetById(model, ctx.params.assetId).id];
  const ids = ctx.query.get('assetIds');
  const names = ctx.query.get('assetNames');
  if (ids !== null && names !== null) throw badInput('Give at most one of assetIds and assetNames');
  if (ids !== null) return ids.split(',').filter(Boolean).map((id) => assetById(model, id.trim()).id);
  if (names !== null) return names.split(',').filter(Boolean).map((n) => assetByName(model, n.trim()).id);
  return undefined;
}
