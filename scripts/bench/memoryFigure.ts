/**
 * `peak_rss_10x1m_mb` and `chart_closed_retained_mb` (issue 17 §3): in a fresh process (started with
 * --expose-gc), one chart query of ten series of about 1,000,000 points each over 90 days, as a chart with
 * ten series runs it (two series read at once, page-parallel each, the chart-wide full-resolution budget
 * of src/charts/seriesQuery.ts); the peak resident set, what the chart keeps at full resolution, and the
 * heap and array buffers still held once the chart is closed (its series entries dropped, then collected).
 */
import { runRawQuery, type SeriesEntry } from '../../src/charts/seriesQuery';
import type { SeriesSource } from '../../src/charts/seriesSource';
import type { FetchQuery } from '../../src/shared/chart/protocol';
import { PLOT_WIDTH_PX } from './chartSources';
import { peakRss, type RssFigure } from './rss';

const MB = 1024 * 1024;

export interface ChartMemoryFigure extends RssFigure {
  readonly series: number;
  /** Full-resolution points the chart kept for zooming. */
  readonly cachedPoints: number;
  /** Heap + array buffers after closing, minus before the chart, MB. */
  readonly retainedMb: number;
  /** Heap + array buffers with the chart open, MB above the start. */
  readonly openMb: number;
}

function held(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / MB;
}

async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}

export async function chartMemory(sources: readonly SeriesSource[], from: number, to: number): Promise<ChartMemoryFigure> {
  const query: FetchQuery = { from, to, widthPx: PLOT_WIDTH_PX, mode: 'raw', period: 'Custom', dimension: 'auto', downsample: 'lttb', zoneOffsetMin: 0, reason: 'initial' };
  await collect();
  const start = held();
  let entries: SeriesEntry[] | undefined = sources.map((source) => ({ source, info: { id: source.id, label: source.label, kind: source.kind, descriptor: source.descriptor, platformStatistics: false } }));
  const rss = await peakRss(async () => {
    const r = await runRawQuery(entries!, query);
    const failed = r.series.find((s) => s.error);
    if (failed) throw new Error(`series ${failed.seriesId}: ${failed.error}`);
    return { fetched: r.points };
  });
  const cachedPoints = entries.reduce((n, e) => n + (e.cache?.data.timestamps.length ?? 0), 0);
  await collect();
  const openMb = held() - start;
  // Closing the chart: the panel drops its entries.
  entries = undefined;
  await collect();
  return { ...rss, series: sources.length, cachedPoints, openMb, retainedMb: held() - start };
}
