/**
 * An IoT-TICKET organization: its asset tree, templates, devices, active events (with a count),
 * analytics (ML models, ML services, ONNX models, against the organization's limit), credentials and the
 * organizations below it.
 */
import * as vscode from 'vscode';
import { markdownLines, markdownText } from '../../../shared/escape/markdown';
import type { AnalyticsItem, AssetEvent, AssetTemplateSummary, Device, Organization, OrganizationDetails } from '../../../platforms/iotticket/types';
import { pythonSnippet, type SnippetParts } from '../../../snippets/pythonSnippet';
import { ChildLoader, offsetPages, singlePage } from '../../childLoader';
import type { AnalyticsKind, IotTicketAnalyticsRef, IotTicketDeviceRef, IotTicketEventRef, IotTicketOrganizationRef, IotTicketTemplateRef } from '../../../shared/refs';
import { analyticsFolderContext, CONTEXT } from '../../contextValues';
import type { Favourite } from '../../favourite';
import type { ResourceOf } from '../../resources';
import { TreeNode, idPart } from '../../treeNode';
import { FolderNode } from '../folderNode';
import { InfoNode } from '../placeholderNodes';
import { AssetNode, AssetApiNode, attributeIcon } from './assetNodes';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';
import { credentialsFolder } from './credentialNodes';
import { subOrganizationsFolder } from './subOrganizationNodes';

export class OrganizationNode extends AssetApiNode {
  readonly contextValue = CONTEXT.organization;
  readonly label: string;
  readonly assets: FolderNode<number>;
  readonly activeEvents: ActiveEventsNode;
  override readonly ref: IotTicketOrganizationRef;
  details: OrganizationDetails | undefined;

  constructor(
    parent: TreeNode,
    readonly organization: Organization,
    /** Every organization of the user: the ones below this one show under its Sub-organizations. */
    all: readonly Organization[] = [],
  ) {
    super(parent, idPart('org', organization.id));
    this.label = organization.name;
    this.ref = { kind: 'iotticket-organization', connectionId: this.connectionId ?? '', organizationId: organization.id };
    this.assets = new FolderNode<number>(
      this,
      'assets',
      vscode.l10n.t('Assets'),
      offsetPages(async (offset, limit, signal) => {
        const access = await this.access();
        const level = await access.level(null, offset, limit, signal);
        return { nodes: level.children.map((a) => new AssetNode(this.assets, a, [a.name])), total: level.fullSize };
      }, 1000),
      { icon: 'list-tree', contextValue: CONTEXT.assets, emptyLabel: vscode.l10n.t('No assets'), expanded: false },
    );
    const templates: FolderNode<number> = new FolderNode<number>(
      this,
      'templates',
      vscode.l10n.t('Templates'),
      offsetPages(async (offset, limit, signal) => {
        const access = await this.access();
        const page = await access.templates(offset, limit, signal);
        return { nodes: page.items.map((t) => new TemplateNode(templates, t)), total: page.total };
      }),
      { icon: 'symbol-interface', contextValue: CONTEXT.templates, emptyLabel: vscode.l10n.t('No templates') },
    );
    const devices: FolderNode<number> = new FolderNode<number>(
      this,
      'devices',
      vscode.l10n.t('Devices'),
      offsetPages(async (offset, limit, signal) => {
        const access = await this.access();
        const page = await access.devices(offset, limit, signal);
        return { nodes: page.items.map((d) => new DeviceNode(devices, d)), total: page.total };
      }, 1000),
      { icon: 'server', contextValue: CONTEXT.devices, emptyLabel: vscode.l10n.t('No devices') },
    );
    this.activeEvents = new ActiveEventsNode(this);
    const analytics: FolderNode<never> = new FolderNode<never>(
      this,
      'analytics',
      vscode.l10n.t('Analytics'),
      singlePage(async (): Promise<TreeNode[]> => [analyticsFolder(analytics, 'MLModel'), analyticsFolder(analytics, 'MLService'), analyticsFolder(analytics, 'OnnxModel')]),
      {
        icon: 'beaker',
        contextValue: CONTEXT.analytics,
        emptyLabel: '',
        description: () => {
          const used = this.details?.usedLimits?.analyticsItems;
          const max = this.details?.limits?.analyticsItems;
          return used !== undefined && max !== undefined ? vscode.l10n.t('{0} of {1}', used, max) : undefined;
        },
      },
    );
    const credentials = credentialsFolder(this, organization.id);
    const subOrganizations = subOrganizationsFolder(this, organization.id, all);
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => {
        // Details give the analytics limit; an account that may not read them still sees the tree.
        try {
          this.details = await (await this.access()).organizationDetails(organization.id, signal);
        } catch (err) {
          this.services.log.debug(`Organization details of ${organization.id} not available: ${String(err)}`);
        }
        await this.activeEvents.loadCount(signal);
        return [this.assets, templates, devices, this.activeEvents, analytics, credentials, ...(subOrganizations ? [subOrganizations] : [])];
      }),
      { emptyLabel: '' },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.description = this.organization.tenantId ? vscode.l10n.t('tenant {0}', this.organization.tenantId) : this.organization.id;
    item.tooltip = `${this.organization.name} (${this.organization.id})`;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const access = await this.access();
    this.details = await access.organizationDetails(this.organization.id, signal);
    return this.details;
  }

  override platformId(): string {
    return this.organization.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'organization', organizationId: this.organization.id });
  }
}

