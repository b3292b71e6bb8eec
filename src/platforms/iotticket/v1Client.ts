/**
 * Client of the IoT-TICKET REST API v1 (surface A): user Basic auth, trailing-slash paths like Wapice's
 * own clients, the v1 error envelope in `HttpError.code`, the §7 limits checked before sending.
 */
import { basicAuth, HttpClient, paginate, ValidationError, type HttpClientOptions } from '../http';
import { V1_DATA_TYPES, V1_GROUPINGS, type V1DataType } from './enums';
import { iotTicketErrorParser, type PagedEnvelope } from './envelope';
import { checkTimestamps } from '../calendar';
import { v1Routes } from './routes';
import * as shapes from './shapes';
import { fetchPagedSeries, pointsToArrays, type PagedFetchOptions, type Series, type SeriesPage } from './series';
import { serverTime, toEpochMs } from './time';
import { checkInteger, checkNonEmptyList, checkText, requireOneOf } from './validation';
import type {
  V1Datanode, V1DatanodeRead, V1Device, V1DeviceRegistration, V1Enterprise, V1Page, V1PageOptions, V1QuotaAll, V1QuotaDevice,
  V1ReadOptions, V1ReadResult, V1ReadValue, V1StatisticsOptions, V1StatisticsResult, V1Value, V1WriteResult, V1WriteValue,
} from './v1Types';

export interface V1ClientOptions extends Omit<HttpClientOptions, 'baseUrl' | 'auth' | 'errorParser'> {
  /** e.g. `https://my.iot-ticket.com/api/v1/`. */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
}

/** Largest `limit` of the device, datanode and enterprise lists. */
export const V1_MAX_PAGE = 100;
/** Largest `limit` of a process read (values per datanode). */
export const V1_MAX_READ = 10_000;

const PATH_RE = /^\/?[a-zA-Z0-9]+(\/[a-zA-Z0-9]+){0,9}$/;

export class IotTicketV1Client {
  readonly http: HttpClient;

  constructor(options: V1ClientOptions) {
    const { username, password, ...rest } = options;
    this.http = new HttpClient({ ...rest, auth: basicAuth(username, password), errorParser: iotTicketErrorParser });
  }

