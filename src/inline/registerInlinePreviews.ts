/**
 * Inline telemetry previews: live values in the editor (hovers, CodeLens, completion, diagnostics) for
 * Python, JavaScript/TypeScript, JSON and notebook cells, in the Connections tree (descriptions and
 * tooltips) and in the status bar (pins). Everything is built when `iotExplorer.inline.enabled` is on
 * and disposed when it is switched off: then there are no providers, timers, items or requests at all.
 * This is what activation registers: the commands and the tree hooks. The feature's code
 * (src/inline/inlineFeature.ts) loads on first use: when a Python, JavaScript/TypeScript or JSON document
 * or a notebook is open, a value is pinned, the tree shows a value or an inline command runs.

 */
import * as vscode from 'vscode';
import type { CommandCall, CommandId } from '../commands/kernel';
import type { TreeNode } from '../explorer/treeNode';
import type * as InlineFeatureModule from './inlineFeature';
import type { InlineDeps, InlineFeature } from './inlineTypes';
import { scanLanguageOf } from './scanner';
import { INLINE_SECTION, inlineSettings } from './settings';

export type { InlineDeps, InlineFeature } from './inlineTypes';

export interface InlinePreviewsApi extends vscode.Disposable {
  /** The running feature; undefined while `iotExplorer.inline.enabled` is off or before its first use. */
  readonly feature: InlineFeature | undefined;
  /** What first asked for the feature: `document <languageId> <uri>`, `tree`, `pins` or `command` (tests check activation stays lean). */
  readonly wantedBy: string | undefined;
  /** Starts the feature now (if switched on): what its first use does. */
  start(): Promise<InlineFeature | undefined>;
  /** For the explorer's getTreeItem: the live value as the node's description. */
  decorate(node: TreeNode, item: vscode.TreeItem): void;
  /** For the explorer's resolveTreeItem: the tooltip with the sparkline. */
  resolveTreeItem(node: TreeNode, item: vscode.TreeItem, token?: vscode.CancellationToken): Promise<vscode.TreeItem>;
}

type Context = Pick<vscode.ExtensionContext, 'subscriptions' | 'workspaceState'>;

type FeatureModule = typeof InlineFeatureModule;
type Running = InlineFeature & { dispose(): void };

const COMMAND_IDS: readonly CommandId[] = [
  'iotExplorer.inline.revealInTree', 'iotExplorer.inline.pinToStatusBar', 'iotExplorer.inline.unpinFromStatusBar',
  'iotExplorer.inline.pinMenu', 'iotExplorer.inline.selectConnection',
];
/** Tree nodes that may show a value (see treeValues.ts valueRefOfNode). */
const VALUE_KINDS = new Set(['iotticket-attribute', 'v1-datanode', 'altair-property']);
const PINS_KEY = 'iotExplorer.inline.pins';

export function registerInlinePreviews(context: Context, services: InlineDeps): InlinePreviewsApi {
  let feature: Running | undefined;
  let module: Promise<FeatureModule> | undefined;
  /** Something needed the feature: from then on it runs whenever it is switched on. */
  let wanted = false;
  /** Tree nodes asked for before the feature ran: repainted once it does. */
  const pending = new Set<TreeNode>();

  const load = (): Promise<FeatureModule> => (module ??= import('./inlineFeature'));
  const sync = async (): Promise<Running | undefined> => {
    const on = inlineSettings.enabled();
    if (!on && feature) {
      feature.dispose();
      feature = undefined;
    }
    if (!on || !wanted) return feature;
    const m = await load();
    // Switched off, or started by another caller, while the module loaded.
    if (!feature && inlineSettings.enabled()) {
      feature = m.startFeature(context, services);
      for (const node of pending) services.explorer?.services.repaint(node);
      pending.clear();
    }
    return feature;
  };
  let wantedBy: string | undefined;
  const want = (by: string): Promise<Running | undefined> => {
    wantedBy ??= by;
    wanted = true;
    return sync();
  };
  const report = (err: unknown): void => {
    services.log.error('Inline previews could not start', err);
  };
  const onDocument = (doc: vscode.TextDocument): void => {
    if (!wanted && scanLanguageOf(doc.languageId)) void want(`document ${doc.languageId} ${doc.uri.toString()}`).catch(report);
  };
  const off = (): undefined => {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inline previews are switched off (setting "iotExplorer.inline.enabled").'));
    return undefined;
  };
  /** Inline commands do nothing (but say why) while the feature is switched off. */
  const run = (id: CommandId): vscode.Disposable =>
    services.commands.register(id, async (call: CommandCall) => {
      const f = await want('command');
      return f ? (await load()).inlineCommands(services)[id]?.(f, call) : off();
    });

  context.subscriptions.push(
    ...COMMAND_IDS.map(run),
    // Live values are off in Restricted Mode (inlineSettings.enabled): trusting the workspace turns them on.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void sync().catch(report);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${INLINE_SECTION}.enabled`)) void sync().catch(report);
      else if (feature && e.affectsConfiguration(`${INLINE_SECTION}.pollIntervalSeconds`)) {
        feature.dispose();
        feature = undefined;
        void sync().catch(report);
      }
    }),
    vscode.workspace.onDidOpenTextDocument(onDocument),
    { dispose: () => feature?.dispose() },
  );
  // Documents open at activation (activation on Python files and notebooks) and pins kept from the last session.
  for (const doc of vscode.workspace.textDocuments) onDocument(doc);
  if ((context.workspaceState.get<unknown[]>(PINS_KEY) ?? []).length > 0) void want('pins').catch(report);

  return {
    get feature() {
      return feature;
    },
    get wantedBy() {
      return wantedBy;
    },
    start: () => want('command'),
    decorate(node, item) {
      if (feature) feature.tree.decorate(node, item);
      else if (node.ref && VALUE_KINDS.has(node.ref.kind) && inlineSettings.enabled()) {
        pending.add(node);
        void want('tree').catch(report);
      }
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
