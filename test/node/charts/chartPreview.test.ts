/**
 * Progressive charts (issue 17 §2), on real pages from the emulator: a long read is drawable after its first
 * page, with the parts not loaded yet as gaps; once every page is in, the preview has the same shape as the
 * complete read (min and max of each plot column); it stays a few points per column however many points
 * arrive; the poster sends nothing for a read that ends quickly and stops when the read ends.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { ChartPreview, PreviewPoster } from '../../../src/charts/chartPreview';
import { runRawQuery, type SeriesEntry } from '../../../src/charts/seriesQuery';
import type { FetchQuery, SeriesInfo } from '../../../src/shared/chart/protocol';
import { minMaxPerColumn, type XY } from '../../../src/shared/chart/downsample';
import type { SeriesSource } from '../../../src/charts/seriesSource';
import { emulatorSource, sequentialRead } from './emulatorSource';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 86_400_000;
const WIDTH = 600;
let emu: Emulator;

before(async () => {
  emu = await startEmulator({ now: () => NOW });
});
after(() => emu.close());

const entryOf = (source: SeriesSource): SeriesEntry => ({
  source,
  info: { id: source.id, label: source.label, unit: source.unit, kind: source.kind, descriptor: source.descriptor, platformStatistics: false } satisfies SeriesInfo,
});
const query: FetchQuery = {
  from: NOW - 60 * DAY, to: NOW, widthPx: WIDTH, mode: 'raw', period: 'Custom', dimension: 'auto',
  downsample: 'minmax', zoneOffsetMin: 0, reason: 'initial',
};

/** Per column: [min, max] of the finite values. */
function columns(xy: XY): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  const span = query.to - query.from;
  xy.timestamps.forEach((t, i) => {
    const v = xy.values[i];
    if (!Number.isFinite(v)) return;
    const c = Math.min(WIDTH - 1, Math.max(0, Math.floor(((t - query.from) / span) * WIDTH)));
    const m = out.get(c);
    out.set(c, m ? [Math.min(m[0], v), Math.max(m[1], v)] : [v, v]);
  });
  return out;
}

void test('after its first page a long read is drawable, the rest a gap; with every page in it has the complete read\'s shape', async () => {
  const source = emulatorSource(emu);
  const preview = new ChartPreview(query);
  const snapshots: { points: number; xy: XY }[] = [];
  let pages = 0;
  await runRawQuery([entryOf(source)], query, {
    onPage: (id, page) => {
      preview.add(id, page);
      if (++pages === 1) {
        const [s] = preview.snapshot();
        snapshots.push({ points: preview.points, xy: s! });
      }
    },
  });
  const read = await sequentialRead(emu, query.from, query.to);
  const complete: XY = { timestamps: Float64Array.from(read.timestamps), values: Float64Array.from(read.values) };
  assert.ok(pages > 4, `a read of several pages (${pages})`);
  const [first] = snapshots;
  assert.ok(first && first.points < complete.timestamps.length, 'the first snapshot holds one page');
  const firstCols = columns(first.xy);
  assert.ok(firstCols.size > 0 && firstCols.size < columns(minMaxPerColumn(complete, query.from, query.to, WIDTH)).size, 'it covers part of the range');
  const [last] = preview.snapshot();
  assert.equal(preview.points, complete.timestamps.length);
  assert.deepEqual(columns(last!), columns(minMaxPerColumn(complete, query.from, query.to, WIDTH)), 'every column\'s min and max as in the complete read');
  assert.ok(last!.timestamps.length <= 3 * WIDTH + 64, `${last!.timestamps.length} points for ${WIDTH} columns`);
  for (let i = 1; i < last!.timestamps.length; i++) assert.ok(last!.timestamps[i] >= last!.timestamps[i - 1], 'in time order');
});

void test('the poster: nothing for a read that ends before the first snapshot is due, at once for one that says more is coming; snapshots while pages come; none after the end', async () => {
  const page = (from: number, n: number): XY => ({ timestamps: Float64Array.from({ length: n }, (_, i) => from + i * 60_000), values: Float64Array.from({ length: n }, (_, i) => i) });
  const quick: unknown[] = [];
  const fast = new PreviewPoster(query, (s) => quick.push(s), { firstMs: 10_000, everyMs: 10_000 });
  fast.add('s', page(query.from, 100));
  fast.stop();
  // A first page that says more is coming starts a long read: it is drawn at once, whatever the delay.
  const long: { points: number }[] = [];
  const eager = new PreviewPoster(query, (s) => long.push(s), { firstMs: 10_000, everyMs: 10_000 });
  eager.add('s', page(query.from, 100), true);
  assert.deepEqual(long.map((s) => s.points), [100]);
  eager.add('s', page(query.from + DAY, 100), true);
  eager.stop();
  assert.equal(long.length, 1, 'later pages wait for their turn');
  const slow: { points: number }[] = [];
  let posted!: () => void;
  let next = new Promise<void>((r) => (posted = r));
  const poster = new PreviewPoster(query, (s) => {
    slow.push(s);
    posted();
  }, { firstMs: 0, everyMs: 0 });
  poster.add('s', page(query.from, 100));
  await next;
  next = new Promise<void>((r) => (posted = r));
  poster.add('s', page(query.from + 10 * DAY, 100));
  await next;
  poster.stop();
  poster.add('s', page(query.from + 20 * DAY, 100));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(quick, []);
  assert.deepEqual(slow.map((s) => s.points), [100, 200]);
});
