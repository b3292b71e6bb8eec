/**
 * Latest values and names paths against the emulator: batching (requests counted at the server), the
 * time to live, cancellation, the rate limit, change events, histories for sparklines, and the names
 * resolver behind hovers, completion and diagnostics. Expected values are read from the emulator's API.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { LatestValues, ValueNotFoundError, type ValueBackend } from '../../../src/inline/latestValues';
import { NamesResolver } from '../../../src/inline/namesResolver';
import { scanReferences } from '../../../src/inline/references';
import { resolveReference } from '../../../src/inline/resolveReference';
import { PlatformValueBackend, type SessionSource } from '../../../src/inline/valueBackend';
import type { ValueRef } from '../../../src/inline/valueRef';
import { AltairApi } from '../../../src/platforms/altair';
import { CancelledError } from '../../../src/platforms/http';
import { IotTicketClient, IotTicketV1Client } from '../../../src/platforms/iotticket';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const C = 'conn';

interface Info {
  iotticket: { user: string; password: string; coreBaseUrl: string; v1BaseUrl: string; v1: { deviceId: string }; asset: { id: string; namesPath: string[]; telemetryAttributeId: string } };
  altair: { clientId: string; clientSecret: string; scopes: string[]; space: string; thing: { id: string; numericProperty: string } };
}

interface RawAttribute {
  id: string;
  name: string;
  type: string;
  unit?: string;
  lastValue?: number | string | null;
  lastTs?: string | null;
  value?: number | string | null;
}

let emu: Emulator;
let info: Info;
let sessions: SessionSource;
let clock = NOW;
let auth: string;

async function raw<T>(url: string, headers: Record<string, string> = { authorization: auth }): Promise<T> {
  const res = await fetch(url, { headers });
  assert.equal(res.status, 200, url);
  return (await res.json()) as T;
}

/** Counts the requests the server receives under a path (a zero-latency fault rule keeps the count). */
async function countRequests<T>(pathPrefix: string, run: () => Promise<T>): Promise<{ result: T; requests: number }> {
  emu.faults.set([{ kind: 'latency', ms: 0, pathPrefix }]);
  try {
    const result = await run();
    return { result, requests: emu.faults.list()[0].seen ?? 0 };
  } finally {
    emu.faults.clear();
  }
}

const cacheWith = (backend: ValueBackend, extra: Partial<ConstructorParameters<typeof LatestValues>[1]> = {}): LatestValues =>
  new LatestValues(backend, { ttlMs: () => 10_000, now: () => clock, ...extra });

before(async () => {
  emu = await startEmulator({ now: () => NOW });
  info = emu.info() as unknown as Info;
  const it = info.iotticket;
  auth = `Basic ${Buffer.from(`${it.user}:${it.password}`).toString('base64')}`;
  const core = new IotTicketClient({ coreBaseUrl: it.coreBaseUrl, username: it.user, password: it.password });
  const v1 = new IotTicketV1Client({ baseUrl: it.v1BaseUrl, username: it.user, password: it.password });
  const al = info.altair;
  const api = await new AltairApi({ host: emu.url }).setCredentials({ clientId: al.clientId, clientSecret: al.clientSecret, scopes: al.scopes });
  sessions = { iotticket: async () => ({ assetApi: core, v1 }), altair: async () => ({ api, space: al.space }) };
});

after(async () => {
  await emu.close();
});

