/**
 * A `SeriesSource` from a single-page fetcher: the explorer wraps a platform client's one-page read
 * (IoT-TICKET `get_timeseries` page of 10000, Altair history page of 1000) and gets page-parallel,
 * merged, cancellable range reads.
 */
import { seriesKey, type SeriesDescriptor } from '../shared/chart/series';
import { fetchPaged, type PageFetcher } from './pagedFetch';
import type { SeriesSource } from './seriesSource';

export interface PagedSourceSpec {
  readonly descriptor: SeriesDescriptor;
  /** The platform's per-request maximum. */
  readonly pageLimit: number;
  /** Which end of a range one page returns ('asc': oldest first). */
  readonly order?: 'asc' | 'desc';
  /** Requests in flight per series (default 4). */
  readonly concurrency?: number;
  readonly fetchPage: PageFetcher;
  readonly fetchStatistics?: SeriesSource['fetchStatistics'];
}

export function createPagedSource(spec: PagedSourceSpec): SeriesSource {
  const d = spec.descriptor;
  const source: SeriesSource = {
    id: seriesKey(d),
    label: d.label,
    unit: d.unit,
    kind: d.kind,
    descriptor: d,
    fetchRange: (options) => fetchPaged(spec.fetchPage, { ...options, pageLimit: spec.pageLimit, order: spec.order, concurrency: spec.concurrency }),
  };
  return spec.fetchStatistics ? { ...source, fetchStatistics: spec.fetchStatistics } : source;
}
