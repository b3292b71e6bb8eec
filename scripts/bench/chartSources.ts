/**
 * The chart's read of one series, built from the same pieces the extension uses, minus `vscode`:
 * the explorer's own `createSeriesSource` (src/explorer/seriesSources.ts, handed the bench's clients in
 * place of the session manager) and `runRawQuery` (fetch, gap marking, downsampling to the plot width).
 *  - IoT-TICKET, page-parallel: `getTimeseries` pages of 10,000, oldest first, 4 in flight.
 *  - Altair, page-parallel: `fetchPropertyHistoryPage` pages of 1,000, newest first, 6 in flight.
 *  - The sequential readers beside them: IoT-TICKET `data.fetchSeriesPaged` and Altair
 *    `fetchPropertyHistory` (`readPropertyHistory`, which inline previews use), for comparison.
 */
import type { AltairApi } from '../../src/platforms/altair';
import type { IotTicketClient } from '../../src/platforms/iotticket';
import type { SessionManager } from '../../src/connections/sessionManager';
import type { AltairSession, IotTicketSession } from '../../src/connections/session';
import { createSeriesSource } from '../../src/explorer/seriesSources';
import { runRawQuery } from '../../src/charts/seriesQuery';
import type { SeriesSource } from '../../src/charts/seriesSource';
import { type FetchQuery } from '../../src/shared/chart/protocol';
import { seriesKey, type SeriesDescriptor } from '../../src/shared/chart/series';

/** The plot width the chart downsamples to (LTTB keeps about two points per pixel column: ~2000 points). */
export const PLOT_WIDTH_PX = 1000;

/** The explorer's source of a descriptor, with the bench's clients standing in for signed-in sessions. */
function explorerSource(clients: { iotticket?: IotTicketClient; altair?: AltairApi }, descriptor: SeriesDescriptor): SeriesSource {
  const sessions = {
    iotticket: async () => ({ assetApi: clients.iotticket }) as unknown as IotTicketSession,
    altair: async () => ({ api: clients.altair }) as unknown as AltairSession,
  } as unknown as SessionManager;
  const source = createSeriesSource(sessions, descriptor);
  if (!source) throw new Error(`the explorer has no source for ${descriptor.kind}`);
  return source;
}

export function iotTicketPagedSource(client: IotTicketClient, assetId: string, attributeId: string): SeriesSource {
  return explorerSource({ iotticket: client }, { kind: 'iotticket-attribute', connectionId: 'bench', assetId, attributeId, label: attributeId });
}

export function altairPagedSource(api: AltairApi, space: string, thingId: string, property: string): SeriesSource {
  return explorerSource({ altair: api }, { kind: 'altair-property', connectionId: 'bench', space, thingId, property, label: property });
}

export function iotTicketSequentialSource(client: IotTicketClient, assetId: string, attributeId: string): SeriesSource {
  return source({ kind: 'iotticket-attribute', connectionId: 'bench', assetId, attributeId, label: attributeId }, async (o) => {
    const s = await client.data.fetchSeriesPaged({ assetId, attributeId, start: o.from, end: o.to, signal: o.signal });
    return { timestamps: s.timestamps, values: s.values, truncated: s.truncated };
  });
}

export function altairSequentialSource(api: AltairApi, space: string, thingId: string, property: string): SeriesSource {
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
