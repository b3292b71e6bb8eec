/** Stored records → API shapes, with the field order of the spec's examples. */
import { actionTime } from './time';
import type { ActionRec, CategoryRec, EventRec, ModelRec, MqttCredentials, ThingDoc, VersionRec } from './types';

/** Where a thing is addressed from: the space, or a category of it (the "category-scoped mirror"). */
export interface ThingScope {
  readonly space: string;
  readonly category?: string;
}

export function thingPath(scope: ThingScope, uid: string): string {
  const c = scope.category === undefined ? '' : `/categories/${encodeURIComponent(scope.category)}`;
  return `/spaces/${encodeURIComponent(scope.space)}${c}/things/${uid}`;
}

const TD_ORDER = ['title', 'description', '@type', '@context', 'model'];
const TD_AFTER_STATUS = ['properties', 'actions', 'events', 'links'];

/** A Thing (space scope) or ThingCategory (category scope: no `categories`, the `id` URL names the category). */
export function renderThing(doc: ThingDoc, baseUrl: string, scope: ThingScope): Record<string, unknown> {
  const out: Record<string, unknown> = { uid: doc.uid, id: `${baseUrl}${thingPath(scope, doc.uid)}` };
  if (scope.category === undefined) out.categories = [...doc.categories];
  if (doc.client_id !== undefined) out.client_id = doc.client_id;
  // A null model is left out: the spec's Thing schema has no nullable model.
  for (const k of TD_ORDER) if (doc.td[k] !== undefined && doc.td[k] !== null) out[k] = doc.td[k];
  out.status = doc.status;
  for (const k of TD_AFTER_STATUS) if (doc.td[k] !== undefined) out[k] = doc.td[k];
  for (const [k, v] of Object.entries(doc.td)) if (!(k in out) && v !== undefined && !TD_ORDER.includes(k)) out[k] = v;
  out.created = doc.created;
  out.modified = doc.modified;
  return out;
}

export function renderCategory(c: CategoryRec): Record<string, unknown> {
  return { name: c.name, ...(c.description !== undefined ? { description: c.description } : {}), model: c.model, created: c.created, modified: c.modified };
}

export function renderModel(m: ModelRec): Record<string, unknown> {
  return { id: m.id, name: m.name, ...(m.description !== undefined ? { description: m.description } : {}), created: m.created, modified: m.modified };
}

export function renderVersion(v: VersionRec): Record<string, unknown> {
  return {
    version: v.version,
    ...(v.title !== undefined ? { title: v.title } : {}),
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.template !== undefined ? { template: v.template } : {}),
    created: v.created,
  };
}

export function renderAction(a: ActionRec, scope: ThingScope, uid: string): Record<string, unknown> {
  return {
    [a.name]: {
      ...(a.input !== undefined ? { input: a.input } : {}),
      ...(a.output !== undefined ? { output: a.output } : {}),
      status: a.status,
      timeRequested: actionTime(a.requested),
      ...(a.completed !== undefined ? { timeCompleted: actionTime(a.completed) } : {}),
      href: `${thingPath(scope, uid)}/actions/${encodeURIComponent(a.name)}/${a.id}`,
    },
  };
}

export function renderEvent(e: EventRec, scope: ThingScope, uid: string): Record<string, unknown> {
  return {
    [e.name]: {
      ...(e.data !== undefined ? { data: e.data } : {}),
      timestamp: actionTime(e.at),
      href: `${thingPath(scope, uid)}/events/${encodeURIComponent(e.name)}/${e.id}`,
    },
  };
}

/** GET hides the password, as the SDK's `MQTTFormGet` shows. */
export function renderMqtt(m: MqttCredentials, extra: Record<string, unknown> = {}, showPassword = false): Record<string, unknown> {
  return {
    id: m.id,
    enabled: m.enabled,
    username: m.username,
    password: showPassword ? m.password : '<hidden_secret>',
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.collection_name !== undefined ? { collection_name: m.collection_name } : {}),
    created: m.created,
    ...extra,
  };
}
