/**
 * What a connection's filter leaves of its tree: the matches and their ancestors (issue 19 §9). The
 * platform's search finds the hits; each is located in the tree (the levels above it are loaded or the
 * node inserted), and the ids on the way are kept. Levels above a match show only kept children; a
 * match and everything below it show as usual. Only the first LOCATED hits are placed, the rest are
 * counted in the summary row so that nothing is hidden silently.
 */
import type { SearchHit } from './search';
import type { TreeNode } from './treeNode';

/** Hits placed in the tree; more are counted ("50 of 312 matches shown") rather than located. */
export const LOCATED = 50;

export class Narrowing {
  private readonly kept = new Set<string>();
  private readonly matched = new Set<string>();
  /** The located matches, in search rank order (those found first). */
  readonly matches: TreeNode[] = [];

  constructor(
    /** How many hits the search found (all of them, placed or not). */
    readonly total: number,
  ) {}

  /** Keeps a located match and every node above it up to the connection. */
  add(node: TreeNode): void {
    this.matched.add(node.id);
    this.matches.push(node);
    for (let n: TreeNode | undefined = node; n; n = n.parent) this.kept.add(n.id);
  }

  get placed(): number {
    return this.matched.size;
  }

  /** The children shown of `parent`: all of them at or below a match, else only the kept ones. */
  narrow<N extends TreeNode>(parent: TreeNode, children: N[]): N[] {
    for (let n: TreeNode | undefined = parent; n; n = n.parent) if (this.matched.has(n.id)) return children;
    return children.filter((c) => this.kept.has(c.id));
  }
}

/** Locates the first LOCATED hits (a few at a time: they share the loaders of common ancestors). */
export async function narrowTo(hits: readonly SearchHit[], locate: (hit: SearchHit) => Promise<TreeNode | undefined>): Promise<Narrowing> {
  const narrowing = new Narrowing(hits.length);
  const queue = hits.slice(0, LOCATED);
  const worker = async (): Promise<void> => {
    for (let hit = queue.shift(); hit; hit = queue.shift()) {
      const node = await locate(hit);
      if (node) narrowing.add(node);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return narrowing;
}
