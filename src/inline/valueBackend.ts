/**
 * The `ValueBackend` on the platform clients (pure: no `vscode`): one request reads every attribute of
 * an asset (their `lastValue`/`value` come with the list), one v1 read gets the latest value of many
 * datanodes of a device, and a thing's current values come with one properties read plus one as-of
 * history snapshot for their timestamps (the thing's description, for units, is kept a while).
 */
import type { AltairApi, PropertyAffordance, Thing } from '../platforms/altair';
import { isNotFound, ValidationError } from '../platforms/http';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import { IotTicketClient } from '../platforms/iotticket/client';
import type { AssetAttribute } from '../platforms/iotticket/types';
import type { IotTicketV1Client } from '../platforms/iotticket/v1Client';
import type { ValueBackend } from './latestValues';
import type { LatestValue } from './valueFormat';
import { valueKey, type AltairPropertyRef, type IotTicketAttributeRef, type V1DatanodeRef, type ValueRef } from './valueRef';

/** The parts of a session the inline features use (the explorer's SessionManager provides them). */
export interface SessionSource {
  iotticket(connectionId: string): Promise<{ readonly assetApi?: AssetApi; readonly v1?: IotTicketV1Client }>;
  altair(connectionId: string): Promise<{ readonly api: AltairApi; readonly space: string }>;
  /** Records the outcome of a read for the connection's health (the status bar, the tree). */
  report?(connectionId: string, outcome: 'ok' | unknown): void;
  readonly health?: { get(connectionId: string): { readonly state: string }; onDidChange(listener: (connectionId: string) => unknown): { dispose(): void } };
}

/** Most points a sparkline window reads. */
const HISTORY_MAX_POINTS = 5000;
const THING_DOC_TTL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** Altair units as people write them. */
const UNITS: Readonly<Record<string, string>> = { celsius: '°C', fahrenheit: '°F', kelvin: 'K', percent: '%' };

export function displayUnit(unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  return UNITS[unit.toLowerCase()] ?? unit;
}

export class PlatformValueBackend implements ValueBackend {
  private readonly thingDocs = new Map<string, { at: number; doc: Promise<Thing> }>();

  constructor(private readonly sessions: SessionSource) {}

  async latest(refs: readonly ValueRef[], signal: AbortSignal): Promise<Map<string, LatestValue>> {
    const first = refs[0];
    if (!first) return new Map();
    switch (first.kind) {
      case 'iotticket-attribute':
        return this.attributes(refs as IotTicketAttributeRef[], signal);
      case 'v1-datanode':
        return this.datanodes(refs as V1DatanodeRef[], signal);
      case 'altair-property':
        return this.properties(refs as AltairPropertyRef[], signal);
    }
  }

  async history(ref: ValueRef, from: number, to: number, signal: AbortSignal): Promise<{ timestamps: Float64Array; values: Float64Array }> {
    switch (ref.kind) {
      case 'iotticket-attribute': {
        const core = await this.core(ref.connectionId);
        return core.data.fetchSeriesPaged({ attributeId: ref.attributeId, assetId: ref.assetId, start: from, end: to, maxPoints: HISTORY_MAX_POINTS, signal });
      }
      case 'v1-datanode': {
        const v1 = await this.v1(ref.connectionId);
        return v1.readSeries(ref.deviceId, ref.path, { from, to, maxPoints: HISTORY_MAX_POINTS, signal });
      }
      case 'altair-property': {
        const { api } = await this.sessions.altair(ref.connectionId);
        return api.fetchPropertyHistory(ref.space, ref.thingId, ref.property, { from, to, signal });
      }
    }
  }

  /** IoT-TICKET: an asset's attribute list carries every value; a lone attribute id is read by itself. */
  private async attributes(refs: readonly IotTicketAttributeRef[], signal: AbortSignal): Promise<Map<string, LatestValue>> {
    const core = await this.core(refs[0].connectionId);
    const out = new Map<string, LatestValue>();
    const assetId = refs[0].assetId;
    let attrs: AssetAttribute[];
    try {
      // An attribute by its id alone is a route of the HTTP asset API; das reads attributes with their asset.
      attrs = assetId
        ? await core.assets.getAttributes({ assetId, signal })
        : core instanceof IotTicketClient
          ? [await core.http.get<AssetAttribute>(core.routes.attribute(undefined, refs[0].attributeId), { signal })]
          : [];
    } catch (err) {
      if (isNotFound(err)) return out;
      throw err;
    }
    const byId = new Map(attrs.map((a) => [a.id, a]));
    for (const ref of refs) {
      const a = byId.get(ref.attributeId);
      if (a) out.set(valueKey(ref), attributeValue(a, assetId));
    }
    return out;
  }

