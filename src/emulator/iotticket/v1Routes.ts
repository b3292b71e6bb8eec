/**
 * Surface A — the legacy REST API v1 at `/api/v1/` (spec §3), with the real server's quirks: values read back
 * as strings, `items` omitted from empty pages, `createdAt` as `yyyy-MM-dd'T'HH:mm:ssUTC`, case-insensitive
 * datanode names/paths/order/grouping, a bare datanode name matching every path, a read without dates giving
 * only the latest value, 403 (8001) for an unknown device, implicit datanode creation with type inference.
 */
import type { Router } from '../router';
import { sendJson } from '../respond';
import { requireUser } from './auth';
import {
  badInput, ErrorCode, intParam, pageOf, parsePaging, sendJsonText, v1Error, v1Page, type Paging,
} from './envelope';
import { fullPath, type Datanode, type Device, type IotTicketModel } from './model';
import { hashString, hex32 } from './random';
import { buckets, scan, statFigures } from './series';
import { bucketStarts, v1Date, type Dimension } from './time';
import { makeDevice } from './dataset';
import { DATA_TYPES, type DataType, type Enterprise, type Value } from './types';
import { convert, inferType } from './values';

const V1_PAGE = { default: 10, max: 100 };
const READ_LIMIT = { default: 1000, max: 10_000 };
const MAX_BUCKETS = 10_000;
const PATH_RE = /^\/?[a-zA-Z0-9]+(\/[a-zA-Z0-9]+){0,9}\/?$/;
const GROUPINGS: readonly Dimension[] = ['Minute', 'Hour', 'Day', 'Week', 'Month', 'Year'];

