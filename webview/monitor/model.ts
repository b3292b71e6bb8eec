/**
 * The Monitor page's state, pure (the node tier tests it): the rows kept (newest last, bounded), the
 * count per topic of everything received, pause (rows arriving meanwhile are held, then shown), the
 * filter (an MQTT topic filter with `+`/`#`, or text in the topic or payload) and the copy text.
 */
import { isValidFilter, topicMatches } from '../../src/shared/mqtt/topicFilter';
import type { MonitorRow } from '../../src/shared/monitor/protocol';

/** Rows kept in the page. */
export const MAX_ROWS = 5000;

export interface MonitorModel {
  rows: MonitorRow[];
  held: MonitorRow[];
  readonly counts: Map<string, number>;
  received: number;
  paused: boolean;
}

export function emptyModel(): MonitorModel {
  return { rows: [], held: [], counts: new Map(), received: 0, paused: false };
}

function keep(rows: MonitorRow[], max: number): MonitorRow[] {
  return rows.length > max ? rows.slice(rows.length - max) : rows;
}

/** Counts every row; shows it now, or holds it while paused. */
export function addRows(m: MonitorModel, rows: readonly MonitorRow[], max = MAX_ROWS): void {
  for (const r of rows) m.counts.set(r.topic, (m.counts.get(r.topic) ?? 0) + 1);
  m.received += rows.length;
  if (m.paused) m.held = keep([...m.held, ...rows], max);
  else m.rows = keep([...m.rows, ...rows], max);
}

export function setPaused(m: MonitorModel, paused: boolean, max = MAX_ROWS): void {
  m.paused = paused;
  if (!paused && m.held.length > 0) {
    m.rows = keep([...m.rows, ...m.held], max);
    m.held = [];
  }
}

/** Clears the list and the counts. */
export function clear(m: MonitorModel): void {
  m.rows = [];
  m.held = [];
  m.counts.clear();
  m.received = 0;
}

/** A filter with `+` or `#` that is a valid MQTT filter matches topics; any other text is looked for in topic and payload. */
export function rowMatcher(filter: string): (r: MonitorRow) => boolean {
  const f = filter.trim();
  if (!f) return () => true;
  if (/[+#]/.test(f) && isValidFilter(f)) return (r) => topicMatches(f, r.topic);
  const needle = f.toLowerCase();
  return (r) => r.topic.toLowerCase().includes(needle) || r.text.toLowerCase().includes(needle);
}

export function visibleRows(m: MonitorModel, filter: string): MonitorRow[] {
  return m.rows.filter(rowMatcher(filter));
}

/** Counts sorted by topic. */
export function topicCounts(m: MonitorModel): { topic: string; count: number }[] {
  return [...m.counts].map(([topic, count]) => ({ topic, count })).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/** What "Copy" puts on the clipboard: per row its ISO time and topic, then the payload. */
export function copyText(rows: readonly MonitorRow[]): string {
  return rows.map((r) => `${new Date(r.receivedAt).toISOString()}  ${r.topic}\n${r.text}`).join('\n\n');
}
