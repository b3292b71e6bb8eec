/**
 * Wires charts into the extension: the chart commands, the webview serializer, and the manager the
 * explorer uses ("Open chart", "Add to chart", drops). Called once from `activate`.
 */
import type { LivePush } from './liveSession';
import * as vscode from 'vscode';
import type { CommandCall, CommandKernel } from '../commands/kernel';
import { type SeriesDescriptor } from '../shared/chart/series';
import { ChartManager, type ResolveSource } from './chartManager';
import type { ChartPanel } from './chartPanel';
import { ChartSerializer } from './chartSerializer';
import { ChartExporter } from './exporter';
import { ExportFolder } from './exportFolder';
import type { ActivityLog } from '../activity/activityLog';
import { descriptorOf, isSeriesSource, type SeriesSource } from './seriesSource';

export { CHART_VIEW_TYPE } from '../shared/chart/protocol';
export { seriesKey } from '../shared/chart/series';
export { SERIES_URI_SCHEME, TREE_MIME, parseSeriesUri, seriesUri } from '../shared/chart/seriesUri';
export type { SeriesDescriptor } from '../shared/chart/series';

export interface ChartDeps {
  readonly commands: CommandKernel;
  /** Exports are recorded in the Activity view. */
  readonly activity?: Pick<ActivityLog, 'add'>;
  /** Rebuilds a source from its descriptor (also after a reload); undefined when the connection is gone. */
  readonly resolveSource: ResolveSource;
  readonly log: vscode.LogOutputChannel;
  /** Live mode's pushed points (Altair over MQTT, src/live/). */
  readonly livePush?: LivePush;
}

export interface ChartsApi {
  readonly manager: ChartManager;
  /** Restores chart panels after a reload (registered at activation by src/lazy/features.ts, which loads this module). */
  readonly serializer: ChartSerializer;
  readonly exporter: ChartExporter;
  /** Opens one chart with every series among `items` (sources or descriptors). */
  open(items: readonly unknown[]): Promise<ChartPanel | undefined>;
  /** Adds the series among `items` to the last active chart (a new one when none is open). */
  add(items: readonly unknown[]): Promise<ChartPanel | undefined>;
}

export const CHART_COMMANDS = {
  open: 'iotExplorer.openChart',
  addSeries: 'iotExplorer.addToChart',
  exportCsv: 'iotExplorer.chart.exportCsv',
  exportJson: 'iotExplorer.chart.exportJson',
  exportParquet: 'iotExplorer.chart.exportParquet',
  copyVisibleCsv: 'iotExplorer.chart.copyVisibleCsv',
  exportPng: 'iotExplorer.chart.exportPng',
} as const;

export function registerCharts(context: vscode.ExtensionContext, deps: ChartDeps): ChartsApi {
  const exporter = new ChartExporter(deps.log, new ExportFolder(context.globalState), deps.activity);
  const manager = new ChartManager({
    extensionUri: context.extensionUri,
    log: deps.log,
    resolveSource: deps.resolveSource,
    runCommand: (panel, command) => exporter.run(panel, command),
    livePush: deps.livePush,
  });

  const sourcesOf = async (items: readonly unknown[]): Promise<SeriesSource[]> => {
    const direct = items.filter(isSeriesSource);
    const descriptors = items.filter((x) => !isSeriesSource(x)).map(descriptorOf).filter((d): d is SeriesDescriptor => d !== undefined);
    const sources = [...direct, ...(await manager.resolve(descriptors))];
    if (sources.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select one or more series to chart: IoT-TICKET TelemetryData or Calculated attributes, v1 datanodes or numeric Altair properties.'));
    }
    return sources;
  };
  const api: ChartsApi = {
    manager,
    serializer: new ChartSerializer(manager, deps.log),
    exporter,
    async open(items) {
      const sources = await sourcesOf(items);
      return sources.length > 0 ? manager.open(sources) : undefined;
    },
    async add(items) {
      const sources = await sourcesOf(items);
      return sources.length > 0 ? manager.addToChart(sources) : undefined;
    },
  };
  /** The series of tree nodes (clicked and selected, else the view's selection), or what a caller passed: sources, descriptors, arrays of them. */
  const itemsOf = (call: CommandCall): readonly unknown[] => {
    if (call.nodes.length > 0 || call.value === undefined) return call.targets().map((n) => n.series?.()).filter((d) => d !== undefined);
    return Array.isArray(call.value) ? call.value : [call.value];
  };
  /** A command on the active chart; a file URI as the argument (scripts, tests) is where an export goes, without the dialog. */
  const onPanel = (run: (panel: ChartPanel, file: vscode.Uri | undefined) => Promise<void>) => async (call: CommandCall): Promise<void> => {
    const panel = manager.activePanel;
    if (!panel) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a chart first.'));
      return;
    }
    await run(panel, call.value instanceof vscode.Uri ? call.value : undefined);
  };

  context.subscriptions.push(
    manager,
    deps.commands.register(CHART_COMMANDS.open, (call) => api.open(itemsOf(call))),
    deps.commands.register(CHART_COMMANDS.addSeries, (call) => api.add(itemsOf(call))),
    deps.commands.register(CHART_COMMANDS.exportCsv, onPanel((p, file) => exporter.exportWithDialog(p, 'csv', file))),
    deps.commands.register(CHART_COMMANDS.exportJson, onPanel((p, file) => exporter.exportWithDialog(p, 'json', file))),
    deps.commands.register(CHART_COMMANDS.exportParquet, onPanel((p, file) => exporter.exportWithDialog(p, 'parquet', file))),
    deps.commands.register(CHART_COMMANDS.exportPng, onPanel((p, file) => exporter.exportPng(p, file))),
    deps.commands.register(CHART_COMMANDS.copyVisibleCsv, onPanel((p) => exporter.copyVisibleCsv(p))),
  );
  return api;
}
