/**
 * Keeps the tree honest about connection health: a transient failure starts recovery (probes with
 * backoff), expanding a node checks its connection (throttled) so cached rows are marked at once when
 * the server went away, connections in use are checked now and then while the view is visible, and a
 * connection that answers again reloads what failed, keeping what the user expanded.
 */
import * as vscode from 'vscode';
import type { HealthState, HealthTracker } from '../connections/health';
import type { Recovery } from '../connections/recovery';
import type { Explorer } from './explorer';
import type { TreeNode } from './treeNode';

export function watchHealth(explorer: Explorer, health: HealthTracker, recovery: Recovery): vscode.Disposable {
  const last = new Map<string, HealthState>();
  const checkSeconds = (): number => vscode.workspace.getConfiguration('iotExplorer').get<number>('health.checkSeconds', 60);
  let timer: NodeJS.Timeout | undefined;
  const restartTimer = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const sec = checkSeconds();
    if (!(sec > 0)) return;
    timer = setInterval(() => {
      if (!explorer.treeView.visible) return;
      for (const p of explorer.store.list()) if (health.get(p.id).state === 'ok') void recovery.check(p.id);
    }, sec * 1000);
  };
  restartTimer();
  const disposables = [
    health.onDidChange((id) => {
      const now = health.get(id);
      const before = last.get(id);
      last.set(id, now.state);
      if (now.state === 'failing' && now.transient) recovery.failed(id);
      else if (now.state === 'ok') {
        recovery.recovered(id);
        if (before === 'failing') reloadFailed(explorer, id);
      }
    }),
    explorer.treeView.onDidExpandElement((e) => {
      const id = e.element.connectionId;
      if (id && health.get(id).state === 'ok') void recovery.check(id);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('iotExplorer.health.checkSeconds')) restartTimer();
    }),
  ];
  return new vscode.Disposable(() => {
    if (timer) clearInterval(timer);
    for (const d of disposables) d.dispose();
  });
}

/** Reloads every loaded level of a connection that failed (its cached rows stay until the new ones arrive). */
function reloadFailed(explorer: Explorer, connectionId: string): void {
  const root = explorer.connection(connectionId);
  if (!root) return;
  const walk = (node: TreeNode): void => {
    if (!node.loader) return;
    if (node.loader.failed) {
      explorer.refresh(node);
      return;
    }
    for (const child of node.loader.loaded()) walk(child);
  };
  walk(root);
  // Repaint the rest: rows marked "cached" lose the mark.
  explorer.refreshManager.repaint(root);
}
