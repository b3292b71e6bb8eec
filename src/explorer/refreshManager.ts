/**
 * Refresh policy (the Docker extension's RefreshManager idea): refresh requests are debounced and
 * merged, run only while the view is visible (a hidden view just remembers that it is stale), and a
 * new refresh cancels the loads of the one before (resetting a node aborts its loader). Optional
 * auto-refresh re-reads "live" nodes (current values, active events) on an interval, visible only.
 */
import type * as vscode from 'vscode';

/** What the manager needs of a tree node (`TreeNode` has it). */
export interface RefreshNode {
  readonly id: string;
  readonly parent?: RefreshNode;
  readonly loader?: { loaded(): readonly unknown[] };
  /** Drops cached children (and cancels their loads). */
  reset(): void;
}

export interface RefreshTarget<N extends RefreshNode> {
  /** Fires the tree's change event for these nodes (undefined = the whole tree). */
  fire(nodes: readonly N[] | undefined): void;
  /** Resets the root nodes (whole-tree refresh). */
  resetRoots(): void;
  visible(): boolean;
}

export class RefreshManager<N extends RefreshNode> implements vscode.Disposable {
  private pending = new Set<N>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private autoTimer: NodeJS.Timeout | undefined;
  private readonly live = new Set<N>();
  /** Number of refreshes that reached the tree (tests and the measure script read it). */
  flushes = 0;

  constructor(
    private readonly target: RefreshTarget<N>,
    private readonly debounceMs: () => number,
    private readonly autoRefreshSec: () => number,
  ) {}

  /** Asks for a refresh of `node` (or the whole view); `reset` drops cached children first. */
  request(node?: N, reset = true): void {
    if (!node) this.pendingAll = true;
    else {
      if (reset) node.reset();
      this.pending.add(node);
    }
    if (!node && reset) this.target.resetRoots();
    this.schedule();
  }

  /** Fires immediately without debouncing (label or state changes of one node). */
  repaint(node: N): void {
    this.target.fire([node]);
  }

  /** Call when the view's visibility changes: a view that was hidden catches up on what it missed. */
  visibilityChanged(): void {
    if (this.target.visible()) {
      if (this.pendingAll || this.pending.size > 0) this.schedule();
      this.startAuto();
    } else {
      this.stopAuto();
    }
  }

  /** Registers a node whose content changes on its own (re-read by auto-refresh). */
  trackLive(node: N): void {
    this.live.add(node);
  }

  /** Restarts the auto-refresh timer after a settings change. */
  settingsChanged(): void {
    this.stopAuto();
    if (this.target.visible()) this.startAuto();
  }

  private schedule(): void {
    if (!this.target.visible()) return; // remembered; flushed when the view shows again
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.debounceMs()));
  }

  private flush(): void {
    this.timer = undefined;
    if (!this.target.visible()) return;
    this.flushes++;
    if (this.pendingAll) {
      this.pendingAll = false;
      this.pending.clear();
      this.live.clear();
      this.target.fire(undefined);
      return;
    }
    const nodes = [...this.pending];
    this.pending.clear();
    // A node whose ancestor is refreshed too is covered by that ancestor.
    const ids = new Set(nodes.map((n) => n.id));
    const top = nodes.filter((n) => {
      for (let p = n.parent; p; p = p.parent) if (ids.has(p.id)) return false;
      return true;
    });
    if (top.length > 0) this.target.fire(top);
  }

  private startAuto(): void {
    const sec = this.autoRefreshSec();
    if (this.autoTimer || !(sec > 0)) return;
    this.autoTimer = setInterval(() => {
      if (!this.target.visible()) return;
      for (const node of this.live) {
        // Only nodes still attached to the tree (their parent's loader still lists them).
        const siblings = node.parent?.loader?.loaded() ?? [];
        if (node.parent && !siblings.includes(node)) {
          this.live.delete(node);
          continue;
        }
        this.request(node);
      }
    }, sec * 1000);
  }

  private stopAuto(): void {
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopAuto();
  }
}
