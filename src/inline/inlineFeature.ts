/**
 * The inline previews themselves, loaded on first use (src/inline/registerInlinePreviews.ts is what
 * activation registers): the providers, the latest values, the tree values, the pins and the commands.
 */
import * as vscode from 'vscode';
import type { CommandCall } from '../commands/kernel';
import { TreeNode } from '../explorer/treeNode';
import type { Platform } from '../connections/profile';
import { InlineCodeLensProvider } from './codeLensProvider';
import { COMPLETION_TRIGGERS, NamesPathCompletionProvider } from './completion';
import { NamesPathDiagnostics } from './diagnostics';
import { INLINE_SELECTOR, isInlineDocument, referencesOf } from './documentReferences';
import { FileConnections } from './fileConnection';
import { InlineHoverProvider } from './hoverProvider';
import { platformLabel, type InlineContext } from './inlineContext';
import { LatestValueService } from './latestValueService';
import type { InlineDeps, InlineFeature } from './inlineTypes';
import { revealInTree, type RevealTarget } from './revealInTree';
import { inlineSettings } from './settings';
import { StatusBarPins } from './statusBarPins';
import { TreeValues, valueRefOfNode } from './treeValues';
import { INLINE_COMMANDS } from './valueMarkdown';
import { parseValueRef, type ValueRef } from './valueRef';
import { iconText } from '../shared/escape/message';

type Context = Pick<vscode.ExtensionContext, 'subscriptions' | 'workspaceState'>;

/** The inline commands, by id; the shell runs them once the feature is on. */
export function inlineCommands(services: InlineDeps): Record<string, (f: InlineFeature, call: CommandCall) => Promise<unknown>> {
  return {
    [INLINE_COMMANDS.revealInTree]: async (f, call) => {
      if (!services.explorer) return undefined;
      const t = (parseValueRef(call.value) ?? call.value) as RevealTarget;
      const assetId = call.args[1];
      return revealInTree(t, { explorer: services.explorer, names: f.values.names }, typeof assetId === 'string' ? assetId : undefined);
    },
    [INLINE_COMMANDS.pin]: async (f, call) => {
      const items: unknown[] = call.nodes.length ? [...call.nodes] : [call.value ?? services.explorer?.treeView.selection[0]];
      const refs = items.map((x) => parseValueRef(x) ?? (x instanceof TreeNode ? valueRefOfNode(x) : undefined)).filter((r): r is ValueRef => !!r);
      if (refs.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select an attribute, datanode or property to pin (in the IoT Explorer view or a hover).'));
        return undefined;
      }
      for (const r of refs) await f.pins.add(r);
      return refs.length;
    },
    [INLINE_COMMANDS.unpin]: async (f, call) => {
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
    },
    [INLINE_COMMANDS.pinMenu]: async (f, call) => {
      const ref = parseValueRef(call.value);
      if (ref) await f.pins.menu(ref);
    },
    [INLINE_COMMANDS.selectConnection]: async (f, call) => f.connections.pick(call.value === 'iotticket' || call.value === 'altair' ? call.value : undefined),
  };
}

/** Builds everything the feature needs; its `dispose` removes all of it. */
export function startFeature(context: Context, services: InlineDeps): InlineFeature & { dispose(): void } {
  const values = new LatestValueService(services.sessions, undefined, services.live);
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
    // A connection that fails or comes back is shown so in every lens at once.
    services.sessions.health?.onDidChange(() => refreshLenses()) ?? { dispose: () => undefined },
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
