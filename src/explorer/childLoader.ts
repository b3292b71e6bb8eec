/**
 * Lazy children with server paging: the first page loads on the first expansion, "Load more (N of M)"
 * appends the next one, and a lock makes concurrent calls share one load (no double loads when the
 * user clicks twice or VS Code asks again while a page is in flight). Errors become an error node that
 * links to the log entry; an empty level gets a placeholder. Nothing is ever capped silently: as long
 * as the server has more, the Load more node stays.
 */
import { isCancellation } from '../platforms/http';

/** What a loader needs of a node: its id; the explorer's nodes are `TreeNode`s. */
export interface LoadedNode {
  readonly id: string;
}

/** The rows that are not children: "Load more (N of M)", the error row and the empty placeholder. */
export interface Placeholders<N extends LoadedNode> {
  more(owner: N): N & { update(loaded: number, total: number | undefined): void };
  error(owner: N, logEntry: number, err: unknown): N;
  empty(owner: N, label: string): N;
}

/** The node whose children are loaded, and what it gives the loader (`TreeNode` and its services). */
export interface LoaderOwner<N extends LoadedNode> extends LoadedNode {
  readonly label: string;
  readonly connectionId: string | undefined;
  readonly services: {
    pageSize(connectionId: string | undefined): number;
    readonly log: { error(message: string, err?: unknown): number };
    readonly sessions: { report(connectionId: string | undefined, outcome: 'ok' | unknown): void };
    readonly placeholders: Placeholders<N>;
  };
}

export interface ChildPage<C, N extends LoadedNode = LoadedNode> {
  readonly nodes: readonly N[];
  /** Where the next page starts; undefined when this was the last page. */
  readonly next?: C;
  /** Total number of children, when the platform says. */
  readonly total?: number;
}

export type PageFetcher<C, N extends LoadedNode = LoadedNode> = (cursor: C | undefined, pageSize: number, signal: AbortSignal) => Promise<ChildPage<C, N>>;

export interface ChildLoaderOptions<N extends LoadedNode = LoadedNode> {
  /** Shown when the level is empty ("No assets"). */
  readonly emptyLabel: string;
  /** Fixed children shown before the paged ones (folders, attribute groups). */
  readonly prefix?: (signal: AbortSignal) => Promise<readonly N[]>;
  /** Page size override; default the connection's or the setting's. */
  readonly pageSize?: () => number;
}

/** What nodes and commands use of a loader, whatever its cursor type. */
export interface Loader<N extends LoadedNode = LoadedNode> {
  children(): Promise<N[]>;
  loadMore(): Promise<void>;
  reset(): void;
  loaded(): readonly N[];
  insert(node: N): N;
  readonly loading: boolean;
  readonly loadedCount: number;
  readonly total: number | undefined;
  readonly hasMore: boolean;
  readonly failed: boolean;
  /** When the children shown were read from the server (undefined before the first page). */
  readonly loadedAt: number | undefined;
  /** True while the children shown are the ones read before a reload that failed (so they are cached). */
  readonly fromCache: boolean;
}

export class ChildLoader<C, N extends LoadedNode> implements Loader<N> {
  private nodes: N[] = [];
  private prefixNodes: readonly N[] = [];
  private readonly ids = new Set<string>();
  private started = false;
  private prefixLoaded = false;
  private done = false;
  private cursor: C | undefined;
  private totalCount: number | undefined;
  private failure: N | undefined;
  private inFlight: Promise<void> | undefined;
  private abort = new AbortController();
  private generation = 0;
  private readonly moreNode: N & { update(loaded: number, total: number | undefined): void };
  /** What was shown before the last reset: kept on screen when the reload fails (expansion stays, marked cached). */
  private stale: { nodes: readonly N[]; at: number } | undefined;
  private at: number | undefined;

  constructor(
    readonly owner: LoaderOwner<N> & N,
    private readonly fetchPage: PageFetcher<C, N>,
    private readonly options: ChildLoaderOptions<N>,
  ) {
    this.moreNode = owner.services.placeholders.more(owner);
  }

  /** Children as the tree shows them: prefix, loaded pages, then Load more / error / empty placeholder. */
  async children(): Promise<N[]> {
    if (!this.started && !this.failure) await this.loadMore();
    else if (this.inFlight) await this.inFlight;
    if (this.failure && this.stale) return [this.failure, ...this.stale.nodes];
    const out: N[] = [...this.prefixNodes, ...this.nodes];
    if (this.failure) out.push(this.failure);
    // After a failed later page, Load more stays so the user can try that page again.
    if (this.started && !this.done) {
      this.moreNode.update(this.nodes.length, this.totalCount);
      out.push(this.moreNode);
    }
    if (out.length === 0) out.push(this.owner.services.placeholders.empty(this.owner, this.options.emptyLabel));
    return out;
  }

