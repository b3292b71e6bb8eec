/**
 * Asset API data (spec §5.5): time series pages, multi-series queries, statistics, time signals, static
 * (PUT value) and calculated (POST values) writes. Each route exists under
 * `/assets/{assetId}/attributes/{attributeId}/…` and `/attributes/{attributeId}/…`.
 *
 * Time series paging: `start` and `end` are inclusive (ISO-8601 or epoch ms; default 0 and now), `order`
 * `asc|desc` (default `desc`, das' default), `limit` ≤ 10000 (default 10000). `truncated: true` means more
 * points lie beyond the page: continue from the last timestamp + 1 ms (asc) or − 1 ms (desc).
 * `timestamp=epoch` returns `ts` as epoch ms instead of ISO strings (das' `timestamp='epoch'`).
 */
import type { RequestContext } from '../router';
import { numberJson } from '../jsonNumber';
import { sendJson } from '../respond';
import { ATTRIBUTE_ROUTES, type AssetApiRouter, objectBody, assetById, routeAttribute } from './assetApiHttp';
import { badInput, intParam, sendJsonText } from './envelope';
import type { IotTicketModel } from './model';
import { buckets, scan, statFigures } from './series';
import { bucketStarts, DIMENSIONS, iso, isoFormatter, parseTime, periodRange, PERIODS, type Dimension, type Period } from './time';
import type { AttributeRecord, Value } from './types';

const SERIES_LIMIT = 10_000;

interface SeriesQuery {
  readonly start: number;
  readonly end: number;
  readonly descending: boolean;
  readonly limit: number;
  readonly epoch: boolean;
}

