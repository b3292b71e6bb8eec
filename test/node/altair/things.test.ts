// Things through the client against the emulator: CRUD, JSON-Patch, bulk patch and delete, every list
// filter and operator, sort orders, cursors both ways, and the category-scoped mirror.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, jsonPatchDiff, PROPERTY_OPERATORS, type PropertyOperator, type Thing, type ThingCreate } from '../../../src/platforms/altair';
import { HttpError, ValidationError, collect, redact } from '../../../src/platforms/http';

const collectThings = collect;

interface AltairInfo {
  clientId: string;
  clientSecret: string;
  space: string;
  scopes: string[];
  category: string;
}

let emu: Emulator;
let api: AltairApi;
let info: AltairInfo;
/** An API object whose every request would fail with a network error: a ValidationError proves nothing was sent. */
const offline = new AltairApi({ host: 'http://127.0.0.1:9', retry: { retries: 0 } }).setToken('never-sent-token');

const FIXTURE_TYPE = 'H4FilterFixture';
/** Property values chosen so that every operator selects a different subset. */
const fixtures: ThingCreate[] = [
  { title: 'fx-alpha', status: { temp: 10, label: 'apple', tags: ['red', 'big'], meta: { owner: 'ann' }, on: true } },
  { title: 'fx-bravo', status: { temp: 20, label: 'banana', tags: ['yellow'], meta: { site: 'x' }, on: false } },
  { title: 'fx-charlie', status: { temp: 25.5, label: 'cherry', tags: ['red'], on: true } },
  { title: 'fx-delta', status: { temp: 40, label: 'Date', meta: { owner: 'bob' } } },
  { title: 'fx-echo', status: { label: 'elder', tags: [] } },
  { title: 'fx-foxtrot', status: { temp: 20, label: 'fig:ripe' }, links: [{ rel: 'controlledBy', href: 'https://example.com/ctl/1' }] },
];
const created: Thing[] = [];

before(async () => {
  emu = await startEmulator();
  info = emu.info().altair as AltairInfo;
  api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: info.clientId, clientSecret: info.clientSecret, scopes: info.scopes });
  for (const f of fixtures) created.push(await api.spaces(info.space).things().create({ ...f, '@type': [FIXTURE_TYPE, 'Fixture'] }));
});

after(async () => {
  await api.dispose();
  await emu.close();
});

const things = () => api.spaces(info.space).things();
const titlesOf = (list: readonly { title?: string }[]): string[] => list.map((t) => t.title ?? '').sort();

/** What the API documents for `property:<name>=<op>:<value>` (numbers numerically, strings alphabetically). */
function expected(op: PropertyOperator, name: string, value: string | number): string[] {
  return fixtures
    .filter((f) => {
      const v = (f.status ?? {})[name];
      if (v === undefined) return false;
      switch (op) {
        case 'eq': return String(v) === String(value);
        case 'neq': return String(v) !== String(value);
        case 'contains':
          if (typeof v === 'string') return v.includes(String(value));
          if (Array.isArray(v)) return v.includes(value);
          if (typeof v === 'object' && v !== null) return String(value) in v;
          return false;
        default: {
          if (v === null || typeof v !== typeof value) return false;
          const c = v < value ? -1 : v > value ? 1 : 0;
          return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
        }
      }
    })
    .map((f) => f.title ?? '')
    .sort();
}

