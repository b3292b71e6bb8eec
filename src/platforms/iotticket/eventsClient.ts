/**
 * das EventsClient: active events and their history for the organization or some assets, the active
 * count, and device events written through the device adapter.
 */
import type { EventsApi } from './assetApi';
import { mapConcurrent, PlatformError, ValidationError } from '../http';
import type { WriteReport } from './adapterClient';
import type { DeviceEvent } from './adapterPayloads';
import type { AssetApiContext } from './assetApiContext';
import type { DeviceWriteOptions } from './dataClient';
import { EVENT_TYPES } from './enums';
import * as shapes from './shapes';
import { formatIso, toEpochMs, type TimeInput } from './time';
import type { AssetEvent } from './types';
import { allowAtMostOne, checkInteger, checkNonEmptyList, optionalOneOf, requireExactlyOne } from './validation';
import type { ActiveEventsOptions, EventHistoryOptions } from './assetApiOptions';
export type { ActiveEventsOptions, EventHistoryOptions } from './assetApiOptions';

/** das' default `limit` of event lists, and the most one request asks for (larger limits page on by `offset`). */
export const EVENTS_MAX_LIMIT = 10_000;

export interface EventQueryCheck {
  readonly type?: (typeof EVENT_TYPES)[number];
  readonly limit: number;
  readonly assetIds?: readonly string[];
  readonly assetNames?: readonly string[];
  /** ISO-8601. */
  readonly start?: string;
  readonly end?: string;
  readonly acknowledged: boolean;
  readonly onlyAcknowledged: boolean;
}

/**
 * The options of get_asset_event_history (`history`: exactly one of assetIds/assetNames) and
 * get_asset_events_active (at most one), checked before any request.
 */
export function checkEventQuery(options: EventHistoryOptions, history: boolean): EventQueryCheck {
  if (history) requireExactlyOne(options, ['assetIds', 'assetNames'] as const);
  else allowAtMostOne(options, ['assetIds', 'assetNames'] as const);
  const acknowledged = options.acknowledged ?? true;
  const onlyAcknowledged = options.onlyAcknowledged ?? false;
  if (onlyAcknowledged && !acknowledged) throw new ValidationError('onlyAcknowledged', 'with acknowledged=false the result would always be empty');
  return {
    type: optionalOneOf('eventType', options.eventType, EVENT_TYPES),
    limit: checkInteger('limit', options.limit, 1, Number.MAX_SAFE_INTEGER, EVENTS_MAX_LIMIT),
    assetIds: options.assetIds === undefined ? undefined : checkNonEmptyList('assetIds', options.assetIds),
    assetNames: options.assetNames === undefined ? undefined : checkNonEmptyList('assetNames', options.assetNames),
    start: options.startTime === undefined ? undefined : formatIso(toEpochMs(options.startTime, 'startTime')),
    end: history && options.endTime !== undefined ? formatIso(toEpochMs(options.endTime, 'endTime')) : undefined,
    acknowledged,
    onlyAcknowledged: history && onlyAcknowledged,
  };
}

export class EventsClient implements EventsApi {
  constructor(private readonly core: AssetApiContext) {}

  /** get_asset_event_history: exactly one of assetIds or assetNames. */
  async getAssetEventHistory(options: EventHistoryOptions): Promise<AssetEvent[]> {
    const check = checkEventQuery(options, true);
    const query = await this.query(check, options.signal);
    return this.items(this.core.routes.eventsHistory(), { ...query, end: check.end, onlyAcknowledged: check.onlyAcknowledged || undefined }, options.signal);
  }

  /** get_asset_events_active: at most one of assetIds or assetNames (none: the whole organization). */
  async getAssetEventsActive(options: ActiveEventsOptions = {}): Promise<AssetEvent[]> {
    return this.items(this.core.routes.eventsActive(), await this.query(checkEventQuery(options, false), options.signal), options.signal);
  }