  /** A0: checks the credentials (200, or 401 as an HttpError). */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.http.get(v1Routes.root(), { signal });
  }

  /** A1: registers a device. Every call creates a new device (the server does not deduplicate). */
  async registerDevice(device: V1DeviceRegistration, signal?: AbortSignal): Promise<V1Device> {
    checkText('name', device.name, 100);
    checkText('manufacturer', device.manufacturer, 100);
    checkText('type', device.type, 100, false);
    checkText('description', device.description, 255, false);
    if (device.attributes !== undefined) {
      if (!Array.isArray(device.attributes) || device.attributes.length > 50) {
        throw new ValidationError('attributes', `at most 50 attributes are allowed, got ${device.attributes.length}`);
      }
      device.attributes.forEach((a, i) => {
        checkText(`attributes[${i}].key`, a.key, 255);
        checkText(`attributes[${i}].value`, a.value, 255);
      });
    }
    const res = await this.http.request<V1Device>({ method: 'POST', path: v1Routes.devices(), json: device, signal, expect: shapes.v1Device });
    return res.data;
  }

  /** A2: one page of devices. */
  async listDevices(options: V1PageOptions = {}): Promise<V1Page<V1Device>> {
    return this.page<V1Device>(v1Routes.devices(), options);
  }

  /** A2, all pages. */
  devices(options: Omit<V1PageOptions, 'offset'> = {}): AsyncIterable<V1Device> {
    return this.all<V1Device>(v1Routes.devices(), options);
  }

  /** A3: one device; an unknown or inaccessible id gives 403 (code 8001). */
  async getDevice(deviceId: string, signal?: AbortSignal): Promise<V1Device> {
    checkText('deviceId', deviceId, 1000);
    return this.http.get<V1Device>(v1Routes.device(deviceId), { signal, expect: shapes.v1Device });
  }

  /** A4: one page of a device's datanodes. */
  async listDatanodes(deviceId: string, options: V1PageOptions = {}): Promise<V1Page<V1Datanode>> {
    checkText('deviceId', deviceId, 1000);
    return this.page<V1Datanode>(v1Routes.datanodes(deviceId), options);
  }

  /** A4, all pages. */
  datanodes(deviceId: string, options: Omit<V1PageOptions, 'offset'> = {}): AsyncIterable<V1Datanode> {
    checkText('deviceId', deviceId, 1000);
    return this.all<V1Datanode>(v1Routes.datanodes(deviceId), options);
  }

  /** A5: writes values; datanodes are created on first write. Values go as strings with an explicit data type. */
  async writeData(deviceId: string, values: readonly V1WriteValue[], signal?: AbortSignal): Promise<V1WriteResult> {
    checkText('deviceId', deviceId, 1000);
    if (!Array.isArray(values) || values.length === 0) throw new ValidationError('values', 'must be a non-empty list');
    const body = values.map((value, i) => serializeWriteValue(value, `values[${i}]`));
    const res = await this.http.request<V1WriteResult>({ method: 'POST', path: v1Routes.write(deviceId), json: body, signal, expect: shapes.anyObject });
    return res.data;
  }

  /** A6: reads values, converted from the server's strings by data type. */
  async readData(deviceId: string, options: V1ReadOptions): Promise<V1ReadResult> {
    const raw = await this.http.get<RawRead>(v1Routes.read(deviceId), { query: this.readQuery(deviceId, options), signal: options.signal, expect: shapes.v1Read });
    return {
      href: raw.href,
      datanodeReads: (raw.datanodeReads ?? []).map((d) => ({
        name: d.name,
        ...(d.path !== undefined ? { path: d.path } : {}),
        unit: d.unit ?? '',
        dataType: d.dataType,
        values: (d.values ?? []).map((p, i): V1ReadValue => ({ ts: serverTime(p.ts, `${d.name} values[${i}].ts`, v1Routes.read(deviceId)), v: convertV1Value(p.v, d.dataType) })),
      })),
    };
  }

  /**
   * A6 for one datanode as a typed-array series over [from, to], paged 10,000 values at a time (ascending,
   * moving `fromdate` past the last timestamp while a page comes back full).
   */
  async readSeries(deviceId: string, datanode: string, options: Omit<PagedFetchOptions, 'start' | 'end'> & { from: number; to: number }): Promise<Series> {
    checkText('datanode', datanode, 1100);
    const pageSize = checkInteger('pageSize', options.pageSize, 1, V1_MAX_READ, V1_MAX_READ);
    return fetchPagedSeries(async (req): Promise<SeriesPage> => {
      const raw = await this.http.get<RawRead>(v1Routes.read(deviceId), {
        query: this.readQuery(deviceId, { datanodes: [datanode], fromDate: req.start, toDate: req.end, limit: req.limit, order: 'ascending' }),
        signal: req.signal,
        expect: shapes.v1Read,
      });
      const reads = raw.datanodeReads ?? [];
      if (reads.length > 1) {
        throw new ValidationError('datanode', `"${datanode}" matches ${reads.length} datanodes (${reads.map((r) => r.path ? `/${r.path}/${r.name}` : r.name).join(', ')}); give its full path`);
      }
      const d = reads[0] ?? { name: datanode, dataType: 'double', values: [] };
      const arrays = pointsToArrays(d.values, d.dataType);
      checkTimestamps(arrays.timestamps, { method: 'GET', path: v1Routes.read(deviceId) });
      return { ...arrays, name: d.name, unit: d.unit ?? '', dataType: d.dataType, deviceId, datanode, truncated: arrays.timestamps.length >= req.limit };
    }, { ...options, pageSize, start: options.from, end: options.to });
  }

  /** A7: statistics buckets (`min`/`max`/`avg` absent on empty buckets). */
  async readStatistics(deviceId: string, options: V1StatisticsOptions): Promise<V1StatisticsResult> {
    checkText('deviceId', deviceId, 1000);
    checkNonEmptyList('datanodes', options.datanodes);
    const grouping = V1_GROUPINGS.find((g) => g.toLowerCase() === String(options.grouping).toLowerCase());
    if (!grouping) requireOneOf('grouping', options.grouping, V1_GROUPINGS);
    const raw = await this.http.get<V1StatisticsResult>(v1Routes.statistics(deviceId), {
      query: {
        datanodes: options.datanodes.join(','),
        fromdate: toEpochMs(options.fromDate, 'fromDate'),
        todate: toEpochMs(options.toDate, 'toDate'),
        grouping,
        order: options.order,
        vtags: options.vtags?.join(','),
      },
      signal: options.signal,
      expect: shapes.v1Statistics,
    });
    return { href: raw.href, datanodeReads: (raw.datanodeReads ?? []).map((d) => ({ ...d, unit: d.unit ?? '', values: d.values ?? [] })) };
  }

  /** A8: one page of root enterprises. */
  async listEnterprises(options: V1PageOptions = {}): Promise<V1Page<V1Enterprise>> {
    return this.page<V1Enterprise>(v1Routes.enterprises(), options);
  }

  /** A9: one page of an enterprise's sub-enterprises; `E6015` and `6015` both work. */
  async listSubEnterprises(enterpriseId: string, options: V1PageOptions = {}): Promise<V1Page<V1Enterprise>> {
    checkText('enterpriseId', enterpriseId, 100);
    return this.page<V1Enterprise>(v1Routes.enterprise(enterpriseId.replace(/^E/i, '')), options);
  }

  /** A8/A9, all pages. */
  enterprises(parentId?: string, options: Omit<V1PageOptions, 'offset'> = {}): AsyncIterable<V1Enterprise> {
    return this.all<V1Enterprise>(parentId === undefined ? v1Routes.enterprises() : v1Routes.enterprise(parentId.replace(/^E/i, '')), options);
  }

  /** A10. */
  async quotaAll(signal?: AbortSignal): Promise<V1QuotaAll> {
    return this.http.get<V1QuotaAll>(v1Routes.quotaAll(), { signal, expect: shapes.anyObject });
  }

  /** A11. */
  async quotaDevice(deviceId: string, signal?: AbortSignal): Promise<V1QuotaDevice> {
    checkText('deviceId', deviceId, 1000);
    return this.http.get<V1QuotaDevice>(v1Routes.quotaDevice(deviceId), { signal, expect: shapes.anyObject });
  }

  private readQuery(deviceId: string, options: V1ReadOptions): Record<string, string | number | undefined> {
    checkText('deviceId', deviceId, 1000);
    checkNonEmptyList('datanodes', options.datanodes);
    const limit = checkInteger('limit', options.limit, 1, V1_MAX_READ);
    if (options.order !== undefined) requireOneOf('order', options.order, ['ascending', 'descending'] as const);
    const fromdate = options.fromDate === undefined ? undefined : toEpochMs(options.fromDate, 'fromDate');
    // Like the official clients: `todate` only travels with `fromdate`.
    const todate = fromdate === undefined || options.toDate === undefined ? undefined : toEpochMs(options.toDate, 'toDate');
    if (fromdate !== undefined && todate !== undefined && todate < fromdate) throw new ValidationError('toDate', 'is before fromDate');
    return { datanodes: options.datanodes.join(','), fromdate, todate, limit, order: options.order };
  }

  private async page<T>(path: string, options: V1PageOptions): Promise<V1Page<T>> {
    const limit = checkInteger('limit', options.limit, 1, V1_MAX_PAGE, 10);
    const offset = checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const env = await this.http.get<PagedEnvelope<T>>(path, { query: { limit, offset }, signal: options.signal, expect: shapes.paged(shapes.anyObject) });
    return { fullSize: env.fullSize, limit: env.limit, offset: env.offset, items: env.items ?? [] };
  }

  private all<T>(path: string, options: Omit<V1PageOptions, 'offset'>): AsyncIterable<T> {
    const limit = checkInteger('limit', options.limit, 1, V1_MAX_PAGE, V1_MAX_PAGE);
    return paginate(0, async (offset: number) => {
      const page = await this.page<T>(path, { limit, offset, signal: options.signal });
      const next = offset + page.items.length;
      return { items: page.items, total: page.fullSize, next: next < page.fullSize ? next : undefined };
    });
  }
}

