/**
 * das `form`, `astype` and `timestamp` of get_timeseries / get_multiple_timeseries, for our typed API.
 * Our result is a Series of typed arrays with epoch-ms timestamps; das renders it as a pandas DataFrame
 * (default) or JSON. We support what has a TypeScript meaning and refuse the rest by name, before any
 * request, rather than ignoring it:
 *   form 'json'        → das's json form (`seriesToJson`): `[{timestamp, value}]`, keyed by series name for several
 *   form 'DataFrame'   → refused: no pandas here (leave `form` out for the Series)
 *   timestamp          → with form 'json': 'datetime' (ISO in `tz`, das default) or 'epoch' (ms); without a
 *                        form only 'epoch', which is what a Series holds
 *   astype             → refused: a Python type has no equivalent (numbers come as Float64Array, text as strings)
 */
import { ValidationError } from '../http';
import { TIMESTAMP_FORMATS } from './enums';
import { requireOneOf } from './validation';

export interface SeriesFormOptions {
  /** 'json' for das's json form; leave out for a typed Series. 'DataFrame' is refused. */
  readonly form?: 'json' | 'DataFrame';
  /** With form 'json': 'datetime' (default) or 'epoch'. Without: only 'epoch' (a Series holds epoch ms). */
  readonly timestamp?: 'datetime' | 'epoch';
  /** das's Python `astype`: refused with a ValidationError (no TypeScript equivalent). */
  readonly astype?: unknown;
}

/** How to render a read; throws a ValidationError naming `form`, `timestamp` or `astype`. */
export function seriesForm(options: SeriesFormOptions): { readonly json: boolean; readonly timestamp: 'datetime' | 'epoch' } {
  if (options.astype !== undefined) {
    throw new ValidationError('astype', 'a Python type has no equivalent here: numeric series come as Float64Array, text series as strings; convert the values after reading');
  }
  if (options.form !== undefined) {
    const form = requireOneOf('form', options.form, ['json', 'DataFrame'] as const);
    if (form === 'DataFrame') throw new ValidationError('form', "a pandas DataFrame has no TypeScript equivalent: leave form out for a Series of typed arrays, or use 'json'");
    return { json: true, timestamp: requireOneOf('timestamp', options.timestamp ?? 'datetime', TIMESTAMP_FORMATS) };
  }
  if (options.timestamp !== undefined && requireOneOf('timestamp', options.timestamp, TIMESTAMP_FORMATS) !== 'epoch') {
    throw new ValidationError('timestamp', "a Series holds epoch milliseconds; give form: 'json' for ISO date-time strings");
  }
  return { json: false, timestamp: 'epoch' };
}
