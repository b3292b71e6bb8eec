/**
 * Types of the Altair IoT Studio AnythingDB API as the wire carries them (snake_case and `@type` kept,
 * so a document read from the API can be written back unchanged). Written from the public reference,
 * loosely where the reference is loose (WoT affordances may carry any JSON-Schema keyword).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// ---- Paging -----------------------------------------------------------------------------------

/** The envelope of every list: `paging` cursors are `""` when there is no further page. */
export interface ListResponse<T> {
  readonly data: T[];
  readonly paging?: { readonly next_cursor?: string; readonly previous_cursor?: string };
}

/** One page for a tree's "Load more": cursors are undefined when there is no page in that direction. */
export interface CursorPage<T> {
  readonly items: T[];
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

export interface PageOptions {
  /** 1..1000; the server's default is 50. */
  readonly limit?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
  readonly signal?: AbortSignal;
}

/** Options of the `paginate` iterables: every page is requested with the same limit and filters. */
export type PaginateOptions = Omit<PageOptions, 'nextCursor' | 'previousCursor'>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

// ---- Spaces -----------------------------------------------------------------------------------

/** A Space; its schema is not public, so only the name is relied on. */
export interface Space {
  readonly name: string;
  readonly description?: string;
  readonly [key: string]: unknown;
}

// ---- Categories and models ---------------------------------------------------------------------

export interface ModelRef {
  name?: string;
  version?: number;
}

export interface CategoryCreate {
  /** `^[a-zA-Z0-9_:-]{1,26}$`; a category cannot be renamed. */
  name: string;
  description?: string;
  model?: { name: string; version?: number } | null;
}
export type CategoryUpdate = CategoryCreate;

export interface Category extends CategoryCreate {
  created: string;
  modified: string;
}

export interface ModelCreate {
  name: string;
  description?: string;
}
export type ModelUpdate = ModelCreate;

export interface Model extends ModelCreate {
  id?: string;
  created?: string;
  modified?: string;
}

export interface ModelTemplate {
  title?: string;
  description?: string;
  properties?: Record<string, PropertyAffordance>;
  actions?: Record<string, ActionAffordance>;
  events?: Record<string, EventAffordance>;
  links?: Link[];
}

export interface ModelVersionCreate {
  title?: string;
  description?: string;
  template?: ModelTemplate;
}

export interface ModelVersion extends ModelVersionCreate {
  /** 1, 2, 3… assigned by the server; versions are immutable. */
  version: number;
  created?: string;
}

// ---- Things (W3C WoT Thing Description subset) -----------------------------------------------------

export interface DataSchema {
  '@type'?: string | string[];
  title?: string;
  description?: string;
  readOnly?: boolean;
  type?: 'boolean' | 'integer' | 'number' | 'string' | 'object' | 'array' | 'null';
  unit?: string;
  enum?: JsonValue[];
  const?: JsonValue;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: DataSchema | DataSchema[];
  properties?: Record<string, DataSchema>;
  required?: string[];
  oneOf?: DataSchema[];
  [keyword: string]: unknown;
}

export interface PropertyAffordance extends DataSchema {
  observable?: boolean;
}

export interface ActionAffordance {
  '@type'?: string | string[];
  title?: string;
  description?: string;
  input?: DataSchema;
  output?: DataSchema;
  safe?: boolean;
  idempotent?: boolean;
  [keyword: string]: unknown;
}

export interface EventAffordance {
  '@type'?: string | string[];
  title?: string;
  description?: string;
  data?: DataSchema;
  subscription?: DataSchema;
  cancellation?: DataSchema;
  [keyword: string]: unknown;
}

export interface Link {
  href?: string;
  rel?: string;
  [key: string]: unknown;
}

export interface ThingBase {
  title?: string;
  description?: string;
  '@type'?: string | string[];
  '@context'?: string;
  model?: ModelRef | null;
  /** Current property values (the same map as GET …/properties). */
  status?: Properties;
  properties?: Record<string, PropertyAffordance>;
  actions?: Record<string, ActionAffordance>;
  events?: Record<string, EventAffordance>;
  links?: Link[];
}

/** A Thing as returned below `/spaces/{space}/things`. */
export interface Thing extends ThingBase {
  uid: string;
  /** Absolute URL of the Thing. */
  id: string;
  categories?: string[];
  /** Present once the Thing has its own OAuth2 client: `{space}::{uid}`. */
  client_id?: string;
  created: string;
  modified: string;
}

/** A Thing as returned below `/spaces/{space}/categories/{category}/things` (no `categories`). */
export interface ThingCategory extends ThingBase {
  uid: string;
  id: string;
  client_id?: string;
  created: string;
  modified: string;
}

export type ThingCreate = ThingBase & { categories?: string[] };
export type ThingCategoryCreate = ThingBase;
/** PUT replaces the whole description. */
export type ThingUpdate = ThingBase & { uid?: string; id?: string; categories?: string[] };
export type ThingCategoryUpdate = ThingBase & { uid?: string; id?: string };

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; path: string; from: string };

export interface ThingsPatchItem {
  /** The Thing's uid. */
  id: string;
  patch: JsonPatchOperation[];
}

export interface ThingsPatchMultiStatus {
  /** Indexes of the items that failed. */
  has_errors?: number[];
  results?: Array<{ status?: number; response?: unknown }>;
  [key: string]: unknown;
}

/** The uids of the deleted Things. */
export type ThingsDeleted = string[];

export interface ThingOAuth2Credentials {
  client_id: string;
  client_secret: string;
}

// ---- Properties and history --------------------------------------------------------------------

/** Property name → value, e.g. `{"cpu":22,"memory":67}`. */
export type Properties = Record<string, unknown>;

export interface PropertyHistoryValue {
  /** RFC 3339, milliseconds. */
  at: string;
  properties: Properties;
}

// ---- Actions and events: single-key maps keyed by the action or event name ------------------------

export interface ActionValue {
  input?: unknown;
  output?: unknown;
  /** `pending`, `completed`, … */
  status?: string;
  /** `YYYY-MM-DD HH:MM:SS+0000`; parse with `parseAltairTime`. */
  timeRequested?: string;
  timeCompleted?: string;
  /** `/spaces/{s}/things/{uid}/actions/{name}/{actionId}` */
  href?: string;
}
export type ActionResponse = Record<string, ActionValue>;
export type ActionCreateRequest = Record<string, { input?: unknown }>;
export type ActionUpdateRequest = Record<string, { status?: string; output?: unknown }>;

export interface EventValue {
  data?: unknown;
  /** `YYYY-MM-DD HH:MM:SS+0000` */
  timestamp?: string;
  href?: string;
}
export type EventResponse = Record<string, EventValue>;
export type EventCreateRequest = Record<string, { data?: unknown }>;

// ---- MQTT credentials ---------------------------------------------------------------------------

export interface MqttForm {
  enabled?: boolean;
  username?: string;
  password?: string;
  description?: string;
}

export interface MqttCategoryForm extends MqttForm {
  collection_name?: string;
}

export interface MqttCredentials extends MqttCategoryForm {
  id?: string;
  created?: string;
  /** Thing credentials: the topics the credentials may use. */
  topics?: { acl?: { publish?: Array<{ pattern?: string }>; subscribe?: Array<{ pattern?: string }> } };
}

// ---- Communications -------------------------------------------------------------------------------

export interface Email {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  /** Links, styles and images are stripped by the server. */
  body?: { html?: string | null; text?: string | null };
}
