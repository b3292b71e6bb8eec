/**
 * The tree's child loader in plain Node: pages of a real asset level read from the emulator (limit and
 * offset, "Load more (N of M)"), one load shared by concurrent expansions, errors that become an error
 * row and are tried again, the empty row, nodes inserted before their page arrives, and a reset that
 * cancels the load in flight. Placeholders come from the owner's factory, as the explorer supplies them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { ChildLoader, cursorPages, offsetPages, singlePage, type LoaderOwner, type PageFetcher, type Placeholders } from '../../../src/explorer/childLoader';
import { IotTicketClient } from '../../../src/platforms/iotticket';

interface Row {
  readonly id: string;
  readonly label: string;
  readonly kind: 'entity' | 'more' | 'error' | 'empty';
  counts?: { loaded: number; total: number | undefined };
  logEntry?: number;
}

interface Owner extends Row, LoaderOwner<Row> {
  readonly errors: unknown[];
  readonly outcomes: unknown[];
}

const placeholders: Placeholders<Row> = {
  more: (owner) => {
    const row: Row & { update(loaded: number, total: number | undefined): void } = {
      id: `${owner.id}/~more`,
      label: 'Load more',
      kind: 'more',
      update(loaded, total) {
        row.counts = { loaded, total };
      },
    };
    return row;
  },
  error: (owner, logEntry) => ({ id: `${owner.id}/~error`, label: 'Failed to load', kind: 'error', logEntry }),
  empty: (owner, label) => ({ id: `${owner.id}/~empty`, label, kind: 'empty' }),
};

function owner(pageSize = 3): Owner {
  const errors: unknown[] = [];
  const outcomes: unknown[] = [];
  return {
    id: 'conn/level',
    label: 'Level',
    kind: 'entity',
    connectionId: 'c1',
    errors,
    outcomes,
    services: {
      pageSize: () => pageSize,
      log: {
        error: (_message, err) => errors.push(err),
      },
      sessions: { report: (_id, outcome) => void outcomes.push(outcome) },
      placeholders,
    },
  };
}

const row = (id: string): Row => ({ id: `conn/level/${id}`, label: id, kind: 'entity' });
const kinds = (rows: readonly Row[]): string[] => rows.map((r) => (r.kind === 'entity' ? r.label : `<${r.kind}>`));

void describe('ChildLoader over an asset level of the emulator', () => {
  let emu: Emulator;
  let client: IotTicketClient;
  let parentId: string;
  let expected: string[];

  before(async () => {
    emu = await startEmulator({ dataset: 'large', large: { assets: 40, childrenPerLevel: 7, pointsPerSeries: 10 } });
    const info = (emu.info() as { iotticket: { coreBaseUrl: string; user: string; password: string } }).iotticket;
    client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password });
    const root = await client.assets.getAssetLevel({ limit: 100 });
    parentId = root.children[0].id;
    const level = await client.assets.getAssetLevel({ assetId: parentId, limit: 1000 });
    expected = level.children.map((a) => a.name);
    assert.ok(expected.length > 3, `a level of more than one page (${expected.length} children)`);
  });

  after(() => emu.close());

  void test('pages with limit and offset, says how many of how many, and ends when the server has no more', async () => {
    const o = owner(3);
    let requests = 0;
    const fetch = offsetPages(async (offset, limit, signal) => {
      requests++;
      const level = await client.assets.getAssetLevel({ assetId: parentId, offset, limit, signal });
      return { nodes: level.children.map((a) => row(a.name)), total: level.fullSize };
    });
    const loader = new ChildLoader(o, fetch, { emptyLabel: 'No assets' });
    // Two expansions at once share the first page.
    const [first, again] = await Promise.all([loader.children(), loader.children()]);
    assert.equal(requests, 1);
    assert.deepEqual(kinds(first), [...expected.slice(0, 3), '<more>']);
    assert.deepEqual(kinds(again), kinds(first));
    assert.deepEqual(first.at(-1)?.counts, { loaded: 3, total: expected.length });
    while (loader.hasMore) await loader.loadMore();
    assert.deepEqual(kinds(await loader.children()), expected, 'every child once, no Load more at the end');
    assert.equal(loader.loadedCount, expected.length);
    assert.equal(loader.total, expected.length);
    assert.equal(requests, Math.ceil(expected.length / 3));
    assert.ok(o.outcomes.every((x) => x === 'ok'));
  });

  void test('a node inserted before its page is shown first and not twice when the page comes', async () => {
    const fetch = offsetPages(async (offset, limit, signal) => {
      const level = await client.assets.getAssetLevel({ assetId: parentId, offset, limit, signal });
      return { nodes: level.children.map((a) => row(a.name)), total: level.fullSize };
    });
    const loader = new ChildLoader(owner(3), fetch, { emptyLabel: '' });
    await loader.children();
    const last = row(expected.at(-1)!);
    assert.equal(loader.insert(last), last);
    assert.equal(loader.insert(row(expected.at(-1)!)), last, 'the node already there is returned');
    while (loader.hasMore) await loader.loadMore();
    const labels = kinds(await loader.children());
    assert.equal(labels[0], last.label);
    assert.deepEqual([...labels].sort(), [...expected].sort());
  });
});

void describe('ChildLoader without a server', () => {
  void test('an empty level shows the empty row', async () => {
    const loader = new ChildLoader(owner(), singlePage(async () => []), { emptyLabel: 'No things' });
    const rows = await loader.children();
    assert.deepEqual(rows.map((r) => [r.kind, r.label]), [['empty', 'No things']]);
    assert.equal(loader.hasMore, false);
  });

  void test('a failed first page is an error row linked to its log entry, and the next expansion tries again', async () => {
    const o = owner();
    let fail = true;
    const loader = new ChildLoader(
      o,
      singlePage(async () => {
        if (fail) throw new Error('503 Service Unavailable');
        return [row('a')];
      }),
      { emptyLabel: '' },
    );
    const failed = await loader.children();
    assert.deepEqual(kinds(failed), ['<error>']);
    assert.equal(loader.failed, true);
    assert.equal(failed[0].logEntry, 1);
    assert.equal(o.outcomes.length, 1);
    fail = false;
    await loader.loadMore();
    assert.deepEqual(kinds(await loader.children()), ['a']);
    assert.equal(loader.failed, false);
  });

  void test('a failed later page keeps what was loaded and offers that page again', async () => {
    let calls = 0;
    const fetch: PageFetcher<string, Row> = cursorPages(async (cursor) => {
      calls++;
      if (cursor === undefined) return { nodes: [row('a'), row('b')], next: 'p2' };
      if (calls === 2) throw new Error('timeout');
      return { nodes: [row('c')] };
    });
    const loader = new ChildLoader(owner(2), fetch, { emptyLabel: '' });
    await loader.children();
    await loader.loadMore();
    assert.deepEqual(kinds(await loader.children()), ['a', 'b', '<error>', '<more>']);
    await loader.loadMore();
    assert.deepEqual(kinds(await loader.children()), ['a', 'b', 'c']);
  });

  void test('prefix rows come before the paged ones and load once', async () => {
    let prefixCalls = 0;
    const loader = new ChildLoader(owner(1), offsetPages(async (offset) => ({ nodes: [row(`n${offset}`)], total: 2 })), {
      emptyLabel: '',
      prefix: async () => {
        prefixCalls++;
        return [row('group')];
      },
    });
    await loader.children();
    await loader.loadMore();
    assert.deepEqual(kinds(await loader.children()), ['group', 'n0', 'n1']);
    assert.equal(prefixCalls, 1);
    assert.deepEqual(kinds(loader.loaded()), ['group', 'n0', 'n1']);
  });

  void test('a reset cancels the load in flight and its late answer is dropped', async () => {
    const signals: AbortSignal[] = [];
    let release: (nodes: Row[]) => void = () => undefined;
    let answers = 0;
    const loader = new ChildLoader(
      owner(),
      singlePage(
        (signal) =>
          new Promise<Row[]>((resolve) => {
            signals.push(signal);
            answers++;
            release = resolve;
          }),
      ),
      { emptyLabel: 'none' },
    );
    const pending = loader.children();
    assert.equal(loader.loading, true);
    const late = release;
    loader.reset();
    assert.equal(signals[0].aborted, true, 'the request was cancelled');
    late([row('stale')]);
    await pending;
    // The next expansion loads afresh.
    const next = loader.children();
    assert.equal(answers, 2);
    release([row('fresh')]);
    assert.deepEqual(kinds(await next), ['fresh']);
  });
});