  /** Loads the next page; concurrent callers share the same load. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.started && this.done) return Promise.resolve();
    const generation = this.generation;
    const signal = this.abort.signal;
    const first = this.nodes.length === 0 && this.cursor === undefined;
    this.started = true;
    this.failure = undefined;
    const run = async (): Promise<void> => {
      try {
        if (!this.prefixLoaded && this.options.prefix) {
          const prefix = await this.options.prefix(signal);
          if (generation !== this.generation) return;
          this.prefixNodes = prefix;
          this.prefixLoaded = true;
        }
        const size = this.options.pageSize?.() ?? this.owner.services.pageSize(this.owner.connectionId);
        const page = await this.fetchPage(first ? undefined : this.cursor, size, signal);
        if (generation !== this.generation) return;
        for (const node of page.nodes) {
          if (this.ids.has(node.id)) continue; // revealed earlier out of order, or a page boundary moved
          this.ids.add(node.id);
          this.nodes.push(node);
        }
        this.owner.services.sessions.report(this.owner.connectionId, 'ok');
        this.totalCount = page.total ?? this.totalCount;
        this.stale = undefined;
        this.at = Date.now();
        this.cursor = page.next;
        this.done = page.next === undefined || page.nodes.length === 0;
      } catch (err) {
        if (generation !== this.generation) return;
        if (isCancellation(err)) {
          // Cancelled by a refresh: the next expansion starts over.
          this.started = this.nodes.length > 0;
          return;
        }
        const entry = this.owner.services.log.error(`Loading the children of "${this.owner.label}" failed`, err);
        this.owner.services.sessions.report(this.owner.connectionId, err);
        this.failure = this.owner.services.placeholders.error(this.owner, entry, err);
        // A failed first page is tried again on the next expansion or refresh.
        if (first) this.started = false;
      }
    };
    const promise = run().finally(() => {
      if (this.inFlight === promise) this.inFlight = undefined;
    });
    this.inFlight = promise;
    return promise;
  }

  /** True while a page is being fetched. */
  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get loadedCount(): number {
    return this.nodes.length;
  }

  get total(): number | undefined {
    return this.totalCount;
  }

  get hasMore(): boolean {
    return this.started && !this.done;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  get loadedAt(): number | undefined {
    return this.stale ? this.stale.at : this.at;
  }

  get fromCache(): boolean {
    return this.failure !== undefined && this.stale !== undefined;
  }

  /** Children loaded so far (prefix and pages), without triggering a load; the cached ones while a reload failed. */
  loaded(): readonly N[] {
    if (this.failure && this.stale) return this.stale.nodes;
    return [...this.prefixNodes, ...this.nodes];
  }

  /**
   * Makes a node reachable before its page is loaded (Go to…, favourites): it is placed first, and
   * skipped when its page arrives later. Returns the node already present with the same id, if any.
   */
  insert(node: N): N {
    const existing = [...this.prefixNodes, ...this.nodes].find((n) => n.id === node.id);
    if (existing) return existing;
    this.ids.add(node.id);
    this.nodes.unshift(node);
    return node;
  }

  /**
   * Cancels any load in flight and forgets every child. What was shown stays in reserve: if the reload
   * fails (the server is gone), the tree keeps showing it, marked as cached, instead of collapsing.
   */
  reset(): void {
    const shown = this.loaded();
    if (shown.length > 0 && this.loadedAt !== undefined) this.stale = { nodes: shown, at: this.loadedAt };
    this.at = undefined;
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
    this.nodes = [];
    this.prefixNodes = [];
    this.prefixLoaded = false;
    this.ids.clear();
    this.started = false;
    this.done = false;
    this.cursor = undefined;
    this.totalCount = undefined;
    this.failure = undefined;
    this.inFlight = undefined;
  }
}

/** A loader for a level that comes in one response (no paging on the server side). */
export function singlePage<N extends LoadedNode>(fetchAll: (signal: AbortSignal) => Promise<readonly N[]>): PageFetcher<never, N> {
  return async (_cursor, _size, signal) => ({ nodes: await fetchAll(signal) });
}

/** A loader for cursor paging (Altair): `fetch` returns the items and the next cursor, if any. */
export function cursorPages<N extends LoadedNode>(
  fetch: (cursor: string | undefined, limit: number, signal: AbortSignal) => Promise<{ nodes: readonly N[]; next?: string }>,
  maxLimit = 1000,
): PageFetcher<string, N> {
  return async (cursor, size, signal) => {
    const page = await fetch(cursor, Math.min(size, maxLimit), signal);
    return { nodes: page.nodes, next: page.next || undefined };
  };
}

/** A loader for offset/limit paging (`fullSize`, `limit`, `offset`). */
export function offsetPages<N extends LoadedNode>(
  fetch: (offset: number, limit: number, signal: AbortSignal) => Promise<{ nodes: readonly N[]; total?: number }>,
  maxLimit = Infinity,
): PageFetcher<number, N> {
  return async (cursor, pageSize, signal) => {
    const offset = cursor ?? 0;
    const size = Math.min(pageSize, maxLimit);
    const page = await fetch(offset, size, signal);
    const nextOffset = offset + page.nodes.length;
    const more = page.total !== undefined ? nextOffset < page.total : page.nodes.length >= size;
    return { nodes: page.nodes, total: page.total, next: more && page.nodes.length > 0 ? nextOffset : undefined };
  };
}