void describe('inline latest values: batching, TTL, cancellation, rate limit', () => {
  void test('attributes of one asset are read with one request, values as the platform reports them', async () => {
    const it = info.iotticket;
    const attrs = (await raw<{ items: RawAttribute[] }>(`${it.coreBaseUrl}/assets/${it.asset.id}/attributes?limit=1000`)).items;
    const wanted = attrs.filter((a) => ['TelemetryData', 'Calculated', 'Number', 'String'].includes(a.type));
    assert.ok(wanted.length >= 6);
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const refs: ValueRef[] = wanted.map((a) => ({ kind: 'iotticket-attribute', connectionId: C, assetId: it.asset.id, attributeId: a.id }));
    const { result, requests } = await countRequests(`/core/v1/assets/${it.asset.id}/attributes`, () => Promise.all(refs.map((r) => cache.get(r))));
    assert.equal(requests, 1);
    assert.equal(cache.counters.latestRequests, 1);
    result.forEach((v, i) => {
      const a = wanted[i];
      const series = a.type === 'TelemetryData' || a.type === 'Calculated';
      assert.deepEqual(v.value, series ? a.lastValue : a.value, a.name);
      if (series && a.lastTs) assert.equal(v.ts, Date.parse(a.lastTs));
      assert.equal(v.unit, a.unit || undefined);
      assert.equal(v.type, a.type);
    });
    cache.dispose();
  });

  void test('a fresh value comes from the cache; after the TTL it is read again', async () => {
    const it = info.iotticket;
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const ref: ValueRef = { kind: 'iotticket-attribute', connectionId: C, attributeId: it.asset.telemetryAttributeId };
    try {
      const first = await cache.get(ref);
      clock = NOW + 9_999;
      const again = await countRequests('/core/v1/', () => cache.get(ref));
      assert.equal(again.requests, 0);
      assert.deepEqual(again.result, first);
      clock = NOW + 10_000;
      const stale = await countRequests('/core/v1/', () => cache.get(ref));
      assert.equal(stale.requests, 1);
      // maxAgeMs 0 forces a read whatever the TTL.
      const forced = await countRequests('/core/v1/', () => cache.get(ref, { maxAgeMs: 0 }));
      assert.equal(forced.requests, 1);
      assert.equal(cache.counters.latestRequests, 3);
    } finally {
      clock = NOW;
      cache.dispose();
    }
  });

  void test('a cancelled read sends nothing; an abandoned request is aborted while others keep theirs', async () => {
    const it = info.iotticket;
    const cache = cacheWith(new PlatformValueBackend(sessions), { batchWindowMs: 30 });
    const ref: ValueRef = { kind: 'iotticket-attribute', connectionId: C, assetId: it.asset.id, attributeId: it.asset.telemetryAttributeId };
    const early = new AbortController();
    const p = cache.get(ref, { signal: early.signal });
    early.abort();
    await assert.rejects(p, CancelledError);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(cache.counters.latestRequests, 0, 'nothing was sent for a read cancelled before its batch left');

    // In flight: two callers share one request; one gives up, the other still gets the value.
    emu.faults.set([{ kind: 'latency', ms: 300, pathPrefix: '/core/v1/' }]);
    const a = new AbortController();
    const b = new AbortController();
    const pa = cache.get(ref, { signal: a.signal });
    const pb = cache.get(ref, { signal: b.signal });
    await new Promise((r) => setTimeout(r, 80));
    a.abort();
    await assert.rejects(pa, CancelledError);
    const v = await pb;
    assert.equal(typeof v.value, 'number');
    assert.equal(cache.counters.latestRequests, 1);

    // Everybody gives up: the request itself is aborted and nothing is cached.
    cache.invalidate();
    const c = new AbortController();
    const pc = cache.get(ref, { signal: c.signal });
    await new Promise((r) => setTimeout(r, 80));
    c.abort();
    await assert.rejects(pc, CancelledError);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(cache.peek(ref), undefined);
    emu.faults.clear();
    cache.dispose();
  });

  void test('no more requests start per second than the limit allows, and at most maxConcurrent at once', async () => {
    const starts: number[] = [];
    let running = 0;
    let most = 0;
    const real = new PlatformValueBackend(sessions);
    // Instrumentation around the real backend: when each request starts and how many overlap.
    const counting: ValueBackend = {
      latest: async (refs, signal) => {
        starts.push(performance.now());
        most = Math.max(most, ++running);
        try {
          return await real.latest(refs, signal);
        } finally {
          running--;
        }
      },
      history: (ref, from, to, signal) => real.history(ref, from, to, signal),
    };
    // The limiter's own start times: the backend sees each request a moment later, and on a busy machine that
    // moment varies (the process may be descheduled in between), so its times would not show the limit exactly.
    const letGo: number[] = [];
    const cache = cacheWith(counting, { maxRequestsPerSecond: 2, maxConcurrent: 1, onRequestStart: (at) => letGo.push(at) });
    const level = await raw<{ children: { id: string }[] }>(`${info.iotticket.coreBaseUrl}/assets/tree?namesPath=Tampere%20Plant&namesPath=Line%201&limit=100`);
    const assets = level.children.slice(0, 5);
    assert.equal(assets.length, 5);
    const attrsOf = await Promise.all(assets.map((a) => raw<{ items: RawAttribute[] }>(`${info.iotticket.coreBaseUrl}/assets/${a.id}/attributes?limit=1`)));
    const refs: ValueRef[] = attrsOf.map((r, i) => ({ kind: 'iotticket-attribute', connectionId: C, assetId: assets[i].id, attributeId: r.items[0].id }));
    const values = await Promise.all(refs.map((r) => cache.get(r)));
    assert.equal(values.length, 5);
    assert.equal(starts.length, 5, 'one request per asset');
    assert.equal(most, 1);
    assert.equal(letGo.length, 5);
    for (let i = 2; i < letGo.length; i++) assert.ok(letGo[i] - letGo[i - 2] >= 1000, `requests ${i - 2} and ${i} started within one second`);
    cache.dispose();
  });

  void test('change events name the keys whose value changed, once', async () => {
    const it = info.iotticket;
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const events: string[][] = [];
    cache.onDidChange((keys) => events.push([...keys]));
    const ref: ValueRef = { kind: 'iotticket-attribute', connectionId: C, assetId: it.asset.id, attributeId: it.asset.telemetryAttributeId };
    await cache.get(ref);
    await cache.get(ref, { maxAgeMs: 0 });
    assert.deepEqual(events, [[`iotticket-attribute/${C}/${it.asset.telemetryAttributeId}`]]);
    cache.dispose();
  });
});

