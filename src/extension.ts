/**
 * Activation: build the container (log, stores, sessions, explorer, documents, charts), register the
 * views and commands, and in test mode only return an API for tests (it holds secrets: other extensions
 * get nothing). Nothing here talks to the network, and the emulator is loaded only when the demo is
 * used, so activation stays fast.
 */
import * as vscode from 'vscode';
import { CommandKernel } from './commands/kernel';
import { TREE_ITEM_COMMANDS } from './commands/treeItemCommands';
import { ConnectionStore } from './connections/connectionStore';
import { HealthStatusBar, HealthTracker } from './connections/health';
import { probeConnection } from './connections/probe';
import { Recovery } from './connections/recovery';
import { watchHealth } from './explorer/healthWatch';
import { SecretInSettingsWarning } from './connections/secretWarning';
import { SessionManager } from './connections/sessionManager';
import { PythonInterpreters } from './connections/pythonInterpreter';
import { DemoService, type DemoInfo } from './demo/demoService';
import { JSON_SCHEME, JsonDocumentProvider } from './documents/jsonDocuments';
import { LOG_SCHEME, LogDocumentProvider } from './documents/logDocument';
import { THING_SCHEME, ThingFileSystem } from './documents/thingFileSystem';
import { thingSaveFeedback } from './documents/thingSaveFeedback';
import { Explorer } from './explorer/explorer';
import { platformModules } from './explorer/platforms';
import type { searchOf } from './explorer/goTo';
import { ExplorerLog } from './log';
import type { ChartsApi } from './charts/registerCharts';
import type { ActionsApi } from './writes/register';
import type { OnnxApi } from './analytics/registerOnnx';
import { registerOnnxShell } from './analytics/onnxShell';
import { registerActivityView } from './activity/activityView';
import type { ActivityLog } from './activity/activityLog';
import { registerInlinePreviews, type InlinePreviewsApi } from './inline/registerInlinePreviews';
import { registerFeatures } from './lazy/features';
import { registerTreeCommands } from './lazy/treeCommands';
import { deferredLiveSource } from './inline/deferredLiveSource';
import type { ConnectionProfile, SecretKind } from './connections/profile';
import type { LiveApi } from './live/registerLive';
import type { TreeNode } from './explorer/treeNode';
import type { SearchResult } from './explorer/search';
import { exportedApi } from './testApi';
import { codeLoadTimes } from './lazy/activationTime';

/** What `activate` returns in test mode only (see src/testApi.ts): the extension-host tests inspect the tree without scraping the UI. */
export interface ExplorerApi {
  readonly explorer: Explorer;
  readonly connections: {
    readonly store: ConnectionStore;
    readonly sessions: SessionManager;
    readonly health: HealthTracker;
    /** Adds or replaces a profile, storing its secrets in SecretStorage. */
    add(profile: ConnectionProfile, secrets?: Partial<Record<SecretKind, string>>): Promise<void>;
    remove(id: string): Promise<void>;
  };
  readonly demo: DemoService;
  readonly documents: { readonly json: JsonDocumentProvider; readonly things: ThingFileSystem; readonly log: LogDocumentProvider };
  readonly log: ExplorerLog;
  /** The Activity view's log (what the user did, with outcomes). */
  readonly activity: ActivityLog;
  readonly statusBar: HealthStatusBar;
  readonly secretWarning: SecretInSettingsWarning;
  /** The features that load on first use (src/lazy/features.ts): each call loads it if needed. */
  charts(): Promise<ChartsApi>;
  actions(): Promise<ActionsApi>;
  onnx(): Promise<OnnxApi>;
  /** Which of them, and of the connection and node command modules, have been loaded (activation loads none). */
  loadedFeatures(): string[];
  readonly inline: InlinePreviewsApi;
  /** Altair live over MQTT (the hub, credentials, status item and Monitor panels), loaded on first use. */
  live(): Promise<LiveApi>;
  /** The command kernel (tests compare what it registered with package.json). */
  readonly commands: CommandKernel;
  /** How long `activate` took, in ms. */
  readonly activationMs: number;
  /** Starts the demo emulator and adds the two demo connections. */
  startDemo(options?: { reveal?: boolean }): Promise<DemoInfo>;
  /** The children of a node (or the roots), as the tree shows them. */
  children(node?: TreeNode): Promise<TreeNode[]>;
  /** Non-interactive "Go to…": searches a connection and reveals the first hit. */
  goTo(connectionId: string, text: string): Promise<TreeNode | undefined>;
  /** The search behind Go to… and filters. */
  search(connectionId: string, text: string, onProgress?: (partial: SearchResult) => void): ReturnType<Awaited<ReturnType<typeof searchOf>>>;
}

