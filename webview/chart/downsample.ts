/**
 * Downsampling in the webview: the same implementation as the host (one source of truth), plus the cap
 * that keeps live-mode data at what the chart can draw.
 */
import { minMaxPerColumn, type XY } from '../../src/shared/chart/downsample';
import { appendAfter } from '../../src/shared/chart/pageMerge';

export { lttb, minMaxPerColumn, type XY } from '../../src/shared/chart/downsample';

/** Appends live points to held ones; when they exceed four per pixel column, reduces to min/max per column. */
export function appendCapped(held: XY | undefined, incoming: XY, widthPx: number): XY {
  const merged = held ? appendAfter(held, incoming) : incoming;
  const n = merged.timestamps.length;
  if (n <= Math.max(64, widthPx * 4)) return merged;
  return minMaxPerColumn(merged, merged.timestamps[0], merged.timestamps[n - 1], Math.max(1, widthPx));
}
