/** Shapes of the IoT-TICKET REST API v1 (surface A, confirmed by Wapice's own clients). */
import type { V1DataType, V1Grouping } from './enums';
import type { TimeInput } from './time';

export interface V1Attribute {
  readonly key: string;
  readonly value: string;
}

export interface V1DeviceRegistration {
  /** ≤100 characters, required. */
  readonly name: string;
  /** ≤100 characters, required. */
  readonly manufacturer: string;
  /** ≤100 characters. */
  readonly type?: string;
  /** ≤255 characters. */
  readonly description?: string;
  /** e.g. `E123`. */
  readonly enterpriseId?: string;
  /** ≤50 entries, key and value ≤255 characters each. */
  readonly attributes?: readonly V1Attribute[];
}

export interface V1Device {
  readonly deviceId: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly type?: string;
  readonly description?: string;
  /** `yyyy-MM-dd'T'HH:mm:ssUTC`, as the server sends it. */
  readonly createdAt: string;
  readonly href: string;
  readonly enterpriseId?: string;
  readonly enterpriseName?: string;
  readonly resourceId?: string;
  readonly attributes?: readonly V1Attribute[];
}

export interface V1Datanode {
  /** `path/name` without a leading slash as the server lists it (e.g. `Engine/isRunning`). */
  readonly name: string;
  readonly dataType: V1DataType | string;
  readonly href: string;
  readonly unit?: string;
  readonly path?: string;
}

export interface V1Enterprise {
  readonly href: string;
  readonly name: string;
  /** `E5678`; the path id for sub-enterprises is the numeric part. */
  readonly resourceId: string;
  readonly hasSubEnterprises: boolean;
}

export interface V1Page<T> {
  readonly fullSize: number;
  readonly limit: number;
  readonly offset: number;
  /** Always an array here (the server omits it when empty). */
  readonly items: readonly T[];
}

export interface V1PageOptions {
  /** 1–100 (the server's maximum); default 10 like the official clients. */
  readonly limit?: number;
  readonly offset?: number;
  readonly signal?: AbortSignal;
}

export type V1Value = number | boolean | string;

export interface V1WriteValue {
  /** ≤100 characters. */
  readonly name: string;
  /** `Engine/Primary`: ≤10 alphanumeric segments, ≤1000 characters; a leading slash is optional. */
  readonly path?: string;
  /** Numbers, booleans, strings; bytes for `binary` (sent Base64). */
  readonly v: V1Value | Uint8Array;
  /** Default: the server's time. */
  readonly ts?: TimeInput;
  /** ≤10 characters. */
  readonly unit?: string;
  /** Inferred from `v` when left out (integers → long, other numbers → double). */
  readonly dataType?: V1DataType;
}

export interface V1WriteResult {
  readonly totalWritten: number;
  readonly writeResults: readonly { readonly href: string; readonly writtenCount: number }[];
}

export interface V1ReadOptions {
  /** Full paths (`/Engine/isRunning`) or bare names (a bare name matches that name in every path). */
  readonly datanodes: readonly string[];
  readonly fromDate?: TimeInput;
  /** Only sent together with `fromDate` (as the official clients do). */
  readonly toDate?: TimeInput;
  /** Values per datanode, 1–10000. Without dates and limit the server returns only the latest value. */
  readonly limit?: number;
  readonly order?: 'ascending' | 'descending';
  readonly signal?: AbortSignal;
}

export interface V1ReadValue {
  readonly ts: number;
  /** Converted from the server's string by the datanode's data type (binary stays Base64 text). */
  readonly v: V1Value;
}

export interface V1DatanodeRead {
  readonly name: string;
  readonly path?: string;
  readonly unit: string;
  readonly dataType: string;
  readonly values: readonly V1ReadValue[];
}

export interface V1ReadResult {
  readonly href: string;
  readonly datanodeReads: readonly V1DatanodeRead[];
}

export interface V1StatisticsOptions {
  readonly datanodes: readonly string[];
  readonly fromDate: TimeInput;
  readonly toDate: TimeInput;
  readonly grouping: V1Grouping;
  readonly order?: 'ascending' | 'descending';
  readonly vtags?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface V1StatisticsBucket {
  readonly ts: number;
  readonly count: number;
  readonly sum: number;
  /** Left out by the server when the bucket is empty. */
  readonly min?: number;
  readonly max?: number;
  readonly avg?: number;
}

export interface V1StatisticsRead {
  readonly name: string;
  readonly path?: string;
  readonly unit: string;
  readonly dataType: string;
  readonly values: readonly V1StatisticsBucket[];
}

export interface V1StatisticsResult {
  readonly href: string;
  readonly datanodeReads: readonly V1StatisticsRead[];
}

export interface V1QuotaAll {
  readonly totalDevices: number;
  /** -1 = unlimited. */
  readonly maxNumberOfDevices: number;
  readonly maxDataNodePerDevice: number;
  readonly usedStorageSize: number;
  readonly maxStorageSize: number;
}

export interface V1QuotaDevice {
  readonly deviceId: string;
  readonly totalRequestToday: number;
  readonly maxReadRequestPerDay: number;
  readonly numberOfDataNodes: number;
  readonly storageSize: number;
}
