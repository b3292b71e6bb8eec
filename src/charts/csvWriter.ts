/**
 * CSV export streamed page by page: one row per point in the long format
 * `timestamp,epoch_ms,series,unit,value` (several series of different rates need no alignment, and each
 * page is written and dropped as it arrives).
 */
import type { Writable } from 'node:stream';
import type { XY } from '../shared/chart/downsample';
import { writeText } from './streamWrite';
import { formatInZone } from '../shared/chart/timeRange';

export interface ExportSeriesInfo {
  readonly id: string;
  readonly label: string;
  readonly unit?: string;
}

export interface TextWriterOptions {
  /** Timestamps are written in this zone (minutes east of UTC); 0 writes `…Z`. */
  readonly offsetMin?: number;
  /** Rows per write call: bounds the size of each string built. */
  readonly rowsPerChunk?: number;
}

export const CSV_HEADER = 'timestamp,epoch_ms,series,unit,value\n';

export class CsvSeriesWriter {
  private readonly offsetMin: number;
  private readonly rowsPerChunk: number;
  private rows = 0;

  constructor(private readonly out: Writable, options: TextWriterOptions = {}) {
    this.offsetMin = options.offsetMin ?? 0;
    this.rowsPerChunk = options.rowsPerChunk ?? 4096;
  }

  /** Rows written so far (header excluded). */
  get rowCount(): number {
    return this.rows;
  }

  async begin(): Promise<void> {
    await writeText(this.out, CSV_HEADER);
  }

  /** Writes one page of a series; NaN values become empty fields. */
  async writePage(series: ExportSeriesInfo, page: XY): Promise<void> {
    const prefix = `,${csvField(series.label)},${csvField(series.unit ?? '')},`;
    const { timestamps: t, values: v } = page;
    for (let start = 0; start < t.length; start += this.rowsPerChunk) {
      const end = Math.min(t.length, start + this.rowsPerChunk);
      let text = '';
      for (let i = start; i < end; i++) {
        text += `${formatInZone(t[i], this.offsetMin, true)},${t[i]}${prefix}${Number.isFinite(v[i]) ? String(v[i]) : ''}\n`;
      }
      this.rows += end - start;
      await writeText(this.out, text);
    }
  }
}

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
