/**
 * Go to… over IoT-TICKET's assets, without the tree (iotTicketSearch shows its results; the bench times
 * it): the names index's matches stream in while it is still being built, and while it is incomplete
 * the server is also asked for the asset named exactly as the text (get_assets(asset_name=…)), so that
 * a whole name is found at once in a tree of any size. A name that several assets or none have gives
 * nothing there (the index finds those).
 */
import type { Asset } from '../../../platforms/iotticket/types';
import type { AssetApiAccess } from './assetApiAccess';
import { scanIndex, type AssetIndex, type ScanProgress } from './assetIndexCore';

export interface AssetSearchProgress {
  /** The index's matches so far (positions in the index). */
  readonly scan: ScanProgress;
  /** The asset the server has by exactly this name, once it answered. */
  readonly named?: Asset;
}

export async function searchAssets(
  index: AssetIndex,
  access: AssetApiAccess,
  text: string,
  signal: AbortSignal,
  onProgress?: (p: AssetSearchProgress) => void,
  onLookupError?: (err: unknown) => void,
): Promise<AssetSearchProgress> {
  const t = text.trim();
  let named: Asset | undefined;
  let last: ScanProgress = { matches: [], scanned: 0, total: index.total, complete: false };
  if (!index.complete && t) {
    access.assetNamed(t, signal).then(
      (asset) => {
        if (!asset || signal.aborted) return;
        named = asset;
        if (!last.complete) onProgress?.({ scan: last, named });
      },
      (err: unknown) => onLookupError?.(err),
    );
  }
  const partial = (p: ScanProgress): void => {
    last = p;
    if (!p.complete) onProgress?.({ scan: p, named });
  };
  const scan = await scanIndex(index, index.matcher(t), signal, onProgress && partial);
  return { scan, named };
}
