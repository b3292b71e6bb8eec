/**
 * The built-in emulator: one `node:http` server on loopback serving IoT-TICKET (v1 API, device HTTP
 * adapter, asset API) and Altair IoT Studio from in-memory models, with fault injection.
 * Each platform is an `EmulatorModule` that registers its routes on the shared router.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultRule } from './faults';
import { BodyTooLargeError, EmulatorHttpError, Router, type RequestContext } from './router';
import { bodyLimitFor, crossOrigin, errorBody, hostAllowed, parseJson, readBodyCapped } from './boundary';
import { sendEmpty, sendJson } from './respond';
import { createIotTicketModule } from './iotticket';
import { createAltairModule } from './altair';
import { statusMessage } from './altair/errors';
import { defaultLargeOptions, type EmulatorContext, type EmulatorModule, type EmulatorOptions } from './module';

export type { DatasetName, EmulatorOptions, LargeDatasetOptions } from './module';

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly faults: FaultInjector;
  readonly modules: readonly EmulatorModule[];
  /** Every route, as method and pattern. */
  readonly routes: readonly { readonly method: string; readonly pattern: string }[];
  /** The Altair MQTT broker, `mqtt://host:port`. */
  readonly mqttUrl: string;
  info(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';
  const context: EmulatorContext = {
    options,
    dataset: options.dataset ?? 'demo',
    large: { ...defaultLargeOptions, ...options.large },
    seed: options.seed ?? 20261122,
    now: options.now ?? Date.now,
    baseUrl: () => baseUrl,
  };
  const faults = new FaultInjector();
  faults.set(options.faults ?? []);
  const modules = [createIotTicketModule(context), createAltairModule(context)];
  const router = new Router();
  for (const m of modules) m.register(router);

  const info = (): Record<string, unknown> => ({
    url: baseUrl,
    dataset: context.dataset,
    ...Object.fromEntries(modules.map((m) => [m.name, m.info()])),
  });
  router.get('/_emulator/info', ({ res }) => sendJson(res, 200, info()));
  router.get('/_emulator/faults', ({ res }) => sendJson(res, 200, { rules: faults.list() }));
  router.post('/_emulator/faults', async (ctx) => {
    const body = await ctx.json<unknown>();
    if (body === null || typeof body !== 'object') throw new EmulatorHttpError(400, { error: 'give {"rules":[…]} or one rule object' });
    const rules = 'rules' in body && Array.isArray(body.rules) ? (body.rules as FaultRule[]) : [body as FaultRule];
    try {
      faults.set(rules);
    } catch (err) {
      throw new EmulatorHttpError(400, { error: (err as Error).message });
    }
    sendJson(ctx.res, 200, { rules: faults.list() });
  });
  router.delete('/_emulator/faults', ({ res }) => {
    faults.clear();
    sendEmpty(res, 204);
  });
  router.post('/_emulator/reset', ({ res }) => {
    for (const m of modules) m.reset?.();
    faults.clear();
    sendEmpty(res, 204);
  });

  const server = createServer((req, res) => {
    handle(router, faults, host, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  const servers: Record<string, string> = {};
  try {
    for (const m of modules) Object.assign(servers, await m.listen?.(host));
  } catch (err) {
    await Promise.all([closeServer(server), ...modules.map((m) => m.close?.())]);
    throw err;
  }
  const close = async (): Promise<void> => {
    await Promise.all([closeServer(server), ...modules.map((m) => m.close?.())]);
  };
  return { url: baseUrl, port, faults, modules, mqttUrl: servers.mqtt ?? '', routes: router.list(), info, close };
}

async function handle(router: Router, faults: FaultInjector, boundHost: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  // A page on another site can reach loopback too (DNS rebinding, cross-site requests): refuse it.
  if (!hostAllowed(req.headers.host, boundHost)) {
    req.resume();
    return sendJson(res, 403, errorBody(path, 403, 'Host not allowed: the emulator answers to 127.0.0.1, localhost and [::1] only'));
  }
  if (path.startsWith('/_emulator/') && crossOrigin(req)) {
    req.resume();
    return sendJson(res, 403, errorBody(path, 403, 'Cross-origin requests to the emulator\'s control routes are refused'));
  }
  if (!path.startsWith('/_emulator/')) {
    for (const fault of faults.take(method, path)) {
      if (fault.kind === 'latency') {
        await new Promise((r) => setTimeout(r, fault.ms ?? 0));
        continue;
      }
      if (fault.kind === 'drop') {
        dropAnswer(req, res);
        continue;
      }
      return injectFault(fault, req, res);
    }
  }
  const found = router.match(method, path);
  if (!('handler' in found)) {
    return sendJson(res, found.methodMismatch ? 405 : 404, { error: found.methodMismatch ? 'Method not allowed' : `No route for ${method} ${path}` });
  }
  // The whole body is read before the handler runs: no handler awaits the network between reading the
  // model and writing it, so concurrent requests cannot lose each other's writes.
  const limit = found.options.maxBody?.() ?? bodyLimitFor(path);
  const bytes = await readBodyCapped(req, limit);
  // Routes with a limit of their own answer a too large body in their own words; the others are refused here.
  if (bytes === undefined && !found.options.maxBody) return sendJson(res, 413, errorBody(path, 413, `Payload larger than ${limit} bytes`));
  const body = async (): Promise<Buffer> => {
    if (bytes === undefined) throw new BodyTooLargeError(limit, errorBody(path, 413, `Payload larger than ${limit} bytes`));
    return bytes;
  };
  const ctx: RequestContext = {
    req, res, method, path, params: found.params, query: url.searchParams, body,
    async json<T>(): Promise<T> {
      const parsed = parseJson((await body()).toString('utf8'));
      if ('error' in parsed) throw new EmulatorHttpError(400, { error: parsed.error });
      return parsed.value as T;
    },
  };
  try {
    await found.handler(ctx);
  } catch (err) {
    if (err instanceof EmulatorHttpError) {
      if (!res.headersSent) sendJson(res, err.status, err.body, err.headers);
      return;
    }
    throw err;
  }
}

function injectFault(fault: FaultRule, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  switch (fault.kind) {
    case 'reset': {
      // Promise a long body, send part of it, then drop the connection.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100_000 });
      res.write('{"items":[{"ts":1,"v":"1"},');
      setTimeout(() => res.destroy(), 5);
      return;
    }
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 17 });
      res.end('{"items":[{"ts":1');
      return;
    default: {
      const status = Number(fault.kind);
      const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { 'Retry-After': String(fault.retryAfterSec) } : {};
      // Altair paths answer in the Altair envelope, everything else in the IoT-TICKET v1 one.
      const path = (req.url ?? '/').split('?')[0];
      if (fault.body !== undefined) {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(fault.body), ...headers });
        res.end(fault.body);
        return;
      }
      const altair = /^\/(spaces|oauth2)(\/|$)/.test(path);
      sendJson(res, status, errorBody(path, status, altair ? statusMessage(status) : `Injected fault ${status}`), headers);
    }
  }
}

/** The request is handled as usual, but its answer is replaced by a dropped connection. */
function dropAnswer(req: IncomingMessage, res: ServerResponse): void {
  const drop = (): ServerResponse => {
    req.socket.destroy();
    return res;
  };
  Object.assign(res, { writeHead: drop, end: drop });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
