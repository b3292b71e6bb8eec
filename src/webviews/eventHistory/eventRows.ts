/**
 * Platform events as the history table shows them. Every field is platform text: it becomes one line of
 * visible text here (no line break, control or reordering character survives as itself) and the page
 * puts it in the table with textContent only.
 */
import type { AssetEvent } from '../../platforms/iotticket/types';
import { oneLine } from '../../shared/escape/text';
import type { EventRow } from '../../shared/eventHistory/protocol';

/** Longest cell text: a message of megabytes is cut, not sent whole to the page. */
const MAX_CELL = 10_000;

const text = (x: unknown): string => (x === null || x === undefined ? '' : oneLine(String(x), MAX_CELL));

export function eventRow(e: AssetEvent): EventRow {
  return {
    activatedAt: text(e.activatedAt),
    clearedAt: e.clearedAt ? text(e.clearedAt) : e.active ? '—' : '',
    active: e.active === true,
    severity: text(e.severity),
    type: text(e.type),
    message: text(e.message),
    assetId: text(e.assetId),
    group: text(e.group),
    acknowledged: e.acknowledged === true,
  };
}
