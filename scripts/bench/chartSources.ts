/**
 * The chart's read of one series, built from the same pieces the extension uses, minus `vscode`:
 * a `SeriesSource` per platform and `runRawQuery` (fetch, gap marking, downsampling to the plot width).
 *  - IoT-TICKET, page-parallel: `createPagedSource` over the client's one-page read (`getTimeseries`,
 *    10,000 points, oldest first), as `src/charts/pagedSource.ts` describes.
 *  - IoT-TICKET, sequential: `data.fetchSeriesPaged`, what `src/explorer/seriesSources.ts` calls today.
 *  - Altair: `fetchPropertyHistory` (`readPropertyHistory`, 1000 points a page), as seriesSources.ts does.
 */
import type { AltairApi } from '../../src/platforms/altair';
import { SERIES_MAX_LIMIT, type IotTicketClient } from '../../src/platforms/iotticket';
import { createPagedSource } from '../../src/charts/pagedSource';
import { runRawQuery } from '../../src/charts/seriesQuery';
import type { SeriesSource } from '../../src/charts/seriesSource';
import { type FetchQuery } from '../../src/shared/chart/protocol';
import { seriesKey, type SeriesDescriptor } from '../../src/shared/chart/series';

/** The plot width the chart downsamples to (LTTB keeps about two points per pixel column: ~2000 points). */
export const PLOT_WIDTH_PX = 1000;

export function iotTicketPagedSource(client: IotTicketClient, assetId: string, attributeId: string): SeriesSource {
  return createPagedSource({
    descriptor: { kind: 'iotticket-attribute', connectionId: 'bench', assetId, attributeId, label: attributeId },
    pageLimit: SERIES_MAX_LIMIT,
    order: 'asc',
    fetchPage: async (req) => {
      const s = await client.data.getTimeseries({
        assetId, attributeId, startTime: req.from, endTime: req.to, chronologicalOrder: true, limit: req.limit, signal: req.signal,
      });
      return { timestamps: s.timestamps, values: s.values, truncated: s.truncated === true };
    },
  });
}

export function iotTicketSequentialSource(client: IotTicketClient, assetId: string, attributeId: string): SeriesSource {
  return source({ kind: 'iotticket-attribute', connectionId: 'bench', assetId, attributeId, label: attributeId }, async (o) => {
    const s = await client.data.fetchSeriesPaged({ assetId, attributeId, start: o.from, end: o.to, signal: o.signal });
    return { timestamps: s.timestamps, values: s.values, truncated: s.truncated };
  });
}

export function altairHistorySource(api: AltairApi, space: string, thingId: string, property: string): SeriesSource {
  return source({ kind: 'altair-property', connectionId: 'bench', space, thingId, property, label: property }, async (o) => {
    const s = await api.fetchPropertyHistory(space, thingId, property, { from: o.from, to: o.to, signal: o.signal });
    return { timestamps: s.timestamps, values: s.values };
  });
}

function source(descriptor: SeriesDescriptor, fetchRange: SeriesSource['fetchRange']): SeriesSource {
  return { id: seriesKey(descriptor), label: descriptor.label, kind: descriptor.kind, descriptor, fetchRange };
}

export interface ChartRead {
  /** Points fetched in the range, before downsampling. */
  readonly fetched: number;
  /** Points the chart would draw. */
  readonly drawn: number;
}

/** One chart query over [from, to]: everything from the first request to the downsampled arrays. */
export async function chartRead(src: SeriesSource, from: number, to: number): Promise<ChartRead> {
  const query: FetchQuery = {
    from, to, widthPx: PLOT_WIDTH_PX, mode: 'raw', period: 'Custom', dimension: 'auto', downsample: 'lttb', zoneOffsetMin: 0, reason: 'initial',
  };
  const info = { id: src.id, label: src.label, kind: src.kind, descriptor: src.descriptor, platformStatistics: false };
  const { series } = await runRawQuery([{ info, source: src }], query);
  const s = series[0];
  if (s.error) throw new Error(`chart read of ${src.id} failed: ${s.error}`);
  return { fetched: s.fetchedPoints, drawn: s.timestamps.length };
}
