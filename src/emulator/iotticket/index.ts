/**
 * IoT-TICKET emulator module: v1 API (/api/v1), device HTTP adapter (/http-adapter) and asset API (/core/v1)
 * over one in-memory model, plus `/uaa/oauth/token` and emulator controls under `/_emulator/iotticket/`:
 *   GET|PUT /_emulator/iotticket/limits   — read/change `IotTicketLimits` (adapter 413 size, ONNX size, quotas…)
 *   GET /_emulator/iotticket/ingest-errors — adapter documents accepted with 202 but not applied, and why
 *   GET /_emulator/iotticket/adapter-requests — adapter requests as received (method, path, body bytes, status)
 */
import type { EmulatorContext, EmulatorModule } from '../module';
import { sendJson } from '../respond';
import { registerAdapterRoutes } from './adapterRoutes';
import { registerTokenRoute } from './auth';
import { registerAnalyticsRoutes } from './assetApiAnalyticsRoutes';
import { registerAssetRoutes } from './assetApiAssetRoutes';
import { registerCommandRoutes } from './assetApiCommandRoutes';
import { registerDataRoutes } from './assetApiDataRoutes';
import { registerEventRoutes } from './assetApiEventRoutes';
import { coreApi } from './assetApiHttp';
import { DEMO_PASSWORD, DEMO_USER } from './dataset';
import { buildDemoDataset } from './demoDataset';
import { buildHostileDataset } from './hostileDataset';
import { badInput } from './envelope';
import { namesPathOf } from './assets';
import { buildLargeDataset } from './largeDataset';
import { defaultLimits, IotTicketModel, type IotTicketLimits } from './model';
import { registerV1Routes } from './v1Routes';
import { simulateDevices } from './simulatedDevices';

export { defaultLimits, type IotTicketLimits } from './model';

export function createIotTicketModule(context: EmulatorContext, limits: Partial<IotTicketLimits> = {}): EmulatorModule {
  const build = (): IotTicketModel => {
    const now = context.now();
    const dataset = context.dataset === 'large'
      ? buildLargeDataset(context.seed, now, context.large)
      : context.dataset === 'hostile' ? buildHostileDataset(context.seed, now) : buildDemoDataset(context.seed, now);
    return new IotTicketModel(dataset, { ...defaultLimits, ...limits }, context.now);
  };
  let model = build();
  const state = (): IotTicketModel => model;
  let stopDevices: (() => void) | undefined;
  const base = (): string => context.baseUrl();

  return {
    name: 'iotticket',
    register(router) {
      registerV1Routes(router, state, base);
      registerAdapterRoutes(router, state);
      const api = coreApi(router, state, base);
      registerAssetRoutes(api);
      registerDataRoutes(api);
      registerEventRoutes(api);
      registerCommandRoutes(api);
      registerAnalyticsRoutes(api);
      registerTokenRoute(router, state);

      router.get('/_emulator/iotticket/limits', ({ res }) => sendJson(res, 200, model.limits));
      router.put('/_emulator/iotticket/limits', async (ctx) => {
        const body = await ctx.json<Record<string, unknown>>();
        for (const [key, value] of Object.entries(body ?? {})) {
          if (!(key in defaultLimits)) throw badInput(`Unknown limit "${key}"; known: ${Object.keys(defaultLimits).join(', ')}`);
          if (typeof value !== typeof defaultLimits[key as keyof IotTicketLimits]) throw badInput(`Limit "${key}" must be a ${typeof defaultLimits[key as keyof IotTicketLimits]}`);
        }
        Object.assign(model.limits, body);
        sendJson(ctx.res, 200, model.limits);
      });
      router.get('/_emulator/iotticket/ingest-errors', ({ res }) => sendJson(res, 200, { items: model.ingestErrors }));
      router.get('/_emulator/iotticket/adapter-requests', ({ res }) => sendJson(res, 200, { items: model.adapterRequests }));
    },
    info() {
      const example = model.example;
      const device = model.devices.get(example.deviceId)!;
      const telemetry = model.assets.attribute(example.telemetryAttributeId)!;
      const url = context.baseUrl();
      return {
        user: DEMO_USER,
        password: DEMO_PASSWORD,
        tenant: model.organization.tenantId,
        organizationId: model.organization.id,
        v1: { deviceId: device.v1Id, datanodePath: example.v1DatanodePath },
        device: { id: device.id, username: `${device.id}@${device.tenantId}`, password: device.password },
        asset: {
          id: example.assetId,
          namesPath: namesPathOf(model.assets, example.assetId),
          telemetryAttributeId: telemetry.id,
          telemetryAttributeName: telemetry.name,
          commandAttributeId: example.commandAttributeId,
        },
        v1BaseUrl: `${url}/api/v1`,
        adapterBaseUrl: `${url}/http-adapter`,
        coreBaseUrl: `${url}/core/v1`,
      };
    },
    reset() {
      model = build();
    },
    async listen() {
      const ms = context.options.deviceAnswerMs ?? 0;
      if (ms > 0) stopDevices = simulateDevices(state, ms);
      return {};
    },
    async close() {
      stopDevices?.();
    },
  };
}
