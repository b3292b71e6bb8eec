/**
 * The built-in emulator: one `node:http` server on loopback serving IoT-TICKET (v1 API, device HTTP
 * adapter, asset API) and Altair IoT Studio from in-memory models, with fault injection.
 * Each platform is an `EmulatorModule` that registers its routes on the shared router.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultRule } from './faults';
import { EmulatorHttpError, Router, type RequestContext } from './router';
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
    const body = await ctx.json<{ rules?: FaultRule[] } | FaultRule>();
    const rules = 'rules' in body && Array.isArray(body.rules) ? body.rules : [body as FaultRule];
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
    handle(router, faults, req, res).catch((err: unknown) => {
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
  return { url: baseUrl, port, faults, modules, info, close: () => closeServer(server) };
}

async function handle(router: Router, faults: FaultInjector, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
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
  let cached: Buffer | undefined;
  const body = async (): Promise<Buffer> => {
    if (cached) return cached;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    cached = Buffer.concat(chunks);
    return cached;
  };
  const ctx: RequestContext = {
    req, res, method, path, params: found.params, query: url.searchParams, body,
    async json<T>(): Promise<T> {
      const text = (await body()).toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new EmulatorHttpError(400, { error: 'Malformed JSON body' });
      }
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
      if (/^\/(spaces|oauth2)(\/|$)/.test(path)) {
        sendJson(res, status, { error: { status, message: statusMessage(status) } }, headers);
        return;
      }
      sendJson(res, status, { description: `Injected fault ${status}`, code: status === 429 ? 8002 : 8000, moreInfo: 'emulator', apiver: 1 }, headers);
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
