/** chart.js y-scales from the pure axis assignment (one axis per unit). */
import { assignAxes, type AxisAssignment } from '../../src/shared/chart/axes';
import type { ChartTheme } from './theme';

export { assignAxes, type AxisAssignment } from '../../src/shared/chart/axes';

export interface YScaleOptions {
  type: 'linear';
  position: 'left' | 'right';
  display: boolean;
  title: { display: boolean; text: string; color: string };
  grid: { color: string; drawOnChartArea: boolean };
  ticks: { color: string };
  border: { color: string };
}

export function yScales(assignment: AxisAssignment, theme: ChartTheme, visibleAxes: ReadonlySet<string>): Record<string, YScaleOptions> {
  const scales: Record<string, YScaleOptions> = {};
  for (const axis of assignment.axes) {
    scales[axis.id] = {
      type: 'linear',
      position: axis.position,
      display: visibleAxes.size === 0 || visibleAxes.has(axis.id),
      title: { display: axis.unit.length > 0, text: axis.unit, color: theme.mutedForeground },
      // Only the first axis draws grid lines across the plot, so several axes do not clutter it.
      grid: { color: theme.grid, drawOnChartArea: axis.index === 0 },
      ticks: { color: theme.foreground },
      border: { color: theme.grid },
    };
  }
  return scales;
}

export function axesFor(series: readonly { id: string; unit?: string }[]): AxisAssignment {
  return assignAxes(series);
}