export function registerDataRoutes(api: AssetApiRouter): void {
  for (const prefix of ATTRIBUTE_ROUTES) {
    api.route('get', `${prefix}/timeseries`, (ctx, model) => {
      const attr = seriesAttribute(routeAttribute(model, ctx.params));
      const q = seriesQuery(model, {
        start: ctx.query.get('start'), end: ctx.query.get('end'), order: ctx.query.get('order'),
        limit: intParam(ctx.query, 'limit'), timestamp: ctx.query.get('timestamp'),
      });
      sendJsonText(ctx.res, 200, seriesJson(model, attr, q));
    });

    api.route('get', `${prefix}/statistics`, (ctx, model) => statistics(ctx, model, seriesAttribute(routeAttribute(model, ctx.params))));

    // get_timesignal: the time signals a device wrote under the attribute's telemetry name; `id` filters.
    api.route('get', `${prefix}/timesignal`, (ctx, model) => {
      const attr = routeAttribute(model, ctx.params);
      if (attr.type !== 'TelemetryData' || !attr.deviceId || !attr.telemetryName) throw badInput('Time signals are read from TelemetryData attributes');
      const start = parseTime(ctx.query.get('start'), 'start') ?? -8.64e15;
      const end = parseTime(ctx.query.get('end'), 'end') ?? 8.64e15;
      const id = ctx.query.get('id') ?? ctx.query.get('timesignalId');
      const limit = Math.min(intParam(ctx.query, 'limit') ?? SERIES_LIMIT, SERIES_LIMIT);
      const all = model.devices.get(attr.deviceId)?.timesignals.get(attr.telemetryName.toLowerCase()) ?? [];
      const values = all.filter((s) => s.ts >= start && s.ts <= end && (id === null || s.id === id)).slice(0, limit);
      sendJson(ctx.res, 200, {
        assetId: attr.assetId, attributeId: attr.id, name: attr.name,
        values: values.map((s) => ({ ts: iso(s.ts), id: s.id, v: s.value })),
      });
    });

    // write_static: Number and String attributes.
    api.route('put', `${prefix}/value`, async (ctx, model) => {
      const attr = routeAttribute(model, ctx.params);
      const body = await objectBody(ctx);
      if (attr.type !== 'Number' && attr.type !== 'String') throw badInput(`Attribute ${attr.id} is ${attr.type}; static values go to Number or String attributes`);
      if (body.value === undefined || body.value === null) throw badInput('value is required');
      let value: number | string;
      if (attr.type === 'Number') {
        value = typeof body.value === 'string' && body.value.trim() !== '' ? Number(body.value) : (body.value as number);
        if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`value must be a number for Number attribute ${attr.id}`);
      } else {
        value = typeof body.value === 'object' ? JSON.stringify(body.value) : String(body.value);
      }
      const written = { value, updatedAt: model.now() };
      model.staticValues.set(attr.id, written);
      sendJson(ctx.res, 200, { value, updatedAt: iso(written.updatedAt) });
    });

    // write_calculated: `{"values":[{"ts","v"}]}` into a Calculated attribute; 202 like the real (asynchronous) write.
    api.route('post', `${prefix}/values`, async (ctx, model) => {
      const attr = routeAttribute(model, ctx.params);
      const body = await objectBody(ctx);
      if (attr.type !== 'Calculated') throw badInput(`Attribute ${attr.id} is ${attr.type}; write_calculated writes Calculated attributes`);
      if (!Array.isArray(body.values)) throw badInput('values must be an array of {ts, v}');
      const points = (body.values as unknown[]).map((p, i) => {
        const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
        const ts = parseTime(o.ts as string | number | undefined, `values[${i}].ts`);
        if (ts === undefined) throw badInput(`values[${i}].ts is required`);
        const v = typeof o.v === 'string' && o.v.trim() !== '' ? Number(o.v) : o.v;
        if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(`values[${i}].v must be a number`);
        return { ts, v };
      });
      const written = model.calculatedWrites(attr);
      for (const p of points) model.write(written, p.ts, p.v);
      sendJson(ctx.res, 202, { written: points.length });
    });
  }

  // get_multiple_timeseries: `{"items":[{"attributeId"[, "assetId"]}]}` or `{"assetId"}` (its TelemetryData
  // and Calculated attributes), plus start/end/order/limit/timestamp as for one series → `{"results":[…]}`.
  api.route('post', '/timeseries/query', async (ctx, model) => {
    const body = await objectBody(ctx);
    let attrs: AttributeRecord[];
    if (Array.isArray(body.items)) {
      attrs = (body.items as unknown[]).map((item) => {
        const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
        if (typeof o.attributeId !== 'string') throw badInput('Every item needs an attributeId');
        const params: Record<string, string> = { attributeId: o.attributeId };
        if (typeof o.assetId === 'string') params.assetId = o.assetId;
        return seriesAttribute(routeAttribute(model, params));
      });
    } else if (typeof body.assetId === 'string') {
      attrs = model.assets.attributes(assetById(model, body.assetId).id).filter((a) => a.type === 'TelemetryData' || a.type === 'Calculated');
    } else {
      throw badInput('Give items (attribute ids) or assetId');
    }
    const limitRaw = body.limit;
    if (limitRaw !== undefined && (typeof limitRaw !== 'number' || !Number.isInteger(limitRaw) || limitRaw < 1)) throw badInput('limit must be a positive integer');
    const q = seriesQuery(model, {
      start: body.start as string | number | undefined, end: body.end as string | number | undefined,
      order: typeof body.order === 'string' ? body.order : null, limit: limitRaw as number | undefined,
      timestamp: typeof body.timestamp === 'string' ? body.timestamp : null,
    });
    // The answer is built in memory: bound it (series × limit), as every other read is bounded by its limit.
    if (attrs.length * q.limit > QUERY_MAX_POINTS) {
      throw badInput(`This query could return ${attrs.length} × ${q.limit} points; at most ${QUERY_MAX_POINTS} per query: ask for fewer series or a lower limit`);
    }
    sendJsonText(ctx.res, 200, ['{"results":[', ...attrs.flatMap((a, i) => (i > 0 ? [',', ...seriesJson(model, a, q)] : seriesJson(model, a, q))), ']}']);
  });
}

/** Points one `timeseries/query` may return at most (100 series of 10,000). */
const QUERY_MAX_POINTS = 1_000_000;

function seriesAttribute(attr: AttributeRecord): AttributeRecord {
  if (attr.type !== 'TelemetryData' && attr.type !== 'Calculated') {
    throw badInput(`Attribute ${attr.id} is ${attr.type}; time series exist for TelemetryData and Calculated attributes`);
  }
  return attr;
}

