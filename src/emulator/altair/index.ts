/**
 * Altair IoT Studio emulator module: OAuth2 (`/oauth2/…`) and the AnythingDB API (`/spaces/…`),
 * plus test hooks under `/_emulator/altair/…`. Every Altair path is dispatched by this module's
 * own router, so unknown paths and methods also answer in the Altair error envelope.
 */
import type { EmulatorContext, EmulatorModule } from '../module';
import { Router, type RequestContext } from '../router';
import { sendEmpty, sendJson } from '../respond';
import { isObject, readJson } from './body';
import { buildHostileSpace } from './hostileDataset';
import { buildDemoSpace } from './demoDataset';
import { altairError, badRequest, notFound } from './errors';
import { buildLargeSpace } from './largeDataset';
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
  const api: Api = { context, tokens, newId: idFactory(context.now), state: () => (state ??= build()), now: () => context.now() };

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
      router.get('/_emulator/altair/stats', ({ res }) => sendJson(res, 200, { ...tokens.stats }));
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
      };
    },
    reset() {
      // Tokens of the configured clients stay valid; run-time thing clients go with the data.
      state = undefined;
      tokens.dropDynamicClients();
    },
  };
}
