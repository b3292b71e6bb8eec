/**
 * The features that load on first use (issue 17 §1): charts, writes and command files, ONNX and
 * analytics, live values, Open in Notebook and the SDK-method commands. Activation registers only their
 * command stubs (src/lazy/lazyFeature.ts), the chart serializer and a watcher for command files; each `import()` below is a chunk of
 * its own (esbuild.mjs). The id lists must name every command a feature registers: the host test
 * compares the kernel's commands at activation with package.json.
 */
import * as vscode from 'vscode';
import type { ActionsApi } from '../writes/register';
import type { ActivityLog } from '../activity/activityLog';
import type { JsonDocumentProvider } from '../documents/jsonDocuments';
import type { ConnectionProfile } from '../connections/profile';
import type { ChartsApi } from '../charts/registerCharts';
import type { CommandId, CommandKernel } from '../commands/kernel';
import type { OnnxApi } from '../analytics/registerOnnx';
import type { OnnxDeps } from '../analytics/registerOnnx';
import type { LiveApi, LiveDeps } from '../live/registerLive';
import type { ExplorerServices } from '../explorer/treeNode';
import { CHART_VIEW_TYPE } from '../shared/chart/protocol';
import type { ResolveSource } from '../charts/chartManager';
import { deferredLivePush } from '../charts/deferredLivePush';
import { LazyFeature } from './lazyFeature';

const CHART_IDS: readonly CommandId[] = [
  'iotExplorer.openChart', 'iotExplorer.addToChart', 'iotExplorer.chart.exportCsv', 'iotExplorer.chart.exportJson',
  'iotExplorer.chart.copyVisibleCsv', 'iotExplorer.chart.exportPng', 'iotExplorer.chart.exportParquet',
];

const ACTION_IDS: readonly CommandId[] = [
  'iotExplorer.sendSpec', 'iotExplorer.sendFromCommandFile', 'iotExplorer.sendCommand', 'iotExplorer.sendControlCommand',
  'iotExplorer.showCommandLog', 'iotExplorer.editStaticValue', 'iotExplorer.writeCalculatedValues', 'iotExplorer.writeTelemetry',
  'iotExplorer.writeTimesignal', 'iotExplorer.writeDeviceEvent', 'iotExplorer.setDeviceCredentials', 'iotExplorer.forgetDeviceCredentials',
  'iotExplorer.invokeAction', 'iotExplorer.showActionStatuses', 'iotExplorer.createEvent', 'iotExplorer.updateProperty',
  'iotExplorer.updateProperties', 'iotExplorer.sendEmail', 'iotExplorer.showWriteHistory', 'iotExplorer.newCommandFile',
];

const ONNX_IDS: readonly CommandId[] = [
  'iotExplorer.onnx.register', 'iotExplorer.onnx.inspect', 'iotExplorer.analytics.details', 'iotExplorer.analytics.editInfo',
  'iotExplorer.analytics.delete', 'iotExplorer.analytics.list', 'iotExplorer.analytics.usage', 'iotExplorer.analytics.registerFromFile',
  'iotExplorer.analytics.updateFromFile', 'iotExplorer.analytics.saveDefinition', 'iotExplorer.analytics.newDefinition',
];

const LIVE_IDS: readonly CommandId[] = ['iotExplorer.monitorThing', 'iotExplorer.liveStatus'];

const NOTEBOOK_IDS: readonly CommandId[] = ['iotExplorer.openInNotebook'];

const METHOD_IDS: readonly CommandId[] = [
  'iotExplorer.iotticket.readTimesignal', 'iotExplorer.iotticket.chartAllSeries', 'iotExplorer.iotticket.findCredential',
  'iotExplorer.iotticket.countActiveEvents', 'iotExplorer.iotticket.acknowledgeEvent',
  'iotExplorer.altair.showRecord', 'iotExplorer.altair.completeActionRequest', 'iotExplorer.altair.deleteRecord', 'iotExplorer.altair.readProperty',
  'iotExplorer.altair.createThing', 'iotExplorer.altair.updateThing', 'iotExplorer.altair.deleteThing', 'iotExplorer.altair.createCategory',
  'iotExplorer.altair.updateCategory', 'iotExplorer.altair.deleteCategory', 'iotExplorer.altair.patchThings', 'iotExplorer.altair.deleteThings',
  'iotExplorer.altair.showThingEvents', 'iotExplorer.altair.sendRequest',
];