/** Active events of the whole organization, most severe first; the count shows on the node and the view badge. */
export class ActiveEventsNode extends AssetApiNode {
  readonly contextValue = CONTEXT.activeEvents;
  readonly label = vscode.l10n.t('Active events');
  count: number | undefined;

  constructor(readonly organization: OrganizationNode) {
    super(organization, 'events');
    this.loader = new ChildLoader(
      this,
      offsetPages(async (offset, limit, signal) => {
        const events = await this.events(signal);
        this.count = events.length;
        return { nodes: events.slice(offset, offset + limit).map((e, i) => new EventNode(this, e, offset + i)), total: events.length };
      }),
      { emptyLabel: vscode.l10n.t('No active events') },
    );
    this.services.trackLive(this);
  }

  private cached: readonly AssetEvent[] | undefined;

  override reset(): void {
    this.cached = undefined;
    super.reset();
  }

  /** Every active event of the organization, most severe first. */
  async events(signal: AbortSignal): Promise<readonly AssetEvent[]> {
    if (this.cached) return this.cached;
    const access = await this.access();
    const events = await access.activeEvents(undefined, signal);
    this.cached = [...events].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.activatedAt.localeCompare(a.activatedAt));
    this.count = this.cached.length;
    this.services.reportActiveEvents(this.connectionId ?? '', this.count);
    return this.cached;
  }

  /** The badge: asset_event_active_count, not the length of a list that stops at 10,000 (das refuses above that). */
  async loadCount(signal: AbortSignal): Promise<void> {
    try {
      this.count = await (await this.access()).activeEventCount(undefined, signal);
      this.services.reportActiveEvents(this.connectionId ?? '', this.count);
    } catch (err) {
      this.services.log.debug(`Active event count not available: ${String(err)}`);
    }
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon(this.count ? 'bell-dot' : 'bell', this.count ? new vscode.ThemeColor('list.warningForeground') : undefined);
    if (this.count !== undefined) item.description = String(this.count);
    item.tooltip = vscode.l10n.t('Events active now on any asset. Show Event History lists past ones.');
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    return this.events(signal);
  }

  override pythonSnippet(): SnippetParts | undefined {
    return this.cached ? pythonSnippet({ kind: 'activeEvents', assetIds: [...new Set(this.cached.map((e) => e.assetId).filter((x): x is string => !!x))] }) : undefined;
  }
}

export function severityRank(severity: string | undefined): number {
  return ['Low', 'Normal', 'High', 'Critical'].indexOf(severity ?? '');
}

export function severityIcon(severity: string | undefined): vscode.ThemeIcon {
  switch (severity) {
    case 'Critical':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'High':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'Normal':
      return new vscode.ThemeIcon('info');
    default:
      return new vscode.ThemeIcon('circle-small');
  }
}

class EventNode extends TreeNode {
  readonly contextValue = CONTEXT.activeEvent;
  readonly label: string;
  override readonly ref: IotTicketEventRef;

  constructor(
    parent: TreeNode,
    readonly event: AssetEvent,
    index: number,
  ) {
    super(parent, idPart('ev', event.eventId, event.assetId ?? '', event.activatedAt, index));
    this.label = event.message || event.eventId;
    // Acknowledging goes by the occurrence's id (`id`); `eventId` names the kind of event, shared by its occurrences.
    this.ref = { kind: 'iotticket-event', connectionId: this.connectionId ?? '', eventId: typeof event.id === 'string' ? event.id : event.eventId };
  }

  override resource(): ResourceOf<'iotticket-event'> {
    return { ref: this.ref, event: this.event };
  }