export function registerV1Routes(router: Router, state: () => IotTicketModel, base: () => string): void {
  const v1 = (): string => `${base()}/api/v1`;
  const authed = (ctx: Parameters<Parameters<Router['get']>[1]>[0]): IotTicketModel => {
    const model = state();
    requireUser(ctx, model);
    return model;
  };

  // A0: connectivity/credential check; the real body is unknown.
  router.get('/api/v1', (ctx) => {
    authed(ctx);
    sendJson(ctx.res, 200, { apiver: 1 });
  });

  router.post('/api/v1/devices', async (ctx) => {
    const model = authed(ctx);
    const device = registerDevice(model, await ctx.json<unknown>());
    sendJson(ctx.res, 201, deviceJson(model, device, v1()));
  });

  router.get('/api/v1/devices', (ctx) => {
    const model = authed(ctx);
    const paging = parsePaging(ctx.query, V1_PAGE.default, V1_PAGE.max);
    const all = [...model.v1Devices.values()];
    sendJson(ctx.res, 200, v1Page(pageOf(all, paging).map((d) => deviceJson(model, d, v1())), all.length, paging));
  });

  router.get('/api/v1/devices/:deviceId', (ctx) => {
    const model = authed(ctx);
    sendJson(ctx.res, 200, deviceJson(model, model.v1Device(ctx.params.deviceId), v1()));
  });

  // A12 exists only in one third-party client; enabled by the `v1DeleteDevice` limit (default on).
  router.delete('/api/v1/devices/:deviceId', (ctx) => {
    const model = authed(ctx);
    if (!model.limits.v1DeleteDevice) throw v1Error(405, ErrorCode.permission, 'Deleting devices is not supported');
    model.removeDevice(model.v1Device(ctx.params.deviceId));
    ctx.res.writeHead(204).end();
  });

  router.get('/api/v1/devices/:deviceId/datanodes', (ctx) => {
    const model = authed(ctx);
    const device = model.v1Device(ctx.params.deviceId);
    const paging = parsePaging(ctx.query, V1_PAGE.default, V1_PAGE.max);
    const nodes = [...device.datanodes.values()];
    const items = pageOf(nodes, paging).map((n) => ({
      name: n.name, ...(n.path ? { path: n.path } : {}), dataType: n.dataType, ...(n.unit ? { unit: n.unit } : {}),
      href: `${v1()}/process/read/${device.v1Id}?datanodes=${encodeURIComponent(fullPath(n.path, n.name).toLowerCase())}`,
    }));
    sendJson(ctx.res, 200, v1Page(items, nodes.length, paging));
  });

  router.post('/api/v1/process/write/:deviceId', async (ctx) => {
    const model = authed(ctx);
    const device = model.v1Device(ctx.params.deviceId);
    sendJson(ctx.res, 200, writeValues(model, device, await ctx.json<unknown>(), v1()));
  });

  router.get('/api/v1/process/read/:deviceId', (ctx) => {
    const model = authed(ctx);
    const device = model.v1Device(ctx.params.deviceId);
    const nodes = selectDatanodes(device, ctx.query.get('datanodes'));
    const order = parseOrder(ctx.query.get('order'));
    const from = intParam(ctx.query, 'fromdate');
    const to = intParam(ctx.query, 'todate');
    const limit = Math.min(intParam(ctx.query, 'limit') ?? (from === undefined && to === undefined ? 1 : READ_LIMIT.default), READ_LIMIT.max);
    const now = model.now();
    const reads = nodes.map((node) => {
      const parts: string[] = [];
      const push = (ts: number, v: Value): boolean => {
        parts.push(`{"v":${JSON.stringify(String(v))},"ts":${ts}}`);
        return parts.length < limit;
      };
      if (from === undefined && to === undefined) {
        // No dates: the latest value(s) only, as the real server answers.
        scan(node, -8.64e15, now, now, true, push);
        if (order === 'ascending') parts.reverse();
      } else {
        scan(node, from ?? 0, to ?? now, now, order === 'descending', push);
      }
      return `{"dataType":"${node.dataType}","unit":${JSON.stringify(node.unit)},"name":${JSON.stringify(node.name)},` +
        `${node.path ? `"path":${JSON.stringify(node.path)},` : ''}"values":[${parts.join(',')}]}`;
    });
    const href = `${v1()}/process/read/${device.v1Id}?${ctx.query.toString()}`;
    sendJsonText(ctx.res, 200, `{"href":${JSON.stringify(href)},"datanodeReads":[${reads.join(',')}]}`);
  });

  // A7. `vtags` is accepted and ignored (its meaning is undocumented).
  router.get('/api/v1/stat/read/:deviceId', (ctx) => {
    const model = authed(ctx);
    const device = model.v1Device(ctx.params.deviceId);
    const nodes = selectDatanodes(device, ctx.query.get('datanodes'));
    const from = intParam(ctx.query, 'fromdate');
    const to = intParam(ctx.query, 'todate');
    const groupingRaw = ctx.query.get('grouping') ?? '';
    const grouping = GROUPINGS.find((g) => g.toLowerCase() === groupingRaw.toLowerCase());
    if (from === undefined || to === undefined) throw badInput('fromdate and todate are required');
    if (!grouping) throw badInput(`grouping must be one of ${GROUPINGS.join(', ')}`);
    const order = parseOrder(ctx.query.get('order'));
    const starts = bucketStarts(from, to, grouping, MAX_BUCKETS);
    if (starts.length > MAX_BUCKETS) throw badInput(`More than ${MAX_BUCKETS} ${grouping.toLowerCase()} buckets; narrow the range or use a coarser grouping`);
    const now = model.now();
    const reads = nodes.map((node) => {
      const values = buckets(node, from, to, now, starts).map((b) => ({ ...statFigures(b), ts: b.start }));
      if (order === 'descending') values.reverse();
      return { dataType: node.dataType, unit: node.unit, name: node.name, ...(node.path ? { path: node.path } : {}), values };
    });
    sendJson(ctx.res, 200, { href: `${v1()}/stat/read/${device.v1Id}?${ctx.query.toString()}`, datanodeReads: reads });
  });

  router.get('/api/v1/enterprises', (ctx) => {
    const model = authed(ctx);
    sendJson(ctx.res, 200, enterprisePage(model, null, parsePaging(ctx.query, V1_PAGE.default, V1_PAGE.max), v1()));
  });

  // Path id is the numeric part ("6015"); an "E"-prefixed id is accepted too.
  router.get('/api/v1/enterprises/:enterpriseId', (ctx) => {
    const model = authed(ctx);
    const id = Number(ctx.params.enterpriseId.replace(/^E/i, ''));
    if (!model.enterprises.some((e) => e.id === id)) throw v1Error(403, ErrorCode.permission, 'Re-check enterprise id and ensure access is valid');
    sendJson(ctx.res, 200, enterprisePage(model, id, parsePaging(ctx.query, V1_PAGE.default, V1_PAGE.max), v1()));
  });

  router.get('/api/v1/quota/all', (ctx) => {
    const model = authed(ctx);
    const l = model.limits;
    sendJson(ctx.res, 200, {
      totalDevices: model.v1Devices.size, maxNumberOfDevices: l.maxNumberOfDevices, maxDataNodePerDevice: l.maxDataNodePerDevice,
      usedStorageSize: model.usedStorageSize(), maxStorageSize: l.maxStorageSize,
    });
  });

  router.get('/api/v1/quota/:deviceId', (ctx) => {
    const model = authed(ctx);
    const device = model.v1Device(ctx.params.deviceId);
    sendJson(ctx.res, 200, {
      deviceId: device.v1Id, totalRequestToday: device.requestsToday, maxReadRequestPerDay: model.limits.maxReadRequestPerDay,
      numberOfDataNodes: device.datanodes.size, storageSize: model.storageSize(device),
    });
  });
}

