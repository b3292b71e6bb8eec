/**
 * Live values in the Connections tree: TelemetryData, Calculated, Number and String attributes, v1
 * datanodes and Altair properties show "21.4 °C · 12 s ago" as their description, and on hover a
 * tooltip with a sparkline of the last hour and min/max/avg. Values are read in batches, only for
 * nodes the user can see (view visible, parents expanded), and repainted one node at a time when they
 * change: the tree is never rebuilt for them.
 *
 * Wiring (in the explorer): `getTreeItem` calls `decorate(node, item)`, `resolveTreeItem` calls
 * `resolveTreeItem(node, item, token)`. Nodes are recognized by their context value and fields, so
 * this file does not depend on the node classes.
 */
import type * as vscode from 'vscode';
import type { Explorer } from '../explorer/explorer';
import type { TreeNode } from '../explorer/treeNode';
import { markdownText } from '../shared/escape/markdown';
import { isCancellation } from '../platforms/http';
import type { LatestValueService } from './latestValueService';
import { inlineSettings, signalOf } from './settings';
import { displayUnit } from './valueBackend';
import { valueKey, type ValueRef } from './valueRef';

/** The explorer parts used here (a subset, so tests can pass the real one). */
export type TreeHost = Pick<Explorer, 'treeView' | 'services' | 'provider'>;

const ATTRIBUTE = /^iot\.attribute\.(telemetry|calculated|number|string)\b/;
const DATANODE = /^iot\.datanode\./;
const PROPERTY = /^iot\.property\./;

type Dict = Record<string, unknown>;

/** The value a tree node shows, recognized by its context value and fields; undefined for other nodes. */
export function valueRefOfNode(node: TreeNode): ValueRef | undefined {
  const n = node as unknown as Dict;
  const connectionId = node.connectionId;
  if (!connectionId) return undefined;
  const cv = node.contextValue;
  if (ATTRIBUTE.test(cv)) {
    const attr = n.attribute as Dict | undefined;
    const asset = (n.asset as Dict | undefined)?.asset as Dict | undefined;
    if (typeof attr?.id !== 'string') return undefined;
    const assetId = typeof asset?.id === 'string' ? asset.id : typeof attr.assetId === 'string' ? attr.assetId : undefined;
    const label = typeof asset?.name === 'string' ? `${asset.name} · ${String(attr.name)}` : String(attr.name);
    return { kind: 'iotticket-attribute', connectionId, ...(assetId ? { assetId } : {}), attributeId: attr.id, label, unit: (attr.unit as string) || undefined };
  }
  if (DATANODE.test(cv)) {
    const device = (n.deviceNode as Dict | undefined)?.device as Dict | undefined;
    const path = n.fullPath;
    if (typeof device?.deviceId !== 'string' || typeof path !== 'string') return undefined;
    return { kind: 'v1-datanode', connectionId, deviceId: device.deviceId, path, label: `${String(device.name ?? device.deviceId)} · ${node.label}`, unit: ((n.datanode as Dict | undefined)?.unit as string) || undefined };
  }
  if (PROPERTY.test(cv)) {
    const thing = n.thing as Dict | undefined;
    const uid = thing?.uid;
    if (typeof uid !== 'string' || typeof n.space !== 'string' || typeof n.name !== 'string') return undefined;
    const schema = n.schema as Dict | undefined;
    return { kind: 'altair-property', connectionId, space: n.space, thingId: uid, property: n.name, label: `${String(thing?.label ?? uid)} · ${n.name}`, unit: displayUnit(schema?.unit as string | undefined) };
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
