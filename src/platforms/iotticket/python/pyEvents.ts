/** EventsApi over das: active events, history, counts; device events written through das, one body per call. */
import type { WriteReport } from '../adapterClient';
import { packDeviceEvents, type DeviceEvent } from '../adapterPayloads';
import type { EventsApi } from '../assetApi';
import type { DeviceWriteOptions } from '../dataClient';
import { checkEventQuery, EVENTS_MAX_LIMIT, type ActiveEventsOptions, type EventHistoryOptions, type EventQueryCheck } from '../eventsClient';
import { formatIso, parseTimeZone, toEpochMs, type TimeInput } from '../time';
import type { AssetEvent } from '../types';
import { checkText } from '../validation';
import { NotInSdkError } from './errors';
import { text } from './mapping';
import { EVENT } from './objectSpecs';
import type { PyAssets } from './pyAssets';
import type { PyContext } from './pyContext';
import { deviceKwargs, groupsOfOneBody, SDK_BODY_BUDGET, sendGroups } from './pyDeviceWrites';

type Signal = { readonly signal?: AbortSignal };

/** Sub-assets counted for one asset's badge (das has no per-asset count): at most this many. */
const MAX_COUNTED_ASSETS = 2000;

function eventKwargs(check: EventQueryCheck): Record<string, unknown> {
  return {
    asset_ids: check.assetIds && [...check.assetIds], asset_names: check.assetNames && [...check.assetNames], event_type: check.type,
    start_time: check.start, acknowledged: check.acknowledged, limit: check.limit,
  };
}

export class PyEvents implements EventsApi {
  constructor(private readonly py: PyContext, private readonly assets: PyAssets) {}

  private map(raw: unknown): AssetEvent[] {
    return this.py.mapper.list<AssetEvent>(EVENT, raw).map((e) => ({ ...e, eventId: text(e.eventId) }));
  }

  async getAssetEventHistory(options: EventHistoryOptions): Promise<AssetEvent[]> {
    const check = checkEventQuery(options, true);
    const raw = await this.py.call('events', 'get_asset_event_history', { ...eventKwargs(check), end_time: check.end, only_acknowledged: check.onlyAcknowledged }, options);
    return this.map(raw);
  }

  async getAssetEventsActive(options: ActiveEventsOptions = {}): Promise<AssetEvent[]> {
    return this.map(await this.py.call('events', 'get_asset_events_active', eventKwargs(checkEventQuery(options, false)), options));
  }

  /** The organization's count is das' property; one asset's (and its sub-assets') is the length of its active list. */
  async assetEventActiveCount(options: { assetId?: string; includeChildren?: boolean } & Signal = {}): Promise<number> {
    if (options.assetId === undefined) return Number(await this.py.property('events', 'asset_event_active_count', options.signal));
    const ids = [checkText('assetId', options.assetId, 1000)!];
    for (let i = 0; options.includeChildren && i < ids.length && ids.length < MAX_COUNTED_ASSETS; i++) {
      for await (const child of this.assets.getAssets({ assetId: ids[i], signal: options.signal })) ids.push(child.id);
    }
    const active = await this.py.call('events', 'get_asset_events_active', { asset_ids: ids.slice(0, MAX_COUNTED_ASSETS), limit: EVENTS_MAX_LIMIT }, options);
    return Array.isArray(active) ? active.length : 0;
  }

  async acknowledgeEvent(_id: string, _options?: Signal): Promise<AssetEvent> {
    return Promise.reject(new NotInSdkError('Acknowledging an event'));
  }

  async writeDeviceEvent(options: DeviceWriteOptions & {
    eventId: string; message: string; timestamp: TimeInput; eventGroupName?: string; eventType?: string; severity?: string; isActive?: boolean; tz?: string;
  }): Promise<WriteReport> {
    const e: DeviceEvent = {
      id: options.eventId, m: options.message, ts: options.timestamp, gn: options.eventGroupName, type: options.eventType, severity: options.severity, active: options.isActive,
    };
    return this.send([e], options, 'event');
  }

  async writeDeviceEvents(payload: { readonly e: readonly DeviceEvent[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport> {
    return this.send(payload?.e, options, 'payload.e');
  }

  private async send(events: readonly DeviceEvent[], options: DeviceWriteOptions & { tz?: string }, at: string): Promise<WriteReport> {
    const device = deviceKwargs(this.py, options);
    const zone = parseTimeZone(options.tz);
    const groups = groupsOfOneBody(events, (list) => packDeviceEvents(list, options.tz, SDK_BODY_BUDGET, at));
    return sendGroups(groups, (list) => this.py.call('events', 'write_device_events', {
      ...device,
      payload: { e: list.map((e, i) => Object.fromEntries(Object.entries({ ...e, ts: formatIso(toEpochMs(e.ts, `${at}[${i}].ts`, zone)) }).filter(([, v]) => v !== undefined))) },
    }, options));
  }
}