void describe('inline latest values: v1 datanodes, Altair properties, histories', () => {
  void test('two datanodes of a device in one v1 read; an unknown path is not found', async () => {
    const dev = info.iotticket.v1.deviceId;
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const refs: ValueRef[] = ['/temperature', '/flow', '/no-such-node'].map((path) => ({ kind: 'v1-datanode', connectionId: C, deviceId: dev, path }));
    const { result, requests } = await countRequests('/api/v1/process/read', () => Promise.allSettled(refs.map((r) => cache.get(r))));
    assert.equal(requests, 1);
    const rawRead = await raw<{ datanodeReads: { name: string; path?: string; unit?: string; values: { ts: number | string; v: string }[] }[] }>(
      `${info.iotticket.v1BaseUrl}/process/read/${dev}?datanodes=temperature,flow`,
    );
    for (const [i, name] of ['temperature', 'flow'].entries()) {
      const r = result[i];
      assert.equal(r.status, 'fulfilled');
      const read = rawRead.datanodeReads.find((d) => d.name === name && !d.path)!;
      const last = read.values.reduce((a, b) => (Number(b.ts) > Number(a.ts) ? b : a));
      assert.equal(r.value.value, Number(last.v));
      assert.equal(r.value.ts, Number(last.ts));
    }
    assert.equal(result[2].status, 'rejected');
    assert.ok((result[2] as PromiseRejectedResult).reason instanceof ValueNotFoundError);
    cache.dispose();
  });

  void test('Altair: current values with their units and times', async () => {
    const al = info.altair;
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const names = [al.thing.numericProperty, 'humidity', 'mode'];
    const values = await Promise.all(names.map((property) => cache.get({ kind: 'altair-property', connectionId: C, space: al.space, thingId: al.thing.id, property })));
    const tokenRes = await fetch(`${emu.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: al.clientId, client_secret: al.clientSecret, scope: al.scopes.join(' ') }),
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const bearer = { authorization: `Bearer ${token}` };
    const current = await raw<Record<string, unknown>>(`${emu.url}/spaces/${al.space}/things/${al.thing.id}/properties`, bearer);
    const hist = await raw<{ data: { at: string; properties: Record<string, unknown> }[] }>(`${emu.url}/spaces/${al.space}/things/${al.thing.id}/properties-history/${al.thing.numericProperty}?limit=1`, bearer);
    names.forEach((n, i) => assert.deepEqual(values[i].value, current[n], n));
    assert.equal(values[0].ts, Date.parse(hist.data[0].at));
    assert.equal(values[0].unit, '°C');
    assert.equal(values[2].ts, undefined, 'mode has no history');
    cache.dispose();
  });

  void test('the last hour of a series for sparklines, cached like values', async () => {
    const it = info.iotticket;
    const cache = cacheWith(new PlatformValueBackend(sessions));
    const ref: ValueRef = { kind: 'iotticket-attribute', connectionId: C, assetId: it.asset.id, attributeId: it.asset.telemetryAttributeId };
    const w = await cache.history(ref, 3_600_000);
    const expected = await raw<{ values: { ts: string; v: number }[] }>(
      `${it.coreBaseUrl}/assets/${it.asset.id}/attributes/${it.asset.telemetryAttributeId}/timeseries?start=${new Date(NOW - 3_600_000).toISOString()}&end=${new Date(NOW).toISOString()}&order=asc&limit=10000`,
    );
    assert.ok(w.timestamps.length > 30);
    assert.deepEqual([...w.timestamps], expected.values.map((p) => Date.parse(p.ts)));
    assert.deepEqual([...w.values], expected.values.map((p) => (typeof p.v === 'number' ? p.v : NaN)));
    const again = await countRequests('/core/v1/', () => cache.history(ref, 3_600_000));
    assert.equal(again.requests, 0);
    assert.equal(cache.counters.historyRequests, 1);
    cache.dispose();
  });
});

void describe('inline names resolver', () => {
  const names = (): NamesResolver => new NamesResolver(sessions, () => 60_000, () => clock);

  void test('a names path to an attribute, to an asset, and the first name that does not exist', async () => {
    const it = info.iotticket;
    const r = names();
    const attrs = (await raw<{ items: RawAttribute[] }>(`${it.coreBaseUrl}/assets/${it.asset.id}/attributes?limit=1000`)).items;
    const target = attrs.find((a) => a.id === it.asset.telemetryAttributeId)!;
    const hit = await r.resolve(C, [...it.asset.namesPath, target.name]);
    assert.ok(hit.kind === 'attribute');
    assert.equal(hit.attribute.id, target.id);
    assert.equal(hit.asset.id, it.asset.id);
    const asset = await r.resolve(C, it.asset.namesPath);
    assert.ok(asset.kind === 'asset' && asset.asset.id === it.asset.id);
    const wrongLine = await r.resolve(C, [it.asset.namesPath[0], 'Line 99', 'Pump 1', 'Flow']);
    assert.ok(wrongLine.kind === 'missing');
    assert.equal(wrongLine.segment, 1);
    const root = await raw<{ children: { id: string; name: string }[] }>(`${it.coreBaseUrl}/assets/tree?limit=1000`);
    const plant = root.children.find((c) => c.name === it.asset.namesPath[0])!;
    const lines = await raw<{ children: { name: string }[] }>(`${it.coreBaseUrl}/assets/tree?assetId=${plant.id}&limit=1000`);
    assert.deepEqual(wrongLine.available, lines.children.map((c) => c.name));
    const wrongAttr = await r.resolve(C, [...it.asset.namesPath, 'No such attribute']);
    assert.ok(wrongAttr.kind === 'missing' && wrongAttr.segment === it.asset.namesPath.length);
    assert.ok(wrongAttr.available.includes(target.name));
    const wrongRoot = await r.resolve(C, ['Atlantis Plant', 'Line 1']);
    assert.ok(wrongRoot.kind === 'missing' && wrongRoot.segment === 0);
    assert.deepEqual(wrongRoot.available, root.children.map((c) => c.name));
  });

  void test('the names that may follow a path: child assets and attributes', async () => {
    const it = info.iotticket;
    const r = names();
    const root = await raw<{ children: { name: string }[] }>(`${it.coreBaseUrl}/assets/tree?limit=1000`);
    assert.deepEqual((await r.next(C, [])).assets.map((a) => a.name), root.children.map((c) => c.name));
    const next = await r.next(C, it.asset.namesPath);
    const attrs = (await raw<{ items: RawAttribute[] }>(`${it.coreBaseUrl}/assets/${it.asset.id}/attributes?limit=1000`)).items;
    const kids = await raw<{ children: { name: string }[] }>(`${it.coreBaseUrl}/assets/tree?assetId=${it.asset.id}&limit=1000`);
    assert.deepEqual(next.attributes.map((a) => a.name), attrs.map((a) => a.name));
    assert.deepEqual(next.assets.map((a) => a.name), kids.children.map((c) => c.name));
    // Cached: asking again sends nothing.
    const again = await countRequests('/core/v1/', () => r.next(C, it.asset.namesPath));
    assert.equal(again.requests, 0);
  });

  void test('every reference in the example scripts resolves on the demo', async () => {
    const dir = join(__dirname, '../../../../test/fixtures/workspace/examples');
    const r = names();
    const files = [
      ['pump_telemetry.py', 'python'],
      ['v1_and_altair.py', 'python'],
      ['dashboard.ts', 'js'],
    ] as const;
    let resolved = 0;
    for (const [file, language] of files) {
      const { references } = scanReferences(readFileSync(join(dir, file), 'utf8'), language);
      assert.ok(references.length > 0, file);
      for (const ref of references) {
        const target = await resolveReference(ref, C, { names: r, sessions });
        assert.ok(target, `${file}: ${JSON.stringify(ref)}`);
        assert.notEqual(target.kind, 'missing', `${file}: ${JSON.stringify(ref)} → ${JSON.stringify(target)}`);
        resolved++;
      }
    }
    assert.ok(resolved >= 15, `${resolved} references`);
  });
});
