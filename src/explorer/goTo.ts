/**
 * "Go to…": a quick pick over one connection that searches as the user types (server-side search
 * where the platform has one, an index of names paths for the IoT-TICKET asset tree) and reveals the
 * chosen entity in the tree, loading the levels above it.
 */
import * as vscode from 'vscode';
import { reportError } from '../commands/reportError';
import { errorMessage, isCancellation } from '../platforms/http';
import type { Explorer } from './explorer';
import type { ConnectionNode } from './nodes/connectionNode';
import { platformTree } from './platforms/trees';
import type { PlatformSearch, SearchHit, SearchResult } from './search';
import type { TreeNode } from './treeNode';
import { iconText } from '../shared/escape/message';

/** Most items shown at once; the title says how many more matched (never a silent cap). */
const SHOWN = 200;

/** The connection's platform search. */
export async function searchOf(connection: ConnectionNode): Promise<PlatformSearch> {
  return (await platformTree(connection.profile.platform)).search;
}

/** Non-interactive Go to (tests, API): the first hit for `text`, revealed. */
export async function goToText(explorer: Explorer, connection: ConnectionNode, text: string, signal = new AbortController().signal): Promise<TreeNode | undefined> {
  const result = await (await searchOf(connection))(connection, text, signal);
  const hit = result.hits[0];
  if (!hit) return undefined;
  return revealHit(explorer, connection, hit, signal);
}

export async function revealHit(explorer: Explorer, connection: ConnectionNode, hit: SearchHit, signal: AbortSignal): Promise<TreeNode> {
  const node = await hit.locate(connection, signal);
  // Every level above the node must have been asked for by VS Code before reveal can find it.
  try {
    await explorer.reveal(node, { select: true, focus: true, expand: false });
    return node;
  } catch (err) {
    // A reset that VS Code has not heard of yet (a filter cleared, an auto-refresh: their repaint is
    // debounced) replaced the levels above the node, so VS Code cannot place it. Tell VS Code now, locate
    // once more in the tree as it is, and reveal that (once: a second failure is reported).
    connection.services.repaint(connection);
    const again = await hit.locate(connection, signal);
    await explorer.reveal(again, { select: true, focus: true, expand: false }).catch(() => {
      throw err;
    });
    return again;
  }
}

interface HitItem extends vscode.QuickPickItem {
  readonly hit: SearchHit;
}

/** "1 match in X", "N matches in X" (with how many were searched), or the progress of the index. */
export function titleOf(result: SearchResult, connection: string): string {
  const n = result.hits.length;
  const matches = n === 1 ? vscode.l10n.t('1 match') : vscode.l10n.t('{0} matches', n.toLocaleString('en-US'));
  if (result.indexing) {
    const { indexed, total } = result.indexing;
    return total === undefined
      ? vscode.l10n.t('Indexing {0}… {1} so far', connection, matches)
      : vscode.l10n.t('Indexing {0}: {1} of {2} assets… {3} so far', connection, indexed.toLocaleString('en-US'), total.toLocaleString('en-US'), matches);
  }
  const title =
    n > SHOWN
      ? vscode.l10n.t('{0} in {1} — showing the first {2}; type more to narrow', matches, connection, SHOWN)
      : result.searched
        ? vscode.l10n.t('{0} in {1} ({2} searched)', matches, connection, result.searched.toLocaleString('en-US'))
        : vscode.l10n.t('{0} in {1}', matches, connection);
  // A stored index may miss what changed since: say how old it is (a fresh one replaces it when built).
  return result.storedAt === undefined ? title : vscode.l10n.t('{0} — index of {1}, refreshing', title, new Date(result.storedAt).toLocaleString());
}

/**
 * The Go to… picker on one connection: matches appear while the index of a large tree is still being
 * built (the title shows its progress), and the title bar's button switches to another connection,
 * keeping the text.
 */
export async function goToInteractive(explorer: Explorer, first: ConnectionNode, chooseConnection: () => Promise<ConnectionNode | undefined>): Promise<TreeNode | undefined> {
  let connection = first;
  const pick = vscode.window.createQuickPick<HitItem>();
  const switchButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('plug'), tooltip: vscode.l10n.t('Switch connection') };
  pick.buttons = [switchButton];
  pick.matchOnDescription = true;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  const show = (result: SearchResult): void => {
    pick.items = result.hits.slice(0, SHOWN).map((hit) => ({
      label: `$(${hit.icon ?? 'symbol-misc'}) ${iconText(hit.label)}`,
      description: hit.description === undefined ? undefined : iconText(hit.description),
      alwaysShow: true,
      hit,
    }));
    pick.title = titleOf(result, connection.label);
  };
  const reset = (): void => {
    pick.title = vscode.l10n.t('Go to… in {0}', connection.label);
    const shown = connection;
    void platformTree(shown.profile.platform).then((tree) => {
      if (connection === shown) pick.placeholder = tree.searchPlaceholder();
    });
  };

  const run = (text: string): void => {
    abort?.abort();
    if (timer) clearTimeout(timer);
    if (!text.trim()) {
      pick.items = [];
      pick.busy = false;
      reset();
      return;
    }
    const controller = new AbortController();
    abort = controller;
    pick.busy = true;
    const conn = connection;
    timer = setTimeout(() => {
      const partial = (result: SearchResult): void => {
        if (!controller.signal.aborted) show(result);
      };
      searchOf(conn).then((search) => search(conn, text, controller.signal, partial)).then(
        (result) => {
          if (controller.signal.aborted) return;
          show(result);
          pick.busy = false;
        },
        (err: unknown) => {
          if (controller.signal.aborted || isCancellation(err)) return;
          pick.busy = false;
          explorer.log.error(`Go to… in "${conn.label}" failed`, err);
          pick.title = vscode.l10n.t('Search failed: {0}', errorMessage(err));
        },
      );
    }, 200);
  };

  return new Promise<TreeNode | undefined>((resolve) => {
    let switching = false;
    pick.onDidChangeValue(run);
    pick.onDidTriggerButton(async (button) => {
      if (button !== switchButton) return;
      switching = true;
      const value = pick.value;
      const next = await chooseConnection();
      switching = false;
      if (next) connection = next;
      reset();
      pick.value = value;
      pick.show();
      run(value);
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (!item) return;
      pick.busy = true;
      const controller = new AbortController();
      revealHit(explorer, connection, item.hit, controller.signal).then(
        (node) => {
          pick.hide();
          resolve(node);
        },
        (err: unknown) => {
          pick.busy = false;
          reportError(explorer.log, err, { what: `Revealing "${item.hit.label}" failed` });
        },
      );
    });
    pick.onDidHide(() => {
      // The connection picker hides this one for a moment.
      if (switching) return;
      abort?.abort();
      pick.dispose();
      resolve(undefined);
    });
    reset();
    pick.show();
  });
}
