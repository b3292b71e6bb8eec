/**
 * Commands on tree nodes: refresh, load more, log entries, Open JSON, copy id / names path / Python
 * snippet, favourites, filters, Go to…, charts, and the IoT-TICKET tree print and event history. Node
 * commands act on the clicked node or the whole multi-selection (the tree's selection when run by key);
 * connection-level ones (Go to…, filters) ask for the connection when run from the palette.
 */
import * as vscode from 'vscode';
import type { JsonDocumentProvider } from '../../documents/jsonDocuments';
import type { ThingFileSystem } from '../../documents/thingFileSystem';
import { describeError, type ExplorerLog } from '../../log';
import { formatSnippets } from '../../snippets/pythonSnippet';
import { isCancellation } from '../../platforms/http';
import type { Explorer } from '../explorer';
import { goToInteractive } from '../goTo';
import { LoadMoreNode } from '../nodes/placeholderNodes';
import { ThingNode } from '../nodes/altair/thingNodes';
import { printAssetTree, showEventHistory } from '../nodes/iotticket/iotticketCommands';
import { revealFavourite } from '../nodes/favouritesNode';
import type { TreeNode } from '../treeNode';
import { pickConnection } from './connectionCommands';

export interface NodeCommandDeps {
  readonly explorer: Explorer;
  readonly log: ExplorerLog;
  readonly json: JsonDocumentProvider;
  readonly things: ThingFileSystem;
  readonly extensionUri: vscode.Uri;
}

/** The nodes a command acts on: VS Code passes (clicked node, selected nodes); the palette passes nothing. */
export function targets(explorer: Explorer, node: unknown, nodes: unknown): TreeNode[] {
  if (Array.isArray(nodes) && nodes.length > 0 && (node === undefined || nodes.includes(node))) return nodes as TreeNode[];
  if (node !== undefined && node !== null && typeof node === 'object' && 'id' in node) return [node as TreeNode];
  return [...explorer.selection];
}