/** `codeCache`: how the main file loaded our code (src/lazy/codeCache.ts): from its V8 code cache, or compiled. */
export function activate(context: vscode.ExtensionContext, codeCache?: 'cache' | 'compiled'): ExplorerApi | undefined {
  const started = Date.now();
  const log = new ExplorerLog();
  const store = new ConnectionStore(context.secrets, (p) => platformModules.get(p.platform).validate(p));
  /** Whether a connection may have values pushed (MQTT): only then do live values and MQTT credentials load. */
  const wantsLive = (p: ConnectionProfile | undefined): boolean => (p ? (platformModules.get(p.platform).pushesValues?.(p) ?? false) : false);
  const health = new HealthTracker();
  const demo = new DemoService(context.extensionPath, log);
  const python = new PythonInterpreters();
  context.subscriptions.push(python);
  const sessions = new SessionManager(store, demo, log, health, platformModules, {
    interpreter: () => python.resolve(),
    bridgeScript: context.asAbsolutePath('python/iot_explorer_bridge.py'),
    onDidChange: python.onDidChange,
  });
  const explorer = new Explorer(context, store, sessions, log);
  const commands = new CommandKernel({ log, selection: () => explorer.selection, profiles: store, untilItemsListed: TREE_ITEM_COMMANDS });
  // The commands only tree items' menus run are registered as the tree lists its first items (the workbench
  // asks for them only after activation returns).
  context.subscriptions.push(explorer.provider.onFirstListing(() => commands.itemsListed()));
  const json = new JsonDocumentProvider();
  const things = new ThingFileSystem(sessions, log);
  const logDoc = new LogDocumentProvider(log);
  const recovery = new Recovery({ probe: (id, signal) => probeConnection(sessions, id, signal), report: (id, outcome) => health.report(id, outcome) });
  const statusBar = new HealthStatusBar(health, () => store.list(), (id) => recovery.nextTry(id));
  const secretWarning = new SecretInSettingsWarning(store, log);
  context.subscriptions.push(log, store, health, demo, sessions, explorer, json, things, logDoc, statusBar, secretWarning, recovery);
  context.subscriptions.push(watchHealth(explorer, health, recovery));

  // Charts, writes and analytics load on first use; activation registers their commands as stubs.
  const activity = registerActivityView(context, { commands, reveal: (ref) => explorer.revealRef(ref) });
  const onnxShell = registerOnnxShell(context, activity);
  context.subscriptions.push(thingSaveFeedback(things, { activity, store, sessions, reveal: (ref) => explorer.revealRef(ref) }));
  const features = registerFeatures(context, {
    commands,
    resolveSource: async (d) => (await import('./explorer/seriesSources')).createSeriesSource(sessions, d),
    log: log.channel,
    services: explorer.services,
    onnx: { shell: onnxShell, store, sessions, log, connection: (id) => explorer.connection(id), refresh: (node) => explorer.refresh(node) },
    live: { store, sessions, log, extensionUri: context.extensionUri },
    wantsLive: (id) => wantsLive(store.get(id)),
    activity,
    json,
    connection: (id) => store.get(id),
  });
  const live = deferredLiveSource(async () => (await features.live.load()).values, (id) => wantsLive(store.get(id)));
  const inline = registerInlinePreviews(context, { commands, sessions, store, log, explorer, live });
  context.subscriptions.push(
    explorer.provider.registerDecorator(inline),
    explorer.dragAndDrop.registerDropHandler(async (target, dataTransfer, token) => (await features.onnx.load()).handleDrop(target, dataTransfer, token)),
  );
  const beforeRemove = async (p: ConnectionProfile): Promise<void> => {
    // Only a connection that may have MQTT credentials loads the live feature to offer their deletion.
    if (wantsLive(p)) await (await features.live.load()).beforeRemove(p);
  };
  const treeCommands = registerTreeCommands(
    { commands, explorer, store, sessions, demo, log, python, beforeRemove },
    { json, things, extensionUri: context.extensionUri },
  );
  context.subscriptions.push(
    treeCommands,
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, json),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logDoc),
    vscode.workspace.registerFileSystemProvider(THING_SCHEME, things, { isCaseSensitive: true }),
    commands.register('iotExplorer.showLogEntry', (call) => (typeof call.value === 'number' ? logDoc.showEntry(call.value) : log.show())),
    commands.register('iotExplorer.about', () => {
      const version = (context.extension.packageJSON as { version?: string }).version ?? '';
      void vscode.window.showInformationMessage(
        vscode.l10n.t('IoT Explorer {0}: IoT-TICKET and Altair IoT Studio in VS Code. {1} connection(s).', version, store.list().length),
      );
    }),
    store.onDidChange(() => statusBar.update()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('iotExplorer.statusBar.enabled')) statusBar.update();
    }),
  );
  for (const problem of store.problems()) log.warn(`Ignored ${problem}`);
  void secretWarning.check();

  if (process.env.IOT_EXPLORER_DEMO === '1') {
    // Launch hook (the UI tests set it): start the demo and show it expanded as soon as the extension activates.
    // `npm run demo` does not need it: its workspace runs the Try the Demo command when the folder opens.
    void treeCommands.tryDemo().catch((err: unknown) => log.error('Starting the demo failed', err));
  }
  const activationMs = Date.now() - started;
  const load = codeLoadTimes(context.extension.id);
  const cacheNote = codeCache === 'cache' ? '; code from its cache' : codeCache === 'compiled' ? '; code compiled, its cache written next' : '';
  log.info(`Activated in ${activationMs} ms${load === undefined ? '' : ` (code loaded in ${load.loadMs} ms; ${load.sinceLoadMs} ms since loading began${cacheNote})`}`);

  return exportedApi(context.extensionMode, process.env, (): ExplorerApi => ({
    explorer,
    connections: {
      store,
      sessions,
      health,
      async add(profile, secrets = {}) {
        for (const [kind, value] of Object.entries(secrets)) if (value) await store.setSecret(profile, kind as SecretKind, value);
        await store.save(profile);
        await sessions.invalidate(profile.id);
      },
      async remove(id) {
        await sessions.signOut(id);
        await store.remove(id);
        recovery.forget(id);
        health.forget(id);
      },
    },
    demo,
    documents: { json, things, log: logDoc },
    activity,
    log,
    statusBar,
    secretWarning,
    charts: () => features.charts.load(),
    actions: () => features.actions.load(),
    onnx: () => features.onnx.load(),
    loadedFeatures: () => [...Object.entries(features).filter(([, f]) => f.loaded !== undefined).map(([name]) => name), ...treeCommands.loaded],
    inline,
    live: () => features.live.load(),
    commands,
    activationMs,
    startDemo: (options) => treeCommands.tryDemo(options),
    children: (node) => explorer.provider.getChildren(node),
    goTo: async (connectionId, text) => {
      const conn = explorer.connection(connectionId);
      return conn ? (await import('./explorer/goTo')).goToText(explorer, conn, text) : undefined;
    },
    search: async (connectionId, text, onProgress) => {
      const conn = explorer.connection(connectionId);
      if (!conn) return Promise.reject(new Error(`unknown connection ${connectionId}`));
      return (await (await import('./explorer/goTo')).searchOf(conn))(conn, text, new AbortController().signal, onProgress);
    },
  }));
}

export function deactivate(): void {}
