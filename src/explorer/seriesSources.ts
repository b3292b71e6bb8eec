/**
 * Chart sources for the tree's series nodes, rebuilt from their descriptors (also after a reload):
 * IoT-TICKET attributes (paged 10,000 points per request, statistics from get_statistics), v1
 * datanodes (process/read, 10,000 per request) and numeric Altair properties (history, 1,000 per request).
 */
import type { SessionManager } from '../connections/sessionManager';
import type { FetchRangeOptions, SeriesData, SeriesSource, StatisticsOptions, StatsData } from '../charts/seriesSource';
import { seriesKey, type SeriesDescriptor } from '../shared/chartProtocol';
import { coreOf } from './nodes/iotticket/coreAccess';

export function createSeriesSource(sessions: SessionManager, descriptor: SeriesDescriptor): SeriesSource | undefined {
  const base = { id: seriesKey(descriptor), label: descriptor.label, unit: descriptor.unit, kind: descriptor.kind, descriptor };
  switch (descriptor.kind) {
    case 'iotticket-attribute':
      return {
        ...base,
        async fetchRange(o: FetchRangeOptions): Promise<SeriesData> {
          const core = coreOf(await sessions.iotticket(descriptor.connectionId));
          const s = await core.data.fetchSeriesPaged({
            attributeId: descriptor.attributeId,
            assetId: descriptor.assetId,
            start: o.from,
            end: o.to,
            maxPoints: o.limit,
            signal: o.signal,
            onPage: o.onPage ? (page) => o.onPage!({ timestamps: page.timestamps, values: page.values }) : undefined,
          });
          return { timestamps: s.timestamps, values: s.values, truncated: s.truncated };
        },
        async fetchStatistics(o: StatisticsOptions): Promise<StatsData> {
          const core = coreOf(await sessions.iotticket(descriptor.connectionId));
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
      };
    case 'v1-datanode':
      return {
        ...base,
        async fetchRange(o: FetchRangeOptions): Promise<SeriesData> {
          const session = await sessions.iotticket(descriptor.connectionId);
          if (!session.v1) throw new Error(`"${session.profile.label}" has no REST API v1 base URL`);
          const s = await session.v1.readSeries(descriptor.deviceId, descriptor.path, {
            from: o.from,
            to: o.to,
            maxPoints: o.limit,
            signal: o.signal,
            onPage: o.onPage ? (page) => o.onPage!({ timestamps: page.timestamps, values: page.values }) : undefined,
          });
          return { timestamps: s.timestamps, values: s.values, truncated: s.truncated };
        },
      };
    case 'altair-property':
      return {
        ...base,
        async fetchRange(o: FetchRangeOptions): Promise<SeriesData> {
          const session = await sessions.altair(descriptor.connectionId);
          const s = await session.api.fetchPropertyHistory(descriptor.space, descriptor.thingId, descriptor.property, {
            from: o.from,
            to: o.to,
            signal: o.signal,
            onPage: o.onPage ? (page) => o.onPage!({ timestamps: page.timestamps, values: page.values }) : undefined,
          });
          return { timestamps: s.timestamps, values: s.values };
        },
      };
    default:
      return undefined;
  }
}
