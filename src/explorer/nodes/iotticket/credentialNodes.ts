/**
 * An organization's Credentials folder and its credentials. The list is asked for that organization
 * (das `get_credentials(organization_id)`), so a sub-organization shows its own, not the default's.
 */
import * as vscode from 'vscode';
import type { Credential } from '../../../platforms/iotticket/types';
import type { IotTicketCredentialRef } from '../../../shared/refs';
import { pythonSnippet, type SnippetParts } from '../../../snippets/pythonSnippet';
import { singlePage } from '../../childLoader';
import { CONTEXT } from '../../contextValues';
import { TreeNode, idPart } from '../../treeNode';
import { FolderNode } from '../folderNode';
import type { AssetApiNode } from './assetNodes';

export function credentialsFolder(parent: AssetApiNode, organizationId: string): FolderNode<never> {
  const folder: FolderNode<never> = new FolderNode(
    parent,
    'credentials',
    vscode.l10n.t('Credentials'),
    singlePage(async (signal) => {
      const list = await (await parent.access()).credentials(organizationId, signal);
      return list.map((c) => new CredentialNode(folder, c));
    }),
    { icon: 'key', contextValue: CONTEXT.credentials, emptyLabel: vscode.l10n.t('No credentials') },
  );
  return folder;
}

export class CredentialNode extends TreeNode {
  readonly contextValue = CONTEXT.credential;
  readonly label: string;
  override readonly ref: IotTicketCredentialRef;

  constructor(
    parent: TreeNode,
    readonly credential: Credential,
  ) {
    super(parent, idPart('cred', credential.id));
    this.label = credential.name;
    this.ref = { kind: 'iotticket-credential', connectionId: this.connectionId ?? '', credentialId: credential.id };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('key');
    item.description = typeof this.credential.type === 'string' ? this.credential.type : undefined;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.credential;
  }

  override platformId(): string {
    return this.credential.id;
  }

  override pythonSnippet(): SnippetParts {
    return pythonSnippet({ kind: 'credential', name: this.credential.name, id: this.credential.id });
  }
}
