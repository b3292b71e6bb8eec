/**
 * Altair IoT Studio emulator module: OAuth2 (`/oauth2/…`) and the AnythingDB API (`/spaces/…`),
 * plus test hooks under `/_emulator/altair/…`. Every Altair path is dispatched by this module's
 * own router, so unknown paths and methods also answer in the Altair error envelope. Its MQTT broker
 * (src/emulator/altair/mqtt/) runs on a port of its own once the HTTP server listens.
 */
import type { EmulatorContext, EmulatorModule } from '../module';
import { Router, type RequestContext } from '../router';
import { sendEmpty, sendJson } from '../respond';
import { isObject, readJson } from './body';
import { buildHostileSpace } from './hostileDataset';
import { buildDemoSpace } from './demoDataset';
import { altairError, badRequest, notFound } from './errors';
import { buildLargeSpace } from './largeDataset';
import { AltairBroker } from './mqtt/broker';
import { brokerModel } from './mqtt/brokerModel';
import { ChangeFeed } from './mqtt/feed';
import { LiveGenerator } from './mqtt/liveGenerator';
import { oauthRoutes, TokenStore, type OAuthClient } from './oauth';
import type { Api } from './routes/api';
import { registerCategoryRoutes } from './routes/categories';
import { registerEmailRoutes } from './routes/email';
import { registerInteractionRoutes } from './routes/interactions';
import { registerModelRoutes } from './routes/models';
import { registerMqttRoutes } from './routes/mqtt';
import { registerPropertyRoutes } from './routes/properties';
import { registerSpaceRoutes } from './routes/spaces';
import { registerThingRoutes } from './routes/things';
import { DEFAULT_RETENTION_DAYS, type AltairState } from './store';
import { idFactory } from './ulid';

/** Every scope the demo client may ask for (a parent also allows its `.read`/`.create`/… children). */
export const DEMO_SCOPES = ['offline', 'space', 'category', 'model', 'thing', 'query', 'mqtt', 'communications'] as const;

