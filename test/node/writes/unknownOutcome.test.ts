/**
 * Writes whose outcome is unknown, end to end against the emulator (issue 14 item 7): the emulator applies
 * the write and then drops the connection (`drop`), or answers 2xx with a cut body (`malformed`), or answers
 * too late. Every write kind of both platforms reports "outcome unknown" (never FAILED), says how to check,
 * never advises a resend, and split writes keep their exact written / unknown / not-sent report.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { AltairApi, ClientCredentialsStrategy } from '../../../src/platforms/altair';
import { IotTicketClient } from '../../../src/platforms/iotticket/client';
import { DeviceAdapterClient } from '../../../src/platforms/iotticket/adapterClient';
import type { WriteContext } from '../../../src/writes/send/context';
import { sendSpec } from '../../../src/writes/send/executor';
import { CHECKS, outcomeActions, outcomeText, type WriteOutcome } from '../../../src/writes/model/outcome';
import type { WriteSpec } from '../../../src/writes/model/writeSpec';
import { readCommandLog } from '../../../src/writes/send/commandLog';

interface Info {
  iotticket: {
    user: string; password: string; tenant: string; coreBaseUrl: string; adapterBaseUrl: string;
    device: { id: string; password: string };
    asset: { id: string; commandAttributeId: string };
  };
  altair: { clientId: string; clientSecret: string; space: string; scopes: string[]; thing: { id: string; numericProperty: string; actionName: string } };
}

let emu: Emulator;
let info: Info;
let core: IotTicketClient;
let api: AltairApi;
let ctx: WriteContext;

before(async () => {
  emu = await startEmulator();
  info = emu.info() as unknown as Info;
  const i = info.iotticket;
  core = new IotTicketClient({ coreBaseUrl: i.coreBaseUrl, username: i.user, password: i.password, timeoutMs: 2000 });
  const adapter = new DeviceAdapterClient({ baseUrl: i.adapterBaseUrl, tenant: i.tenant });
  const a = info.altair;
  api = new AltairApi({ host: emu.url, timeoutMs: 2000, security: new ClientCredentialsStrategy({ clientId: a.clientId, clientSecret: a.clientSecret, scopes: a.scopes }) });
  ctx = {
    iotticket: async () => ({ assetApi: core, adapter: async () => adapter }),
    altair: async () => ({ api, space: a.space }),
    deviceCredentials: async () => ({ deviceId: i.device.id, password: i.device.password }),
    readFile: () => Promise.reject(new Error('no files here')),
  };
});

after(async () => {
  await api.dispose();
  await emu.close();
});

/** Sends with a fault on the write's own requests only (prepare's reads pass). */
async function sendWithFault(spec: WriteSpec, kind: 'drop' | 'malformed', method: string, pathPrefix: string, every = 1): Promise<WriteOutcome> {
  emu.faults.set([{ kind, method, pathPrefix, every, count: 1 }]);
  try {
    return await sendSpec(spec, ctx);
  } finally {
    emu.faults.clear();
  }
}

function assertUnknown(outcome: WriteOutcome, check: string): void {
  assert.equal(outcome.result, 'unknown', outcomeText(outcome));
  // The notification offers no "Send Again" (a failed write does).
  assert.ok(!outcomeActions(outcome, true).includes('again') && !outcomeActions(outcome, false).includes('again'));
  assert.deepEqual(outcomeActions({ ...outcome, result: 'failed' }, false), ['details', 'again']);
  assert.match(outcome.summary, /outcome unknown/);
  assert.doesNotMatch(outcome.summary, /failed/i);
  assert.ok(outcome.meaning?.startsWith('Check before sending anything again'), outcome.meaning);
  assert.ok(outcome.meaning?.includes(check), `${outcome.meaning} names how to check`);
  // Never a blind resend: the only mention of sending again is the warning against it.
  const text = outcomeText(outcome).replace('Sending it again without checking could apply it twice.', '').replace('Check before sending anything again', '');
  assert.doesNotMatch(text, /send(ing)? (it |them )?again|resend|retry it/i, text);
}

