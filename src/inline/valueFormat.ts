/**
 * Text for live values (pure): "21.4 °C · 12 s ago" for tree descriptions, CodeLens titles and the
 * status bar, and min/max/avg of a window of points for tooltips.
 */
import { formatAge, formatValue } from '../explorer/nodes/format';

/** The latest value of a ref, as one read returned it. */
export interface LatestValue {
  readonly value: number | string | boolean | null;
  /** Epoch ms of the value, when the platform says. */
  readonly ts?: number;
  readonly unit?: string;
  readonly dataType?: string;
  /** The entity's own name (attribute, datanode, property). */
  readonly name?: string;
  /** IoT-TICKET: the asset of the attribute (charts read through it). */
  readonly assetId?: string;
  /** IoT-TICKET: the attribute type (TelemetryData, Calculated, Number, String). */
  readonly type?: string;
}

export { formatAge, formatValue };

/** "21.4 °C", "Running", "—" when there is no value. */
export function formatReading(v: Pick<LatestValue, 'value' | 'unit'>): string {
  if (v.value === null || v.value === undefined) return '—';
  const unit = v.unit && typeof v.value === 'number' ? ` ${v.unit}` : '';
  return `${formatValue(v.value, 40)}${unit}`;
}

/** "21.4 °C · 12 s ago" (without the age when the time is unknown). */
export function describe(v: LatestValue, now = Date.now()): string {
  const reading = formatReading(v);
  return v.ts === undefined || !Number.isFinite(v.ts) ? reading : `${reading} · ${formatAge(v.ts, now)}`;
}

/** "12 s ago". */
export function describeAge(ts: number, now = Date.now()): string {
  return formatAge(ts, now);
}

/** ISO time without milliseconds, in UTC ("2026-01-05 14:03:20 UTC"). */
export function formatTimestamp(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export interface WindowStats {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly avg: number;
}

/** min/max/avg of the finite values; undefined when there are none. */
export function windowStats(values: ArrayLike<number>): WindowStats | undefined {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return count === 0 ? undefined : { count, min, max, avg: sum / count };
}

const NUMERIC_TYPES = /^(double|float|long|int|integer|number|boolean|bool)$/i;

/**
 * Whether charts can draw a value's series: IoT-TICKET TelemetryData and Calculated attributes of a
 * numeric type, numeric v1 datanodes, Altair properties holding numbers or booleans.
 */
export function isChartable(kind: 'iotticket-attribute' | 'v1-datanode' | 'altair-property', v: LatestValue): boolean {
  if (kind === 'iotticket-attribute' && v.type !== undefined && v.type !== 'TelemetryData' && v.type !== 'Calculated') return false;
  if (v.dataType) return NUMERIC_TYPES.test(v.dataType);
  return typeof v.value === 'number' || typeof v.value === 'boolean';
}
