/**
 * Live values in the Connections tree: TelemetryData, Calculated, Number and String attributes, v1
 * datanodes and Altair properties show "21.4 °C · 12 s ago" as their description, and on hover a
 * tooltip with a sparkline of the last hour and min/max/avg. Values are read in batches, only for
 * nodes the user can see (view visible, parents expanded), and repainted one node at a time when they
 * change: the tree is never rebuilt for them.
 *
 * Nodes are recognized by their reference and resource, so this file does not depend on the node classes.
 */
import type * as vscode from 'vscode';
import type { Explorer } from '../explorer/explorer';
import { resourceOf } from '../explorer/resources';
import type { TreeNode } from '../explorer/treeNode';
import { markdownText } from '../shared/escape/markdown';
import { isCancellation } from '../platforms/http';
import type { LatestValueService } from './latestValueService';
import { inlineSettings, signalOf } from './settings';
import { displayUnit } from './valueBackend';
import { valueKey, type ValueRef } from './valueRef';

/** The explorer parts used here (a subset, so tests can pass the real one). */
export type TreeHost = Pick<Explorer, 'treeView' | 'services' | 'provider'>;

/** Attributes with a current value: numeric series (their last one), Number and String (the static one). */
function hasValue(a: { readonly type: string; readonly dataType?: string }): boolean {
  if (a.type === 'Number' || a.type === 'String') return true;
  return (a.type === 'TelemetryData' || a.type === 'Calculated') && !/^(string|binary|text)$/i.test(a.dataType ?? '');
}

/** The value a tree node shows, from its reference and what the tree read; undefined for other nodes. */
export function valueRefOfNode(node: TreeNode): ValueRef | undefined {
  const attribute = resourceOf(node, 'iotticket-attribute');
  if (attribute) {
    const a = attribute.attribute;
    if (!hasValue(a)) return undefined;
    return { ...attribute.ref, label: `${attribute.asset.name} · ${a.name}`, unit: a.unit || undefined };
  }
  const datanode = resourceOf(node, 'v1-datanode');
  if (datanode) {
    const device = datanode.device;
    return { ...datanode.ref, label: `${device.name ?? device.deviceId} · ${node.label}`, unit: datanode.datanode.unit || undefined };
  }
  const property = resourceOf(node, 'altair-property');
  if (property) {
    const thing = property.thing;
    return { ...property.ref, label: `${thing.title || thing.uid} · ${property.ref.property}`, unit: displayUnit(property.schema?.unit) };
  }
  return undefined;
}

export class TreeValues implements vscode.Disposable {
  /** Nodes shown with a value, by value key. */
  private readonly nodes = new Map<string, Set<TreeNode>>();
  private readonly collapsed = new Set<string>();
  private readonly ownTooltips = new WeakMap<TreeNode, string | vscode.MarkdownString | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private repainting = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly values: LatestValueService,
    private readonly host: TreeHost | undefined,
  ) {
    this.disposables.push(values.onDidChange((keys) => this.changed(keys)));
    if (host) {
      this.disposables.push(
        host.treeView.onDidCollapseElement((e) => this.collapsed.add(e.element.id)),
        host.treeView.onDidExpandElement((e) => this.collapsed.delete(e.element.id)),
        host.treeView.onDidChangeVisibility((e) => {
          if (e.visible) this.poll();
        }),
        // A refresh of the tree (not one of our repaints) reads the values below it again.
        host.provider.onDidChangeTreeData((e) => {
          if (this.repainting) return;
          if (!e) this.values.invalidate();
          else for (const node of Array.isArray(e) ? e : [e]) this.invalidateBelow(node);
        }),
      );
    }
    this.restartTimer();
  }

  /** Sets the node's description to its live value (when read) and asks for a read when it is stale and visible. */
  decorate(node: TreeNode, item: vscode.TreeItem): void {
    if (!inlineSettings.enabled()) return;
    const ref = valueRefOfNode(node);
    if (!ref) return;
    const key = valueKey(ref);
    let set = this.nodes.get(key);
    if (!set) this.nodes.set(key, (set = new Set()));
    set.add(node);
    // VS Code renders this node, so every level above it is expanded.
    for (let p = node.parent; p; p = p.parent) this.collapsed.delete(p.id);
    const text = this.values.peekDescription(ref);
    if (text) item.description = text;
    // The tooltip (value, sparkline, stats) is built on hover in resolveTreeItem.
    if (!this.ownTooltips.has(node)) this.ownTooltips.set(node, item.tooltip);
    item.tooltip = undefined;
    if (!this.values.cache.isFresh(ref) && this.visible(node)) void this.values.get(ref).catch(() => undefined);
  }

  /** Fills the tooltip of a value node (VS Code calls resolveTreeItem on hover). */
  async resolveTreeItem(node: TreeNode, item: vscode.TreeItem, token?: vscode.CancellationToken): Promise<vscode.TreeItem> {
    const ref = inlineSettings.enabled() ? valueRefOfNode(node) : undefined;
    if (!ref) return item;
    const own = this.ownTooltips.get(node);
    try {
      item.tooltip = await this.values.tooltip(ref, {
        signal: signalOf(token),
        title: node.label,
        subtitle: ref.label,
        // A plain tooltip is text: escaped line by line, so it cannot become a link in this trusted Markdown.
        extra: typeof own === 'string' ? own.split(/\r?\n/).map((line) => markdownText(line)).join('  \n') : own,
        links: { chart: false, reveal: false, pin: true },
      });
    } catch (err) {
      if (!isCancellation(err)) item.tooltip = own;
    }
    return item;
  }

  /** Reads the values of the visible value nodes again (every poll interval while the view shows). */
  poll(): void {
    if (!inlineSettings.enabled() || !this.host?.treeView.visible) return;
    const maxAge = inlineSettings.pollIntervalMs() / 2;
    for (const [key, set] of this.nodes) {
      for (const node of [...set]) {
        if (!this.attached(node)) set.delete(node);
      }
      if (set.size === 0) {
        this.nodes.delete(key);
        continue;
      }
      const node = [...set].find((n) => this.visible(n));
      const ref = node && valueRefOfNode(node);
      if (ref) void this.values.get(ref, undefined, maxAge).catch(() => undefined);
    }
  }

  /** Restarts polling after a settings change. */
  restartTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.poll(), inlineSettings.pollIntervalMs());
  }

  private changed(keys: readonly string[]): void {
    if (!this.host) return;
    for (const key of keys) {
      for (const node of this.nodes.get(key) ?? []) {
        if (!this.attached(node)) continue;
        this.repainting = true;
        try {
          this.host.services.repaint(node);
        } finally {
          this.repainting = false;
        }
      }
    }
  }

  private invalidateBelow(node: TreeNode): void {
    const keys: string[] = [];
    for (const [key, set] of this.nodes) {
      if ([...set].some((n) => n === node || n.id.startsWith(`${node.id}/`))) keys.push(key);
    }
    if (keys.length) this.values.invalidate(keys);
  }

  /** Still part of the tree: its parent's loader lists it (a refresh replaces nodes). */
  private attached(node: TreeNode): boolean {
    const loader = node.parent?.loader;
    return !loader || loader.loaded().includes(node);
  }

  private visible(node: TreeNode): boolean {
    if (!this.host?.treeView.visible) return false;
    for (let p = node.parent; p; p = p.parent) if (this.collapsed.has(p.id)) return false;
    return true;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
    this.nodes.clear();
  }
}