function parseOrder(raw: string | null): 'ascending' | 'descending' {
  if (raw === null || raw === '') return 'ascending';
  const lower = raw.toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw badInput('order must be ascending or descending');
}

/**
 * `datanodes=a,/Engine/b`: a full path (leading "/") matches that datanode; a bare name matches the datanode
 * of that name on every path. Case-insensitive. None found → 400 (8003).
 */
function selectDatanodes(device: Device, raw: string | null): Datanode[] {
  if (!raw) throw badInput('datanodes is required');
  const selected = new Set<Datanode>();
  for (const item of raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (item.includes('/')) {
      const node = device.datanodes.get(item.startsWith('/') ? item : `/${item}`);
      if (node) selected.add(node);
    } else {
      for (const node of device.datanodes.values()) if (node.name.toLowerCase() === item) selected.add(node);
    }
  }
  if (selected.size === 0) throw badInput("The datanode(s) requested couldn't be found. Re-check request and try again");
  return [...selected];
}

function deviceJson(model: IotTicketModel, d: Device, v1: string): Record<string, unknown> {
  const enterprise = model.enterprises.find((e) => e.id === d.enterpriseId);
  return {
    attributes: d.attributes, createdAt: v1Date(d.createdAt), deviceId: d.v1Id, description: d.description,
    href: `${v1}/devices/${d.v1Id}`, name: d.name, type: d.type, manufacturer: d.manufacturer,
    ...(enterprise ? { enterpriseId: `E${enterprise.id}`, enterpriseName: enterprise.name } : {}),
    resourceId: `X${100000 + (hashString(d.v1Id ?? d.id) % 900000)}`,
  };
}

function enterprisePage(model: IotTicketModel, parentId: number | null, paging: Paging, v1: string): unknown {
  const all = model.enterprises.filter((e) => e.parentId === parentId);
  const json = (e: Enterprise): unknown => ({
    href: `${v1}/enterprises/${e.id}`, name: e.name, resourceId: `E${e.id}`, hasSubEnterprises: model.enterprises.some((c) => c.parentId === e.id),
  });
  return v1Page(pageOf(all, paging).map(json), all.length, paging);
}

function str(body: Record<string, unknown>, key: string, max: number, required: boolean, message?: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw badInput(message ?? `${key} is needed`);
    return undefined;
  }
  if (typeof v !== 'string') throw badInput(`${key} must be a string`);
  if (v.length > max) throw badInput(`${key} is at most ${max} characters`);
  return v;
}

