/** Records of the IoT-TICKET emulator's in-memory model, shared by the v1, adapter and asset API routes. */
export const ATTRIBUTE_TYPES = ['TelemetryData', 'Calculated', 'Number', 'String', 'DeviceEvent', 'AssetEvent', 'Command'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** Event types and severities exactly as the das docs list them (case-sensitive). */
export const EVENT_TYPES = ['Alarm', 'Warning', 'Notification'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const SEVERITIES = ['Low', 'Normal', 'High', 'Critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** v1 data types (the server treats them case-insensitively). */
export const DATA_TYPES = ['double', 'long', 'string', 'boolean', 'binary'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export type Value = number | boolean | string;

/** Parameters of a generated series (see series.ts for how values are derived). */
export interface GeneratorSpec {
  readonly seed: number;
  readonly kind: DataType;
  /** Grid step; points sit at `k * stepMs` for integer k. */
  readonly stepMs: number;
  readonly base: number;
  readonly amplitude: number;
  readonly noise: number;
  readonly decimals: number;
  /** Share of blocks that are missing (0…1). */
  readonly gapRate: number;
  /** Values of a `string` series. */
  readonly states?: readonly string[];
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly tenantId: string;
  readonly parentId: string | null;
  readonly description: string;
  readonly contactPerson: string;
  readonly accountManager: string;
  readonly created: number;
  /** Subscription limits, e.g. `analyticsItems` (ML models + services + ONNX models). */
  readonly limits: Readonly<Record<string, number>>;
}

/** v1 enterprise: the path id is numeric, items carry `resourceId` "E<id>". */
export interface Enterprise {
  readonly id: number;
  readonly name: string;
  readonly parentId: number | null;
}

export interface User {
  readonly username: string;
  readonly password: string;
  readonly organizationId: string;
  readonly roles: readonly string[];
}

/** A template attribute; assets instantiate these with their own ids and device bindings. */
export interface TemplateAttribute {
  readonly id: string;
  readonly name: string;
  readonly type: AttributeType;
  readonly dataType?: DataType;
  readonly unit?: string;
  readonly telemetryName?: string;
  readonly eventId?: string;
  readonly commandName?: string;
  readonly payloadType?: 'Templated' | 'Dynamic';
  readonly payloadTemplate?: string;
  readonly templateVariables?: readonly string[];
}

export interface Template {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly TemplateAttribute[];
}

export interface AssetRecord {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly templateId: string;
  readonly description?: string;
}

/** One attribute of one asset (template attribute + the asset's bindings). */
export interface AttributeRecord extends Omit<TemplateAttribute, 'id'> {
  readonly id: string;
  readonly assetId: string;
  readonly templateAttributeId: string;
  /** Device the attribute reads telemetry/events from or sends commands to. */
  readonly deviceId?: string;
  /** Initial value of Number/String attributes (writes overlay it). */
  readonly initialValue?: number | string;
  /** Generator of Calculated attributes' history. */
  readonly generator?: GeneratorSpec;
}

export interface DeviceAttribute {
  readonly key: string;
  readonly value: string;
}

export interface Credential {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly grantType: string;
  readonly accessTokenUrl: string;
  readonly clientId: string;
  readonly scope: string;
  readonly organizationId: string;
  readonly createdAt: number;
}
