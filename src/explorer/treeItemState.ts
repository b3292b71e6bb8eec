/**
 * Temporary state of tree items while an action runs on them (the azext `TreeItemStateStore` idea):
 * a spinner icon and a temporary description ("Loading…", "Saving…"), restored when the action ends.
 */
import * as vscode from 'vscode';
import type { TreeNode } from './treeNode';

interface TemporaryState {
  readonly description: string;
  readonly count: number;
}

export class TreeItemStateStore {
  private readonly states = new Map<string, TemporaryState>();
  private readonly changed = new vscode.EventEmitter<TreeNode>();
  readonly onDidChange = this.changed.event;

  /** Runs `action` with a spinner and `description` on the node. */
  async run<T>(node: TreeNode, description: string, action: () => Promise<T>): Promise<T> {
    const nodeId = node.id;
    const before = this.states.get(nodeId);
    this.states.set(nodeId, { description, count: (before?.count ?? 0) + 1 });
    this.changed.fire(node);
    try {
      return await action();
    } finally {
      const now = this.states.get(nodeId);
      if (now && now.count > 1) this.states.set(nodeId, { description: now.description, count: now.count - 1 });
      else this.states.delete(nodeId);
      this.changed.fire(node);
    }
  }

  isBusy(nodeId: string): boolean {
    return this.states.has(nodeId);
  }

  /** Applies the temporary state to a freshly built tree item. */
  apply(nodeId: string, item: vscode.TreeItem): vscode.TreeItem {
    const state = this.states.get(nodeId);
    if (state) {
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.description = state.description;
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
