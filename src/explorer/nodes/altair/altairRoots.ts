/**
 * Altair IoT Studio below a connection: the space, its categories (each with its things), all things,
 * and models with their versions. Every list pages with the server's cursors. Search ("Go to…" and
 * filters) uses the server's filters (exact title, thing ids) plus an index of titles built by paging
 * the things list once.
 */
import * as vscode from 'vscode';
import type { SnippetParts } from '../../../snippets/pythonSnippet';
import type { Category, Model, ModelVersion, Thing } from '../../../platforms/altair';
import { ChildLoader, cursorPages, singlePage } from '../../childLoader';
import type { PlatformSearch, SearchHit } from '../../search';
import { matchesFilter, rank } from '../../search';
import type { AltairCategoryRef, AltairModelRef, AltairSpaceRef } from '../../../shared/refs';
import type { Favourite } from '../../favourite';
import { TreeNode, idPart } from '../../treeNode';
import type { ConnectionContext } from '../../connectionContext';
import { FolderNode } from '../folderNode';
import { AltairNode, ThingNode, altairSnippet } from './thingNodes';
import { altairIndex } from './altairIndex';
import { CONTEXT } from '../../contextValues';
import { withoutOwnName } from '../format';

export async function altairConnectionChildren(connection: ConnectionContext, signal: AbortSignal): Promise<TreeNode[]> {
  const session = await connection.services.sessions.altair(connection.profile.id);
  signal.throwIfAborted();
  return [new SpaceNode(connection, session.space)];
}

export class SpaceNode extends AltairNode {
  readonly contextValue = CONTEXT.space;
  readonly label: string;
  override readonly ref: AltairSpaceRef;
  readonly categories: FolderNode<string>;
  readonly allThings: FolderNode<string>;

  constructor(
    parent: TreeNode,
    readonly space: string,
  ) {
    super(parent, idPart('space', space));
    this.label = space;
    this.ref = { kind: 'altair-space', connectionId: this.connectionId ?? '', space };
    this.categories = new FolderNode<string>(
      this,
      'categories',
      vscode.l10n.t('Categories'),
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const page = await s.api.spaces(space).categories().get({ limit, nextCursor: cursor, signal });
        return { nodes: page.items.map((c) => new CategoryNode(this.categories, space, c)), next: page.nextCursor };
      }),
      { icon: 'tag', contextValue: CONTEXT.categories, emptyLabel: vscode.l10n.t('No categories') },
    );
    this.allThings = new FolderNode<string>(
      this,
      'things',
      vscode.l10n.t('All things'),
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const page = await s.api.spaces(space).things().get({ limit, nextCursor: cursor, signal, sort: 'title' });
        return { nodes: page.items.map((t) => new ThingNode(this.allThings, space, t)), next: page.nextCursor };
      }),
      { icon: 'symbol-namespace', contextValue: CONTEXT.things, emptyLabel: vscode.l10n.t('No things') },
    );
    const models: FolderNode<string> = new FolderNode<string>(
      this,
      'models',
      vscode.l10n.t('Models'),
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const page = await s.api.spaces(space).models().get({ limit, nextCursor: cursor, signal });
        return { nodes: page.items.map((m) => new ModelNode(models, space, m)), next: page.nextCursor };
      }),
      { icon: 'symbol-class', contextValue: CONTEXT.models, emptyLabel: vscode.l10n.t('No models') },
    );
    this.loader = new ChildLoader(this, singlePage(async () => [this.categories, this.allThings, models]), { emptyLabel: '' });
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('globe');
    item.description = vscode.l10n.t('space');
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    return s.api.spaces(this.space).get({ signal });
  }

  override platformId(): string {
    return this.space;
  }

  override pythonSnippet(): SnippetParts {
    return altairSnippet(this, { kind: 'space' });
  }
}

export class CategoryNode extends AltairNode {
  readonly contextValue = CONTEXT.category;
  readonly label: string;
  override readonly ref: AltairCategoryRef;

  constructor(
    parent: TreeNode,
    readonly space: string,
    readonly category: Category,
  ) {
    super(parent, idPart('cat', category.name));
    this.label = category.name;
    this.ref = { kind: 'altair-category', connectionId: this.connectionId ?? '', space, category: category.name };
    this.loader = new ChildLoader(
      this,
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const page = await s.api.spaces(space).categories(category.name).things().get({ limit, nextCursor: cursor, signal });
        return { nodes: page.items.map((t) => new ThingNode(this, space, t)), next: page.nextCursor };
      }),
      { emptyLabel: vscode.l10n.t('No things in this category') },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('tag');
    // The platform's description often starts with the category's own name: the row already shows it.
    item.description = withoutOwnName(this.category.description, this.label);
    if (this.category.model?.name) item.tooltip = vscode.l10n.t('Model: {0}', this.category.model.name);
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    return s.api.spaces(this.space).categories(this.category.name).get({ signal });
  }

  override platformId(): string {
    return this.category.name;
  }

  override pythonSnippet(): SnippetParts {
    return altairSnippet(this, { kind: 'category', category: this.category.name });
  }

  override favourite(): Favourite {
    return { ref: this.ref, label: this.label };
  }
}

