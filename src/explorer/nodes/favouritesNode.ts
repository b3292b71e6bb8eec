/**
 * "Favourites": pinned nodes shown at the top of the view, recreated from their snapshots (fetching
 * the entity when there is none). "Reveal in connection" finds the same entity in its connection's tree.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../platforms/http';
import { ChildLoader, singlePage } from '../childLoader';
import { favouriteContext } from '../contextValues';
import { favouriteKey, type Favourite } from '../favourite';
import type { FavouritesStore } from '../favourites';
import type { ExplorerServices } from '../treeNode';
import { TreeNode, idPart } from '../treeNode';
import { InfoNode } from './placeholderNodes';
import { CONTEXT } from '../contextValues';

export class FavouritesNode extends TreeNode {
  readonly contextValue = CONTEXT.favourites;
  readonly label = vscode.l10n.t('Favourites');

  constructor(
    services: ExplorerServices,
    readonly store: FavouritesStore,
  ) {
    super(undefined, 'favourites', services);
    this.loader = new ChildLoader(
      this,
      singlePage(async (signal) => Promise.all(store.list().map((d) => favouriteNode(this, d, signal)))),
      { emptyLabel: vscode.l10n.t('Pin nodes with "Pin to Favourites"') },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.iconPath = new vscode.ThemeIcon('star-full');
    item.description = String(this.store.list().length);
    return item;
  }
}

/** Marks a node as a favourite entry: its context value gets `.favourite`, and unpinning knows its favourite. */
function asFavourite<T extends TreeNode>(node: T, favourite: Favourite): T {
  Object.defineProperty(node, 'contextValue', { value: favouriteContext(node.contextValue), configurable: true });
  node.pinned = favourite;
  return node;
}

class BrokenFavourite extends InfoNode {}

async function favouriteNode(parent: FavouritesNode, f: Favourite, signal: AbortSignal): Promise<TreeNode> {
  try {
    // The platforms' node classes load with the first favourite (not at activation).
    const { build } = await import('./favouriteBuild');
    return asFavourite(await build(parent, f, signal), f);
  } catch (err) {
    parent.services.log.warn(`Favourite "${f.label}" is not available: ${errorMessage(err)}`);
    return asFavourite(
      new BrokenFavourite(parent, idPart('broken', favouriteKey(f)), f.label, {
        icon: 'warning',
        description: vscode.l10n.t('not available: {0}', errorMessage(err).slice(0, 80)),
        contextValue: CONTEXT.brokenFavourite,
        value: f,
      }),
      f,
    );
  }
}
