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
  /** While the index is still being built: how much of it there is (matches so far come with it). */
  readonly indexing?: { readonly indexed: number; readonly total?: number };
  /** When the hits come from an index stored by an earlier session: when that index was built (ms since the epoch). */
  readonly storedAt?: number;
}

/** `onProgress` receives the matches so far while a search over an index that is still growing runs. */
export type PlatformSearch = (connection: ConnectionContext, text: string, signal: AbortSignal, onProgress?: (partial: SearchResult) => void) => Promise<SearchResult>;

/** Case-insensitive match of a filter text against a name (every word must occur). */
export function matchesFilter(name: string, filter: string): boolean {
  return filterTest(filter)(name);
}

/** `matchesFilter` with the filter's words split once (an index scan tests a million names). */
export function filterTest(filter: string): (name: string) => boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 1) {
    const [w] = words;
    return (name) => name.toLowerCase().includes(w);
  }
  return (name) => {
    const hay = name.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

/** Hits ranked fully up to this many; above it only the first SORTED of each rank are sorted (a sort of 100,000 would block). */
const SORTED = 2000;

/**
 * Ranks hits: exact name first, then names starting with the text, then the rest; ties by path. In a
 * rank of more than SORTED hits, its first SORTED (in index order: shallow first) are sorted and the
 * rest follow as they are. Returns a new array.
 */
export function rank(hits: readonly SearchHit[], text: string): SearchHit[] {
  const t = text.trim().toLowerCase();
  const buckets: SearchHit[][] = [[], [], []];
  for (const h of hits) {
    const l = h.label.toLowerCase();
    buckets[l === t ? 0 : l.startsWith(t) ? 1 : 2].push(h);
  }
  const byPath = (a: SearchHit, b: SearchHit): number => (a.description ?? '').localeCompare(b.description ?? '') || a.label.localeCompare(b.label);
  return buckets.flatMap((b) => (b.length <= SORTED ? b.sort(byPath) : [...b.slice(0, SORTED).sort(byPath), ...b.slice(SORTED)]));
}