export const DEMO_CLIENT: OAuthClient = { id: 'demo-client', secret: 'demo-secret', scopes: DEMO_SCOPES };
/** A second client limited to `thing.read`, for 403 tests. */
export const READONLY_CLIENT: OAuthClient = { id: 'readonly-client', secret: 'readonly-secret', scopes: ['thing.read'] };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function createAltairModule(context: EmulatorContext): EmulatorModule {
  const tokens = new TokenStore(context.now, context.options.tokenTtlSec ?? 3600);
  tokens.addClient(DEMO_CLIENT);
  tokens.addClient(READONLY_CLIENT);

  // Built on first use: the dataset needs the base URL, known only once the server listens.
  let state: AltairState | undefined;
  const build = (): AltairState => {
    const common = { seed: context.seed, now: context.now(), baseUrl: context.baseUrl() };
    const { space, sample } = context.dataset === 'large'
      ? buildLargeSpace({ ...common, assets: context.large.assets, pointsPerSeries: context.large.pointsPerSeries })
      : context.dataset === 'hostile' ? buildHostileSpace(common) : buildDemoSpace(common);
    return { spaces: new Map([[space.name, space]]), emails: [], retentionDays: DEFAULT_RETENTION_DAYS, sample };
  };
  const feed = new ChangeFeed();
  const api: Api = { context, tokens, newId: idFactory(context.now), feed, state: () => (state ??= build()), now: () => context.now() };
  let broker: AltairBroker | undefined;
  /** Where the broker listens, kept so that it comes back on the same port after `PUT …/mqtt {"up": false}`. */
  let brokerAt: { host: string; port: number } | undefined;
  const startBroker = async (host: string, port: number): Promise<AltairBroker> => {
    broker = await AltairBroker.start(brokerModel(api), feed, host, port);
    brokerAt = { host, port: broker.port };
    return broker;
  };
  const live = new LiveGenerator(api, () => broker?.watched() ?? []);

  const inner = new Router();
  for (const [method, path, handler] of oauthRoutes(tokens)) inner.add(method, path, handler);
  registerSpaceRoutes(inner, api);
  registerCategoryRoutes(inner, api);
  registerModelRoutes(inner, api);
  registerThingRoutes(inner, api);
  registerPropertyRoutes(inner, api);
  registerInteractionRoutes(inner, api);
  registerMqttRoutes(inner, api);
  registerEmailRoutes(inner, api);

  const dispatch = async (ctx: RequestContext): Promise<void> => {
    const found = inner.match(ctx.method, ctx.path);
    if (!('handler' in found)) throw found.methodMismatch ? altairError(405, 'Method Not Allowed') : notFound();
    await found.handler({ ...ctx, params: found.params });
  };

  return {
    name: 'altair',
    register(router) {
      for (const method of METHODS) {
        router.add(method, '/spaces/*rest', dispatch);
        router.add(method, '/oauth2/*rest', dispatch);
      }
      router.get('/_emulator/altair/emails', ({ res }) => sendJson(res, 200, { emails: api.state().emails }));
      router.delete('/_emulator/altair/emails', ({ res }) => {
        api.state().emails.length = 0;
        sendEmpty(res, 204);
      });
      router.get('/_emulator/altair/stats', ({ res }) => sendJson(res, 200, { ...tokens.stats, mqtt: { ...broker?.stats, connectedClients: broker?.connectedClients ?? 0 } }));
      // The live generator: `{"intervalMs": N}` (0 stops it); `POST …/live/tick` runs one round now.
      router.get('/_emulator/altair/live', ({ res }) => sendJson(res, 200, { intervalMs: live.intervalMs }));
      router.put('/_emulator/altair/live', async (ctx) => {
        const body = await readJson(ctx);
        const ms = isObject(body) ? body.intervalMs : undefined;
        if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || (ms > 0 && ms < 50)) throw badRequest('"intervalMs" must be 0 (off) or a whole number of at least 50');
        live.setInterval(ms);
        sendJson(ctx.res, 200, { intervalMs: ms });
      });
      router.post('/_emulator/altair/live/tick', ({ res }) => sendJson(res, 200, { updated: live.tick() }));
      // The broker going down and coming back (same port), for clients' reconnect and fallback tests.
      router.get('/_emulator/altair/mqtt', ({ res }) => sendJson(res, 200, { up: broker !== undefined, ...brokerAt }));
      router.put('/_emulator/altair/mqtt', async (ctx) => {
        const body = await readJson(ctx);
        const up = isObject(body) ? body.up : undefined;
        if (typeof up !== 'boolean') throw badRequest('"up" must be true or false');
        if (!up && broker) {
          const b = broker;
          broker = undefined;
          await b.close();
        } else if (up && !broker && brokerAt) {
          await startBroker(brokerAt.host, brokerAt.port);
        }
        sendJson(ctx.res, 200, { up: broker !== undefined, ...brokerAt });
      });
      router.get('/_emulator/altair/config', ({ res }) => sendJson(res, 200, { retentionDays: api.state().retentionDays }));
      // History older than `retentionDays` (default 90) is dropped at read time.
      router.put('/_emulator/altair/config', async (ctx) => {
        const body = await readJson(ctx);
        const days = isObject(body) ? body.retentionDays : undefined;
        if (typeof days !== 'number' || !(days > 0)) throw badRequest('"retentionDays" must be a positive number');
        api.state().retentionDays = days;
        sendJson(ctx.res, 200, { retentionDays: days });
      });
    },
    info() {
      const { sample } = api.state();
      return {
        clientId: DEMO_CLIENT.id,
        clientSecret: DEMO_CLIENT.secret,
        space: sample.space,
        scopes: [...DEMO_SCOPES],
        thing: sample.thing,
        category: sample.category,
        baseUrl: context.baseUrl(),
        readOnlyClient: { clientId: READONLY_CLIENT.id, clientSecret: READONLY_CLIENT.secret, scopes: [...READONLY_CLIENT.scopes] },
        ...(brokerAt ? { mqtt: { url: `mqtt://${brokerAt.host}:${brokerAt.port}`, host: brokerAt.host, port: brokerAt.port } } : {}),
      };
    },
    reset() {
      // Tokens of the configured clients stay valid; run-time thing clients go with the data, and so do
      // the MQTT credentials and the sessions that used them.
      state = undefined;
      tokens.dropDynamicClients();
      broker?.disconnectAll();
    },
    async listen(host) {
      await startBroker(host, context.options.mqttPort ?? 0);
      live.setInterval(context.options.altairLiveMs ?? 0);
      return { mqtt: broker!.url };
    },
    async close() {
      live.stop();
      await broker?.close();
    },
  };
}