void describe('Thing CRUD', () => {
  void test('create, get, update (PUT), patch and delete, each read back', async () => {
    const made = await things().create({ title: 'crud-1', description: 'first', '@type': 'Sensor', status: { temp: 1 } });
    assert.match(made.uid, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(made.id.endsWith(`/spaces/${info.space}/things/${made.uid}`), true);
    const one = api.spaces(info.space).things(made.uid);
    assert.equal((await one.get()).title, 'crud-1');

    const replaced = await one.update({ title: 'crud-1b', '@type': 'Sensor', status: { temp: 2 } });
    assert.equal(replaced.title, 'crud-1b');
    const afterPut = await one.get();
    assert.equal(afterPut.title, 'crud-1b');
    assert.equal(afterPut.description, undefined, 'PUT replaces the whole description');
    assert.deepEqual(afterPut.status, { temp: 2 });

    const edited = structuredClone(afterPut);
    edited.description = 'patched';
    edited.title = 'crud-1c';
    const ops = jsonPatchDiff(afterPut, edited);
    assert.deepEqual(ops.map((o) => o.op).sort(), ['add', 'replace']);
    const patched = await one.patch(ops);
    assert.equal(patched.description, 'patched');
    assert.equal((await one.get()).title, 'crud-1c');

    await one.delete();
    const err = await one.get().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 404);
    assert.equal(err.code, 404);
    assert.equal(err.platformMessage, 'Item not found');
  });

  void test('a failed JSON-Patch test op is a 400 and leaves the Thing unchanged', async () => {
    const made = await things().create({ title: 'patch-guard', description: 'v1' });
    const one = api.spaces(info.space).things(made.uid);
    const stale = structuredClone(made);
    await one.patch([{ op: 'replace', path: '/description', value: 'changed by someone else' }]);
    const mine = { ...stale, description: 'my edit', title: 'patch-guard-2' };
    const err = await one.patch(jsonPatchDiff(stale, mine, { guard: true })).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError && err.status === 400, String(err));
    const now = await one.get();
    assert.equal(now.description, 'changed by someone else');
    assert.equal(now.title, 'patch-guard', 'nothing of the patch was applied');
  });

  void test('bulk patch answers 207 with the failed indexes; the good items are applied', async () => {
    const a = await things().create({ title: 'bulk-a' });
    const b = await things().create({ title: 'bulk-b' });
    const result = await things().patch([
      { id: a.uid, patch: [{ op: 'replace', path: '/title', value: 'bulk-a2' }] },
      { id: b.uid, patch: [{ op: 'add', path: '/description', value: 'added' }] },
      { id: '01ZZZZZZZZZZZZZZZZZZZZZZZZ', patch: [{ op: 'replace', path: '/title', value: 'x' }] },
    ]);
    assert.deepEqual(result.has_errors, [2]);
    assert.equal(result.results?.length, 3);
    assert.equal((await api.spaces(info.space).things(a.uid).get()).title, 'bulk-a2');
    assert.equal((await api.spaces(info.space).things(b.uid).get()).description, 'added');
    await assert.rejects(offline.spaces('s').things().patch([{ id: a.uid, patch: [{ op: 'nope' as 'add', path: '/x', value: 1 }] }]), (e: unknown) => e instanceof ValidationError && e.parameter === 'items[0].patch[0].op');
    await assert.rejects(offline.spaces('s').things(a.uid).patch([{ op: 'remove', path: 'title' }]), (e: unknown) => e instanceof ValidationError && e.parameter === 'patch[0].path');
  });

  void test('bulk delete is refused without a filter (before any request) and deletes exactly the matches', async () => {
    await assert.rejects(offline.spaces('s').things().delete({}), (e: unknown) => e instanceof ValidationError && e.parameter === 'filter');
    await assert.rejects(offline.spaces('s').things().delete({ thingIds: [] }), (e: unknown) => e instanceof ValidationError && e.parameter === 'filter');
    const victims = [await things().create({ title: 'del-1', '@type': 'H4Doomed' }), await things().create({ title: 'del-2', '@type': 'H4Doomed' })];
    const keep = await things().create({ title: 'del-keep', '@type': 'H4Kept' });
    const deleted = await things().delete({ type: 'H4Doomed' });
    assert.deepEqual([...deleted].sort(), victims.map((v) => v.uid).sort());
    for (const v of victims) await assert.rejects(api.spaces(info.space).things(v.uid).get(), (e: unknown) => e instanceof HttpError && e.status === 404);
    assert.equal((await api.spaces(info.space).things(keep.uid).get()).title, 'del-keep');
    const byId = await things().delete({ thingIds: [keep.uid] });
    assert.deepEqual(byId, [keep.uid]);
  });

  void test('resetSecret creates the Thing\'s own OAuth2 client, which can then sign in', async () => {
    const made = await things().create({ title: 'with-client' });
    const creds = await api.spaces(info.space).things(made.uid).resetSecret();
    assert.equal(creds.client_id, `${info.space}::${made.uid}`);
    assert.equal(redact(`x ${creds.client_secret} y`), 'x *** y');
    assert.equal((await api.spaces(info.space).things(made.uid).get()).client_id, creds.client_id);
    const device = await new AltairApi({ host: emu.url }).setCredentials({ clientId: creds.client_id, clientSecret: creds.client_secret, scopes: ['thing'] });
    assert.equal((await device.spaces(info.space).things(made.uid).get()).uid, made.uid);
  });
});

