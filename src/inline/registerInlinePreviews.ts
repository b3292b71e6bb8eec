/**
 * Inline telemetry previews: live values in the editor (hovers, CodeLens, completion, diagnostics) for
 * Python, JavaScript/TypeScript, JSON and notebook cells, in the Connections tree (descriptions and
 * tooltips) and in the status bar (pins). Everything is built when `iotExplorer.inline.enabled` is on
 * and disposed when it is switched off: then there are no providers, timers, items or requests at all.

 */
import * as vscode from 'vscode';
import type { CommandCall, CommandKernel } from '../commands/kernel';
import type { Explorer } from '../explorer/explorer';
import { TreeNode } from '../explorer/treeNode';
import type { Platform } from '../connections/profile';
import { InlineCodeLensProvider } from './codeLensProvider';
import { COMPLETION_TRIGGERS, NamesPathCompletionProvider } from './completion';
import { NamesPathDiagnostics } from './diagnostics';
import { INLINE_SELECTOR, isInlineDocument, referencesOf } from './documentReferences';
import { FileConnections, type ProfileSource } from './fileConnection';
import { InlineHoverProvider } from './hoverProvider';
import { platformLabel, type InlineContext, type InlineLog } from './inlineContext';
import { LatestValueService } from './latestValueService';
import { revealInTree, type RevealTarget } from './revealInTree';
import { INLINE_SECTION, inlineSettings } from './settings';
import { StatusBarPins } from './statusBarPins';
import { TreeValues, valueRefOfNode } from './treeValues';
import type { SessionSource } from './valueBackend';
import { INLINE_COMMANDS } from './valueMarkdown';
import { parseValueRef, type ValueRef } from './valueRef';
import { iconText } from '../shared/escape/message';

export interface InlineDeps {
  readonly commands: CommandKernel;
  readonly sessions: SessionSource;
  readonly store: ProfileSource;
  readonly log: InlineLog;
  /** The Connections tree (tree values and "Reveal in tree"); optional. */
  readonly explorer?: Explorer;
}

/** The parts of the feature while it is on. */
export interface InlineFeature {
  readonly values: LatestValueService;
  readonly connections: FileConnections;
  readonly hovers: InlineHoverProvider;
  readonly codeLenses: InlineCodeLensProvider;
  readonly completion: NamesPathCompletionProvider;
  readonly diagnostics: NamesPathDiagnostics;
  readonly pins: StatusBarPins;
  readonly tree: TreeValues;
}

export interface InlinePreviewsApi extends vscode.Disposable {
  /** The running feature; undefined while `iotExplorer.inline.enabled` is off. */
  readonly feature: InlineFeature | undefined;
  /** For the explorer's getTreeItem: the live value as the node's description. */
  decorate(node: TreeNode, item: vscode.TreeItem): void;
  /** For the explorer's resolveTreeItem: the tooltip with the sparkline. */
  resolveTreeItem(node: TreeNode, item: vscode.TreeItem, token?: vscode.CancellationToken): Promise<vscode.TreeItem>;
}

type Context = Pick<vscode.ExtensionContext, 'subscriptions' | 'workspaceState'>;

export function registerInlinePreviews(context: Context, services: InlineDeps): InlinePreviewsApi {
  let feature: (InlineFeature & { dispose(): void }) | undefined;
  const sync = (): void => {
    const on = inlineSettings.enabled();
    if (on && !feature) feature = startFeature(context, services);
    else if (!on && feature) {
      feature.dispose();
      feature = undefined;
    }
  };
  const off = (): undefined => {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inline previews are switched off (setting "iotExplorer.inline.enabled").'));
    return undefined;
  };
  /** Inline commands do nothing (but say why) while the feature is switched off. */
  const run = (id: Parameters<CommandKernel['register']>[0], fn: (f: InlineFeature, call: CommandCall) => Promise<unknown>): vscode.Disposable =>
    services.commands.register(id, (call) => (feature ? fn(feature, call) : off()));

  context.subscriptions.push(
    run(INLINE_COMMANDS.revealInTree, async (f, call) => {
      if (!services.explorer) return undefined;
      const t = (parseValueRef(call.value) ?? call.value) as RevealTarget;
      const assetId = call.args[1];
      return revealInTree(t, { explorer: services.explorer, names: f.values.names, sessions: services.sessions }, typeof assetId === 'string' ? assetId : undefined);
    }),
    run(INLINE_COMMANDS.pin, async (f, call) => {
      const items: unknown[] = call.nodes.length ? [...call.nodes] : [call.value ?? services.explorer?.treeView.selection[0]];
      const refs = items.map((x) => parseValueRef(x) ?? (x instanceof TreeNode ? valueRefOfNode(x) : undefined)).filter((r): r is ValueRef => !!r);
      if (refs.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select an attribute, datanode or property to pin (in the IoT Explorer view or a hover).'));
        return undefined;
      }
      for (const r of refs) await f.pins.add(r);
      return refs.length;
    }),
    run(INLINE_COMMANDS.unpin, async (f, call) => {
      let ref = parseValueRef(call.value) ?? (call.node ? valueRefOfNode(call.node) : undefined);
      if (!ref) {
        const picked = await vscode.window.showQuickPick(
          f.pins.list().map((r) => ({ label: iconText(r.label ?? r.kind), ref: r })),
          { title: vscode.l10n.t('Unpin which value?') },
        );
        ref = picked?.ref;
      }
      if (ref) await f.pins.remove(ref);
      return undefined;
    }),
    run(INLINE_COMMANDS.pinMenu, async (f, call) => {
      const ref = parseValueRef(call.value);
      if (ref) await f.pins.menu(ref);
    }),
    run(INLINE_COMMANDS.selectConnection, async (f, call) => f.connections.pick(call.value === 'iotticket' || call.value === 'altair' ? call.value : undefined)),
    // Live values are off in Restricted Mode (inlineSettings.enabled): trusting the workspace turns them on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => sync()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${INLINE_SECTION}.enabled`)) sync();
      else if (feature && e.affectsConfiguration(`${INLINE_SECTION}.pollIntervalSeconds`)) {
        const f = feature;
        f.dispose();
        feature = startFeature(context, services);
      }
    }),
    { dispose: () => feature?.dispose() },
  );
  sync();

  return {
    get feature() {
      return feature;
    },
    decorate(node, item) {
      feature?.tree.decorate(node, item);
    },
    resolveTreeItem(node, item, token) {
      return feature ? feature.tree.resolveTreeItem(node, item, token) : Promise.resolve(item);
    },
    dispose() {
      feature?.dispose();
      feature = undefined;
    },
  };
}

