/**
 * IoT-TICKET REST API v1 below a connection: enterprises (with sub-enterprises and their devices),
 * all devices, each device's datanodes, and the quota of the account and of each device. v1 lists page
 * with offset/limit and at most 100 items per request.
 */
import * as vscode from 'vscode';
import type { V1Datanode, V1Device, V1Enterprise } from '../../../platforms/iotticket/v1Types';
import type { IotTicketSession } from '../../../connections/sessionManager';
import { ChildLoader, offsetPages, singlePage, type PageFetcher } from '../../childLoader';
import type { SeriesDescriptor, V1DatanodeRef, V1DeviceRef, V1EnterpriseRef } from '../../../shared/refs';
import { CONTEXT, datanodeContext } from '../../contextValues';
import { datanodePath, type Favourite } from '../../favourite';
import type { ResourceOf } from '../../resources';
import { TreeNode, idPart } from '../../treeNode';
import { pythonSnippet, type SnippetParts } from '../../../snippets/pythonSnippet';
import { FolderNode } from '../folderNode';
import { InfoNode } from '../placeholderNodes';

const V1_MAX = 100;

abstract class V1Node extends TreeNode {
  async v1(): Promise<{ session: IotTicketSession; v1: NonNullable<IotTicketSession['v1']> }> {
    const session = await this.services.sessions.iotticket(this.connectionId ?? '');
    if (!session.v1) throw new Error(vscode.l10n.t('This connection has no REST API v1 base URL'));
    return { session, v1: session.v1 };
  }
}

/** "REST API v1": quota, enterprises and all devices. */
export class V1RootNode extends V1Node {
  readonly contextValue = CONTEXT.v1root;
  readonly label = vscode.l10n.t('REST API v1');

  constructor(parent: TreeNode) {
    super(parent, 'v1');
    const enterprises: FolderNode<number> = new FolderNode<number>(
      this,
      'enterprises',
      vscode.l10n.t('Enterprises'),
      offsetPages(async (offset, limit, signal) => {
        const { v1 } = await this.v1();
        const page = await v1.listEnterprises({ offset, limit, signal });
        return { nodes: page.items.map((e) => new EnterpriseNode(enterprises, e)), total: page.fullSize };
      }, V1_MAX),
      { icon: 'organization', contextValue: CONTEXT.enterprises, emptyLabel: vscode.l10n.t('No enterprises') },
    );
    const devices: FolderNode<number> = new FolderNode<number>(
      this,
      'devices',
      vscode.l10n.t('All devices'),
      offsetPages(async (offset, limit, signal) => {
        const { v1 } = await this.v1();
        const page = await v1.listDevices({ offset, limit, signal });
        return { nodes: page.items.map((d) => new V1DeviceNode(devices, d)), total: page.fullSize };
      }, V1_MAX),
      { icon: 'server', contextValue: CONTEXT.v1devices, emptyLabel: vscode.l10n.t('No devices') },
    );
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => {
        const { v1 } = await this.v1();
        const q = await v1.quotaAll(signal);
        const quota = new InfoNode(this, 'quota', vscode.l10n.t('Quota'), {
          icon: 'dashboard',
          contextValue: CONTEXT.quota,
          description: vscode.l10n.t(
            '{0} of {1} devices · {2} of {3} stored',
            q.totalDevices,
            limitText(q.maxNumberOfDevices),
            bytes(q.usedStorageSize),
            q.maxStorageSize < 0 ? '∞' : bytes(q.maxStorageSize),
          ),
          tooltip: vscode.l10n.t('At most {0} datanodes per device', limitText(q.maxDataNodePerDevice)),
          value: q,
        });
        return [quota, enterprises, devices];
      }),
      { emptyLabel: '' },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('plug');
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const { v1 } = await this.v1();
    return { quota: await v1.quotaAll(signal) };
  }
}

/** An enterprise: its sub-enterprises, then its devices (found by scanning the device list, page by page). */
class EnterpriseNode extends V1Node {
  readonly contextValue = CONTEXT.enterprise;
  readonly label: string;
  override readonly ref: V1EnterpriseRef;

  constructor(
    parent: TreeNode,
    readonly enterprise: V1Enterprise,
  ) {
    super(parent, idPart('ent', enterprise.resourceId));
    this.label = enterprise.name;
    this.ref = { kind: 'v1-enterprise', connectionId: this.connectionId ?? '', enterpriseId: enterprise.resourceId };
    const numericId = enterprise.resourceId.replace(/^E/i, '');
    const subs: FolderNode<number> | undefined = enterprise.hasSubEnterprises
      ? new FolderNode<number>(
          this,
          'subs',
          vscode.l10n.t('Sub-enterprises'),
          offsetPages(async (offset, limit, signal): Promise<{ nodes: TreeNode[]; total: number }> => {
            const { v1 } = await this.v1();
            const page = await v1.listSubEnterprises(numericId, { offset, limit, signal });
            return { nodes: page.items.map((e) => new EnterpriseNode(subs!, e)), total: page.fullSize };
          }, V1_MAX),
          { icon: 'organization', contextValue: CONTEXT.enterprises, emptyLabel: vscode.l10n.t('No sub-enterprises') },
        )
      : undefined;
    this.loader = new ChildLoader(this, this.devicesOfEnterprise(), {
      emptyLabel: vscode.l10n.t('No devices in this enterprise'),
      prefix: async () => (subs ? [subs] : []),
    });
  }

