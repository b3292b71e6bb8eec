/**
 * One y-axis per unit: series sharing a unit share an axis; axes alternate left and right.
 * Pure: the webview turns the result into chart.js scales.
 */
export interface AxisSpec {
  /** chart.js scale id: `y0`, `y1`, … */
  readonly id: string;
  /** The unit shown as the axis title ('' for unitless series). */
  readonly unit: string;
  readonly position: 'left' | 'right';
  readonly index: number;
}

export interface AxisAssignment {
  readonly axes: readonly AxisSpec[];
  /** Axis id of every series id. */
  readonly axisOf: Readonly<Record<string, string>>;
}

/** Units compare trimmed and case-sensitively ('mW' is not 'MW'). */
export function unitKey(unit: string | undefined): string {
  return (unit ?? '').trim();
}

export function assignAxes(series: readonly { readonly id: string; readonly unit?: string }[]): AxisAssignment {
  const byUnit = new Map<string, AxisSpec>();
  const axisOf: Record<string, string> = {};
  for (const s of series) {
    const unit = unitKey(s.unit);
    let axis = byUnit.get(unit);
    if (!axis) {
      const index = byUnit.size;
      axis = { id: `y${index}`, unit, position: index % 2 === 0 ? 'left' : 'right', index };
      byUnit.set(unit, axis);
    }
    axisOf[s.id] = axis.id;
  }
  return { axes: [...byUnit.values()], axisOf };
}
