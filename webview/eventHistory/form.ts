/**
 * The event-history page's pure parts: the filter form read into a query (refused with a clear message
 * before anything is sent), the query written back into the form, and the text filter over the rows.
 */
import * as l10n from '@vscode/l10n';
import { ACK_FILTERS, EVENT_TYPE_FILTERS, queryProblem, type AckFilter, type EventRow, type EventTypeFilter, type HistoryQuery } from '../../src/shared/eventHistory/protocol';
import { formatWallClock, parseInZone } from '../../src/shared/chart/timeRange';

/** The form's fields as text, the way the controls hold them (`datetime-local` wall clock for the times). */
export interface FormValues {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly ack: string;
}

export type FormResult = { readonly ok: true; readonly query: HistoryQuery } | { readonly ok: false; readonly problem: string };

/** Minutes east of UTC of the page's zone at an instant. */
export type LocalOffset = (at: number) => number;

export function readQuery(values: FormValues, offset: LocalOffset, now: number): FormResult {
  const start = values.from.trim() ? parseInZone(values.from, offset(now)) : undefined;
  const end = values.to.trim() ? parseInZone(values.to, offset(now)) : undefined;
  switch (queryProblem({ start, end })) {
    case 'noStart': return { ok: false, problem: l10n.t('Enter when the range starts ("From").') };
    case 'noEnd': return { ok: false, problem: l10n.t('Enter when the range ends ("To").') };
    case 'order': return { ok: false, problem: l10n.t('"From" must be before "To".') };
  }
  const type = EVENT_TYPE_FILTERS.find((t) => t === values.type);
  const ack = ACK_FILTERS.find((a) => a === values.ack) ?? 'all';
  return { ok: true, query: { type, start: start!, end: end!, ack } };
}

export function formValues(q: HistoryQuery, offset: LocalOffset): FormValues {
  return { type: q.type ?? '', from: formatWallClock(q.start, offset(q.start)), to: formatWallClock(q.end, offset(q.end)), ack: q.ack };
}

/** The rows any of whose cells contains `text` (case-insensitive); all rows for an empty filter. */
export function filterRows(rows: readonly EventRow[], text: string): readonly EventRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((r) => cells(r).some((c) => c.toLowerCase().includes(needle)));
}

/** A row's cells in column order, as the table shows them. */
export function cells(r: EventRow): string[] {
  return [r.activatedAt, r.clearedAt, r.severity, r.type, r.message, r.assetId, r.group, r.acknowledged ? '✓' : ''];
}

export function rowsStatus(total: number, shown: number, filter: string): string {
  if (total === 0) return l10n.t('No events in this range.');
  if (shown === 0) return l10n.t('No events match "{0}".', filter.trim());
  if (shown === total) return total === 1 ? l10n.t('1 event') : l10n.t('{0} events', total);
  return l10n.t('{0} of {1} events', shown, total);
}

export type { AckFilter, EventTypeFilter };