export interface FeatureDeps {
  readonly commands: CommandKernel;
  readonly resolveSource: ResolveSource;
  readonly log: vscode.LogOutputChannel;
  readonly services: ExplorerServices;
  readonly onnx: Omit<OnnxDeps, 'commands'>;
  readonly live: Omit<LiveDeps, 'commands'>;
  /** A connection's profile (Open in Notebook writes its headers from it). */
  readonly connection: (connectionId: string) => ConnectionProfile | undefined;
  /** The read-only JSON documents (what the SDK-method commands show). */
  readonly json: JsonDocumentProvider;
  /** The Activity view's log: writes and exports record into it. */
  readonly activity: Pick<ActivityLog, 'add'>;
  /** Whether a connection may have values pushed over MQTT (loading the live feature for it is worth it). */
  readonly wantsLive: (connectionId: string) => boolean;
}

export interface Features {
  readonly charts: LazyFeature<ChartsApi>;
  readonly actions: LazyFeature<ActionsApi>;
  readonly onnx: LazyFeature<OnnxApi>;
  /** Altair live over MQTT (the MQTT library comes with it). */
  readonly live: LazyFeature<LiveApi>;
  /** Open in Notebook: its cell builders and the snippet code. */
  readonly notebook: LazyFeature<vscode.Disposable>;
  /** The SDK methods the rest of the UI does not reach (src/methods/). */
  readonly methods: LazyFeature<vscode.Disposable[]>;
}

export function registerFeatures(context: vscode.ExtensionContext, deps: FeatureDeps): Features {
  const live = new LazyFeature(deps.commands, LIVE_IDS, async (commands) => (await import('../live/registerLive')).registerLive({ ...deps.live, commands }));
  const charts = new LazyFeature(deps.commands, CHART_IDS, async (commands) =>
    // Live charts of Altair properties take their pushed points from the live feature, loaded when one needs it.
    (await import('../charts/registerCharts')).registerCharts(context, {
      commands,
      resolveSource: deps.resolveSource,
      log: deps.log,
      activity: deps.activity,
      livePush: deferredLivePush(async () => (await live.load()).chartPush, deps.wantsLive),
    }),
  );
  const actions = new LazyFeature(deps.commands, ACTION_IDS, async (commands) =>
    (await import('../writes/register')).registerCommandsAndWrites(context, { commands, services: deps.services, activity: deps.activity }),
  );
  const onnx = new LazyFeature(deps.commands, ONNX_IDS, async (commands) =>
    (await import('../analytics/registerOnnx')).registerOnnx(context, { ...deps.onnx, commands }),
  );
  const notebook = new LazyFeature(deps.commands, NOTEBOOK_IDS, async (commands) =>
    (await import('../notebook/registerNotebook')).registerNotebook({ commands, connection: deps.connection, charts: () => charts.loaded?.manager, log: deps.log }),
  );
  const methods = new LazyFeature(deps.commands, METHOD_IDS, async (commands) =>
    (await import('../methods/register')).registerMethods({ commands, services: deps.services, json: deps.json, activity: deps.activity }),
  );
  context.subscriptions.push(
    charts,
    actions,
    onnx,
    live,
    notebook,
    methods,
    // A chart restored after a reload brings the charts in.
    vscode.window.registerWebviewPanelSerializer(CHART_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await charts.load()).serializer.deserializeWebviewPanel(panel, state),
    }),
    watchCommandFiles(),
  );
  return { charts, actions, onnx, live, notebook, methods };
}

/**
 * The Send CodeLens and the diagnostics of `*.iotcmd.json` files: their module (the file's model, not
 * the writes) loads when the first such file is open.
 */
function watchCommandFiles(): vscode.Disposable {
  let lens: Promise<vscode.Disposable> | undefined;
  const isCommandFile = (doc: vscode.TextDocument): boolean => /\.iotcmd\.json$/i.test(doc.uri.path);
  const check = (doc: vscode.TextDocument): void => {
    if (lens || !isCommandFile(doc)) return;
    lens = import('../writes/ui/commandFileLens').then(({ CommandFileLens, COMMAND_FILE_GLOB }) => {
      const provider = new CommandFileLens();
      return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider({ pattern: COMMAND_FILE_GLOB }, provider));
    });
  };
  const opened = vscode.workspace.onDidOpenTextDocument(check);
  for (const doc of vscode.workspace.textDocuments) check(doc);
  return new vscode.Disposable(() => {
    opened.dispose();
    void lens?.then((d) => d.dispose());
  });
}
