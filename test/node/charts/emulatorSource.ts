/**
 * Chart sources backed by the emulator, read over loopback HTTP with `fetch` straight from the IoT-TICKET
 * asset API route `/core/v1/assets/{a}/attributes/{attr}/timeseries` (the chart tests do not depend on the
 * platform client). Counts requests so tests can check paging.
 */
import type { Emulator } from '../../../src/emulator/server';
import { createPagedSource } from '../../../src/charts/pagedSource';
import type { FetchedPage, PageRequest } from '../../../src/charts/pagedFetch';
import type { SeriesSource, StatsData, StatisticsOptions } from '../../../src/charts/seriesSource';

export interface EmulatorIds {
  readonly coreBaseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly assetId: string;
  readonly attributeId: string;
  readonly label: string;
}

export function emulatorIds(emu: Emulator): EmulatorIds {
  const info = emu.info().iotticket as {
    coreBaseUrl: string; user: string; password: string;
    asset: { id: string; telemetryAttributeId: string; telemetryAttributeName: string };
  };
  return { coreBaseUrl: info.coreBaseUrl, user: info.user, password: info.password, assetId: info.asset.id, attributeId: info.asset.telemetryAttributeId, label: info.asset.telemetryAttributeName };
}

export interface AttributeInfo {
  readonly id: string;
  readonly name: string;
  readonly unit?: string;
}

/** The example asset's TelemetryData attributes, the example one first (read from the emulator, not assumed). */
export async function telemetryAttributes(emu: Emulator): Promise<AttributeInfo[]> {
  const ids = emulatorIds(emu);
  const auth = `Basic ${Buffer.from(`${ids.user}:${ids.password}`).toString('base64')}`;
  const res = await fetch(`${ids.coreBaseUrl}/assets/${encodeURIComponent(ids.assetId)}/attributes?types=TelemetryData`, { headers: { authorization: auth } });
  const body = await res.json() as { items?: AttributeInfo[] };
  const items = (body.items ?? []).map(({ id, name, unit }) => ({ id, name, unit }));
  return [...items.filter((a) => a.id === ids.attributeId), ...items.filter((a) => a.id !== ids.attributeId)];
}

export interface CountingSource extends SeriesSource {
  readonly requests: PageRequest[];
  /** The most page requests that were in flight at once. */
  readonly maxInFlight: () => number;
}

export interface SourceOptions {
  readonly attributeId?: string;
  readonly label?: string;
  readonly unit?: string;
  readonly concurrency?: number;
  readonly pageLimit?: number;
  readonly statistics?: boolean;
  /** Page order asked of the emulator: 'desc' pages newest first, like Altair history. */
  readonly order?: 'asc' | 'desc';
}

export function emulatorSource(emu: Emulator, options: SourceOptions = {}): CountingSource {
  const ids = emulatorIds(emu);
  const attributeId = options.attributeId ?? ids.attributeId;
  const auth = `Basic ${Buffer.from(`${ids.user}:${ids.password}`).toString('base64')}`;
  const base = `${ids.coreBaseUrl}/assets/${encodeURIComponent(ids.assetId)}/attributes/${encodeURIComponent(attributeId)}`;
  const requests: PageRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const get = async (url: string, signal?: AbortSignal): Promise<unknown> => {
    const res = await fetch(url, { headers: { authorization: auth }, signal });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}: ${await res.text()}`);
    return res.json();
  };
  const fetchPage = async (req: PageRequest): Promise<FetchedPage> => {
    requests.push(req);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    let body: { values?: { ts: number; v: number | null }[]; truncated: boolean };
    try {
      body = await get(`${base}/timeseries?start=${req.from}&end=${req.to}&order=${options.order ?? 'asc'}&limit=${req.limit}&timestamp=epoch`, req.signal) as typeof body;
    } finally {
      inFlight--;
    }
    const values = body.values ?? [];
    const t = new Float64Array(values.length);
    const v = new Float64Array(values.length);
    values.forEach((p, i) => {
      t[i] = p.ts;
      v[i] = typeof p.v === 'number' ? p.v : NaN;
    });
    return { timestamps: t, values: v, truncated: body.truncated };
  };
  const fetchStatistics = async (o: StatisticsOptions): Promise<StatsData> => {
    const q = new URLSearchParams({ period: o.period, dimension: o.dimension, start: String(o.from), end: String(o.to), tz: o.tz });
    const buckets = await get(`${base}/statistics?${q}`, o.signal) as { stattime: string; count: number; sum: number; avg?: number; min?: number; max?: number }[];
    const col = (f: (b: (typeof buckets)[number]) => number | undefined): Float64Array => Float64Array.from(buckets, (b) => f(b) ?? NaN);
    return { timestamps: col((b) => Date.parse(b.stattime)), count: col((b) => b.count), sum: col((b) => b.sum), avg: col((b) => b.avg), min: col((b) => b.min), max: col((b) => b.max) };
  };
  const source = createPagedSource({
    descriptor: { kind: 'iotticket-attribute', connectionId: 'emulator', assetId: ids.assetId, attributeId, label: options.label ?? ids.label, unit: options.unit },
    pageLimit: options.pageLimit ?? 10_000,
    order: options.order,
    concurrency: options.concurrency,
    fetchPage,
    fetchStatistics: options.statistics === false ? undefined : fetchStatistics,
  });
  return Object.assign(source, { requests, maxInFlight: () => maxInFlight });
}

/** Reads a range one page after another with no parallelism: the reference the parallel reads must equal. */
export async function sequentialRead(emu: Emulator, from: number, to: number, attributeId?: string): Promise<{ timestamps: number[]; values: number[] }> {
  const ids = emulatorIds(emu);
  const auth = `Basic ${Buffer.from(`${ids.user}:${ids.password}`).toString('base64')}`;
  const base = `${ids.coreBaseUrl}/assets/${ids.assetId}/attributes/${attributeId ?? ids.attributeId}/timeseries`;
  const timestamps: number[] = [];
  const values: number[] = [];
  let start = from;
  for (;;) {
    const res = await fetch(`${base}?start=${start}&end=${to}&order=asc&limit=10000&timestamp=epoch`, { headers: { authorization: auth } });
    const body = await res.json() as { values?: { ts: number; v: number | null }[]; truncated: boolean };
    for (const p of body.values ?? []) {
      timestamps.push(p.ts);
      values.push(typeof p.v === 'number' ? p.v : NaN);
    }
    if (!body.truncated || !body.values?.length) break;
    start = body.values[body.values.length - 1].ts + 1;
  }
  return { timestamps, values };
}
