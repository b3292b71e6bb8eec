/**
 * Figures 1 and 2: a chart read of a long series against the raw download of the same page bodies, and
 * `getMultipleTimeseries` against the same series read one after another.
 */
import type { IotTicketClient } from '../../src/platforms/iotticket';
import type { ChartRead } from './chartSources';
import { rawDownload, recordRequests } from './rawReplay';
import { median, paired, type CpuProbe, type PairedResult } from './timing';

/** How a figure is measured: repetitions, and the emulator's CPU probe. */
export interface MeasureContext {
  readonly reps: number;
  readonly server: CpuProbe;
}

export interface FetchRatioFigure extends PairedResult {
  readonly requests: number;
  readonly bytes: number;
  readonly fetched: number;
  readonly drawn: number;
}

/** Our read vs sequential raw GETs of exactly the requests it made (recorded in a warm-up read). */
export async function fetchRatio(ctx: MeasureContext, read: () => Promise<ChartRead>): Promise<FetchRatioFigure> {
  const { value: first, requests } = await recordRequests(read);
  if (first.fetched === 0) throw new Error('the series read returned no points');
  const bytes = await rawDownload(requests); // warm-up of the baseline, and a check that the replay works
  const result = await paired(ctx.reps, read, () => rawDownload(requests), { warmUp: false, server: ctx.server });
  return { ...result, requests: requests.length, bytes, fetched: first.fetched, drawn: first.drawn };
}

export interface SpeedupFigure {
  /** Median of per-repetition (one after another) / (getMultipleTimeseries). */
  readonly speedup: number;
  readonly ms: number;
  readonly sequentialMs: number;
  /** CPU time of this process and of the emulator, medians. */
  readonly cpuMs: number;
  readonly sequentialCpuMs: number;
  readonly serverCpuMs: number;
  readonly sequentialServerCpuMs: number;
  readonly series: number;
  /** Points returned per series (the API's limit is 10,000 per series and request). */
  readonly pointsPerSeries: number;
  readonly requests: number;
}

/** `getMultipleTimeseries` of several attributes vs `getTimeseries` of each in turn, same range and limit. */
export async function multiSeriesSpeedup(ctx: MeasureContext, client: IotTicketClient, attributeIds: readonly string[], from: number, to: number): Promise<SpeedupFigure> {
  const common = { startTime: from, endTime: to, limit: 10_000 };
  let points = 0;
  const multi = async (): Promise<void> => {
    const series = await client.data.getMultipleTimeseries({ ...common, attributeIds });
    if (series.length !== attributeIds.length) throw new Error(`getMultipleTimeseries returned ${series.length} series for ${attributeIds.length}`);
    points = Math.min(...series.map((s) => s.timestamps.length));
  };
  const oneByOne = async (): Promise<void> => {
    for (const attributeId of attributeIds) await client.data.getTimeseries({ ...common, attributeId });
  };
  const { requests } = await recordRequests(multi);
  const r = await paired(ctx.reps, multi, oneByOne, { server: ctx.server });
  return {
    speedup: median(r.samples.map((s) => s.baselineMs / s.ms)),
    ms: r.ms,
    sequentialMs: r.baselineMs,
    cpuMs: r.cpuMs,
    sequentialCpuMs: r.baselineCpuMs,
    serverCpuMs: r.serverCpuMs,
    sequentialServerCpuMs: r.baselineServerCpuMs,
    series: attributeIds.length,
    pointsPerSeries: points,
    requests: requests.length,
  };
}
