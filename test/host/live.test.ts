/**
 * Altair live over MQTT in the real extension host, against the demo emulator and its broker: tree
 * values, hovers and pins (the inline values) switch to MQTT once a Thing has credentials, are pushed
 * without a read, fall back to polling while the broker is down (the status item says since when) and
 * go live again when it is back. Without the user's consent no credentials are created.
 */
import * as assert from 'node:assert/strict';
import type { ExplorerApi } from '../../src/extension';
import type { LiveApi } from '../../src/live/registerLive';
import type { DemoInfo } from '../../src/demo/demoService';
import type { AltairSession } from '../../src/connections/sessionManager';
import type { InlineFeature } from '../../src/inline/registerInlinePreviews';
import { LatestValueService } from '../../src/inline/latestValueService';
import type { ValueRef } from '../../src/inline/valueRef';
import { explorerApi } from './explorerHelpers';

/** Waits for `check` to return a value (MQTT and VS Code answer asynchronously); no fixed sleeps. */
async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('Live values: Altair over MQTT with polling as fallback', () => {
  let api: ExplorerApi;
  let liveApi: LiveApi;
  let info: DemoInfo;
  let session: AltairSession;
  let feature: InlineFeature;
  let ref: ValueRef;

  const broker = async (up: boolean): Promise<void> => {
    const r = await fetch(`${info.url}/_emulator/altair/mqtt`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ up }) });
    assert.equal(r.status, 200, await r.text());
  };
  const write = (value: number) => session.api.spaces(session.space).things(info.altair.thing.id).properties(info.altair.thing.numericProperty).update(value);
  const live = () => liveApi.hub.isLive('demo-altair', info.altair.thing.id);

  suiteSetup(async () => {
    api = await explorerApi();
    info = await api.startDemo({ reveal: false });
    session = await api.connections.sessions.altair('demo-altair');
    liveApi = await api.live();
    feature = (await api.inline.start())!;
    assert.ok(feature, 'inline values are on by default');
    assert.match(session.mqttUrl ?? '', /^mqtt:\/\/127\.0\.0\.1:\d+$/, 'the demo connection gets the emulator\'s broker');
    ref = { kind: 'altair-property', connectionId: 'demo-altair', space: session.space, thingId: info.altair.thing.id, property: info.altair.thing.numericProperty };
  });

  suiteTeardown(async () => {
    await broker(true);
  });

  test('without consent no credentials are created, and values are polled', async () => {
    const owner = { kind: 'thing', space: session.space, uid: info.altair.thing.id } as const;
    assert.equal(await liveApi.credentials.ensure(session, owner, 'demo thing', false), undefined);
    const value = await feature.values.get(ref, undefined, 0);
    assert.ok(value, 'the value was read by polling');
    await until('the hub to know why it polls', () => liveApi.hub.state('demo-altair', owner)?.notLive === 'no-credentials');
    assert.equal(live(), false);
    // Nothing was written on the platform.
    // (The error comes from the extension's bundle, so it is recognised by its status, not by class.)
    await assert.rejects(session.api.spaces(session.space).things(info.altair.thing.id).mqttCredentials().get(), (e: unknown) => (e as { status?: unknown }).status === 404);
    await until('the status item to say it polls', () => /polling every \d+ s/.test(liveApi.statusItem.text) || undefined);
  });

  test('with credentials the values are pushed over MQTT, without reads', async () => {
    const owner = { kind: 'thing', space: session.space, uid: info.altair.thing.id } as const;
    // What "Create Credentials" in the consent modal does (the UI tier clicks it for Monitor Thing).
    const doc = await session.api.spaces(session.space).things(info.altair.thing.id).mqttCredentials().create({ enabled: true });
    await liveApi.credentials.save(session.profile, owner, { username: doc.username!, password: doc.password!, id: doc.id, topics: doc.topics });
    const w = await liveApi.hub.watch('demo-altair', owner, 'demo thing');
    // A value service of its own on the same live source, so that its read counter counts only this test's reads.
    const own = new LatestValueService(api.connections.sessions, undefined, liveApi.values);
    try {
      await until('the Thing to be live over MQTT', () => live());
      await until('the status item to say live · MQTT', () => liveApi.statusItem.text.includes('live · MQTT') || undefined);
      await own.get(ref, undefined, 0);
      const reads = own.cache.counters.latestRequests;
      const changed = new Promise<void>((resolve) => {
        const sub = feature.values.onDidChange((keys) => {
          if (keys.includes(feature.values.key(ref)) && feature.values.peek(ref)?.value === 4242.5) {
            sub.dispose();
            resolve();
          }
        });
      });
      await write(4242.5);
      // The extension's own values (tree, hovers, pins) get it, and so does ours.
      await changed;
      await until('the pushed value', () => own.peek(ref)?.value === 4242.5);
      // A live value counts as fresh: get() answers from the pushed value without a request.
      assert.equal((await own.get(ref)).value, 4242.5);
      assert.equal(own.cache.counters.latestRequests, reads, 'no read was needed');

      // The broker goes down: polling again, and the status says since when MQTT is disconnected.
      await broker(false);
      await until('the status item to say disconnected', () => /MQTT disconnected since/.test(liveApi.statusItem.text) || undefined);
      assert.equal(live(), false);
      await write(17.25);
      const polled = await own.get(ref, undefined, 0);
      assert.equal(polled.value, 17.25, 'polling reads the new value');
      assert.ok(own.cache.counters.latestRequests > reads);

      // Back up: live again (the client reconnects by itself), and pushed values flow.
      await broker(true);
      await until('the Thing to be live again', () => live(), 90_000);
      await write(99.5);
      await until('the pushed value after the reconnect', () => feature.values.peek(ref)?.value === 99.5);
    } finally {
      own.dispose();
      w.dispose();
    }
  });
});
