/**
 * What a platform offers to "Go to…" and to connection filters: hits for a text (from the platform's
 * server-side search or from an index of names), each able to make a node under the "Matches" node
 * and to locate the same entity inside the connection's tree (loading the levels on the way) for reveal.
 */
import type { TreeNode } from './treeNode';
import type { ConnectionContext } from './connectionContext';

export interface SearchHit {
  /** Stable key (the entity id). */
  readonly key: string;
  readonly label: string;
  /** Names path or location, shown next to the label. */
  readonly description?: string;
  readonly icon?: string;
  /** A node for this hit under `parent`. */
  node(parent: TreeNode): TreeNode;
  /** The entity inside the connection's tree (the levels above it are loaded or inserted). */
  locate(connection: ConnectionContext, signal: AbortSignal): Promise<TreeNode>;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  /** How many entities were searched (the index size), for the quick pick's title. */
  readonly searched?: number;
  /** True when the platform's search only matches whole names (Altair's title filter). */
  readonly exactOnly?: boolean;
}

export type PlatformSearch = (connection: ConnectionContext, text: string, signal: AbortSignal) => Promise<SearchResult>;

/** Case-insensitive match of a filter text against a name (every word must occur). */
export function matchesFilter(name: string, filter: string): boolean {
  const hay = name.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** Ranks hits: exact name first, then names starting with the text, then the rest; ties by path. */
export function rank(hits: SearchHit[], text: string): SearchHit[] {
  const t = text.trim().toLowerCase();
  const score = (h: SearchHit): number => {
    const l = h.label.toLowerCase();
    if (l === t) return 0;
    if (l.startsWith(t)) return 1;
    return 2;
  };
  return hits.sort((a, b) => score(a) - score(b) || (a.description ?? '').localeCompare(b.description ?? '') || a.label.localeCompare(b.label));
}
