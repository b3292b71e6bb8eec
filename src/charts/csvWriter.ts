/**
 * CSV export streamed page by page: one row per point in the long format
 * `timestamp,epoch_ms,series_id,series,unit,value` (several series of different rates need no alignment,
 * and each page is written and dropped as it arrives). `series_id` is the platform key (asset/attribute,
 * thing/property), so two series of the same name stay apart in a pivot. Timestamps carry the zone's
 * offset at each instant (daylight saving included). Keys, labels and units are text cells (quoted and
 * neutralised against spreadsheet formulas by src/shared/escape/csv.ts); values are numbers.
 */
import type { Writable } from 'node:stream';
import type { XY } from '../shared/chart/downsample';
import { csvNumber, csvText } from '../shared/escape/csv';
import { writeText } from './streamWrite';
import { formatInZone } from '../shared/chart/timeRange';
import { zoneOffsetFn, type ZoneSpec } from '../shared/chart/timeZone';

export interface ExportSeriesInfo {
  readonly id: string;
  /** Unique platform key of the series (`seriesExportKey`). */
  readonly key: string;
  readonly label: string;
  readonly unit?: string;
}

export interface TextWriterOptions {
  /** Timestamps are written in this zone (`local`, `±hh:mm` or IANA); UTC (the default) writes `…Z`. */
  readonly zone?: ZoneSpec;
  /** Rows per write call: bounds the size of each string built. */
  readonly rowsPerChunk?: number;
  /** Start with a UTF-8 byte order mark, by which Excel recognises UTF-8 (CSV only). */
  readonly bom?: boolean;
}

export const CSV_HEADER = 'timestamp,epoch_ms,series_id,series,unit,value\n';

export class CsvSeriesWriter {
  private readonly offsetAt: (ts: number) => number;
  private readonly rowsPerChunk: number;
  private readonly bom: boolean;
  private rows = 0;

  constructor(private readonly out: Writable, options: TextWriterOptions = {}) {
    this.offsetAt = zoneOffsetFn(options.zone ?? '+00:00');
    this.rowsPerChunk = options.rowsPerChunk ?? 4096;
    this.bom = options.bom ?? false;
  }

  /** Rows written so far (header excluded). */
  get rowCount(): number {
    return this.rows;
  }

  async begin(): Promise<void> {
    await writeText(this.out, this.bom ? `\ufeff${CSV_HEADER}` : CSV_HEADER);
  }

  /** Writes one page of a series; NaN values become empty fields. */
  async writePage(series: ExportSeriesInfo, page: XY): Promise<void> {
    const prefix = `,${csvText(series.key)},${csvText(series.label)},${csvText(series.unit ?? '')},`;
    const { timestamps: t, values: v } = page;
    for (let start = 0; start < t.length; start += this.rowsPerChunk) {
      const end = Math.min(t.length, start + this.rowsPerChunk);
      let text = '';
      for (let i = start; i < end; i++) {
        text += `${formatInZone(t[i], this.offsetAt(t[i]), true)},${t[i]}${prefix}${csvNumber(v[i])}\n`;
      }
      this.rows += end - start;
      await writeText(this.out, text);
    }
  }
}