/** A1: validates (spec §7 limits), checks the device quota (403 / 8002) and creates a v1 + adapter device. */
function registerDevice(model: IotTicketModel, raw: unknown): Device {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badInput('Body must be a JSON object');
  const body = raw as Record<string, unknown>;
  const name = str(body, 'name', 100, true, 'DeviceName is needed')!;
  const manufacturer = str(body, 'manufacturer', 100, true, 'DeviceManufacturer is needed')!;
  const type = str(body, 'type', 100, false) ?? '';
  const description = str(body, 'description', 255, false) ?? '';
  const enterpriseRaw = str(body, 'enterpriseId', 100, false);
  let enterpriseId: number | null = null;
  if (enterpriseRaw !== undefined) {
    enterpriseId = Number(enterpriseRaw.replace(/^E/i, ''));
    if (!model.enterprises.some((e) => e.id === enterpriseId)) throw badInput(`Enterprise ${enterpriseRaw} not found`);
  }
  const attrsRaw = body.attributes ?? [];
  if (!Array.isArray(attrsRaw)) throw badInput('attributes must be an array');
  if (attrsRaw.length > 50) throw badInput('At most 50 attributes are allowed');
  const attributes = attrsRaw.map((a: unknown) => {
    const o = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
    return { key: str(o, 'key', 255, true, 'Attribute key is needed')!, value: str(o, 'value', 255, true, 'Attribute value is needed')! };
  });
  if (model.v1Devices.size >= model.limits.maxNumberOfDevices) {
    throw v1Error(403, ErrorCode.quota, `Maximum number of devices (${model.limits.maxNumberOfDevices}) reached`);
  }
  // A registered device also gets adapter credentials, under its v1 id.
  const id = hex32(`registered/${model.devices.size}/${name}/${model.now()}`);
  const device: Device = { ...makeDevice({ id, v1: false, name, manufacturer, type, enterpriseId, createdAt: model.now() }), v1Id: id, description, attributes };
  model.addDevice(device);
  return device;
}

interface WriteValue {
  readonly name: string;
  readonly path: string;
  readonly value: unknown;
  readonly ts: number;
  readonly unit: string;
  readonly dataType?: DataType;
}

/** A5: validates every value first (all or nothing), then writes, creating datanodes as needed. */
function writeValues(model: IotTicketModel, device: Device, raw: unknown, v1: string): unknown {
  if (!Array.isArray(raw)) throw badInput('Body must be a JSON array of values');
  const now = model.now();
  const values: WriteValue[] = raw.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) throw badInput(`Value ${i} must be an object`);
    const o = item as Record<string, unknown>;
    const name = str(o, 'name', 100, true, `Value ${i}: name is needed`)!;
    const pathRaw = str(o, 'path', 1000, false) ?? '';
    if (pathRaw && !PATH_RE.test(pathRaw)) throw badInput(`Value ${i}: path must be 1-10 alphanumeric segments separated by "/"`);
    const unit = str(o, 'unit', 10, false) ?? '';
    if (o.v === undefined || o.v === null) throw badInput(`Value ${i}: v is needed`);
    const ts = o.ts === undefined || o.ts === null ? now : Number(o.ts);
    if (!Number.isFinite(ts)) throw badInput(`Value ${i}: ts must be epoch milliseconds`);
    let dataType: DataType | undefined;
    if (o.dataType !== undefined && o.dataType !== null) {
      dataType = DATA_TYPES.find((t) => t === String(o.dataType).toLowerCase());
      if (!dataType) throw badInput(`Value ${i}: dataType must be one of ${DATA_TYPES.join(', ')}`);
    }
    return { name, path: pathRaw.replace(/^\/|\/$/g, ''), value: o.v, ts, unit, dataType };
  });
  const converted = values.map((w, i) => {
    const existing = model.datanode(device, w.path, w.name);
    const type = existing?.dataType ?? w.dataType ?? inferType(w.value);
    const value = convert(w.value, type);
    if (value === undefined) throw badInput(`Value ${i}: "${String(w.value)}" is not a valid ${type}`);
    return { w, type, value };
  });
  if (model.usedStorageSize() + converted.length * 16 > model.limits.maxStorageSize) {
    throw v1Error(403, ErrorCode.quota, 'Storage quota exceeded');
  }
  const counts = new Map<Datanode, number>();
  for (const { w, type, value } of converted) {
    const node = model.ensureDatanode(device, w.path, w.name, type, w.unit);
    model.write(node.written, w.ts, value);
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return {
    totalWritten: converted.length,
    writeResults: [...counts].map(([node, n]) => ({ href: `${v1}/process/read/${device.v1Id}/?datanodes=${fullPath(node.path, node.name)}`, writtenCount: n })),
  };
}
