/**
 * The IoT-TICKET asset tree: an asset shows its attributes grouped by type (each type with its own
 * icon) and then its child assets, paged with the server's limit/offset so a level of 10,000 children
 * loads one page at a time.
 */
import * as vscode from 'vscode';
import { markdownLines, markdownText } from '../../../shared/escape/markdown';
import type { Asset, AssetAttribute } from '../../../platforms/iotticket/types';
import { pythonSnippet, type IotTicketAttributeType, type SnippetParts } from '../../../snippets/pythonSnippet';
import { ChildLoader, offsetPages } from '../../childLoader';
import type { IotTicketAssetRef, IotTicketAttributeRef, SeriesDescriptor } from '../../../shared/refs';
import { attributeContext, attributeGroupContext, CONTEXT } from '../../contextValues';
import type { Favourite } from '../../favourite';
import type { ResourceOf } from '../../resources';
import { TreeNode, idPart } from '../../treeNode';
import { formatValue } from '../format';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';

export const ATTRIBUTE_ORDER: readonly IotTicketAttributeType[] = ['TelemetryData', 'Calculated', 'Number', 'String', 'DeviceEvent', 'AssetEvent', 'Command'];

const TYPE_INFO: Record<IotTicketAttributeType, { icon: string; context: string; label: () => string }> = {
  TelemetryData: { icon: 'pulse', context: 'telemetry', label: () => vscode.l10n.t('Telemetry data') },
  Calculated: { icon: 'symbol-operator', context: 'calculated', label: () => vscode.l10n.t('Calculated') },
  Number: { icon: 'symbol-number', context: 'number', label: () => vscode.l10n.t('Number') },
  String: { icon: 'symbol-string', context: 'string', label: () => vscode.l10n.t('String') },
  DeviceEvent: { icon: 'bell', context: 'deviceEvent', label: () => vscode.l10n.t('Device events') },
  AssetEvent: { icon: 'bell-dot', context: 'assetEvent', label: () => vscode.l10n.t('Asset events') },
  Command: { icon: 'terminal', context: 'command', label: () => vscode.l10n.t('Commands') },
};

export function attributeIcon(type: string): string {
  return TYPE_INFO[type as IotTicketAttributeType]?.icon ?? 'symbol-field';
}

/** Base of IoT-TICKET asset-API nodes: access to the session's client. */
export abstract class AssetApiNode extends TreeNode {
  async access(): Promise<AssetApiAccess> {
    const session = await this.services.sessions.iotticket(this.connectionId ?? '');
    return new AssetApiAccess(assetApiOf(session));
  }
}

export class AssetNode extends AssetApiNode {
  readonly contextValue = CONTEXT.asset;
  readonly label: string;
  override readonly ref: IotTicketAssetRef;
  private attributes: readonly AssetAttribute[] | undefined;

  constructor(
    parent: TreeNode,
    public asset: Asset,
    /** Names from the root to this asset, when the parent knows them. */
    private readonly path?: readonly string[],
  ) {
    super(parent, idPart('asset', asset.id));
    this.label = asset.name;
    this.ref = { kind: 'iotticket-asset', connectionId: this.connectionId ?? '', assetId: asset.id };
    this.loader = new ChildLoader(
      this,
      offsetPages(async (offset, limit, signal) => {
        const access = await this.access();
        const level = await access.level(asset.id, offset, limit, signal);
        const base = this.namesPath();
        return { nodes: level.children.map((a) => new AssetNode(this, a, [...base, a.name])), total: level.fullSize };
      }, 1000),
      {
        emptyLabel: vscode.l10n.t('No attributes or child assets'),
        prefix: async (signal) => {
          const access = await this.access();
          this.attributes = await access.attributes(asset.id, signal);
          return groupAttributes(this, this.attributes);
        },
      },
    );
  }

  get assetId(): string {
    return this.asset.id;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    const alarm = this.asset.activeEventType;
    item.iconPath =
      alarm === 'Alarm'
        ? new vscode.ThemeIcon('symbol-class', new vscode.ThemeColor('list.errorForeground'))
        : alarm === 'Warning'
          ? new vscode.ThemeIcon('symbol-class', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('symbol-class');
    const parts: string[] = [];
    const n = this.asset.childCount;
    if (typeof n === 'number' && n > 0) parts.push(n === 1 ? vscode.l10n.t('1 child') : vscode.l10n.t('{0} children', n.toLocaleString('en-US')));
    if (alarm) parts.push(alarm);
    item.description = parts.join(' · ') || undefined;
    item.tooltip = `${this.namesPath().join(' / ')}\n${this.asset.id}`;
    return item;
  }

  override namesPath(): string[] {
    if (this.asset.namesPath?.length) return [...this.asset.namesPath];
    if (this.path) return [...this.path];
    const names: string[] = [this.asset.name];
    for (let p = this.parent; p; p = p.parent) if (p instanceof AssetNode) names.unshift(p.asset.name);
    return names;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const access = await this.access();
    const level = await access.level(this.asset.id, 0, 1, signal);
    return { ...(level.asset ?? this.asset), attributes: this.attributes ?? (await access.attributes(this.asset.id, signal)) };
  }

  override platformId(): string {
    return this.asset.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'asset', namesPath: this.namesPath(), assetId: this.asset.id });
  }

  override resource(): ResourceOf<'iotticket-asset'> {
    return { ref: this.ref, asset: this.asset, namesPath: this.namesPath() };
  }

  override favourite(): Favourite {
    const namesPath = this.namesPath();
    return { ref: this.ref, label: namesPath.join(' / '), snapshot: { asset: { ...this.asset, namesPath }, namesPath } };
  }
}

