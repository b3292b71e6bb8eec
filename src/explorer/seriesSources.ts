/**
 * Chart sources for the tree's series nodes, rebuilt from their descriptors (also after a reload).
 * Each wraps its platform client's one-page read in `createPagedSource`, so every platform fetches
 * page-parallel within its own per-request limit, cancellable, with progress:
 * IoT-TICKET attributes (asset API `timeseries`, 10,000 per request, oldest first; statistics from
 * get_statistics), v1 datanodes (process/read, 10,000, oldest first) and numeric Altair properties
 * (properties-history, 1,000, newest first).
 */
import type { SessionManager } from '../connections/sessionManager';
import type { FetchedPage, PageRequest } from '../charts/pagedFetch';
import { createPagedSource } from '../charts/pagedSource';
import type { SeriesSource, StatisticsOptions, StatsData } from '../charts/seriesSource';
import type { SeriesDescriptor } from '../shared/chart/series';
import { MAX_PAGE_SIZE as ALTAIR_PAGE_LIMIT } from '../platforms/altair/paging';
import { SERIES_MAX_LIMIT as IOTTICKET_PAGE_LIMIT } from '../platforms/iotticket/dataClient';
import { V1_MAX_READ as V1_PAGE_LIMIT } from '../platforms/iotticket/v1Client';
import { assetApiOf } from './nodes/iotticket/assetApiAccess';

/**
 * Requests in flight per series. IoT-TICKET pages are large (10,000 points), so a few suffice; Altair's
 * 1,000-point pages are latency-bound, so more of them run at once.
 */
const IOTTICKET_CONCURRENCY = 4;
const ALTAIR_CONCURRENCY = 6;

export function createSeriesSource(sessions: SessionManager, descriptor: SeriesDescriptor): SeriesSource | undefined {
  switch (descriptor.kind) {
    case 'iotticket-attribute':
      return createPagedSource({
        descriptor,
        pageLimit: IOTTICKET_PAGE_LIMIT,
        order: 'asc',
        concurrency: IOTTICKET_CONCURRENCY,
        async fetchPage(req: PageRequest): Promise<FetchedPage> {
          const core = assetApiOf(await sessions.iotticket(descriptor.connectionId));
          // Start and end are inclusive; the server sets `truncated` when more points lie beyond the page.
          const s = await core.data.getTimeseries({
            attributeId: descriptor.attributeId,
            assetId: descriptor.assetId,
            startTime: req.from,
            endTime: req.to,
            chronologicalOrder: true,
            limit: req.limit,
            signal: req.signal,
          });
          return { timestamps: s.timestamps, values: s.values, truncated: s.truncated === true };
        },
        async fetchStatistics(o: StatisticsOptions): Promise<StatsData> {
          const core = assetApiOf(await sessions.iotticket(descriptor.connectionId));
          const buckets = await core.data.getStatistics({
            period: o.period,
            dimension: o.dimension,
            attributeId: descriptor.attributeId,
            assetId: descriptor.assetId,
            startTime: o.from,
            endTime: o.to,
            timestamp: 'epoch',
            tz: o.tz,
            signal: o.signal,
          });
          const n = buckets.length;
          const out = {
            timestamps: new Float64Array(n),
            count: new Float64Array(n),
            sum: new Float64Array(n),
            avg: new Float64Array(n),
            min: new Float64Array(n),
            max: new Float64Array(n),
          };
          buckets.forEach((b, i) => {
            out.timestamps[i] = typeof b.stattime === 'number' ? b.stattime : Date.parse(b.stattime);
            out.count[i] = b.count;
            out.sum[i] = b.sum;
            out.avg[i] = b.avg ?? NaN;
            out.min[i] = b.min ?? NaN;
            out.max[i] = b.max ?? NaN;
          });
          return out;
        },
      });
    case 'v1-datanode':
      return createPagedSource({
        descriptor,
        pageLimit: V1_PAGE_LIMIT,
        order: 'asc',
        concurrency: IOTTICKET_CONCURRENCY,
        async fetchPage(req: PageRequest): Promise<FetchedPage> {
          const session = await sessions.iotticket(descriptor.connectionId);
          if (!session.v1) throw new Error(`"${session.profile.label}" has no REST API v1 base URL`);
          // One request: `readSeries` capped at one page parses straight into typed arrays (and rejects a
          // bare name matching several datanodes); `truncated` is set when that page came back full.
          const s = await session.v1.readSeries(descriptor.deviceId, descriptor.path, {
            from: req.from,
            to: req.to,
            pageSize: req.limit,
            maxPoints: req.limit,
            signal: req.signal,
          });
          return { timestamps: s.timestamps, values: s.values, truncated: s.truncated === true };
        },
      });
    case 'altair-property':
      return createPagedSource({
        descriptor,
        pageLimit: ALTAIR_PAGE_LIMIT,
        order: 'desc',
        concurrency: ALTAIR_CONCURRENCY,
        async fetchPage(req: PageRequest): Promise<FetchedPage> {
          const session = await sessions.altair(descriptor.connectionId);
          // History lists newest first and the `at` range ends exclusively: +1 ms keeps `to` inclusive.
          const page = await session.api.fetchPropertyHistoryPage(descriptor.space, descriptor.thingId, descriptor.property, {
            from: req.from,
            to: req.to + 1,
            limit: req.limit,
            signal: req.signal,
          });
          const n = page.timestamps.length;
          // A full page may have more behind it; a cursor says so even when the server pages smaller than asked.
          return { timestamps: page.timestamps, values: page.values, truncated: n > 0 && (n >= req.limit || page.nextCursor !== undefined) };
        },
      });
    default:
      return undefined;
  }
}
