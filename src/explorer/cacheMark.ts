/**
 * What the tree shows of a connection that cannot be reached comes from cache: such rows say so and
 * how old they are ("cached · 3 min ago"), in the description and the tooltip, until the connection
 * answers again.
 */
import * as vscode from 'vscode';
import { CONTEXT } from './contextValues';
import { formatAge } from './nodes/format';
import type { TreeNode } from './treeNode';

/** When the rows below `node`'s nearest loaded ancestor were read (undefined when never). */
export function loadedAt(node: TreeNode): number | undefined {
  for (let p = node.parent; p; p = p.parent) {
    const at = p.loader?.loadedAt;
    if (at !== undefined) return at;
  }
  return undefined;
}

/** Marks an entity row as cached while its connection fails. */
export function markCached(node: TreeNode, item: vscode.TreeItem, now = Date.now()): void {
  if (!node.parent || node.contextValue === CONTEXT.error || node.contextValue === CONTEXT.loadMore) return;
  const id = node.connectionId;
  if (!id || node.services.sessions.health.get(id).state !== 'failing') return;
  const at = loadedAt(node);
  if (at === undefined) return;
  const cached = vscode.l10n.t('cached · {0}', formatAge(at, now));
  const description = typeof item.description === 'string' && item.description ? item.description : '';
  item.description = description ? `${description} · ${cached}` : cached;
  const note = vscode.l10n.t('The connection cannot be reached: this was read {0} ({1}).', formatAge(at, now), new Date(at).toLocaleTimeString());
  if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n\n${note}`);
  else item.tooltip = item.tooltip ? `${item.tooltip}\n\n${note}` : note;
}
