/**
 * Commands on tree nodes: refresh, load more, log entries, Open JSON, copy id / names path / Python
 * snippet, favourites, filters, Go to…, charts, and the IoT-TICKET tree print and event history. Node
 * commands act on the clicked node or the whole multi-selection (the tree's selection when run by key);
 * connection-level ones (Go to…, filters) ask for the connection when run from the palette.
 */
import * as vscode from 'vscode';
import type { CommandKernel } from '../../commands/kernel';
import type { JsonDocumentProvider } from '../../documents/jsonDocuments';
import type { ThingFileSystem } from '../../documents/thingFileSystem';
import type { ExplorerLog } from '../../log';
import type { Explorer } from '../explorer';
import { pickConnection } from '../../commands/connectionPicker';
import { goToInteractive } from '../goTo';
import type { ConnectionNode } from '../nodes/connectionNode';
import { LoadMoreNode } from '../nodes/placeholderNodes';
import { refAs } from '../../shared/refs';
import { revealFavourite } from '../favouriteReveal';
import type { TreeNode } from '../treeNode';
import { isErrorRow } from '../contextValues';

export interface NodeCommandDeps {
  readonly commands: CommandKernel;
  readonly explorer: Explorer;
  readonly log: ExplorerLog;
  readonly json: JsonDocumentProvider;
  readonly things: ThingFileSystem;
  readonly extensionUri: vscode.Uri;
}

