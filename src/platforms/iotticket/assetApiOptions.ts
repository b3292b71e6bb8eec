/**
 * The options and specs the asset API's methods take: part of the `AssetApi` contract (assetApi.ts), so
 * that the contract and the clients implementing it both depend on this file and not on each other.
 */
import type { AssetLocator } from './assetApiContext';
import type { AttributeLocator } from './dataChecks';
import type { PageProgress, SeriesPage } from './series';
import type { SeriesFormOptions } from './seriesForm';
import type { TimeInput } from './time';
import type { TimesignalValue } from './types';

export interface AllAssetsOptions {
  /** Include each asset's template id (the das `templates`). */
  readonly templates?: boolean;
  /** Include each asset's most severe active event type (the das `event_types`). */
  readonly eventTypes?: boolean;
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export interface PrintTreeOptions {
  /** Stop after this many assets (the text then ends with a note); default unlimited. */
  readonly maxAssets?: number;
  readonly signal?: AbortSignal;
}

/** A Command attribute: `namesPath` to the attribute, or an asset (id or name) paired with an attribute (id or name). */
export interface CommandLocator {
  readonly namesPath?: readonly string[];
  readonly assetName?: string;
  readonly assetId?: string;
  readonly attributeName?: string;
  readonly attributeId?: string;
}

/** What das `send_control_command(desired_value)` takes: "the desired target value", any JSON value but null. */
export type ControlValue = number | string | boolean | readonly unknown[] | { readonly [key: string]: unknown };

export interface CredentialQuery {
  readonly organizationId?: string;
  readonly credentialId?: string;
  readonly credentialName?: string;
  readonly clientId?: string;
  readonly scope?: string;
  readonly signal?: AbortSignal;
}

export interface ActiveEventsOptions {
  readonly assetIds?: readonly string[];
  /** Resolved to ids first; each name must be unique in the tree. */
  readonly assetNames?: readonly string[];
  /** Alarm, Warning or Notification. */
  readonly eventType?: string;
  /** Only events that started after this. */
  readonly startTime?: TimeInput;
  /** Include acknowledged events; default true. */
  readonly acknowledged?: boolean;
  /** Default 10000 (das); more is read in pages of 10000. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
}

export interface EventHistoryOptions extends ActiveEventsOptions {
  /** Only events that started before this. */
  readonly endTime?: TimeInput;
  /** Only acknowledged events; default false. */
  readonly onlyAcknowledged?: boolean;
}

/** register_model's dict (camelCase, or the das snake_case keys). */
export type ModelSpec = Readonly<Record<string, unknown>>;

/** The model file: a path to an `.onnx` file, or its bytes with a file name. */
export type OnnxFile = string | { readonly data: Uint8Array; readonly fileName: string };

export type ServiceSpec = Readonly<Record<string, unknown>>;

export interface TimeseriesOptions extends AttributeLocator, SeriesFormOptions {
  /** Default 0 (das). */
  readonly startTime?: TimeInput;
  /** Default now. */
  readonly endTime?: TimeInput;
  /** false (default): newest first; true: oldest first. */
  readonly chronologicalOrder?: boolean;
  /** 1–10000, default 10000. */
  readonly limit?: number;
  /** Zone for displaying the result (`seriesToCsv`/`seriesToJson` use it); does not affect start/end. */
  readonly tz?: string;
  readonly signal?: AbortSignal;
}

export interface MultipleTimeseriesOptions extends AssetLocator, SeriesFormOptions {
  readonly attributeIds?: readonly string[];
  readonly startTime?: TimeInput;
  readonly endTime?: TimeInput;
  readonly chronologicalOrder?: boolean;
  /** Per attribute, 1–10000, default 10000. */
  readonly limit?: number;
  /** Names for the series instead of the attribute names (das `column_names`). */
  readonly columnNames?: readonly string[];
  readonly tz?: string;
  /** Series fetched at the same time; default one request per series, at most 10 (requests are mostly waiting on the network). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

export interface PagedSeriesOptions extends AttributeLocator {
  readonly start: TimeInput;
  readonly end: TimeInput;
  /** Points per request, ≤10000 (default). */
  readonly pageSize?: number;
  readonly maxPoints?: number;
  readonly signal?: AbortSignal;
  readonly onPage?: (page: SeriesPage, progress: PageProgress) => void;
}

export interface StatisticsOptions {
  readonly period: string;
  readonly dimension: string;
  readonly namesPath?: readonly string[];
  readonly attributeId?: string;
  readonly assetId?: string;
  /** Required when period is Custom, ignored otherwise. */
  readonly startTime?: TimeInput;
  readonly endTime?: TimeInput;
  /** 1–10000 buckets, default 10000. */
  readonly limit?: number;
  readonly timestamp?: 'datetime' | 'epoch';
  readonly tz?: string;
  readonly signal?: AbortSignal;
}

export interface TimesignalOptions {
  readonly attributeId?: string;
  readonly assetId?: string;
  readonly namesPath?: readonly string[];
  readonly timestamp?: 'datetime' | 'epoch';
  readonly tz?: string;
  readonly signal?: AbortSignal;
}

export interface TimesignalResult {
  readonly timesignalId: string;
  readonly attributeId: string;
  readonly name?: string;
  readonly values: readonly TimesignalValue[];
}

/** das device parameters of the write methods. */
export interface DeviceWriteOptions {
  readonly deviceId: string;
  /** `deviceId@tenant`; default built from the client's tenant. */
  readonly deviceUsername?: string;
  readonly devicePassword: string;
  readonly signal?: AbortSignal;
}
