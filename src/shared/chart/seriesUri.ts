/**
 * Series dragged from the tree onto a chart: the explorer writes `iot-series:` lines into `text/uri-list`,
 * the chart reads them back into descriptors.
 */
import { isSeriesDescriptor, type SeriesDescriptor } from './series';

/** The mime type VS Code gives drags from the `iotExplorer.connections` tree (lower-cased view id). */
export const TREE_MIME = 'application/vnd.code.tree.iotexplorer.connections';
/** Tree items dropped onto a chart arrive as `text/uri-list` lines of this scheme. */
export const SERIES_URI_SCHEME = 'iot-series';

/** `iot-series:<kind>?d=<json>`: what the explorer puts in `text/uri-list` when a series node is dragged. */
export function seriesUri(d: SeriesDescriptor): string {
  return `${SERIES_URI_SCHEME}:${d.kind}?d=${encodeURIComponent(JSON.stringify(d))}`;
}

export function parseSeriesUri(uri: string): SeriesDescriptor | undefined {
  const text = uri.trim();
  if (!text.startsWith(`${SERIES_URI_SCHEME}:`)) return undefined;
  const q = text.indexOf('?d=');
  if (q < 0) return undefined;
  try {
    const d: unknown = JSON.parse(decodeURIComponent(text.slice(q + 3).split('&')[0]));
    return isSeriesDescriptor(d) ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Every `iot-series:` descriptor in a `text/uri-list` payload (comments and other schemes ignored). */
export function parseUriList(list: string): SeriesDescriptor[] {
  return list.split(/\r?\n/).filter((l) => l && !l.startsWith('#')).map(parseSeriesUri).filter((d): d is SeriesDescriptor => d !== undefined);
}
