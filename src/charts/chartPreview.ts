/**
 * The first useful pixel of a long chart (issue 17 §2): while a series is read page by page (in parallel,
 * so out of order), each arriving page is reduced at once to the plot's columns over the whole query
 * range, and a snapshot of what has arrived so far can be drawn: the loaded parts at full shape (min and
 * max of every column), the parts still loading as gaps. The snapshot stays small (a few points per
 * column) however many points arrive; the complete read replaces it. vscode-free.
 */
import { minMaxPerColumn, type XY } from '../shared/chart/downsample';
import { markGaps } from '../shared/chart/gaps';
import { ascending, mergePages } from '../shared/chart/pageMerge';

export interface PreviewSeries {
  readonly seriesId: string;
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

export class ChartPreview {
  private readonly pages = new Map<string, XY[]>();
  /** Points that arrived (before reduction). */
  points = 0;

  constructor(private readonly range: { readonly from: number; readonly to: number; readonly widthPx: number }) {}

  /** Takes one page of a series: reduced to at most two points per plot column it covers. */
  add(seriesId: string, page: XY): void {
    if (page.timestamps.length === 0) return;
    this.points += page.timestamps.length;
    const columns = Math.max(1, Math.floor(this.range.widthPx));
    // Newest-first pages (Altair history) are turned first: the column reduction keeps the order it is given.
    const reduced = minMaxPerColumn(markGaps(ascending(page)), this.range.from, this.range.to, columns);
    const list = this.pages.get(seriesId);
    if (list) list.push(reduced);
    else this.pages.set(seriesId, [reduced]);
  }

  get empty(): boolean {
    return this.pages.size === 0;
  }

  /** What has arrived, per series, in time order; a stretch not loaded yet is a gap. */
  snapshot(): PreviewSeries[] {
    const out: PreviewSeries[] = [];
    for (const [seriesId, pages] of this.pages) {
      const marked = markGaps(mergePages(pages));
      out.push({ seriesId, timestamps: marked.timestamps, values: marked.values });
    }
    return out;
  }
}

export interface PreviewTiming {
  /** A read done sooner than this draws once, complete: no preview (unless a page says more is coming). */
  readonly firstMs: number;
  /** Then at most one snapshot this often while pages keep coming. */
  readonly everyMs: number;
}

/** Posts snapshots of a read in progress, on a timer so that pages are not held up by drawing. */
export class PreviewPoster {
  private readonly preview: ChartPreview;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastAt: number;
  private stopped = false;
  private posted = false;

  constructor(
    range: { readonly from: number; readonly to: number; readonly widthPx: number },
    private readonly post: (snapshot: { series: PreviewSeries[]; points: number }) => void,
    private readonly timing: PreviewTiming = { firstMs: 150, everyMs: 400 },
  ) {
    this.preview = new ChartPreview(range);
    this.lastAt = performance.now() - timing.everyMs + timing.firstMs;
  }

  /**
   * Takes a page. The first snapshot waits `firstMs` (a quick read draws once, complete), unless the page
   * says more is coming (`more`, the platform's truncated flag): then the read is long and it is drawn now.
   */
  add(seriesId: string, page: XY, more?: boolean): void {
    if (this.stopped) return;
    this.preview.add(seriesId, page);
    if (more === true && !this.posted) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.flush();
      return;
    }
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastAt + this.timing.everyMs - performance.now()));
  }

  /** The read ended (complete, failed or cancelled): nothing more is posted. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    if (this.stopped || this.preview.empty) return;
    this.lastAt = performance.now();
    this.posted = true;
    this.post({ series: this.preview.snapshot(), points: this.preview.points });
  }
}