void describe('Things list filters', () => {
  const fx = { type: FIXTURE_TYPE } as const;

  for (const op of PROPERTY_OPERATORS) {
    void test(`property operator ${op}`, async () => {
      const cases: Array<[string, string | number]> = op === 'contains' ? [['label', 'an'], ['tags', 'red'], ['meta', 'owner'], ['temp', 2]] : [['temp', 20], ['label', 'cherry']];
      for (const [name, value] of cases) {
        const got = await collectThings(things().paginate({ ...fx, properties: { [name]: { op, value } } }));
        assert.deepEqual(titlesOf(got), expected(op, name, value), `${name} ${op} ${value}`);
      }
    });
  }

  void test('a bare value means eq; a value holding a colon is not read as an operator; conditions are ANDed', async () => {
    assert.deepEqual(titlesOf(await collectThings(things().paginate({ ...fx, properties: { temp: 20 } }))), expected('eq', 'temp', 20));
    assert.deepEqual(titlesOf(await collectThings(things().paginate({ ...fx, properties: { label: 'fig:ripe' } }))), ['fx-foxtrot']);
    const range = await collectThings(things().paginate({ ...fx, properties: { temp: [{ op: 'gt', value: 10 }, { op: 'lt', value: 40 }], on: true } }));
    assert.deepEqual(titlesOf(range), ['fx-charlie']);
  });

  void test('an unknown operator is a ValidationError naming the parameter, before any request', async () => {
    const bad = { ...fx, properties: { temp: { op: 'between' as PropertyOperator, value: 1 } } };
    await assert.rejects(offline.spaces('s').things().get(bad), (e: unknown) => e instanceof ValidationError && e.parameter === 'property:temp' && /between/.test(e.message));
    await assert.rejects(collect(offline.spaces('s').things().paginate(bad)), (e: unknown) => e instanceof ValidationError && e.parameter === 'property:temp');
    await assert.rejects(offline.spaces('s').things().get({ version: 1 }), (e: unknown) => e instanceof ValidationError && e.parameter === 'version');
    await assert.rejects(offline.spaces('s').things().get({ sort: ['title', ''] }), (e: unknown) => e instanceof ValidationError && e.parameter === 'sort');
    await assert.rejects(offline.spaces('s').things().get({ limit: 1001 }), (e: unknown) => e instanceof ValidationError && e.parameter === 'limit');
    await assert.rejects(offline.spaces('s').things().get({ limit: 0 }), (e: unknown) => e instanceof ValidationError && e.parameter === 'limit');
  });

  void test('title, @type, thingID[], links.rel and links.href', async () => {
    assert.deepEqual(titlesOf((await things().get({ title: 'fx-bravo' })).items), ['fx-bravo']);
    assert.equal((await collectThings(things().paginate(fx))).length, fixtures.length);
    const ids = [created[0].uid, created[3].uid];
    assert.deepEqual(titlesOf((await things().get({ thingIds: ids })).items), ['fx-alpha', 'fx-delta']);
    assert.deepEqual(titlesOf((await things().get({ linksRel: 'controlledBy' })).items), ['fx-foxtrot']);
    assert.deepEqual(titlesOf((await things().get({ linksHref: 'https://example.com/ctl/1' })).items), ['fx-foxtrot']);
    assert.deepEqual((await things().get({ linksRel: 'no-such-rel' })).items, []);
  });

  void test('model and version, category[] and in_category agree with the documents', async () => {
    const all = await collectThings(things().paginate({ limit: 1000 }));
    const withModel = all.find((t) => t.model?.name && t.model.version !== undefined);
    assert.ok(withModel, 'the demo data has things with a model');
    const modelName = withModel.model!.name!;
    const byModel = await collectThings(things().paginate({ model: modelName, limit: 1000 }));
    assert.deepEqual(byModel.map((t) => t.uid).sort(), all.filter((t) => t.model?.name === modelName).map((t) => t.uid).sort());
    const byVersion = await collectThings(things().paginate({ model: modelName, version: withModel.model!.version, limit: 1000 }));
    assert.deepEqual(byVersion.map((t) => t.uid).sort(), all.filter((t) => t.model?.name === modelName && t.model.version === withModel.model!.version).map((t) => t.uid).sort());

    const inCat = await collectThings(things().paginate({ categories: [info.category], limit: 1000 }));
    assert.ok(inCat.length > 0);
    assert.deepEqual(inCat.map((t) => t.uid).sort(), all.filter((t) => t.categories?.includes(info.category)).map((t) => t.uid).sort());
    const none = await collectThings(things().paginate({ inCategory: false, limit: 1000 }));
    assert.deepEqual(none.map((t) => t.uid).sort(), all.filter((t) => !t.categories?.length).map((t) => t.uid).sort());
    const some = await collectThings(things().paginate({ inCategory: true, limit: 1000 }));
    assert.equal(some.length + none.length, all.length);
  });

  void test('sort orders: ascending, descending, nested status paths with missing values last, several keys', async () => {
    const byTitleDesc = await collectThings(things().paginate({ ...fx, sort: '-title' }));
    assert.deepEqual(byTitleDesc.map((t) => t.title), fixtures.map((f) => f.title).sort().reverse());
    const byTitleAsc = await collectThings(things().paginate({ ...fx, sort: ['+title'] }));
    assert.deepEqual(byTitleAsc.map((t) => t.title), fixtures.map((f) => f.title).sort());

    const byTemp = await collectThings(things().paginate({ ...fx, sort: ['-status.temp'], limit: 2 }));
    const temps = byTemp.map((t) => t.status?.temp as number | undefined);
    const present = temps.filter((v) => v !== undefined) as number[];
    assert.deepEqual(present, [...present].sort((a, b) => b - a));
    assert.equal(temps[temps.length - 1], undefined, 'the Thing without temp comes last');

    const twoKeys = await collectThings(things().paginate({ ...fx, sort: ['status.temp', '-title'] }));
    const pairs = twoKeys.filter((t) => t.status?.temp === 20).map((t) => t.title);
    assert.deepEqual(pairs, ['fx-foxtrot', 'fx-bravo']);
  });

  void test('cursors forward and back give the same pages', async () => {
    const forward: string[][] = [];
    let page = await things().get({ ...fx, limit: 2, sort: 'title' });
    assert.equal(page.previousCursor, undefined);
    forward.push(page.items.map((t) => t.title ?? ''));
    while (page.nextCursor) {
      page = await things().get({ ...fx, limit: 2, sort: 'title', nextCursor: page.nextCursor });
      forward.push(page.items.map((t) => t.title ?? ''));
    }
    assert.deepEqual(forward.flat(), fixtures.map((f) => f.title).sort());
    assert.equal(forward.length, Math.ceil(fixtures.length / 2));
    const backward: string[][] = [forward[forward.length - 1]];
    while (page.previousCursor) {
      page = await things().get({ ...fx, limit: 2, sort: 'title', previousCursor: page.previousCursor });
      backward.unshift(page.items.map((t) => t.title ?? ''));
    }
    assert.deepEqual(backward, forward);
    await assert.rejects(things().get({ nextCursor: 'a', previousCursor: 'b' }), (e: unknown) => e instanceof ValidationError && e.parameter === 'previousCursor');
  });
});