  /** The v1 API has no per-enterprise device list: scan the device list until a page of matches is found. */
  private devicesOfEnterprise(): PageFetcher<number, TreeNode> {
    return async (cursor, size, signal) => {
      const { v1 } = await this.v1();
      const found: TreeNode[] = [];
      let offset = cursor ?? 0;
      let total = Infinity;
      while (found.length < size && offset < total) {
        const page = await v1.listDevices({ offset, limit: V1_MAX, signal });
        total = page.fullSize;
        if (page.items.length === 0) break;
        offset += page.items.length;
        for (const d of page.items) if (d.enterpriseId === this.enterprise.resourceId) found.push(new V1DeviceNode(this, d));
      }
      return { nodes: found, next: offset < total ? offset : undefined };
    };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.description = this.enterprise.resourceId;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.enterprise;
  }

  override platformId(): string {
    return this.enterprise.resourceId;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'enterprise', v1BaseUrl: this.v1BaseUrl(), enterpriseId: this.enterprise.resourceId });
  }

  v1BaseUrl(): string {
    return v1BaseUrlOf(this);
  }
}

function v1BaseUrlOf(node: TreeNode): string {
  const p = node.services.store.get(node.connectionId ?? '');
  return p?.demo ? 'http://127.0.0.1:<demo port>/api/v1/' : (p?.v1BaseUrl ?? 'https://my.iot-ticket.com/api/v1/');
}

export class V1DeviceNode extends V1Node {
  readonly contextValue = CONTEXT.v1device;
  readonly label: string;
  override readonly ref: V1DeviceRef;

  constructor(
    parent: TreeNode,
    public device: V1Device,
  ) {
    super(parent, idPart('v1dev', device.deviceId));
    this.label = device.name;
    this.ref = { kind: 'v1-device', connectionId: this.connectionId ?? '', deviceId: device.deviceId };
    this.loader = new ChildLoader(
      this,
      offsetPages(async (offset, limit, signal) => {
        const { v1 } = await this.v1();
        const page = await v1.listDatanodes(device.deviceId, { offset, limit, signal });
        return { nodes: page.items.map((dn) => new DatanodeNode(this, dn)), total: page.fullSize };
      }, V1_MAX),
      {
        emptyLabel: vscode.l10n.t('No datanodes'),
        prefix: async (signal) => {
          const { v1 } = await this.v1();
          const q = await v1.quotaDevice(device.deviceId, signal);
          return [
            new InfoNode(this, 'quota', vscode.l10n.t('Quota'), {
              icon: 'dashboard',
              contextValue: CONTEXT.quota,
              description: vscode.l10n.t('{0} of {1} reads today · {2} datanodes · {3}', q.totalRequestToday, limitText(q.maxReadRequestPerDay), q.numberOfDataNodes, bytes(q.storageSize)),
              value: q,
            }),
          ];
        },
      },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('server');
    item.description = [this.device.type, this.device.manufacturer].filter(Boolean).join(' · ');
    item.tooltip = `${this.device.deviceId}${this.device.description ? `\n${this.device.description}` : ''}\n${this.device.createdAt}`;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const { v1 } = await this.v1();
    this.device = await v1.getDevice(this.device.deviceId, signal);
    return this.device;
  }

  override platformId(): string {
    return this.device.deviceId;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'v1device', v1BaseUrl: v1BaseUrlOf(this), deviceId: this.device.deviceId });
  }

  override resource(): ResourceOf<'v1-device'> {
    return { ref: this.ref, device: this.device };
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: this.label, snapshot: { device: this.device } };
  }
}

const NUMERIC = new Set(['double', 'long', 'float', 'integer', 'int']);

export class DatanodeNode extends V1Node {
  readonly label: string;
  override readonly ref: V1DatanodeRef;

  constructor(
    readonly deviceNode: V1DeviceNode,
    readonly datanode: V1Datanode,
  ) {
    super(deviceNode, idPart('dn', datanode.name));
    this.label = datanode.name;
    this.ref = { kind: 'v1-datanode', connectionId: this.connectionId ?? '', deviceId: deviceNode.device.deviceId, path: this.fullPath };
  }

  get numeric(): boolean {
    return NUMERIC.has(String(this.datanode.dataType).toLowerCase());
  }

  get contextValue(): string {
    return datanodeContext(this.numeric);
  }

  /** Full path for reads: `/path/name`. */
  get fullPath(): string {
    return datanodePath(this.datanode);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(this.numeric ? 'pulse' : 'symbol-string');
    item.description = [this.datanode.dataType, this.datanode.unit].filter(Boolean).join(' · ');
    item.tooltip = this.fullPath;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const { v1 } = await this.v1();
    const latest = await v1.readData(this.deviceNode.device.deviceId, { datanodes: [this.fullPath], signal });
    return { datanode: this.datanode, latest: latest.datanodeReads };
  }

  override platformId(): string {
    return this.fullPath;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'datanode', v1BaseUrl: v1BaseUrlOf(this), deviceId: this.deviceNode.device.deviceId, path: this.fullPath });
  }

  override series(): SeriesDescriptor | undefined {
    if (!this.numeric) return undefined;
    return { ...this.ref, label: `${this.deviceNode.label} · ${this.datanode.name}`, unit: this.datanode.unit };
  }

  override resource(): ResourceOf<'v1-datanode'> {
    return { ref: this.ref, device: this.deviceNode.device, datanode: this.datanode };
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: `${this.deviceNode.label} · ${this.label}`, snapshot: { device: this.deviceNode.device, datanode: this.datanode } };
  }
}

function limitText(n: number): string {
  return n < 0 ? '∞' : n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