  treeItem(): vscode.TreeItem {
    const e = this.event;
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = severityIcon(e.severity);
    item.description = [e.severity, e.type, e.activatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')].filter(Boolean).join(' · ');
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(`${e.severity} ${e.type}`)}**\n\n`);
    tip.appendMarkdown(markdownLines(`${e.message}\n\n${vscode.l10n.t('asset')}: ${e.assetId ?? '—'} · ${vscode.l10n.t('event')}: ${e.eventId}${e.group ? ` · ${e.group}` : ''}\n\n`));
    tip.appendMarkdown(markdownLines(`${vscode.l10n.t('active since')} ${e.activatedAt}${e.acknowledged ? ` · ${vscode.l10n.t('acknowledged')}` : ''}`));
    item.tooltip = tip;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.event;
  }

  override platformId(): string {
    return this.event.eventId;
  }
}

class TemplateNode extends AssetApiNode {
  readonly contextValue = CONTEXT.template;
  readonly label: string;
  override readonly ref: IotTicketTemplateRef;

  constructor(
    parent: TreeNode,
    readonly template: AssetTemplateSummary,
  ) {
    super(parent, idPart('tpl', template.id));
    this.label = template.name;
    this.ref = { kind: 'iotticket-template', connectionId: this.connectionId ?? '', templateId: template.id };
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => {
        const t = await (await this.access()).template(template.id, signal);
        return t.attributes.map(
          (a) =>
            new InfoNode(this, idPart('a', a.id), a.name, {
              icon: attributeIcon(a.type),
              description: [a.type, a.dataType, a.unit].filter(Boolean).join(' · '),
              contextValue: CONTEXT.templateAttribute,
              value: a,
            }),
        );
      }),
      { emptyLabel: vscode.l10n.t('No attributes') },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('symbol-interface');
    const count = (this.template as { attributeCount?: number }).attributeCount;
    item.description = typeof count === 'number' ? vscode.l10n.t('{0} attributes', count) : undefined;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    return (await this.access()).template(this.template.id, signal);
  }

  override platformId(): string {
    return this.template.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'template', name: this.template.name });
  }
}

export class DeviceNode extends AssetApiNode {
  readonly contextValue = CONTEXT.device;
  readonly label: string;
  override readonly ref: IotTicketDeviceRef;

  constructor(
    parent: TreeNode,
    public device: Device,
  ) {
    super(parent, idPart('dev', device.id));
    this.label = device.name ?? device.id;
    this.ref = { kind: 'iotticket-device', connectionId: this.connectionId ?? '', deviceId: device.id };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('server');
    item.description = this.device.id !== this.label ? this.device.id : undefined;
    if (this.device.assetIds?.length) item.tooltip = vscode.l10n.t('Bound to {0} asset(s): {1}', this.device.assetIds.length, this.device.assetIds.join(', '));
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    this.device = await (await this.access()).device(this.device.id, signal);
    return this.device;
  }

  override platformId(): string {
    return this.device.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'device', deviceId: this.device.id });
  }

  override resource(): ResourceOf<'iotticket-device'> {
    return { ref: this.ref, device: this.device };
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: this.label, snapshot: { device: this.device } };
  }
}

function analyticsFolder(parent: TreeNode, kind: AnalyticsKind): FolderNode<number> {
  const labels: Record<AnalyticsKind, string> = {
    MLModel: vscode.l10n.t('ML models'),
    MLService: vscode.l10n.t('ML services'),
    OnnxModel: vscode.l10n.t('ONNX models'),
  };
  const folder: FolderNode<number> = new FolderNode<number>(
    parent,
    kind,
    labels[kind],
    offsetPages(async (offset, limit, signal) => {
      const session = await parent.services.sessions.iotticket(parent.connectionId ?? '');
      const items = await new AssetApiAccess(assetApiOf(session)).analytics(kind, signal);
      return { nodes: items.slice(offset, offset + limit).map((i) => new AnalyticsNode(folder, kind, i)), total: items.length };
    }),
    { icon: kind === 'OnnxModel' ? 'symbol-module' : kind === 'MLModel' ? 'symbol-method' : 'cloud', contextValue: analyticsFolderContext(kind), emptyLabel: vscode.l10n.t('None registered') },
  );
  return folder;
}

class AnalyticsNode extends AssetApiNode {
  readonly label: string;
  readonly contextValue: string;
  override readonly ref: IotTicketAnalyticsRef;

  constructor(
    parent: TreeNode,
    readonly kind: AnalyticsKind,
    readonly item: AnalyticsItem,
  ) {
    super(parent, idPart(kind, item.id));
    this.label = item.name;
    this.ref = { kind: 'iotticket-analytics', connectionId: this.connectionId ?? '', analyticsKind: kind, itemId: item.id };
    this.contextValue = kind === 'MLModel' ? CONTEXT.mlModel : kind === 'MLService' ? CONTEXT.mlService : CONTEXT.onnxModel;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.kind === 'OnnxModel' ? 'symbol-module' : this.kind === 'MLModel' ? 'symbol-method' : 'cloud');
    item.description = this.item.level && this.item.level !== 'organization' ? vscode.l10n.t('managed ({0})', this.item.level) : undefined;
    item.tooltip = typeof this.item.description === 'string' ? this.item.description : this.item.id;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    return (await this.access()).analyticsDetails(this.kind, this.item.id, signal);
  }

  override resource(): ResourceOf<'iotticket-analytics'> {
    return { ref: this.ref, item: this.item };
  }

  override platformId(): string {
    return this.item.id;
  }

  override pythonSnippet(): SnippetParts {
    const kind = this.kind === 'MLModel' ? 'mlModel' : this.kind === 'MLService' ? 'mlService' : 'onnxModel';
    return pythonSnippet({ kind, name: this.item.name, id: this.item.id });
  }
}
