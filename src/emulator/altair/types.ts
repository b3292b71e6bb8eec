/** The emulator's stored records (the API shapes are rendered from them in `render.ts`). */

export interface ModelRef {
  name: string;
  version?: number;
}

export interface ThingDoc {
  uid: string;
  categories: string[];
  /** Set once the thing has OAuth credentials (`reset-secret`). */
  client_id?: string;
  /** Current property values (`status` in the Thing, the map of `GET .../properties`). */
  status: Record<string, unknown>;
  /** The Thing Description fields: title, description, @type, @context, model, properties, actions, events, links, and any others sent. */
  td: Record<string, unknown>;
  created: string;
  modified: string;
}

export interface CategoryRec {
  name: string;
  description?: string;
  model: ModelRef | null;
  created: string;
  modified: string;
}

export interface VersionRec {
  version: number;
  title?: string;
  description?: string;
  template?: Record<string, unknown>;
  created: string;
}

export interface ModelRec {
  id: string;
  name: string;
  description?: string;
  created: string;
  modified: string;
  versions: VersionRec[];
}

export interface ActionRec {
  id: string;
  name: string;
  input?: unknown;
  output?: unknown;
  status: string;
  requested: number;
  completed?: number;
}

export interface EventRec {
  id: string;
  name: string;
  data?: unknown;
  at: number;
}

export interface MqttCredentials {
  id: string;
  enabled: boolean;
  username: string;
  password: string;
  description?: string;
  collection_name?: string;
  created: string;
}

export interface EmailRec {
  space: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject?: string;
  body?: { html?: string | null; text?: string | null };
  receivedAt: string;
}