  /** v1: one read of the device gives the latest value of each datanode asked for. */
  private async datanodes(refs: readonly V1DatanodeRef[], signal: AbortSignal): Promise<Map<string, LatestValue>> {
    const v1 = await this.v1(refs[0].connectionId);
    const out = new Map<string, LatestValue>();
    let reads;
    try {
      reads = (await v1.readData(refs[0].deviceId, { datanodes: [...new Set(refs.map((r) => r.path))], signal })).datanodeReads;
    } catch (err) {
      if (isNotFound(err)) return out;
      throw err;
    }
    for (const ref of refs) {
      const wanted = normalizePath(ref.path);
      const bare = !ref.path.includes('/');
      const matches = reads.filter((r) => (bare ? r.name === ref.path : fullPath(r.name, r.path) === wanted));
      // A bare name that several paths share is ambiguous: the user has to give the full path.
      if (matches.length !== 1) continue;
      const read = matches[0];
      let last = read.values[0];
      for (const v of read.values) if (v.ts > last.ts) last = v;
      out.set(valueKey(ref), {
        value: last === undefined ? null : (last.v as LatestValue['value']),
        ts: last?.ts,
        unit: read.unit || undefined,
        dataType: read.dataType,
        name: read.name,
      });
    }
    return out;
  }

  /** Altair: current values, their timestamps from an as-of snapshot of the history, units from the description. */
  private async properties(refs: readonly AltairPropertyRef[], signal: AbortSignal): Promise<Map<string, LatestValue>> {
    const { connectionId, space, thingId } = refs[0];
    const { api } = await this.sessions.altair(connectionId);
    const thing = api.spaces(space).things(thingId);
    const out = new Map<string, LatestValue>();
    let values: Record<string, unknown>;
    let snapshot: { at: string; properties: Record<string, unknown> }[];
    let doc: Thing | undefined;
    try {
      [values, snapshot, doc] = await Promise.all([
        thing.properties().get({ signal }) as Promise<Record<string, unknown>>,
        thing
          .propertiesHistory()
          .get({ at: Date.now() + DAY_MS, limit: 1000, signal })
          .then((p) => p.items as { at: string; properties: Record<string, unknown> }[]),
        this.thingDoc(connectionId, space, thingId, () => thing.get() as Promise<Thing>).catch(() => undefined),
      ]);
    } catch (err) {
      if (isNotFound(err)) return out;
      throw err;
    }
    const times = new Map<string, number>();
    for (const item of snapshot) for (const name of Object.keys(item.properties ?? {})) times.set(name, Date.parse(item.at));
    const schema: Record<string, PropertyAffordance> = doc?.properties ?? {};
    for (const ref of refs) {
      if (!(ref.property in values) && !(ref.property in schema)) continue;
      const raw = values[ref.property];
      const value = raw === undefined ? null : typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : (raw as LatestValue['value']);
      const ts = times.get(ref.property);
      out.set(valueKey(ref), {
        value,
        ...(ts !== undefined && Number.isFinite(ts) ? { ts } : {}),
        unit: displayUnit(schema[ref.property]?.unit),
        dataType: schema[ref.property]?.type,
        name: schema[ref.property]?.title ?? ref.property,
      });
    }
    return out;
  }

  private thingDoc(connectionId: string, space: string, thingId: string, load: () => Promise<Thing>): Promise<Thing> {
    const key = `${connectionId}/${space}/${thingId}`;
    const cached = this.thingDocs.get(key);
    if (cached && Date.now() - cached.at < THING_DOC_TTL_MS) return cached.doc;
    const doc = load();
    this.thingDocs.set(key, { at: Date.now(), doc });
    doc.catch(() => this.thingDocs.delete(key));
    return doc;
  }

  private async core(connectionId: string): Promise<AssetApi> {
    const s = await this.sessions.iotticket(connectionId);
    if (!s.assetApi) throw new ValidationError('coreBaseUrl', 'this connection has no asset API base URL');
    return s.assetApi;
  }

  private async v1(connectionId: string): Promise<IotTicketV1Client> {
    const s = await this.sessions.iotticket(connectionId);
    if (!s.v1) throw new ValidationError('v1BaseUrl', 'this connection has no REST API v1 base URL');
    return s.v1;
  }
}

/** The reading of one IoT-TICKET attribute from its JSON (series: last value; Number/String: static value). */
export function attributeValue(a: AssetAttribute, assetId?: string): LatestValue {
  const series = a.type === 'TelemetryData' || a.type === 'Calculated';
  const raw = series ? a.lastValue : a.value;
  const time = series ? a.lastTs : a.updatedAt;
  const ts = time ? Date.parse(time) : NaN;
  return {
    value: raw === undefined ? null : raw,
    ...(Number.isFinite(ts) ? { ts } : {}),
    unit: a.unit || undefined,
    dataType: a.dataType,
    name: a.name,
    assetId: a.assetId ?? assetId,
    type: a.type,
  };
}

export function normalizePath(path: string): string {
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

function fullPath(name: string, path: string | undefined): string {
  const p = path?.replace(/^\/+|\/+$/g, '');
  const n = name.replace(/^\/+/, '');
  return p && !n.toLowerCase().startsWith(`${p.toLowerCase()}/`) ? `/${p}/${n}` : `/${n}`;
}
