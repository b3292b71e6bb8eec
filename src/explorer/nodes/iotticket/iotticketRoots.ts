/**
 * IoT-TICKET below a connection: the user's organization(s) from the asset API and the REST API v1.
 * Search ("Go to…", filters) runs over the index of names paths; locating an asset walks its chain of
 * parents down the tree, inserting an asset into a level whose page with it is not loaded yet.
 */
import * as vscode from 'vscode';
import { errorMessage, PlatformError } from '../../../platforms/http';
import type { Asset } from '../../../platforms/iotticket/types';
import { rank, type PlatformSearch, type SearchHit, type SearchResult } from '../../search';
import type { TreeNode } from '../../treeNode';
import type { ConnectionContext } from '../../connectionContext';
import { AssetNode } from './assetNodes';
import { liveAssetIndex, type AssetIndex } from './assetIndex';
import type { IndexedAsset } from './assetIndexCore';
import { searchAssets, type AssetSearchProgress } from './assetSearch';
import { AssetApiAccess } from './assetApiAccess';
import { OrganizationNode } from './organizationNodes';
import { V1RootNode } from './v1Nodes';

export async function iotTicketConnectionChildren(connection: ConnectionContext, signal: AbortSignal): Promise<TreeNode[]> {
  const session = await connection.services.sessions.iotticket(connection.profile.id);
  const out: TreeNode[] = [];
  if (session.assetApi) {
    const orgs = await new AssetApiAccess(session.assetApi).organizations(signal);
    // The asset tree belongs to the user's organization (the top-level one); the ones below it show under its Sub-organizations.
    const ids = new Set(orgs.map((o) => o.id));
    const roots = orgs.filter((o) => o.parentId === null || o.parentId === undefined || !ids.has(o.parentId));
    for (const org of roots.length ? roots : orgs.slice(0, 1)) out.push(new OrganizationNode(connection, org, orgs));
  }
  if (session.v1) out.push(new V1RootNode(connection));
  if (out.length === 0) throw new PlatformError(vscode.l10n.t('"{0}" has neither an asset API nor a REST API v1 base URL', connection.label), 'validation');
  return out;
}

/** The organization node that holds the asset tree. */
export async function organizationOf(connection: ConnectionContext): Promise<OrganizationNode> {
  const org = (await connection.children()).find((n): n is OrganizationNode => n instanceof OrganizationNode);
  if (!org) throw new PlatformError(vscode.l10n.t('"{0}" has no asset tree (no asset API base URL)', connection.label), 'validation');
  return org;
}

/**
 * The node of an asset inside the connection's tree: each level on the way is loaded (first page) and
 * the asset is inserted when its page is not loaded yet, so `reveal` works at any depth and position.
 */
export async function locateAsset(connection: ConnectionContext, chain: readonly Pick<Asset, 'id' | 'name' | 'parentId'>[]): Promise<AssetNode> {
  const org = await organizationOf(connection);
  await org.children();
  let level: TreeNode = org.assets;
  let node: AssetNode | undefined;
  const names: string[] = [];
  for (const asset of chain) {
    names.push(asset.name);
    await level.children();
    const loaded = level.loader!.loaded().find((n): n is AssetNode => n instanceof AssetNode && n.assetId === asset.id);
    if (loaded) node = loaded;
    else {
      node = level.loader!.insert(new AssetNode(level, asset as Asset, [...names])) as AssetNode;
      // VS Code may hold this level's children from before the insert: without a repaint its reveal
      // finds no row for the node and selects nothing (it only logs that). The reveal waits for it.
      level.services.repaint(level);
    }
    level = node;
  }
  if (!node) throw new PlatformError('empty asset chain', 'validation');
  return node;
}

/** A search hit of an asset; its names path is asked for only when the hit is shown or opened. */
function hitOf(asset: Asset | IndexedAsset, namesPath: () => string[], locate: SearchHit['locate']): SearchHit {
  return {
    key: asset.id,
    label: asset.name,
    get description() {
      return namesPath().slice(0, -1).join(' / ') || vscode.l10n.t('(root)');
    },
    icon: 'symbol-class',
    node: (parent) => new AssetNode(parent, { ...asset, namesPath: namesPath() }, namesPath()),
    locate,
  };
}

/** A hit whose names path is read from the index when it is shown (a search may match 100,000 assets). */
function assetHit(index: AssetIndex, at: number): SearchHit {
  let path: string[] | undefined;
  return hitOf(index.assetAt(at), () => (path ??= index.chainAt(at).map((a) => a.name)), (connection) => locateAsset(connection, index.chainAt(at)));
}

/** A hit the server found by its exact name; its chain of parents is asked for when it is revealed. */
function namedHit(access: AssetApiAccess, asset: Asset): SearchHit {
  const namesPath = asset.namesPath?.length ? [...asset.namesPath] : [asset.name];
  return hitOf(asset, () => namesPath, async (connection, signal) => locateAsset(connection, await access.chainOf(asset, signal)));
}

/**
 * Go to… and filters: searchAssets (assetSearch.ts) over the session's names index, its progress shown
 * as hits; the scan yields the extension host every few milliseconds (assetIndexCore.ts).
 */
export const iotTicketSearch: PlatformSearch = async (connection, text, signal, onProgress) => {
  const session = await connection.services.sessions.iotticket(connection.profile.id);
  if (!session.assetApi) return { hits: [] };
  const index = liveAssetIndex(session, connection.services.log, connection.services.indexDir);
  const access = new AssetApiAccess(session.assetApi);
  const t = text.trim();
  const hits: SearchHit[] = [];
  let named: { asset: Asset; hit: SearchHit } | undefined;
  const resultOf = ({ scan: p, named: asset }: AssetSearchProgress): SearchResult => {
    for (let i = hits.length; i < p.matches.length; i++) hits.push(assetHit(index, p.matches[i]));
    if (asset && named?.asset !== asset) named = { asset, hit: namedHit(access, asset) };
    const extra = named && !hits.some((h) => h.key === named!.hit.key) ? [named.hit] : [];
    return {
      hits: rank([...extra, ...hits], t),
      searched: p.scanned,
      ...(p.complete ? {} : { indexing: { indexed: index.size, total: p.total } }),
      ...(index.restoredFrom === undefined ? {} : { storedAt: index.restoredFrom }),
    };
  };
  const done = await searchAssets(index, access, t, signal, onProgress && ((p) => onProgress(resultOf(p))), (err) =>
    connection.services.log.debug(`Go to… asked "${connection.label}" for an asset named "${t}": ${errorMessage(err)}`),
  );
  return resultOf(done);
};

export { OrganizationNode, V1RootNode };
