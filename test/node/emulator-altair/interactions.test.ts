import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertError, FIXED_NOW, startSession, type AltairSession, type Page } from './helpers';

type Action = Record<string, { input?: unknown; output?: unknown; status: string; timeRequested: string; timeCompleted?: string; href: string }>;
type Event = Record<string, { data?: unknown; timestamp: string; href: string }>;

const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0000$/;
const idOf = (href: string): string => href.split('/').pop()!;

void describe('Altair emulator: actions, events, MQTT credentials, e-mail', () => {
  let s: AltairSession;
  let clock = FIXED_NOW;
  let base: string;
  before(async () => {
    s = await startSession({ now: () => clock });
    base = `/spaces/demo/things/${s.info.thing.id}`;
  });
  beforeEach(async () => {
    clock = FIXED_NOW;
    await fetch(`${s.emu.url}/_emulator/reset`, { method: 'POST' });
  });
  after(() => s.emu.close());

  void test('actions: create pending, get, complete (timeCompleted), list, delete', async () => {
    const created = await s.call<Action>('POST', `${base}/actions/setSetpoint`, { setSetpoint: { input: { setpoint: 22 } } });
    assert.equal(created.status, 201, created.text);
    const a = created.body.setSetpoint;
    assert.equal(a.status, 'pending');
    assert.deepEqual(a.input, { setpoint: 22 });
    assert.equal(a.timeRequested, '2025-03-10 12:00:00+0000');
    assert.match(a.timeRequested, TIME);
    assert.equal(a.timeCompleted, undefined);
    const id = idOf(a.href);
    assert.equal(a.href, `${base}/actions/setSetpoint/${id}`);
    assert.deepEqual(await s.ok(`${base}/actions/setSetpoint/${id}`), created.body);

    clock = FIXED_NOW + 90_000;
    const done = await s.call<Action>('PUT', `${base}/actions/setSetpoint/${id}`, { setSetpoint: { status: 'completed', output: { ok: true } } });
    assert.equal(done.status, 200);
    assert.equal(done.body.setSetpoint.status, 'completed');
    assert.equal(done.body.setSetpoint.timeCompleted, '2025-03-10 12:01:30+0000');
    assert.deepEqual(done.body.setSetpoint.output, { ok: true });
    assert.deepEqual(await s.ok(`${base}/actions/setSetpoint/${id}`), done.body);
    assertError(await s.call('PUT', `${base}/actions/setSetpoint/${id}`, { other: { status: 'x' } }), 400);

    await s.call('POST', `${base}/actions/reboot`, { reboot: {} });
    const all = await s.ok<Page<Action>>(`${base}/actions`);
    // The demo thing has three past setSetpoint actions; all lists go oldest first.
    assert.deepEqual(all.data.map((x) => Object.keys(x)[0]), ['setSetpoint', 'setSetpoint', 'setSetpoint', 'setSetpoint', 'reboot']);
    assert.equal((await s.ok<Page<Action>>(`${base}/actions/reboot`)).data.length, 1);
    assert.equal((await s.call('DELETE', `${base}/actions/setSetpoint/${id}`)).status, 204);
    assertError(await s.get(`${base}/actions/setSetpoint/${id}`), 404);
    assert.equal((await s.ok<Page<Action>>(`${base}/actions/setSetpoint`)).data.length, 3);
  });

  void test('the body key must be the action name', async () => {
    assertError(await s.call('POST', `${base}/actions/setSetpoint`, { reboot: {} }), 400);
    assertError(await s.call('POST', `${base}/actions/setSetpoint`, { setSetpoint: 5 }), 400);
  });

  void test('at most 100 actions and events are kept per name, oldest dropped first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) {
      const r = await s.call<Action>('POST', `${base}/actions/reboot`, { reboot: { input: { n: i } } });
      ids.push(idOf(r.body.reboot.href));
    }
    const list = await s.all<Action>(`${base}/actions/reboot?limit=30`);
    assert.equal(list.length, 100);
    assert.deepEqual(list.map((x) => (x.reboot.input as { n: number }).n), Array.from({ length: 100 }, (_, i) => i + 5));
    assertError(await s.get(`${base}/actions/reboot/${ids[4]}`), 404);
    assert.equal((await s.get(`${base}/actions/reboot/${ids[5]}`)).status, 200);
    // The cap is per name: the other action's history is untouched.
    assert.equal((await s.all(`${base}/actions/setSetpoint`)).length, 3);

    for (let i = 0; i < 102; i++) await s.call('POST', `${base}/events/filterAlarm`, { filterAlarm: { data: `e${i}` } });
    const events = await s.all<Event>(`${base}/events/filterAlarm?limit=1000`);
    assert.equal(events.length, 100);
    assert.equal(events[0].filterAlarm.data, 'e2');
    assert.equal((await s.all(`${base}/events`)).length, 102, '100 filterAlarm plus the 2 seeded overheat events');
  });

  void test('events: create with a timestamp, get, list all and per name, delete; no PUT', async () => {
    const r = await s.call<Event>('POST', `${base}/events/overheat`, { overheat: { data: 61 } });
    assert.equal(r.status, 201);
    assert.equal(r.body.overheat.data, 61);
    assert.equal(r.body.overheat.timestamp, '2025-03-10 12:00:00+0000');
    const id = idOf(r.body.overheat.href);
    assert.equal(r.body.overheat.href, `${base}/events/overheat/${id}`);
    assert.deepEqual(await s.ok(`${base}/events/overheat/${id}`), r.body);
    assert.equal((await s.ok<Page<Event>>(`${base}/events/overheat`)).data.length, 3);
    assertError(await s.call('PUT', `${base}/events/overheat/${id}`, { overheat: {} }), 405);
    assert.equal((await s.call('DELETE', `${base}/events/overheat/${id}`)).status, 204);
    assertError(await s.get(`${base}/events/overheat/${id}`), 404);
  });

  void test('action and event bodies over 5 KB are a 400 and store nothing', async () => {
    const big = 'x'.repeat(5 * 1024);
    assertError(await s.call('POST', `${base}/actions/reboot`, { reboot: { input: big } }), 400, /payload too large/);
    assertError(await s.call('POST', `${base}/events/overheat`, { overheat: { data: big } }), 400, /payload too large/);
    assert.equal((await s.all(`${base}/actions/reboot`)).length, 0);
    const justUnder = 'x'.repeat(5 * 1024 - 40);
    assert.equal((await s.call('POST', `${base}/actions/reboot`, { reboot: { input: justUnder } })).status, 201);
  });

  void test('actions through the category mirror: members only, hrefs in the category form', async () => {
    const r = await s.call<Action>('POST', `/spaces/demo/categories/HVAC/things/${s.info.thing.id}/actions/reboot`, { reboot: {} });
    assert.equal(r.status, 201);
    assert.match(r.body.reboot.href, /^\/spaces\/demo\/categories\/HVAC\/things\//);
    assertError(await s.call('POST', `/spaces/demo/categories/Meters/things/${s.info.thing.id}/actions/reboot`, { reboot: {} }), 404);
  });

  void test('MQTT credentials of a thing: create, read (password hidden), renew, delete', async () => {
    assertError(await s.get(`${base}/mqtt-credentials`), 404);
    const created = await s.call<Record<string, unknown>>('POST', `${base}/mqtt-credentials`, { enabled: true, username: 'dev1', password: 'Secret123', description: 'device' });
    assert.equal(created.status, 201);
    assert.equal(created.body.password, 'Secret123');
    assert.match(String(created.body.id), /^[0-9A-Z]{26}$/);
    const read = await s.ok<Record<string, unknown> & { topics: { acl: { publish: Array<{ pattern: string }> } } }>(`${base}/mqtt-credentials`);
    assert.equal(read.password, '<hidden_secret>');
    assert.equal(read.username, 'dev1');
    assert.equal(read.topics.acl.publish[0].pattern, `spaces/demo/things/${s.info.thing.id}/properties`);
    const renewed = await s.call<Record<string, unknown>>('PUT', `${base}/mqtt-credentials`);
    assert.equal(renewed.status, 200);
    assert.notEqual(renewed.body.password, 'Secret123');
    assert.equal(renewed.body.username, 'dev1');
    const disabled = await s.call<Record<string, unknown>>('PUT', `${base}/mqtt-credentials`, { enabled: false });
    assert.equal(disabled.body.enabled, false);
    assert.equal((await s.call('DELETE', `${base}/mqtt-credentials`)).status, 204);
    assertError(await s.get(`${base}/mqtt-credentials`), 404);
  });

  void test('MQTT credentials of a category', async () => {
    const created = await s.call<Record<string, unknown>>('POST', '/spaces/demo/categories/HVAC/mqtt-credentials', { username: 'hvac', collection_name: 'hvac' });
    assert.equal(created.status, 201);
    assert.equal((await s.ok<Record<string, unknown>>('/spaces/demo/categories/HVAC/mqtt-credentials')).collection_name, 'hvac');
    assert.equal((await s.call('DELETE', '/spaces/demo/categories/HVAC/mqtt-credentials')).status, 204);
  });

  void test('e-mail: 202 without a body, stored for tests; 400 without recipients, 413 when too large', async () => {
    await fetch(`${s.emu.url}/_emulator/altair/emails`, { method: 'DELETE' });
    const r = await s.call('POST', '/spaces/demo/communications/email', { to: ['johndoe@altair.com'], subject: 'Hello', body: { html: '<p>Hi</p>', text: null } });
    assert.equal(r.status, 202);
    assert.equal(r.text, '');
    assertError(await s.call('POST', '/spaces/demo/communications/email', { subject: 'x' }), 400);
    assertError(await s.call('POST', '/spaces/demo/communications/email', { to: ['a@b.c'], body: { text: 'x'.repeat(70_000) } }), 413);
    const stored = (await (await fetch(`${s.emu.url}/_emulator/altair/emails`)).json()) as { emails: Array<Record<string, unknown>> };
    assert.equal(stored.emails.length, 1);
    assert.deepEqual(stored.emails[0].to, ['johndoe@altair.com']);
    assert.equal(stored.emails[0].subject, 'Hello');
    assert.equal(stored.emails[0].space, 'demo');
  });
});
