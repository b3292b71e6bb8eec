/**
 * "Chart All Series" on an IoT-TICKET asset: what das `get_multiple_timeseries(asset_id=…)` reads, every
 * series attribute of the asset, drawn in one chart. The chart reads each series in parallel pages, as
 * `getMultipleTimeseries` does per series.
 */
import * as vscode from 'vscode';
import { resourceOf } from '../../explorer/resources';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import type { SeriesDescriptor } from '../../shared/refs';
import { iotTicketAssetApi, type MethodsDeps } from '../deps';
import { seriesDescriptors } from './seriesAttributes';

/** Opens one chart of every series attribute of the asset; resolves with the descriptors charted. */
export async function chartAllSeries(deps: MethodsDeps, node: TreeNode | undefined): Promise<SeriesDescriptor[]> {
  const asset = resourceOf(node, 'iotticket-asset');
  if (!asset) throw new ValidationError('node', vscode.l10n.t('Run "Chart All Series" on an IoT-TICKET asset.'));
  const core = await iotTicketAssetApi(deps, asset.ref.connectionId);
  const attributes = await core.assets.getAttributes({ assetId: asset.ref.assetId });
  const descriptors = seriesDescriptors(asset.ref.connectionId, { id: asset.ref.assetId, name: asset.asset.name }, attributes);
  if (descriptors.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no TelemetryData or Calculated attribute to chart.', asset.asset.name));
    return [];
  }
  await vscode.commands.executeCommand('iotExplorer.openChart', descriptors);
  return descriptors;
}
