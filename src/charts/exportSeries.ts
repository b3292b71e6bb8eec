/**
 * Streams the chart's series to a Writable as CSV, JSON or Parquet, page by page: from the host cache when it
 * already holds the whole range, otherwise window by window through `fetchRange`, so the whole series is
 * never in memory. vscode-free (the exporter adds dialogs, progress and files).
 */
import type { Writable } from 'node:stream';
import { lowerBound, upperBound, type XY } from '../shared/chart/downsample';
import { CsvSeriesWriter } from './csvWriter';
import { JsonSeriesWriter } from './jsonWriter';
import { ParquetSeriesWriter } from './parquetWriter';
import { seriesExportKey } from '../shared/chart/series';
import type { ZoneSpec } from '../shared/chart/timeZone';
import type { SeriesEntry } from './seriesQuery';
import { streamRange } from './streamRange';
import type { TimeRange } from '../shared/chart/timeRange';

export type ExportFormat = 'csv' | 'json' | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'parquet'];

export interface ExportOptions {
  readonly range: TimeRange;
  /** Zone of the written timestamps (`local`, `±hh:mm` or IANA); Parquet stores instants and records it. */
  readonly zone: ZoneSpec;
  /** CSV only: start with a UTF-8 byte order mark (for Excel). */
  readonly bom?: boolean;
  readonly signal?: AbortSignal;
  /** Points per window when fetching (default 50,000). */
  readonly targetPoints?: number;
  readonly onProgress?: (points: number, fraction: number) => void;
}

export interface ExportResult {
  readonly points: number;
  /** The most points held at once while exporting. */
  readonly maxChunkPoints: number;
}

export async function exportSeries(out: Writable, entries: readonly SeriesEntry[], format: ExportFormat, options: ExportOptions): Promise<ExportResult> {
  const { range, signal } = options;
  const zone = options.zone;
  const csv = format === 'csv' ? new CsvSeriesWriter(out, { zone, bom: options.bom }) : undefined;
  const json = format === 'json' ? new JsonSeriesWriter(out, { zone }) : undefined;
  const parquet = format === 'parquet' ? new ParquetSeriesWriter(out, { zone }) : undefined;
  await csv?.begin();
  await json?.begin(range);
  await parquet?.begin();
  let points = 0;
  let maxChunkPoints = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const info = { ...entry.info, key: seriesExportKey(entry.info.descriptor) };
    await json?.beginSeries(info);
    const write = async (chunk: XY): Promise<void> => {
      maxChunkPoints = Math.max(maxChunkPoints, chunk.timestamps.length);
      points += chunk.timestamps.length;
      if (csv) await csv.writePage(info, chunk);
      else if (parquet) await parquet.writePage(info, chunk);
      else await json?.writePage(chunk);
    };
    const cache = entry.cache;
    if (cache && cache.complete && cache.from <= range.from && cache.to >= range.to) {
      // Already on the host: write it in slices without fetching again.
      const t = cache.data.timestamps;
      const a = lowerBound(t, range.from);
      const b = upperBound(t, range.to);
      const step = options.targetPoints ?? 50_000;
      for (let s = a; s < b; s += step) {
        signal?.throwIfAborted();
        const e = Math.min(b, s + step);
        await write({ timestamps: t.subarray(s, e), values: cache.data.values.subarray(s, e) });
        options.onProgress?.(points, (i + (e - a) / Math.max(1, b - a)) / entries.length);
      }
    } else {
      await streamRange(entry.source, {
        from: range.from, to: range.to, signal, targetPoints: options.targetPoints, estimatedPoints: entry.lastPoints,
        onProgress: (_p, fraction) => options.onProgress?.(points, (i + fraction) / entries.length),
      }, write);
    }
    await json?.endSeries();
  }
  await json?.end();
  await parquet?.end();
  return { points, maxChunkPoints };
}