class ModelNode extends AltairNode {
  readonly contextValue = CONTEXT.model;
  readonly label: string;
  override readonly ref: AltairModelRef;

  constructor(
    parent: TreeNode,
    readonly space: string,
    readonly model: Model,
  ) {
    super(parent, idPart('model', model.name));
    this.label = model.name;
    this.ref = { kind: 'altair-model', connectionId: this.connectionId ?? '', space, model: model.name };
    this.loader = new ChildLoader(
      this,
      cursorPages(async (cursor, limit, signal) => {
        const s = await this.session();
        const page = await s.api.spaces(space).models(model.name).versions().get({ limit, nextCursor: cursor, signal });
        return { nodes: page.items.map((v) => new ModelVersionNode(this, v)), next: page.nextCursor };
      }),
      { emptyLabel: vscode.l10n.t('No versions') },
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.iconPath = new vscode.ThemeIcon('symbol-class');
    item.description = this.model.description;
    return item;
  }

  override async json(signal: AbortSignal): Promise<unknown> {
    const s = await this.session();
    return s.api.spaces(this.space).models(this.model.name).get({ signal });
  }

  override platformId(): string {
    return this.model.id ?? this.model.name;
  }

  override pythonSnippet(): SnippetParts {
    return altairSnippet(this, { kind: 'model', model: this.model.name });
  }
}

class ModelVersionNode extends TreeNode {
  readonly contextValue = CONTEXT.modelVersion;
  readonly label: string;

  constructor(
    parent: ModelNode,
    readonly version: ModelVersion,
  ) {
    super(parent, idPart('v', version.version));
    this.label = vscode.l10n.t('Version {0}', version.version);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('versions');
    item.description = this.version.title;
    item.tooltip = this.version.description;
    item.command = { command: 'iotExplorer.openJson', title: vscode.l10n.t('Open JSON'), arguments: [this] };
    return item;
  }

  override async json(): Promise<unknown> {
    return this.version;
  }

  override platformId(): string {
    return String(this.version.version);
  }
}

/** A thing found by search; `locate` puts it under "All things" (inserted first if its page is not loaded). */
function thingHit(space: string, thing: Pick<Thing, 'uid' | 'title'> & Partial<Thing>, fetchFull: (signal: AbortSignal) => Promise<Thing>): SearchHit {
  return {
    key: thing.uid,
    label: thing.title || thing.uid,
    description: thing.categories?.length ? thing.categories.join(', ') : thing.uid,
    icon: 'symbol-object',
    node: (parent) => new ThingNode(parent, space, thing as Thing),
    locate: async (connection, signal) => {
      const [spaceNode] = (await connection.children()).filter((n): n is SpaceNode => n instanceof SpaceNode);
      if (!spaceNode) throw new Error(vscode.l10n.t('The space of this connection is not loaded'));
      await spaceNode.children();
      const folder = spaceNode.allThings;
      await folder.children();
      const existing = folder.loader?.loaded().find((n) => n instanceof ThingNode && n.uid === thing.uid);
      if (existing) return existing;
      const full = thing.created ? (thing as Thing) : await fetchFull(signal);
      const inserted = folder.loader!.insert(new ThingNode(folder, space, full));
      // As for assets: VS Code may hold this level's children from before the insert, and its reveal then
      // cannot resolve the node ("Cannot resolve tree item"). A repaint makes it ask again.
      folder.services.repaint(folder);
      return inserted;
    },
  };
}

export const altairSearch: PlatformSearch = async (connection, text, signal) => {
  const session = await connection.services.sessions.altair(connection.profile.id);
  const things = session.api.spaces(session.space).things();
  const full = (uid: string) => (s: AbortSignal) => session.api.spaces(session.space).things(uid).get({ signal: s }) as Promise<Thing>;
  const hits = new Map<string, SearchHit>();
  const trimmed = text.trim();
  // Server-side first: exact title and, for ULID-looking input, the thing id.
  const exact = await things.get({ title: trimmed, limit: 100, signal });
  for (const t of exact.items) hits.set(t.uid, thingHit(session.space, t, full(t.uid)));
  if (/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(trimmed)) {
    const byId = await things.get({ thingIds: [trimmed.toUpperCase()], limit: 1, signal });
    for (const t of byId.items) hits.set(t.uid, thingHit(session.space, t, full(t.uid)));
  }
  // Then the index of titles for partial matches (built once per connection, reused for a while).
  const index = await altairIndex(connection, session, signal);
  for (const entry of index.entries) {
    if (!hits.has(entry.uid) && (matchesFilter(entry.title, trimmed) || entry.uid === trimmed.toUpperCase())) {
      hits.set(entry.uid, thingHit(session.space, { uid: entry.uid, title: entry.title, categories: entry.categories ? [...entry.categories] : undefined }, full(entry.uid)));
    }
  }
  return { hits: rank([...hits.values()], trimmed), searched: index.entries.length };
};
