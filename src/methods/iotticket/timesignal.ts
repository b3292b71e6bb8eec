/** "Read Time Signal…" on a TelemetryData attribute: das `get_timesignal(timesignal_id, attribute_id)`. */
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import type { TimesignalResult } from '../../platforms/iotticket/dataClient';
import { iotTicketAssetApi, type Answers, type MethodsDeps } from '../deps';
import { askText, showJson } from '../prompts';

export async function readTimesignal(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<TimesignalResult | undefined> {
  const r = resourceOf(node, 'iotticket-attribute');
  if (!r || r.attribute.type !== 'TelemetryData') throw new ValidationError('node', vscode.l10n.t('Run "Read Time Signal" on a TelemetryData attribute.'));
  const title = vscode.l10n.t('Time signal of {0}', r.attribute.name);
  const id = await askText(answers, 'timesignalId', { title, prompt: vscode.l10n.t('Time signal id (the id the device wrote it with)') });
  if (id === undefined) return undefined;
  const core = await iotTicketAssetApi(deps, r.ref.connectionId);
  const result = await core.data.getTimesignal(id, { assetId: r.asset.id, attributeId: r.attribute.id, timestamp: 'datetime' });
  await showJson(deps.json, `timesignal|${r.ref.connectionId}|${r.attribute.id}|${id}`, `${r.attribute.name} ${id}`, result);
  if (result.values.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No time signal "{0}" under {1}.', id, r.attribute.name));
  return result;
}
