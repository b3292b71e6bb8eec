/**
 * A refresh while the server is gone keeps what the tree showed (so the user's expansion stays), marks
 * it as cached with the time it was read, and replaces it with fresh rows once the server answers.
 * Plain Node against an emulator that is stopped and started again on the same port.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { ChildLoader, singlePage, type LoaderOwner, type Placeholders } from '../../../src/explorer/childLoader';
import { IotTicketClient } from '../../../src/platforms/iotticket';

interface Row {
  readonly id: string;
  readonly label: string;
  readonly kind: 'entity' | 'more' | 'error' | 'empty';
}

const placeholders: Placeholders<Row> = {
  more: (owner) => ({ id: `${owner.id}/~more`, label: 'Load more', kind: 'more', update: () => undefined }),
  error: (owner) => ({ id: `${owner.id}/~error`, label: 'Failed', kind: 'error' }),
  empty: (owner, label) => ({ id: `${owner.id}/~empty`, label, kind: 'empty' }),
};

void describe('ChildLoader while the server is gone', () => {
  let emu: Emulator | undefined;
  after(() => emu?.close());

  void test('a failed reload keeps the rows shown, marked cached with their time; the server back brings fresh rows', async () => {
    emu = await startEmulator();
    const port = emu.port;
    const info = (emu.info() as { iotticket: { coreBaseUrl: string; user: string; password: string } }).iotticket;
    const client = new IotTicketClient({ coreBaseUrl: info.coreBaseUrl, username: info.user, password: info.password, retry: { retries: 0 } });
    const outcomes: unknown[] = [];
    const owner: Row & LoaderOwner<Row> = {
      id: 'conn',
      label: 'Connection',
      kind: 'entity',
      connectionId: 'c1',
      services: { pageSize: () => 100, log: { error: () => 1 }, sessions: { report: (_id, o) => void outcomes.push(o) }, placeholders },
    };
    const loader = new ChildLoader(
      owner,
      singlePage(async (signal) => (await client.assets.getAssetLevel({ limit: 100, signal })).children.map((a) => ({ id: `conn/${a.id}`, label: a.name, kind: 'entity' as const }))),
      { emptyLabel: 'none' },
    );
    const first = await loader.children();
    const names = first.map((r) => r.label);
    assert.ok(names.length > 0 && first.every((r) => r.kind === 'entity'), names.join(', '));
    const readAt = loader.loadedAt;
    assert.ok(readAt && Math.abs(readAt - Date.now()) < 60_000);
    assert.equal(loader.fromCache, false);

    await emu.close();
    emu = undefined;
    loader.reset();
    const cached = await loader.children();
    assert.deepEqual(
      cached.map((r) => (r.kind === 'entity' ? r.label : `<${r.kind}>`)),
      ['<error>', ...names],
      'the error row first, then the same rows as before',
    );
    assert.equal(cached[1], first[0], 'the very same nodes (their own cached children and expansion stay)');
    assert.equal(loader.fromCache, true);
    assert.equal(loader.loadedAt, readAt, 'the age is that of the last read, not of the failed one');
    assert.deepEqual(loader.loaded(), first, 'reveal and refresh still find the cached nodes');
    assert.notEqual(outcomes.at(-1), 'ok', 'the failure is reported for the connection');

    loader.reset(); // a second refresh while still down keeps the same cache
    await loader.children();
    assert.equal(loader.fromCache, true);
    assert.equal(loader.loadedAt, readAt);

    emu = await startEmulator({ port });
    loader.reset();
    const fresh = await loader.children();
    assert.deepEqual(fresh.map((r) => r.label), names);
    assert.ok(fresh.every((r) => r.kind === 'entity'));
    assert.equal(loader.fromCache, false);
    assert.ok((loader.loadedAt ?? 0) > readAt, 'read again');
    assert.equal(outcomes.at(-1), 'ok');
  });
});
