/**
 * The organizations below an organization, as the platform nests them. das scopes only the
 * organization-level calls by `organization_id` (details, credentials, credential queries); assets,
 * templates, devices, events and analytics belong to the client's own organization, so a
 * sub-organization shows its details, its credentials and the organizations below it.
 */
import * as vscode from 'vscode';
import type { Organization, OrganizationDetails } from '../../../platforms/iotticket/types';
import type { IotTicketOrganizationRef } from '../../../shared/refs';
import { pythonSnippet, type SnippetParts } from '../../../snippets/pythonSnippet';
import { ChildLoader, singlePage } from '../../childLoader';
import { CONTEXT } from '../../contextValues';
import { idPart, type TreeNode } from '../../treeNode';
import { FolderNode } from '../folderNode';
import { AssetApiNode } from './assetNodes';
import { credentialsFolder } from './credentialNodes';

/** The Sub-organizations folder of `organizationId`, or undefined when nothing is below it. */
export function subOrganizationsFolder(parent: TreeNode, organizationId: string, all: readonly Organization[]): FolderNode<never> | undefined {
  const below = all.filter((o) => o.parentId === organizationId);
  if (below.length === 0) return undefined;
  const folder: FolderNode<never> = new FolderNode(
    parent,
    'suborgs',
    vscode.l10n.t('Sub-organizations'),
    singlePage(async () => below.map((o) => new SubOrganizationNode(folder, o, all))),
    { icon: 'type-hierarchy-sub', contextValue: CONTEXT.subOrganizations, emptyLabel: '', description: () => String(below.length) },
  );
  return folder;
}

export class SubOrganizationNode extends AssetApiNode {
  readonly contextValue = CONTEXT.subOrganization;
  readonly label: string;
  override readonly ref: IotTicketOrganizationRef;
  details: OrganizationDetails | undefined;

  constructor(
    parent: TreeNode,
    readonly organization: Organization,
    all: readonly Organization[],
  ) {
    super(parent, idPart('org', organization.id));
    this.label = organization.name;
    this.ref = { kind: 'iotticket-organization', connectionId: this.connectionId ?? '', organizationId: organization.id };
    const credentials = credentialsFolder(this, organization.id);
    const below = subOrganizationsFolder(this, organization.id, all);
    this.loader = new ChildLoader(this, singlePage(async () => [credentials, ...(below ? [below] : [])]), { emptyLabel: '' });
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.description = this.organization.tenantId ? vscode.l10n.t('tenant {0}', this.organization.tenantId) : this.organization.id;
    item.tooltip = vscode.l10n.t('{0} ({1}), below {2}. Its assets, devices and analytics are seen when signed in to it.', this.organization.name, this.organization.id, this.organization.parentId ?? '—');
    return item;
  }

  /** get_organization_details(organization_id) of this organization. */
  override async json(signal: AbortSignal): Promise<unknown> {
    this.details = await (await this.access()).organizationDetails(this.organization.id, signal);
    return this.details;
  }

  override platformId(): string {
    return this.organization.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'organization', organizationId: this.organization.id });
  }
}