interface RawRead {
  readonly href: string;
  readonly datanodeReads?: readonly (Omit<V1DatanodeRead, 'values' | 'unit'> & { unit?: string; values?: readonly { ts: number | string; v: string }[] })[];
}

/** v1 sends every value as a string; numbers and booleans are restored from the data type. */
export function convertV1Value(v: unknown, dataType: string): V1Value {
  if (typeof v !== 'string') return v as V1Value;
  switch (dataType.toLowerCase()) {
    case 'double':
    case 'long': {
      const n = Number(v);
      return v.trim() === '' || Number.isNaN(n) ? v : n;
    }
    case 'boolean':
      return v.toLowerCase() === 'true' ? true : v.toLowerCase() === 'false' ? false : v;
    default:
      return v;
  }
}

function inferDataType(v: V1WriteValue['v']): V1DataType {
  if (v instanceof Uint8Array) return 'binary';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'double';
  return 'string';
}

function serializeWriteValue(value: V1WriteValue, at: string): Record<string, unknown> {
  checkText(`${at}.name`, value.name, 100);
  if (value.path !== undefined && value.path !== '') {
    checkText(`${at}.path`, value.path, 1000);
    if (!PATH_RE.test(value.path)) throw new ValidationError(`${at}.path`, `"${value.path}" must be 1–10 alphanumeric segments separated by "/"`);
  }
  checkText(`${at}.unit`, value.unit, 10, false);
  const dataType = value.dataType === undefined ? inferDataType(value.v) : requireOneOf(`${at}.dataType`, value.dataType, V1_DATA_TYPES);
  const v = value.v;
  if (v === undefined || v === null) throw new ValidationError(`${at}.v`, 'is required');
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ValidationError(`${at}.v`, `${v} cannot be stored`);
  const text = v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);
  return {
    name: value.name,
    ...(value.path ? { path: value.path } : {}),
    v: text,
    ...(value.ts !== undefined ? { ts: toEpochMs(value.ts, `${at}.ts`) } : {}),
    ...(value.unit !== undefined ? { unit: value.unit } : {}),
    dataType,
  };
}