function seriesQuery(model: IotTicketModel, raw: { start: string | number | null | undefined; end: string | number | null | undefined; order: string | null; limit: number | undefined; timestamp: string | null }): SeriesQuery {
  const order = (raw.order ?? 'desc').toLowerCase();
  if (!['asc', 'desc', 'ascending', 'descending'].includes(order)) throw badInput('order must be asc or desc');
  const timestamp = raw.timestamp ?? 'datetime';
  if (timestamp !== 'datetime' && timestamp !== 'epoch') throw badInput('timestamp must be datetime or epoch');
  if (raw.limit !== undefined && raw.limit < 1) throw badInput('limit must be at least 1');
  return {
    start: parseTime(raw.start, 'start') ?? 0,
    end: parseTime(raw.end, 'end') ?? model.now(),
    descending: order.startsWith('desc'),
    limit: Math.min(raw.limit ?? SERIES_LIMIT, SERIES_LIMIT),
    epoch: timestamp === 'epoch',
  };
}

function valueJson(v: Value): string {
  return typeof v === 'number' ? numberJson(v) : typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Points per piece of a page's text: one join of 10,000 and its encoding took ≈4.5 ms, twenty of 500 ≈2. */
const PIECE_POINTS = 500;

/**
 * One series page, serialised directly (a 10,000-point page is built as text, not as objects), in pieces sent
 * one after another: the names around the values may hold non-ASCII text (`°C`), which joined to the values
 * would make the whole page a two-byte string to encode.
 */
function seriesJson(model: IotTicketModel, attr: AttributeRecord, q: SeriesQuery): string[] {
  const { source, dataType, unit } = model.attributeSeries(attr);
  const pieces = [
    `{"assetId":${JSON.stringify(attr.assetId)},"attributeId":${JSON.stringify(attr.id)},"name":${JSON.stringify(attr.name)},` +
      `"dataType":"${dataType}","unit":${JSON.stringify(unit)},"values":[`,
  ];
  let points: string[] = [];
  let count = 0;
  const format = isoFormatter();
  let truncated = false;
  /** The points since the last piece as one piece, after a comma unless they are the first. */
  const flush = (): void => {
    if (points.length === 0) return;
    pieces.push(`${count > points.length ? ',' : ''}${points.join(',')}`);
    points = [];
  };
  scan(source, q.start, q.end, model.now(), q.descending, (ts, v) => {
    if (count === q.limit) {
      truncated = true;
      return false;
    }
    points.push(q.epoch ? `{"ts":${numberJson(ts)},"v":${valueJson(v)}}` : `{"ts":"${format(ts)}","v":${valueJson(v)}}`);
    if (++count % PIECE_POINTS === 0) flush();
    return true;
  });
  flush();
  pieces.push(`],"truncated":${truncated}}`);
  return pieces;
}

/**
 * get_statistics: `period` and `dimension` are required and case-sensitive; start/end only for Custom.
 * Answer: a JSON array of buckets `{stattime, count, sum, avg, min, max}`, avg/min/max absent when empty.
 * `limit` (≤ 10000, default 10000) caps the number of buckets. Periods are resolved in UTC.
 */
function statistics(ctx: RequestContext, model: IotTicketModel, attr: AttributeRecord): void {
  const period = ctx.query.get('period') as Period | null;
  const dimension = ctx.query.get('dimension') as Dimension | null;
  if (!period || !PERIODS.includes(period)) throw badInput(`period must be one of ${PERIODS.join(', ')} (case-sensitive)`);
  if (!dimension || !DIMENSIONS.includes(dimension)) throw badInput(`dimension must be one of ${DIMENSIONS.join(', ')} (case-sensitive)`);
  const limit = Math.min(intParam(ctx.query, 'limit') ?? SERIES_LIMIT, SERIES_LIMIT);
  const now = model.now();
  const [from, to] = periodRange(period, now, dimension, parseTime(ctx.query.get('start'), 'start'), parseTime(ctx.query.get('end'), 'end'));
  const all = bucketStarts(from, to, dimension, limit);
  const starts = all.slice(0, limit);
  // Past the limit, stop the scan where the last bucket kept ends.
  const end = all.length > limit ? all[limit] - 1 : to;
  const { source } = model.attributeSeries(attr);
  sendJson(ctx.res, 200, buckets(source, from, end, now, starts).map((b) => ({ stattime: iso(b.start), ...statFigures(b) })));
}
