/**
 * The refresh policy in plain Node: requests are merged into one change event after the debounce, a
 * node whose ancestor is refreshed too is covered by it, a hidden view only remembers that it is stale,
 * a whole-tree refresh resets the roots, and auto-refresh re-reads live nodes that are still attached.
 * Every wait is on the change event itself, never on a fixed time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefreshManager, type RefreshNode, type RefreshTarget } from '../../../src/explorer/refreshManager';

class Node implements RefreshNode {
  resets = 0;
  readonly children: Node[] = [];
  readonly loader = { loaded: (): readonly Node[] => this.children };

  constructor(
    readonly id: string,
    readonly parent?: Node,
  ) {
    parent?.children.push(this);
  }

  reset(): void {
    this.resets++;
  }
}

/** A view whose change events are awaited one at a time. */
class View implements RefreshTarget<Node> {
  shown = true;
  rootResets = 0;
  readonly fired: (readonly Node[] | undefined)[] = [];
  private waiting: ((nodes: readonly Node[] | undefined) => void)[] = [];

  fire(nodes: readonly Node[] | undefined): void {
    this.fired.push(nodes);
    this.waiting.shift()?.(nodes);
  }
  resetRoots(): void {
    this.rootResets++;
  }
  visible(): boolean {
    return this.shown;
  }
  next(): Promise<readonly Node[] | undefined> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

const ids = (nodes: readonly Node[] | undefined): string[] | undefined => nodes?.map((n) => n.id).sort();

void test('requests within the debounce become one event; a node under another refreshed node is left out', async () => {
  const view = new View();
  const manager = new RefreshManager<Node>(view, () => 5, () => 0);
  const root = new Node('c');
  const org = new Node('c/org', root);
  const asset = new Node('c/org/asset', org);
  const other = new Node('c/other', root);
  const fired = view.next();
  manager.request(asset);
  manager.request(org);
  manager.request(other);
  assert.deepEqual(ids(await fired), ['c/org', 'c/other']);
  assert.equal(manager.flushes, 1);
  assert.deepEqual([org.resets, asset.resets, other.resets], [1, 1, 1], 'each requested node dropped its children');
  manager.request(other, false);
  assert.deepEqual(ids(await view.next()), ['c/other']);
  assert.equal(other.resets, 1, 'no reset when asked not to');
  manager.dispose();
});

void test('a hidden view fires nothing and catches up once when it shows again', async () => {
  const view = new View();
  view.shown = false;
  const manager = new RefreshManager<Node>(view, () => 0, () => 0);
  const a = new Node('a');
  const b = new Node('b');
  manager.request(a);
  manager.request(b);
  assert.equal(a.resets, 1, 'children are dropped at once, even while hidden');
  view.shown = true;
  const fired = view.next();
  manager.visibilityChanged();
  assert.deepEqual(ids(await fired), ['a', 'b']);
  assert.equal(manager.flushes, 1);
  assert.equal(view.fired.length, 1);
  manager.dispose();
});

void test('a whole-tree refresh resets the roots and supersedes node requests', async () => {
  const view = new View();
  const manager = new RefreshManager<Node>(view, () => 0, () => 0);
  const fired = view.next();
  manager.request(new Node('a'));
  manager.request();
  assert.equal(await fired, undefined);
  assert.equal(view.rootResets, 1);
  const keep = view.next();
  manager.request(undefined, false);
  assert.equal(await keep, undefined);
  assert.equal(view.rootResets, 1, 'a whole-tree refresh without reset keeps what was loaded');
  manager.dispose();
});

void test('auto-refresh re-reads live nodes that are still in the tree, only while visible', async () => {
  const view = new View();
  const root = new Node('c');
  const live = new Node('c/events', root);
  const gone = new Node('c/old', root);
  const manager = new RefreshManager<Node>(view, () => 0, () => 0.01);
  manager.trackLive(live);
  manager.trackLive(gone);
  root.children.splice(root.children.indexOf(gone), 1); // replaced by a refresh of its parent
  manager.settingsChanged();
  assert.deepEqual(ids(await view.next()), ['c/events']);
  assert.deepEqual(ids(await view.next()), ['c/events'], 'again on the next tick');
  assert.equal(gone.resets, 0);
  view.shown = false;
  manager.visibilityChanged();
  const before = view.fired.length;
  // Showing the view again restarts the timer, and live nodes refresh again.
  view.shown = true;
  const again = view.next();
  manager.visibilityChanged();
  assert.deepEqual(ids(await again), ['c/events']);
  assert.equal(view.fired.length, before + 1);
  manager.dispose();
});