  /**
   * asset_event_active_count: active events of the organization (das raises above 10,000). With `assetId`,
   * the count of one asset (and its sub-assets with `includeChildren`), as the tree's badges need.
   */
  async assetEventActiveCount(options: { assetId?: string; includeChildren?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    const path = options.assetId === undefined ? this.core.routes.eventsActiveCount() : this.core.routes.assetEventsActiveCount(options.assetId);
    const body = await this.core.http.get<{ count: number }>(path, { query: { includeChildren: options.includeChildren || undefined }, signal: options.signal, expect: shapes.count });
    if (options.assetId === undefined && body.count > EVENTS_MAX_LIMIT) {
      throw new PlatformError(`${body.count} events are active, more than the ${EVENTS_MAX_LIMIT} das can count; narrow the query to some assets`, 'validation');
    }
    return body.count;
  }

  /** Acknowledges one event occurrence (by its `id`). */
  async acknowledgeEvent(id: string, options: { signal?: AbortSignal } = {}): Promise<AssetEvent> {
    const res = await this.core.http.request<AssetEvent>({ method: 'POST', path: this.core.routes.eventAcknowledge(id), json: {}, signal: options.signal, expect: shapes.anyObject });
    return res.data;
  }

  /** write_device_event: one event through the device adapter. */
  writeDeviceEvent(options: DeviceWriteOptions & {
    eventId: string; message: string; timestamp: TimeInput; eventGroupName?: string; eventType?: string; severity?: string; isActive?: boolean; tz?: string;
  }): Promise<WriteReport> {
    const { eventId, message, timestamp, eventGroupName, eventType, severity, isActive, tz } = options;
    return this.core.adapter().writeDeviceEvent(
      { deviceId: options.deviceId, username: options.deviceUsername, password: options.devicePassword },
      { eventId, message, timestamp, eventGroupName, eventType, severity, isActive, tz },
      options.signal,
    );
  }

  /** write_device_events: a complete `{"e":[…]}` payload through the device adapter. */
  writeDeviceEvents(payload: { readonly e: readonly DeviceEvent[] }, options: DeviceWriteOptions & { tz?: string }): Promise<WriteReport> {
    return this.core.adapter().writeDeviceEvents(
      { deviceId: options.deviceId, username: options.deviceUsername, password: options.devicePassword },
      payload,
      { tz: options.tz, signal: options.signal },
    );
  }

  private async query(check: EventQueryCheck, signal?: AbortSignal): Promise<Record<string, string | number | boolean | undefined>> {
    let assetIds = check.assetIds;
    if (check.assetNames !== undefined) {
      assetIds = await mapConcurrent(check.assetNames, 4, async (assetName, i) => {
        try {
          return (await this.core.asset({ assetName }, signal)).id;
        } catch (err) {
          throw err instanceof ValidationError ? new ValidationError(`assetNames[${i}]`, err.message.replace(/^[^:]+: /, '')) : err;
        }
      });
    }
    return { assetIds: assetIds?.join(','), type: check.type, start: check.start, acknowledged: check.acknowledged === false ? false : undefined, limit: check.limit };
  }

  /**
   * Up to `query.limit` events, in pages of at most 10000 continued by `offset` (das documents no maximum
   * for `limit`). A page shorter than asked ends the list unless `fullSize` says more are left; a server
   * that answers another offset than the one asked for is an error, not a repeated page.
   */
  private async items(path: string, query: Record<string, string | number | boolean | undefined>, signal?: AbortSignal): Promise<AssetEvent[]> {
    const limit = Number(query.limit);
    const out: AssetEvent[] = [];
    while (out.length < limit) {
      const offset = out.length;
      const pageLimit = Math.min(EVENTS_MAX_LIMIT, limit - offset);
      const body = await this.core.http.get<{ items?: AssetEvent[]; fullSize?: number; offset?: number }>(path, {
        query: { ...query, limit: pageLimit, offset: offset || undefined }, signal, expect: shapes.events,
      });
      if (offset > 0 && body.offset !== offset) {
        throw new PlatformError(`GET ${path}: asked for events from offset ${offset}, the server answered offset ${String(body.offset)}; ${offset} events were read`, 'parse');
      }
      const items = body.items ?? [];
      out.push(...items);
      const more = typeof body.fullSize === 'number' ? out.length < body.fullSize : items.length === pageLimit;
      if (items.length === 0 || !more) break;
    }
    return out.slice(0, limit);
  }
}
