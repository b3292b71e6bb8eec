/**
 * `chart_first_paint_host_ms` (issue 17 §2), the vscode-free part of the chart's first paint: one chart query
 * of the 90-day, 1,000,000-point series as the chart panel runs it, with its preview poster
 * (src/charts/chartPreview.ts, the panel's own timing: at once when the first page says more is coming, else
 * not before 150 ms), from the request until the first snapshot is ready to post to the webview; the complete
 * read is timed in the same run. The webview's part (the message, one chart.js draw) comes on top.
 */
import { PreviewPoster } from '../../src/charts/chartPreview';
import { runRawQuery } from '../../src/charts/seriesQuery';
import type { SeriesSource } from '../../src/charts/seriesSource';
import type { FetchQuery } from '../../src/shared/chart/protocol';
import { median } from './timing';

export interface FirstPaintFigure {
  /** Median from the request to the first snapshot. */
  readonly ms: number;
  /** Median of the complete read (what the chart showed first before previews). */
  readonly completeMs: number;
  readonly samples: readonly { readonly firstMs: number; readonly completeMs: number; readonly previewPoints: number; readonly fetched: number }[];
}

export async function chartFirstPaint(reps: number, src: SeriesSource, from: number, to: number, widthPx: number): Promise<FirstPaintFigure> {
  const query: FetchQuery = { from, to, widthPx, mode: 'raw', period: 'Custom', dimension: 'auto', downsample: 'lttb', zoneOffsetMin: 0, reason: 'initial' };
  const info = { id: src.id, label: src.label, kind: src.kind, descriptor: src.descriptor, platformStatistics: false };
  const samples: { firstMs: number; completeMs: number; previewPoints: number; fetched: number }[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    let firstMs = NaN;
    let previewPoints = 0;
    const poster = new PreviewPoster(query, (s) => {
      if (!Number.isNaN(firstMs)) return;
      firstMs = performance.now() - started;
      previewPoints = s.series.reduce((n, x) => n + x.timestamps.length, 0);
    });
    const { series } = await runRawQuery([{ info, source: src }], query, { onPage: (id, page, more) => poster.add(id, page, more) }).finally(() => poster.stop());
    const completeMs = performance.now() - started;
    if (series[0]?.error) throw new Error(`chart read failed: ${series[0].error}`);
    // A read that ended before any snapshot was due drew once, complete: that is its first paint.
    samples.push({ firstMs: Number.isNaN(firstMs) ? completeMs : firstMs, completeMs, previewPoints, fetched: series[0]?.fetchedPoints ?? 0 });
  }
  return { ms: median(samples.map((s) => s.firstMs)), completeMs: median(samples.map((s) => s.completeMs)), samples };
}
