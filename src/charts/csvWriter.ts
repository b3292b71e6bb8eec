/**
 * CSV export streamed page by page: one row per point in the long format
 * `timestamp,epoch_ms,series,unit,value` (several series of different rates need no alignment, and each
 * page is written and dropped as it arrives). Labels and units are text cells (quoted and neutralised
 * against spreadsheet formulas by src/shared/escape/csv.ts); values are numbers.
 */
import type { Writable } from 'node:stream';
import type { XY } from '../shared/chart/downsample';
import { csvNumber, csvText } from '../shared/escape/csv';
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
    const prefix = `,${csvText(series.label)},${csvText(series.unit ?? '')},`;
    const { timestamps: t, values: v } = page;
    for (let start = 0; start < t.length; start += this.rowsPerChunk) {
      const end = Math.min(t.length, start + this.rowsPerChunk);
      let text = '';
      for (let i = start; i < end; i++) {
        text += `${formatInZone(t[i], this.offsetMin, true)},${t[i]}${prefix}${csvNumber(v[i])}\n`;
      }
      this.rows += end - start;
      await writeText(this.out, text);
    }
  }
}
