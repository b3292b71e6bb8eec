/**
 * Parquet export in the long format of the CSV export: columns `timestamp` (instant, ms, UTC),
 * `series_id` (the platform key), `series`, `unit`, `value` (double, null for gaps). Rows are buffered
 * into row groups of `rowGroupRows` and each group goes to the stream as soon as it is encoded, so memory
 * stays bounded. The chart's zone is recorded in the file's key/value metadata (`zone`): Parquet stores
 * instants, and readers convert them (`df.timestamp.dt.tz_convert(zone)`).
 */
import type { Writable } from 'node:stream';
import type { XY } from '../shared/chart/downsample';
import type { ExportSeriesInfo } from './csvWriter';
import { loadParquetWriter } from '../lazy/parquet';
import { writeText } from './streamWrite';
import type { ZoneSpec } from '../shared/chart/timeZone';

import type { ParquetWriter, SchemaElement, Writer } from 'hyparquet-writer';

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 5 },
  { name: 'timestamp', type: 'INT64', repetition_type: 'REQUIRED', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  { name: 'series_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'series', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'unit', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'value', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
];

export interface ParquetWriterOptions {
  readonly zone: ZoneSpec;
  /** Rows per row group (default 100,000). */
  readonly rowGroupRows?: number;
}

export class ParquetSeriesWriter {
  private writer?: ParquetWriter;
  private readonly rowGroupRows: number;
  private rows = 0;
  private ts: number[] = [];
  private keys: string[] = [];
  private labels: string[] = [];
  private units: (string | null)[] = [];
  private values: (number | null)[] = [];

  constructor(private readonly out: Writable, private readonly options: ParquetWriterOptions) {
    this.rowGroupRows = options.rowGroupRows ?? 100_000;
  }

  get rowCount(): number {
    return this.rows;
  }

  async begin(): Promise<void> {
    const { ByteWriter, ParquetWriter } = await loadParquetWriter();
    const bytes = new ByteWriter(1 << 20) as Writer & { index: number };
    const out = this.out;
    // Each encoded row group leaves for the file at once (ParquetWriter awaits flush before the next).
    bytes.flush = () => {
      const chunk = new Uint8Array(bytes.buffer, 0, bytes.index).slice();
      bytes.index = 0;
      return writeText(out, chunk);
    };
    bytes.finish = bytes.flush;
    this.writer = new ParquetWriter({
      writer: bytes, schema: SCHEMA, kvMetadata: [{ key: 'zone', value: this.options.zone }], createdBy: 'IoT Explorer (hyparquet-writer)',
    });
  }

  async writePage(series: ExportSeriesInfo, page: XY): Promise<void> {
    const { timestamps: t, values: v } = page;
    const unit = series.unit ?? null;
    for (let i = 0; i < t.length; i++) {
      this.ts.push(t[i]);
      this.keys.push(series.key);
      this.labels.push(series.label);
      this.units.push(unit);
      this.values.push(Number.isFinite(v[i]) ? v[i] : null);
      if (this.ts.length >= this.rowGroupRows) await this.flushRows();
    }
  }

  async end(): Promise<void> {
    await this.flushRows();
    await this.writerOrThrow().finish();
  }

  private async flushRows(): Promise<void> {
    const n = this.ts.length;
    if (n === 0) return;
    const columnData = [
      { name: 'timestamp', data: this.ts },
      { name: 'series_id', data: this.keys },
      { name: 'series', data: this.labels },
      { name: 'unit', data: this.units },
      { name: 'value', data: this.values },
    ];
    this.ts = [];
    this.keys = [];
    this.labels = [];
    this.units = [];
    this.values = [];
    this.rows += n;
    await this.writerOrThrow().write({ columnData, rowGroupSize: n });
  }

  private writerOrThrow(): ParquetWriter {
    if (!this.writer) throw new Error('ParquetSeriesWriter: begin() was not called');
    return this.writer;
  }
}
