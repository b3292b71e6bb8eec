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
import type { PlatformSearch, SearchHit } from './search';
import type { TreeNode } from './treeNode';
import { iconText } from '../shared/escape/message';

/** Most items shown at once; the title says how many more matched (never a silent cap). */
const SHOWN = 200;

export function searchOf(connection: ConnectionNode): PlatformSearch {
  return platformTree(connection.profile.platform).search;
}

/** Non-interactive Go to (tests, API): the first hit for `text`, revealed. */
export async function goToText(explorer: Explorer, connection: ConnectionNode, text: string, signal = new AbortController().signal): Promise<TreeNode | undefined> {
  const result = await searchOf(connection)(connection, text, signal);
  const hit = result.hits[0];
  if (!hit) return undefined;
  return revealHit(explorer, connection, hit, signal);
}

export async function revealHit(explorer: Explorer, connection: ConnectionNode, hit: SearchHit, signal: AbortSignal): Promise<TreeNode> {
  const node = await hit.locate(connection, signal);
  // Every level above the node must have been asked for by VS Code before reveal can find it.
  await explorer.reveal(node, { select: true, focus: true, expand: false });
  return node;
}

interface HitItem extends vscode.QuickPickItem {
  readonly hit: SearchHit;
}

export async function goToInteractive(explorer: Explorer, connection: ConnectionNode): Promise<TreeNode | undefined> {
  const search = searchOf(connection);
  const pick = vscode.window.createQuickPick<HitItem>();
  pick.title = vscode.l10n.t('Go to… in {0}', connection.label);
  pick.placeholder = platformTree(connection.profile.platform).searchPlaceholder();
  pick.matchOnDescription = true;
  let abort: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  const run = (text: string): void => {
    abort?.abort();
    if (timer) clearTimeout(timer);
    if (!text.trim()) {
      pick.items = [];
      pick.busy = false;
      return;
    }
    const controller = new AbortController();
    abort = controller;
    pick.busy = true;
    timer = setTimeout(() => {
      search(connection, text, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          const shown = result.hits.slice(0, SHOWN);
          pick.items = shown.map((hit) => ({
            label: `$(${hit.icon ?? 'symbol-misc'}) ${iconText(hit.label)}`,
            description: hit.description === undefined ? undefined : iconText(hit.description),
            alwaysShow: true,
            hit,
          }));
          const more = result.hits.length - shown.length;
          pick.title =
            more > 0
              ? vscode.l10n.t('{0} matches in {1} — showing the first {2}; type more to narrow', result.hits.length, connection.label, SHOWN)
              : vscode.l10n.t('{0} matches in {1}{2}', result.hits.length, connection.label, result.searched ? ` (${result.searched.toLocaleString('en-US')} searched)` : '');
          pick.busy = false;
        },
        (err: unknown) => {
          if (controller.signal.aborted || isCancellation(err)) return;
          pick.busy = false;
          explorer.log.error(`Go to… in "${connection.label}" failed`, err);
          pick.title = vscode.l10n.t('Search failed: {0}', errorMessage(err));
        },
      );
    }, 200);
  };

  return new Promise<TreeNode | undefined>((resolve) => {
    pick.onDidChangeValue(run);
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
      abort?.abort();
      pick.dispose();
      resolve(undefined);
    });
    pick.show();
  });
}
