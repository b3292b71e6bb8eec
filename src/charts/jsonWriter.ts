/**
 * JSON export streamed page by page:
 * `{"exportedAt","from","to","zone","series":[{"id","key","label","unit","points":[{"ts","v"},…]},…]}`
 * (`ts` in ISO 8601 with the zone's offset at that instant, `v` null for gaps; `key` the platform key). Valid JSON at the end, built incrementally.
 */
import type { Writable } from 'node:stream';
import type { XY } from '../shared/chart/downsample';
import type { ExportSeriesInfo, TextWriterOptions } from './csvWriter';
import { escapeJsonText } from '../shared/escape/json';
import { writeText } from './streamWrite';
import { formatInZone } from '../shared/chart/timeRange';
import { zoneOffsetFn } from '../shared/chart/timeZone';

type Phase = 'idle' | 'document' | 'series' | 'done';

export class JsonSeriesWriter {
  private readonly zone: string;
  private readonly offsetAt: (ts: number) => number;
  private readonly pointsPerChunk: number;
  private phase: Phase = 'idle';
  private seriesCount = 0;
  private pointsInSeries = 0;
  private points = 0;

  constructor(private readonly out: Writable, options: TextWriterOptions = {}) {
    this.zone = options.zone ?? '+00:00';
    this.offsetAt = zoneOffsetFn(this.zone);
    this.pointsPerChunk = options.rowsPerChunk ?? 4096;
  }

  get pointCount(): number {
    return this.points;
  }

  async begin(range: { from: number; to: number }, exportedAt = Date.now()): Promise<void> {
    this.expect('idle');
    this.phase = 'document';
    const head = {
      exportedAt: formatInZone(exportedAt, this.offsetAt(exportedAt), true),
      from: formatInZone(range.from, this.offsetAt(range.from), true),
      to: formatInZone(range.to, this.offsetAt(range.to), true),
      zone: this.zone,
    };
    await writeText(this.out, `${JSON.stringify(head).slice(0, -1)},"series":[`);
  }

  async beginSeries(series: ExportSeriesInfo): Promise<void> {
    this.expect('document');
    this.phase = 'series';
    this.pointsInSeries = 0;
    const head = escapeJsonText(JSON.stringify({ id: series.id, key: series.key, label: series.label, unit: series.unit ?? null }));
    await writeText(this.out, `${this.seriesCount++ > 0 ? ',' : ''}\n${head.slice(0, -1)},"points":[`);
  }

  async writePage(page: XY): Promise<void> {
    this.expect('series');
    const { timestamps: t, values: v } = page;
    for (let start = 0; start < t.length; start += this.pointsPerChunk) {
      const end = Math.min(t.length, start + this.pointsPerChunk);
      let text = '';
      for (let i = start; i < end; i++) {
        text += `${this.pointsInSeries++ > 0 ? ',' : ''}\n{"ts":"${formatInZone(t[i], this.offsetAt(t[i]), true)}","v":${Number.isFinite(v[i]) ? String(v[i]) : 'null'}}`;
      }
      this.points += end - start;
      await writeText(this.out, text);
    }
  }

  async endSeries(): Promise<void> {
    this.expect('series');
    this.phase = 'document';
    await writeText(this.out, ']}');
  }

  async end(): Promise<void> {
    this.expect('document');
    this.phase = 'done';
    await writeText(this.out, '\n]}\n');
  }

  private expect(phase: Phase): void {
    if (this.phase !== phase) throw new Error(`JsonSeriesWriter: called in phase ${this.phase}, expected ${phase}`);
  }
}
