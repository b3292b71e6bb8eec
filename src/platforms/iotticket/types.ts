/**
 * Objects of the asset API (surface C) as the clients return them. The das classes (Asset, AssetTemplate,
 * AssetAttribute, Device, Organization, Credential, ActiveAssetEvent, HistoryAssetEvent, SimpleCommandLogData)
 * map to these interfaces; fields beyond the ones named here are kept as the server sent them.
 */
import type { AttributeType, EventSeverity, EventType } from './enums';

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly parentId?: string | null;
  readonly hasSubOrganizations?: boolean;
  readonly tenantId?: string;
  readonly [key: string]: unknown;
}

/** get_organization_details: id, name, description, enable, contactPerson, accountManager, limits, usedLimits, … */
export interface OrganizationDetails extends Organization {
  readonly description?: string;
  readonly enable?: boolean;
  readonly contactPerson?: string;
  readonly accountManager?: string;
  readonly limits?: Readonly<Record<string, number>>;
  readonly usedLimits?: Readonly<Record<string, number>>;
  readonly createdBy?: string;
  readonly modifiedBy?: string;
  readonly created?: string;
  readonly lastModified?: string;
}

export interface Asset {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Names from the root to this asset. */
  readonly namesPath?: readonly string[];
  readonly templateId?: string | null;
  /** The most severe active event type (get_all_assets with eventTypes). */
  readonly activeEventType?: EventType | null;
  readonly childCount?: number;
  readonly [key: string]: unknown;
}

export interface AssetAttribute {
  readonly id: string;
  readonly name: string;
  readonly type: AttributeType;
  readonly assetId?: string;
  readonly dataType?: string;
  readonly unit?: string;
  readonly telemetryName?: string;
  readonly deviceId?: string;
  readonly eventId?: string;
  /** Number/String attributes. */
  readonly value?: number | string | null;
  readonly updatedAt?: string | null;
  /** TelemetryData/Calculated attributes. */
  readonly lastValue?: number | string | boolean | null;
  readonly lastTs?: string | null;
  readonly [key: string]: unknown;
}

export interface AssetTemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

export interface AssetTemplate extends AssetTemplateSummary {
  readonly attributes: readonly AssetAttribute[];
}

/** One level of the asset tree and where it sits. */
export interface AssetLevel {
  /** The parent asset, or null at the root level. */
  readonly asset: Asset | null;
  readonly children: readonly Asset[];
  readonly fullSize: number;
  readonly limit: number;
  readonly offset: number;
}

export interface Device {
  readonly id: string;
  readonly name?: string;
  readonly tenantId?: string;
  readonly assetIds?: readonly string[];
  readonly createdAt?: string;
  readonly attributes?: readonly { readonly key: string; readonly value: string }[];
  readonly [key: string]: unknown;
}

export interface StatisticsBucket {
  /** ISO in the chosen zone, or epoch ms (the `timestamp` option). */
  readonly stattime: string | number;
  readonly count: number;
  readonly sum: number;
  /** Absent for empty buckets. */
  readonly avg?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface TimesignalValue {
  readonly timestamp: string | number;
  readonly id: string;
  readonly value: unknown;
}

export interface AssetEvent {
  readonly eventId: string;
  readonly assetId: string | null;
  readonly attributeId?: string | null;
  readonly source?: 'DeviceEvent' | 'AssetEvent';
  readonly type: EventType;
  readonly severity: EventSeverity;
  readonly group?: string | null;
  readonly message: string;
  readonly active: boolean;
  readonly acknowledged?: boolean;
  readonly activatedAt: string;
  readonly clearedAt?: string | null;
  readonly [key: string]: unknown;
}

export interface CommandLogEntry {
  readonly attributeId: string;
  readonly attributeName?: string;
  readonly identifierName?: string;
  readonly commandId?: string;
  readonly status?: string;
  readonly payload?: unknown;
  /** ISO in the chosen zone, or epoch ms (the `timestamp` option). */
  readonly timestamp: string | number | null;
  readonly [key: string]: unknown;
}

export interface CommandReceipt {
  readonly commandId?: string;
  readonly commandIds?: readonly string[];
  readonly status?: string;
  /** How many assets the command went to (aggregated commands reach sub-assets too). */
  readonly targets?: number;
  readonly [key: string]: unknown;
}

export interface Credential {
  readonly id: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

export interface AnalyticsItem {
  readonly id: string;
  readonly name: string;
  readonly level: 'organization' | 'subscription' | 'platform';
  readonly type: 'MLModel' | 'MLService' | 'OnnxModel';
  readonly [key: string]: unknown;
}

export type AnalyticsDetails = Readonly<Record<string, unknown>> & { readonly id: string; readonly name: string };