export function registerNodeCommands(deps: NodeCommandDeps): vscode.Disposable[] {
  const { explorer, log } = deps;
  const register = (id: string, run: (node: unknown, nodes: unknown) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (node?: unknown, nodes?: unknown) => {
      try {
        return await run(node, nodes);
      } catch (err) {
        if (isCancellation(err)) return undefined;
        const entry = log.error(`${id} failed`, err);
        void vscode.window.showErrorMessage(describeError(err), vscode.l10n.t('Show Log')).then((c) => {
          if (c) void vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
        });
        return undefined;
      }
    });
  const withCapability = <K extends keyof TreeNode>(node: unknown, nodes: unknown, key: K, what: string): TreeNode[] => {
    const list = targets(explorer, node, nodes).filter((n) => typeof n[key] === 'function');
    if (list.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Select a node that has {0} in the IoT Explorer view.', what));
    return list;
  };
  const copy = async (text: string, what: string): Promise<void> => {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 3000);
  };

  return [
    register('iotExplorer.refresh', () => explorer.refresh()),
    register('iotExplorer.refreshNode', (node, nodes) => {
      // An error node stands for its level: refreshing it loads that level again.
      const list = targets(explorer, node, nodes).map((n) => (n.contextValue === 'iot.error' && n.parent ? n.parent : n));
      if (list.length === 0) explorer.refresh();
      for (const n of list) explorer.refresh(n);
    }),
    register('iotExplorer.loadMore', async (node) => {
      if (!(node instanceof LoadMoreNode)) return;
      const owner = node.owner;
      await explorer.state.run(node, vscode.l10n.t('loading…'), () => owner.loader!.loadMore());
      explorer.provider.fire([owner]);
    }),
    register('iotExplorer.showLog', () => log.show()),
    register('iotExplorer.openJson', async (node, nodes) => {
      for (const n of withCapability(node, nodes, 'json', vscode.l10n.t('JSON')).slice(0, 10)) {
        const title = `${n.label}`;
        await explorer.state.run(n, vscode.l10n.t('opening…'), () => deps.json.open(n.id, title, (signal) => n.json!(signal)));
      }
    }),
    register('iotExplorer.editThing', async (node) => {
      const thing = targets(explorer, node, undefined).find((n): n is ThingNode => n instanceof ThingNode);
      if (!thing) return;
      await explorer.state.run(thing, vscode.l10n.t('opening…'), () => deps.things.open(thing));
    }),
    register('iotExplorer.copyId', async (node, nodes) => {
      const ids = withCapability(node, nodes, 'platformId', vscode.l10n.t('an id'))
        .map((n) => n.platformId!())
        .filter((x): x is string => !!x);
      if (ids.length) await copy(ids.join('\n'), ids.length === 1 ? ids[0] : vscode.l10n.t('{0} ids', ids.length));
    }),
    register('iotExplorer.copyNamesPath', async (node, nodes) => {
      const paths = withCapability(node, nodes, 'namesPath', vscode.l10n.t('a names path'))
        .map((n) => n.namesPath!())
        .filter((x): x is string[] => !!x);
      if (paths.length) await copy(paths.map((p) => JSON.stringify(p)).join('\n'), paths.length === 1 ? paths[0].join(' / ') : vscode.l10n.t('{0} names paths', paths.length));
    }),
    register('iotExplorer.copyPythonSnippet', async (node, nodes) => {
      const snippets = withCapability(node, nodes, 'pythonSnippet', vscode.l10n.t('a Python snippet'))
        .map((n) => n.pythonSnippet!())
        .filter((x) => x !== undefined);
      if (snippets.length) await copy(formatSnippets(snippets), vscode.l10n.t('Python snippet'));
    }),
    register('iotExplorer.pin', async (node, nodes) => {
      for (const n of withCapability(node, nodes, 'descriptor', vscode.l10n.t('a favourite'))) {
        const d = n.descriptor!();
        if (d) await explorer.favourites.add(d);
      }
    }),
    register('iotExplorer.unpin', async (node, nodes) => {
      for (const n of targets(explorer, node, nodes)) {
        const d = (n as { favourite?: () => ReturnType<NonNullable<TreeNode['descriptor']>> }).favourite?.() ?? n.descriptor?.();
        if (d) await explorer.favourites.remove(d);
      }
    }),
    register('iotExplorer.revealFavourite', async (node) => {
      const [n] = targets(explorer, node, undefined);
      if (n) await revealFavourite(explorer, n);
    }),
    register('iotExplorer.goTo', async (node) => {
      const profile = await pickConnection(explorer.store, node, vscode.l10n.t('Go to… in which connection?'));
      const conn = profile && explorer.connection(profile.id);
      if (conn) return goToInteractive(explorer, conn);
    }),
    register('iotExplorer.setFilter', async (node) => {
      const profile = await pickConnection(explorer.store, node, vscode.l10n.t('Filter which connection?'));
      if (!profile) return;
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter "{0}"', profile.label),
        prompt: vscode.l10n.t('Show the assets or things whose name contains these words (empty clears the filter)'),
        value: explorer.filters.get(profile.id) ?? '',
      });
      if (text === undefined) return;
      await explorer.filters.set(profile.id, text);
      const conn = explorer.connection(profile.id);
      if (conn && text.trim()) {
        conn.expandOnce = true;
        await explorer.reveal(conn, { expand: 1, select: false });
      }
    }),
    register('iotExplorer.clearFilter', async (node) => {
      const profile = await pickConnection(explorer.store, node, vscode.l10n.t('Clear the filter of which connection?'), (p) => !!explorer.filters.get(p.id));
      if (profile) await explorer.filters.set(profile.id, undefined);
    }),
    register('iotExplorer.openChart', (node, nodes) => chart('iotExplorer.chart.open', node, nodes)),
    register('iotExplorer.addToChart', (node, nodes) => chart('iotExplorer.chart.addSeries', node, nodes)),
    register('iotExplorer.printAssetTree', async (node) => {
      const [n] = targets(explorer, node, undefined);
      return n ? explorer.state.run(n, vscode.l10n.t('printing…'), () => printAssetTree(n)) : undefined;
    }),
    register('iotExplorer.showEventHistory', async (node, nodes) => {
      const list = targets(explorer, node, nodes);
      return list.length ? showEventHistory(list, deps.extensionUri) : undefined;
    }),
  ];

  async function chart(command: string, node: unknown, nodes: unknown): Promise<unknown> {
    const series = targets(explorer, node, nodes)
      .map((n) => n.series?.())
      .filter((d) => d !== undefined);
    if (series.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select one or more series to chart: IoT-TICKET TelemetryData or Calculated attributes, v1 datanodes or numeric Altair properties.'),
      );
      return undefined;
    }
    const all = await vscode.commands.getCommands(true);
    if (!all.includes(command)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Charts are not available in this build.'));
      return undefined;
    }
    return vscode.commands.executeCommand(command, series[0], series);
  }
}

