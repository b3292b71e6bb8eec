/**
 * Active events from the tree: "Count Active Events" (das `asset_event_active_count`, organization-wide
 * on an organization, for an asset and its sub-assets on an asset) and "Acknowledge Event" on an active
 * event (modal, naming the event).
 */
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import type { AssetEvent } from '../../platforms/iotticket/types';
import { messageText } from '../../shared/escape/message';
import { iotTicketAssetApi, type Answers, type MethodsDeps } from '../deps';
import { confirmModal } from '../prompts';

export interface ActiveEventCount {
  readonly scope: 'organization' | 'asset';
  readonly assetId?: string;
  readonly count: number;
}

export async function countActiveEvents(deps: MethodsDeps, node: TreeNode | undefined): Promise<ActiveEventCount> {
  const asset = resourceOf(node, 'iotticket-asset');
  const organization = node?.ref?.kind === 'iotticket-organization' ? node.ref : undefined;
  if (!node?.connectionId || (!asset && !organization)) throw new ValidationError('node', vscode.l10n.t('Run "Count Active Events" on an IoT-TICKET organization or asset.'));
  const core = await iotTicketAssetApi(deps, node.connectionId);
  if (asset) {
    const count = await core.events.assetEventActiveCount({ assetId: asset.ref.assetId, includeChildren: true });
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} active event(s) on "{1}" and its sub-assets.', count, messageText(asset.asset.name)));
    return { scope: 'asset', assetId: asset.ref.assetId, count };
  }
  const count = await core.events.assetEventActiveCount();
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} active event(s) in the organization.', count));
  return { scope: 'organization', count };
}

export async function acknowledgeEvent(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<AssetEvent | undefined> {
  const r = resourceOf(node, 'iotticket-event');
  if (!r || !node) throw new ValidationError('node', vscode.l10n.t('Run "Acknowledge Event" on an active event.'));
  if (r.event.acknowledged) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This event is already acknowledged.'));
    return r.event;
  }
  const name = messageText(r.event.message || r.event.eventId);
  const ok = await confirmModal(
    answers,
    vscode.l10n.t('Acknowledge the {0} event "{1}" ({2})?', r.event.severity, name, r.event.eventId),
    vscode.l10n.t('Everyone in the organization sees it as acknowledged; it stays active until the device clears it.'),
    vscode.l10n.t('Acknowledge'),
  );
  if (!ok) return undefined;
  const core = await iotTicketAssetApi(deps, r.ref.connectionId);
  const event = await core.events.acknowledgeEvent(r.ref.eventId);
  if (node.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Acknowledged "{0}".', name));
  return event;
}
