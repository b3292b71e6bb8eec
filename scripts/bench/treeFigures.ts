/**
 * Figure 3, the vscode-free parts of the tree and of "Go to…":
 *  - the first page of a level: `AssetApiAccess.level` (client `assets.getAssetLevel`), which the asset node's
 *    `ChildLoader` calls on the first expansion, at the tree's default page size; the tree items built
 *    from it are not included. Compared with one raw GET of the same URL.
 *  - the names-path index: the page pattern of `buildIndex` in `src/explorer/nodes/iotticket/assetIndex.ts`
 *    (first page of get_all_assets at 1000, the rest 4 at a time, through `AssetApiAccess.allAssets`), then
 *    every asset's names path from the parent links.
 */
import { mapConcurrent } from '../../src/platforms/http';
import type { IotTicketClient } from '../../src/platforms/iotticket';
import { AssetApiAccess } from '../../src/explorer/nodes/iotticket/assetApiAccess';
import { rawDownload, recordRequests } from './rawReplay';
import type { MeasureContext } from './seriesFigures';
import { paired, repeated, type PairedResult } from './timing';

/** `iotExplorer.pageSize` default. */
export const TREE_PAGE_SIZE = 100;
const INDEX_PAGE = 1000;
const INDEX_CONCURRENCY = 4;

export interface FirstPageFigure extends PairedResult {
  readonly children: number;
  readonly levelSize: number;
}

export async function treeFirstPage(ctx: MeasureContext, client: IotTicketClient, parentId: string): Promise<FirstPageFigure> {
  const access = new AssetApiAccess(client);
  const signal = new AbortController().signal;
  const load = (): ReturnType<AssetApiAccess['level']> => access.level(parentId, 0, TREE_PAGE_SIZE, signal);
  const { value: level, requests } = await recordRequests(load);
  if (requests.length !== 1) throw new Error(`the first page of a level took ${requests.length} requests`);
  const result = await paired(ctx.reps, load, () => rawDownload(requests), { server: ctx.server });
  return { ...result, children: level.children.length, levelSize: level.fullSize };
}

export interface IndexFigure {
  readonly ms: number;
  readonly samples: readonly number[];
  readonly assets: number;
  /** The deepest names path found (a check that the paths were built). */
  readonly maxDepth: number;
}

export async function gotoIndex(ctx: MeasureContext, client: IotTicketClient): Promise<IndexFigure> {
  let assets = 0;
  let maxDepth = 0;
  const build = async (): Promise<void> => {
    const access = new AssetApiAccess(client);
    const first = await access.allAssets(0, INDEX_PAGE);
    const offsets: number[] = [];
    for (let o = first.items.length; o < first.total; o += INDEX_PAGE) offsets.push(o);
    const rest = await mapConcurrent(offsets, INDEX_CONCURRENCY, (offset) => access.allAssets(offset, INDEX_PAGE));
    const byId = new Map<string, { name: string; parentId: string | null }>();
    for (const page of [first, ...rest]) for (const a of page.items) byId.set(a.id, { name: a.name, parentId: a.parentId ?? null });
    const paths = new Map<string, readonly string[]>();
    const pathOf = (id: string): readonly string[] => {
      const known = paths.get(id);
      if (known) return known;
      const a = byId.get(id);
      if (!a) return [];
      const p = a.parentId && a.parentId !== id ? [...pathOf(a.parentId), a.name] : [a.name];
      paths.set(id, p);
      return p;
    };
    maxDepth = 0;
    for (const id of byId.keys()) maxDepth = Math.max(maxDepth, pathOf(id).length);
    assets = byId.size;
    if (assets !== first.total) throw new Error(`indexed ${assets} assets of ${first.total}`);
  };
  const r = await repeated(ctx.reps, build);
  return { ...r, assets, maxDepth };
}