void describe('Category-scoped Things', () => {
  void test('create joins the category; list, get and PUT see members only, without categories', async () => {
    const cat = 'H4Scoped';
    await api.spaces(info.space).categories().create({ name: cat, description: 'scoped tests' });
    const scoped = api.spaces(info.space).categories(cat).things();
    const member = await scoped.create({ title: 'scoped-member', status: { temp: 5 } });
    assert.equal('categories' in member, false);
    assert.match(member.id, new RegExp(`/categories/${cat}/things/${member.uid}$`));
    assert.deepEqual((await api.spaces(info.space).things(member.uid).get()).categories, [cat]);
    const outsider = await things().create({ title: 'scoped-outsider' });

    const listed = await collectThings(scoped.paginate({ properties: { temp: { op: 'gte', value: 5 } } }));
    assert.deepEqual(listed.map((t) => t.uid), [member.uid]);
    await assert.rejects(api.spaces(info.space).categories(cat).things(outsider.uid).get(), (e: unknown) => e instanceof HttpError && e.status === 404);

    await api.spaces(info.space).categories(cat).things(member.uid).update({ title: 'scoped-member-2' });
    const after = await api.spaces(info.space).things(member.uid).get();
    assert.equal(after.title, 'scoped-member-2');
    assert.deepEqual(after.categories, [cat], 'a category-scoped PUT keeps the categories');

    await assert.rejects(offline.spaces('s').categories(cat).things().get({ categories: ['x'] } as never), (e: unknown) => e instanceof ValidationError && e.parameter === 'categories');
    await assert.rejects(offline.spaces('s').categories(cat).things().create({ categories: ['x'] } as never), (e: unknown) => e instanceof ValidationError && e.parameter === 'categories');

    const removed = await scoped.delete({ thingIds: [member.uid, outsider.uid] });
    assert.deepEqual(removed, [member.uid], 'the bulk delete of a category touches members only');
    assert.equal((await api.spaces(info.space).things(outsider.uid).get()).title, 'scoped-outsider');
  });
});