void describe('IoT-TICKET writes with an unknown outcome', () => {
  void test('a static value: the connection drops after the write was applied', async () => {
    const attrs = await core.assets.getAttributes({ assetId: info.iotticket.asset.id });
    const rated = attrs.find((a) => a.name === 'Rated power')!;
    const outcome = await sendWithFault({ kind: 'iotticket.static', connection: 'c', assetId: info.iotticket.asset.id, attributeId: rated.id, value: 77.5 }, 'drop', 'PUT', '/core/v1/');
    assertUnknown(outcome, CHECKS.static);
    // Checking as told finds the value applied: a resend would have written it twice.
    const now = (await core.assets.getAttributes({ assetId: info.iotticket.asset.id })).find((a) => a.id === rated.id);
    assert.equal(now?.value, 77.5);
  });

  void test('a command whose 202 answer is cut: unknown, and the command log shows it', async () => {
    const i = info.iotticket;
    const spec: WriteSpec = { kind: 'iotticket.command', connection: 'c', assetId: i.asset.id, attributeId: i.asset.commandAttributeId, templateVariables: { rpm: 1234 } };
    const before = (await readCommandLog(core, i.asset.id, { attributeId: i.asset.commandAttributeId, perAttribute: 1000 })).attributes[0].entries.length;
    const outcome = await sendWithFault(spec, 'drop', 'POST', `/core/v1/assets/${i.asset.id}/commands/`);
    assertUnknown(outcome, CHECKS.command);
    const log = await readCommandLog(core, i.asset.id, { attributeId: i.asset.commandAttributeId, perAttribute: 1000 });
    assert.equal(log.attributes[0].entries.length, before + 1, 'the command arrived although its answer did not');
  });

  void test('calculated values: the first attribute written, the second unknown, the rest not sent', async () => {
    const site = (await core.assets.getAssetLevel({})).children.find((a) => a.name === 'Tampere Plant')!;
    const t0 = Date.UTC(2034, 0, 1);
    const values = { 'Energy consumption': [{ ts: t0, v: 1 }], Availability: [{ ts: t0, v: 2 }], Efficiency: [{ ts: t0, v: 3 }] };
    const attrs = await core.assets.getAttributes({ assetId: site.id });
    const present = Object.fromEntries(Object.entries(values).filter(([name]) => attrs.some((a) => a.name === name && a.type === 'Calculated')));
    assert.ok(Object.keys(present).length >= 2, `site has Calculated attributes: ${attrs.map((a) => `${a.name}:${a.type}`).join(', ')}`);
    const outcome = await sendWithFault({ kind: 'iotticket.calculated', connection: 'c', assetId: site.id, values: present }, 'drop', 'POST', '/core/v1/', 2);
    assertUnknown(outcome, CHECKS.calculated);
    assert.match(outcome.details[0], /: written$/);
    assert.match(outcome.details[1], /: OUTCOME UNKNOWN \(may or may not have been written\) — /);
    assert.ok(outcome.details.slice(2).every((d) => d.endsWith(': not sent')), outcome.details.join('\n'));
  });

  void test('split telemetry: part 1 written, part 2 unknown (and in fact stored), the rest not sent', async () => {
    const t0 = Date.UTC(2034, 1, 1);
    const rows = Array.from({ length: 150 }, (_, k) => ({ timestamp: t0 + k * 1000, flow: 500 + k }));
    const outcome = await sendWithFault({ kind: 'iotticket.telemetry', connection: 'c', deviceId: info.iotticket.device.id, rows }, 'drop', 'PUT', '/http-adapter/', 2);
    assertUnknown(outcome, CHECKS.telemetry);
    assert.match(outcome.summary, /stopped at part 2 of \d+: parts 1 were written \(\d+ of 150 values\), part 2 may or may not have arrived/);
    assert.match(outcome.details[0], /^Part 1 of \d+ .*: written/);
    assert.match(outcome.details[1], /^Part 2 of \d+ .*: OUTCOME UNKNOWN/);
    assert.ok(outcome.details.slice(2).every((d) => d.endsWith('not sent')));
    const written = Number(/\((\d+) of 150 values\)/.exec(outcome.summary)?.[1]);
    const part2 = Number(/^Part 2 of \d+ \((\d+) values/.exec(outcome.details[1])?.[1]);
    const flow = (await core.assets.getAttributes({ assetId: info.iotticket.asset.id })).find((a) => a.name === 'Flow')!;
    const stored = await core.data.getTimeseries({ attributeId: flow.id, assetId: info.iotticket.asset.id, startTime: t0, endTime: t0 + 149_000 });
    assert.equal(stored.timestamps.length, written + part2, 'the part reported as unknown did arrive');
  });

  void test('a single device event whose answer never comes', async () => {
    emu.faults.set([{ kind: 'latency', ms: 1000, method: 'PUT', pathPrefix: '/http-adapter/', count: 1 }]);
    const adapter = new DeviceAdapterClient({ baseUrl: info.iotticket.adapterBaseUrl, tenant: info.iotticket.tenant, timeoutMs: 100 });
    const slow: WriteContext = { ...ctx, iotticket: async () => ({ assetApi: core, adapter: async () => adapter }) };
    try {
      const outcome = await sendSpec({ kind: 'iotticket.deviceEvents', connection: 'c', deviceId: info.iotticket.device.id, events: [{ id: 'UNKNOWN_TEST', m: 'x', ts: Date.now() }] }, slow);
      assertUnknown(outcome, CHECKS.deviceEvents);
      assert.match(outcome.details[0], /no answer came in time/);
    } finally {
      emu.faults.clear();
    }
  });
});

void describe('Altair writes with an unknown outcome', () => {
  const thingPath = (): string => `/spaces/${info.altair.space}/things/${info.altair.thing.id}`;

  void test('a property write applied, then the connection drops: unknown, and the property holds the value', async () => {
    const { id, numericProperty } = info.altair.thing;
    const outcome = await sendWithFault({ kind: 'altair.properties', connection: 'c', thingId: id, properties: { [numericProperty]: 42.25 } }, 'drop', 'PUT', `${thingPath()}/properties`);
    assertUnknown(outcome, CHECKS.altairProperties);
    const props = await api.spaces(info.altair.space).things(id).properties(numericProperty).get();
    assert.equal(props[numericProperty], 42.25);
  });

  void test('an action whose 201 answer is malformed', async () => {
    const { id, actionName } = info.altair.thing;
    const outcome = await sendWithFault({ kind: 'altair.action', connection: 'c', thingId: id, action: actionName, input: { setpoint: 20 } }, 'malformed', 'POST', `${thingPath()}/actions/`);
    assertUnknown(outcome, CHECKS.altairAction);
  });
});