export function registerNodeCommands(deps: NodeCommandDeps): vscode.Disposable[] {
  const { explorer, log, commands } = deps;
  const withCapability = <K extends keyof TreeNode>(nodes: readonly TreeNode[], key: K, what: string): TreeNode[] => {
    const list = nodes.filter((n) => typeof n[key] === 'function');
    if (list.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Select a node that has {0} in the IoT Explorer view.', what));
    return list;
  };
  const copy = async (text: string, what: string): Promise<void> => {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 3000);
  };

  return [
    commands.register('iotExplorer.refresh', () => explorer.refresh()),
    commands.register('iotExplorer.refreshNode', (call) => {
      // An error node stands for its level: refreshing it loads that level again.
      const list = call.targets().map((n) => (isErrorRow(n) && n.parent ? n.parent : n));
      if (list.length === 0) explorer.refresh();
      for (const n of list) explorer.refresh(n);
    }),
    commands.register('iotExplorer.loadMore', async (call) => {
      const node = call.node;
      if (!(node instanceof LoadMoreNode)) return;
      const owner = node.owner;
      await explorer.state.run(node, vscode.l10n.t('loading…'), () => owner.loader!.loadMore());
      explorer.provider.fire([owner]);
    }),
    commands.register('iotExplorer.loadManyMore', async (call) => {
      // Jumps past many pages when the platform gives no total (Altair's cursors): ten pages, cancellable.
      const node = call.node;
      if (!(node instanceof LoadMoreNode)) return;
      const owner = node.owner;
      const loader = owner.loader!;
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading 10 more pages of "{0}"', owner.label), cancellable: true },
        async (progress, token) => {
          for (let page = 1; page <= LOAD_MANY_PAGES && loader.hasMore && !loader.failed && !token.isCancellationRequested; page++) {
            await loader.loadMore();
            progress.report({ increment: 100 / LOAD_MANY_PAGES, message: vscode.l10n.t('{0} loaded', loader.loadedCount.toLocaleString('en-US')) });
            explorer.provider.fire([owner]);
          }
        },
      );
    }),
    commands.register('iotExplorer.showLog', () => log.show()),
    commands.register('iotExplorer.openJson', async (call) => {
      for (const n of withCapability(call.targets(), 'json', vscode.l10n.t('JSON')).slice(0, 10)) {
        const title = `${n.label}`;
        await explorer.state.run(n, vscode.l10n.t('opening…'), () => deps.json.open(n.id, title, (signal) => n.json!(signal)));
      }
    }),
    commands.register('iotExplorer.editThing', async (call) => {
      const node = (call.node ? [call.node] : call.targets()).find((n) => refAs(n.ref, 'altair-thing'));
      const ref = refAs(node?.ref, 'altair-thing');
      if (!node || !ref) return;
      await explorer.state.run(node, vscode.l10n.t('opening…'), () => deps.things.open(ref, node.label));
    }),
    commands.register('iotExplorer.copyId', async (call) => {
      const ids = withCapability(call.targets(), 'platformId', vscode.l10n.t('an id'))
        .map((n) => n.platformId!())
        .filter((x): x is string => !!x);
      if (ids.length) await copy(ids.join('\n'), ids.length === 1 ? ids[0] : vscode.l10n.t('{0} ids', ids.length));
    }),
    commands.register('iotExplorer.copyNamesPath', async (call) => {
      const paths = withCapability(call.targets(), 'namesPath', vscode.l10n.t('a names path'))
        .map((n) => n.namesPath!())
        .filter((x): x is string[] => !!x);
      if (paths.length) await copy(paths.map((p) => JSON.stringify(p)).join('\n'), paths.length === 1 ? paths[0].join(' / ') : vscode.l10n.t('{0} names paths', paths.length));
    }),
    commands.register('iotExplorer.copyPythonSnippet', async (call) => {
      const snippets = withCapability(call.targets(), 'pythonSnippet', vscode.l10n.t('a Python snippet'))
        .map((n) => n.pythonSnippet!())
        .filter((x) => x !== undefined);
      if (snippets.length) await copy((await import('../../snippets/pythonSnippet')).formatSnippets(snippets), vscode.l10n.t('Python snippet'));
    }),
    commands.register('iotExplorer.pin', async (call) => {
      for (const n of withCapability(call.targets(), 'favourite', vscode.l10n.t('a favourite'))) {
        const f = n.favourite!();
        if (f) await explorer.favourites.add(f);
      }
    }),
    commands.register('iotExplorer.unpin', async (call) => {
      for (const n of call.targets()) {
        const f = n.pinned ?? n.favourite?.();
        if (f) await explorer.favourites.remove(f);
      }
    }),
    commands.register('iotExplorer.revealFavourite', async (call) => {
      const [n] = call.node ? [call.node] : call.targets();
      if (n) await revealFavourite(explorer, n);
    }),
    commands.register('iotExplorer.goTo', async (call) => {
      // The same from the title bar, the keyboard or the palette: the connection the arguments name, else
      // the selected node's, else the only one (or the user's pick); the picker can switch connection.
      const query = { placeholder: vscode.l10n.t('Go to… in which connection?') };
      const selected = call.connectionId() ?? explorer.selection[0]?.connectionId;
      const profile = selected ? explorer.store.get(selected) : await call.connection(query);
      const conn = profile && explorer.connection(profile.id);
      if (!conn) return undefined;
      const choose = async (): Promise<ConnectionNode | undefined> => {
        const next = await pickConnection(explorer.store, query);
        return next && explorer.connection(next.id);
      };
      return goToInteractive(explorer, conn, choose);
    }),
    commands.register('iotExplorer.setFilter', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Filter which connection?') });
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
        // The first matches open, so that the narrowed tree shows them rather than only their roots.
        const narrowed = await conn.narrowed();
        if (narrowed && !(narrowed instanceof Error)) for (const m of narrowed.matches.slice(0, 3)) await explorer.reveal(m, { select: false, focus: false });
      }
    }),
    commands.register('iotExplorer.clearFilter', async (call) => {
      // From a connection: its filter. Else, with several filters set, the picker offers all of them at once.
      const filtered = explorer.store.list().filter((p) => explorer.filters.get(p.id));
      const named = call.connectionId();
      if (named || filtered.length <= 1) {
        const profile = await call.connection({ placeholder: vscode.l10n.t('Clear the filter of which connection?'), filter: (p) => !!explorer.filters.get(p.id) });
        if (profile) await explorer.filters.set(profile.id, undefined);
        return;
      }
      const all = { label: `$(clear-all) ${vscode.l10n.t('All filters')}`, ids: filtered.map((p) => p.id) };
      const picks = [all, ...filtered.map((p) => ({ label: p.label, description: `"${explorer.filters.get(p.id)}"`, ids: [p.id] }))];
      const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Clear which filter?') });
      for (const id of picked?.ids ?? []) await explorer.filters.set(id, undefined);
    }),
    commands.register('iotExplorer.printAssetTree', async (call) => {
      const [n] = call.node ? [call.node] : call.targets();
      return n ? explorer.state.run(n, vscode.l10n.t('printing…'), async () => (await import('../nodes/iotticket/iotticketCommands')).printAssetTree(n)) : undefined;
    }),
    commands.register('iotExplorer.showEventHistory', async (call) => {
      const list = call.targets();
      return list.length ? (await import('../nodes/iotticket/iotticketCommands')).showEventHistory(list, deps.extensionUri) : undefined;
    }),
  ];
}

/** Pages "Load 10 More Pages" reads. */
const LOAD_MANY_PAGES = 10;