/** Builds everything the feature needs; its `dispose` removes all of it. */
function startFeature(context: Context, services: InlineDeps): InlineFeature & { dispose(): void } {
  const values = new LatestValueService(services.sessions);
  const connections = new FileConnections(context.workspaceState, services.store);
  const ctx: InlineContext = { values, connections, sessions: services.sessions, profiles: services.store, log: services.log };
  const hovers = new InlineHoverProvider(ctx);
  const codeLenses = new InlineCodeLensProvider(ctx);
  const completion = new NamesPathCompletionProvider(ctx);
  const diagnostics = new NamesPathDiagnostics(ctx);
  const pins = new StatusBarPins(context.workspaceState, values);
  const tree = new TreeValues(values, services.explorer);
  const status = vscode.languages.createLanguageStatusItem('iotExplorer.inline.connection', INLINE_SELECTOR);
  status.name = vscode.l10n.t('IoT Explorer connection');
  const updateStatus = (): void => {
    const parts = (['iotticket', 'altair'] as Platform[]).map((p) => {
      const c = connections.connectionFor(p);
      return c ? iconText(c.label, 60) : connections.needsChoice(p) ? vscode.l10n.t('{0}: not chosen', platformLabel(p)) : undefined;
    });
    const text = parts.filter(Boolean).join(' · ');
    status.text = `$(plug) ${text || vscode.l10n.t('No IoT connection')}`;
    status.detail = vscode.l10n.t('Live values in this file come from it');
    status.command = { title: vscode.l10n.t('Choose…'), command: INLINE_COMMANDS.selectConnection };
  };
  updateStatus();

  // Visible editors with series calls get their lenses read again every poll interval; pins too.
  let lensTimer: NodeJS.Timeout | undefined;
  const refreshLenses = (): void => {
    if (lensTimer) return;
    lensTimer = setTimeout(() => {
      lensTimer = undefined;
      codeLenses.refresh();
    }, 300);
  };
  const poll = setInterval(() => {
    if (!vscode.window.state.focused) return;
    if (vscode.window.visibleTextEditors.some((e) => isInlineDocument(e.document) && referencesOf(e.document).calls.length > 0)) codeLenses.refresh();
    void pins.refresh();
  }, inlineSettings.pollIntervalMs());

  const disposables: vscode.Disposable[] = [
    vscode.languages.registerHoverProvider(INLINE_SELECTOR, hovers),
    vscode.languages.registerCodeLensProvider(INLINE_SELECTOR, codeLenses),
    vscode.languages.registerCompletionItemProvider(INLINE_SELECTOR, completion, ...COMPLETION_TRIGGERS),
    connections.onDidChange(() => {
      updateStatus();
      values.invalidate();
      codeLenses.refresh();
    }),
    values.onDidChange(() => refreshLenses()),
    status,
    diagnostics,
    codeLenses,
    pins,
    tree,
    connections,
    values,
  ];
  return {
    values,
    connections,
    hovers,
    codeLenses,
    completion,
    diagnostics,
    pins,
    tree,
    dispose() {
      clearInterval(poll);
      if (lensTimer) clearTimeout(lensTimer);
      for (const d of disposables) d.dispose();
    },
  };
}
