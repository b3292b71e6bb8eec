/** IoT-TICKET actions on tree nodes: print the asset tree into a document, and the event history table. */
import * as vscode from 'vscode';
import type { TreeNode } from '../../treeNode';
import { AssetNode } from './assetNodes';
import { AssetApiAccess, assetApiOf } from './assetApiAccess';
import { EventHistoryPanel } from '../../../webviews/eventHistory/eventHistoryPanel';
import { ActiveEventsNode, OrganizationNode } from './organizationNodes';

/** "Print asset tree": the tree below an asset (or the whole organization) into an untitled text document. */
export async function printAssetTree(node: TreeNode): Promise<vscode.TextDocument | undefined> {
  if (!(node instanceof AssetNode) && !(node instanceof OrganizationNode)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Print Asset Tree works on an IoT-TICKET organization or asset.'));
    return undefined;
  }
  const session = await node.services.sessions.iotticket(node.connectionId ?? '');
  const access = new AssetApiAccess(assetApiOf(session));
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Printing the asset tree of "{0}"…', node.label), cancellable: true },
    (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return access.printAssetTree(node instanceof AssetNode ? node.assetId : undefined, abort.signal);
    },
  );
  const header = node instanceof AssetNode ? node.namesPath().join(' / ') : `${node.label} (${session.profile.label})`;
  const doc = await vscode.workspace.openTextDocument({ content: `${header}\n\n${text}\n`, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** "Show event history": a filterable table of the events of the selected assets (or the whole organization). */
export async function showEventHistory(nodes: readonly TreeNode[], extensionUri: vscode.Uri): Promise<EventHistoryPanel | undefined> {
  const assets = nodes.filter((n): n is AssetNode => n instanceof AssetNode);
  const org = nodes.find((n): n is OrganizationNode | ActiveEventsNode => n instanceof OrganizationNode || n instanceof ActiveEventsNode);
  const anchor = assets[0] ?? org;
  if (!anchor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Show Event History works on IoT-TICKET assets or an organization.'));
    return undefined;
  }
  const session = await anchor.services.sessions.iotticket(anchor.connectionId ?? '');
  const access = new AssetApiAccess(assetApiOf(session));
  const assetIds = assets.map((a) => a.assetId);
  let title = assets.map((a) => a.label).join(', ');
  if (assetIds.length === 0) {
    // The whole organization: no asset filter.
    title = org instanceof ActiveEventsNode ? org.organization.label : (org?.label ?? '');
  }
  const days = vscode.workspace.getConfiguration('iotExplorer').get<number>('events.historyDays', 7);
  return EventHistoryPanel.show(extensionUri, { title, assetIds, access, days, log: anchor.services.log });
}