function groupAttributes(asset: AssetNode, attributes: readonly AssetAttribute[]): TreeNode[] {
  const groups = new Map<string, AssetAttribute[]>();
  for (const a of attributes) {
    const list = groups.get(a.type) ?? [];
    list.push(a);
    groups.set(a.type, list);
  }
  const types = [...ATTRIBUTE_ORDER.filter((t) => groups.has(t)), ...[...groups.keys()].filter((t) => !ATTRIBUTE_ORDER.includes(t as IotTicketAttributeType))];
  return types.map((t) => new AttributeGroupNode(asset, t, groups.get(t)!));
}

export class AttributeGroupNode extends TreeNode {
  readonly label: string;
  readonly contextValue: string;

  constructor(
    readonly asset: AssetNode,
    readonly type: string,
    readonly attributes: readonly AssetAttribute[],
  ) {
    super(asset, idPart('type', type));
    const info = TYPE_INFO[type as IotTicketAttributeType];
    this.label = info ? info.label() : type;
    this.contextValue = attributeGroupContext(info?.context ?? 'other');
    this.loader = new ChildLoader(
      this,
      offsetPages(async (offset, limit) => ({
        nodes: attributes.slice(offset, offset + limit).map((a) => new AttributeNode(this, asset, a)),
        total: attributes.length,
      })),
      { emptyLabel: vscode.l10n.t('No attributes') },
    );
    this.services.trackLive(asset);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(attributeIcon(this.type));
    item.description = String(this.attributes.length);
    item.tooltip = this.type;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.attributes;
  }
}

export class AttributeNode extends AssetApiNode {
  readonly label: string;
  readonly contextValue: string;
  override readonly ref: IotTicketAttributeRef;

  constructor(
    parent: TreeNode,
    readonly asset: AssetNode | { readonly asset: Asset; namesPath(): string[] },
    readonly attribute: AssetAttribute,
  ) {
    super(parent, idPart('attr', attribute.id));
    this.label = attribute.name;
    this.ref = { kind: 'iotticket-attribute', connectionId: this.connectionId ?? '', assetId: asset.asset.id, attributeId: attribute.id };
    const info = TYPE_INFO[attribute.type as IotTicketAttributeType];
    // Text series (string, binary) are not chartable: their context value keeps chart menus away.
    this.contextValue = attributeContext(info?.context ?? 'other', this.isTimeSeries && !this.isSeries);
  }

  /** TelemetryData or Calculated: values over time. */
  get isTimeSeries(): boolean {
    return this.attribute.type === 'TelemetryData' || this.attribute.type === 'Calculated';
  }

  /** A time series a chart can draw (numbers or booleans). */
  get isSeries(): boolean {
    return this.isTimeSeries && !/^(string|binary|text)$/i.test(this.attribute.dataType ?? '');
  }

  treeItem(): vscode.TreeItem {
    const a = this.attribute;
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(attributeIcon(a.type));
    const unit = a.unit ? ` ${a.unit}` : '';
    if (this.isTimeSeries) item.description = a.lastValue === undefined || a.lastValue === null ? a.dataType : `${formatValue(a.lastValue)}${unit}`;
    else if (a.type === 'Number' || a.type === 'String') item.description = a.value === undefined || a.value === null ? '—' : `${formatValue(a.value)}${unit}`;
    else if (a.deviceId) item.description = vscode.l10n.t('device {0}', a.deviceId);
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(a.name)}** — ${markdownText(a.type)}\n\n`);
    tip.appendMarkdown(markdownLines([...this.asset.namesPath(), a.name].join(' / ') + '\n\n'));
    const facts = [
      a.dataType && `dataType: ${a.dataType}`,
      a.unit && `unit: ${a.unit}`,
      a.deviceId && `device: ${a.deviceId}`,
      a.telemetryName && `telemetry: ${a.telemetryName}`,
      a.lastTs && `last: ${a.lastTs}`,
      a.updatedAt && `updated: ${a.updatedAt}`,
    ].filter(Boolean);
    tip.appendMarkdown(markdownLines(facts.join(' · ')));
    item.tooltip = tip;
    return item;
  }

  override async json(): Promise<unknown> {
    return { ...this.attribute, namesPath: this.namesPath() };
  }

  override platformId(): string {
    return this.attribute.id;
  }

  override namesPath(): string[] {
    return [...this.asset.namesPath(), this.attribute.name];
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({
      kind: 'attribute',
      assetPath: this.asset.namesPath(),
      assetId: this.asset.asset.id,
      attributeName: this.attribute.name,
      attributeId: this.attribute.id,
      type: (this.attribute.type as IotTicketAttributeType) ?? 'TelemetryData',
    });
  }

  override series(): SeriesDescriptor | undefined {
    if (!this.isSeries) return undefined;
    return { ...this.ref, label: `${this.asset.asset.name} · ${this.attribute.name}`, unit: this.attribute.unit || undefined };
  }

  override resource(): ResourceOf<'iotticket-attribute'> {
    const asset = this.asset.asset;
    return { ref: this.ref, attribute: this.attribute, asset: { id: asset.id, name: asset.name, namesPath: this.asset.namesPath() } };
  }

  override favourite(): Favourite {
    const r = this.resource();
    return { ref: this.ref, label: this.namesPath().join(' / '), snapshot: { attribute: r.attribute, asset: r.asset } };
  }
}
