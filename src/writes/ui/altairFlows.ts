/**
 * The Altair IoT Studio write flows: invoke an action with a form generated from its input schema in the
 * Thing Description, create an event from its data schema, update one property or several, send e-mail,
 * and follow a Thing's action requests until none is pending.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { actionIdOf, type ActionResponse, type PropertyAffordance, type Thing } from '../../platforms/altair';
import { ValidationError } from '../../platforms/http';
import { pickConnection } from '../../commands/connectionPicker';
import { assembleValue, type FormField } from '../model/formFields';
import { schemaFields } from '../model/schemaForm';
import { lastSpec, sendAndRefresh, type FlowDeps } from './deps';
import { askFields } from './formInput';
import { altairAffordanceOf, altairPropertyOf, altairThingOf, connectionIdOf, type AltairThingTarget } from './nodeTargets';
import type { SendResult } from './sendRunner';
import { iconText } from '../../shared/escape/message';

function requireThing(node: TreeNode | undefined, what: string): AltairThingTarget {
  const t = altairThingOf(node);
  if (!t) throw new ValidationError('node', vscode.l10n.t('Run "{0}" on a thing (or one of its actions, events or properties) in the IoT Explorer view.', what));
  return t;
}

/** The affordance the node names, or one the user picks from the thing's list. */
async function pickAffordance(node: TreeNode | undefined, thing: Thing, kind: 'actions' | 'events'): Promise<string | undefined> {
  const named = altairAffordanceOf(node);
  if (named?.kind === kind) return named.name;
  const names = Object.keys(thing[kind] ?? {});
  if (names.length === 0) {
    void vscode.window.showInformationMessage(kind === 'actions' ? vscode.l10n.t('This thing describes no actions.') : vscode.l10n.t('This thing describes no events.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    names.map((n) => ({ label: iconText(n), description: iconText(thing[kind]?.[n]?.title ?? ''), detail: iconText(thing[kind]?.[n]?.description ?? ''), name: n })),
    { title: kind === 'actions' ? vscode.l10n.t('Action of {0}', thing.title ?? thing.uid) : vscode.l10n.t('Event of {0}', thing.title ?? thing.uid) },
  );
  return picked?.name;
}

/** Asks a schema's fields; an input with no schema is skipped, an unknown shape is asked as JSON. */
async function askSchemaValue(title: string, fields: FormField[], previous: unknown): Promise<{ value: unknown } | undefined> {
  if (fields.length === 0) return { value: undefined };
  const initial = previous && typeof previous === 'object' && !Array.isArray(previous) ? (previous as Record<string, unknown>) : fields[0].key === undefined && previous !== undefined ? { [fields[0].path]: previous } : {};
  const values = await askFields(title, fields, initial);
  return values ? { value: assembleValue(fields, values) } : undefined;
}

export async function invokeActionFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireThing(node, vscode.l10n.t('Invoke Action'));
  const action = await pickAffordance(node, t.thing, 'actions');
  if (!action) return undefined;
  const affordance = t.thing.actions?.[action];
  const base = { kind: 'altair.action', connection: t.connectionId, thingId: t.thingId, action, label: `${t.title} · ${action}` } as const;
  const previous = lastSpec(deps, base);
  const asked = await askSchemaValue(vscode.l10n.t('{0} on {1}', affordance?.title ?? action, t.title), schemaFields(affordance?.input, 'input'), previous?.input);
  if (!asked) return undefined;
  return sendAndRefresh(deps, { ...base, ...(asked.value !== undefined ? { input: asked.value } : {}) }, node);
}

export async function createEventFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireThing(node, vscode.l10n.t('Create Event'));
  const event = await pickAffordance(node, t.thing, 'events');
  if (!event) return undefined;
  const affordance = t.thing.events?.[event];
  const base = { kind: 'altair.event', connection: t.connectionId, thingId: t.thingId, event, label: `${t.title} · ${event}` } as const;
  const previous = lastSpec(deps, base);
  const asked = await askSchemaValue(vscode.l10n.t('{0} on {1}', affordance?.title ?? event, t.title), schemaFields(affordance?.data, 'data'), previous?.data);
  if (!asked) return undefined;
  return sendAndRefresh(deps, { ...base, ...(asked.value !== undefined ? { data: asked.value } : {}) }, node);
}

/** One form field for a whole property value (object-valued properties are typed as JSON). */
function propertyField(name: string, schema: PropertyAffordance | undefined): FormField {
  const path = `properties.${name}`;
  if (!schema || schema.type === 'object' || schema.type === 'array') return { path, key: name, label: schema?.title ?? name, kind: 'json', required: true, description: schema?.description };
  const [f] = schemaFields(schema, path);
  return { ...f, key: name, label: schema.title ?? name, required: true };
}

/** One property, from its node: the form holds the current value. */
export async function updatePropertyFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireThing(node, vscode.l10n.t('Update Value'));
  const p = altairPropertyOf(node);
  if (!p) throw new ValidationError('node', vscode.l10n.t('Run "Update Value" on a property.'));
  const field = { ...propertyField(p.name, p.schema), key: undefined };
  const values = await askFields(vscode.l10n.t('{0} of {1}', p.name, t.title), [field], { [field.path]: p.value });
  if (!values) return undefined;
  return sendAndRefresh(deps, { kind: 'altair.properties', connection: t.connectionId, thingId: t.thingId, properties: { [p.name]: values[0] } }, node);
}

/** Several properties at once (one request): pick them, then one step per value. */
export async function updatePropertiesFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const t = requireThing(node, vscode.l10n.t('Update Properties'));
  const declared = t.thing.properties ?? {};
  const status = t.thing.status ?? {};
  const items = Object.entries(declared).map(([name, s]) => ({
    label: iconText(name),
    description: iconText(`${s.title ?? ''}${s.readOnly ? ` · ${vscode.l10n.t('read-only')}` : ''}`),
    detail: name in status ? iconText(vscode.l10n.t('now {0}', JSON.stringify(status[name]))) : undefined,
    picked: false,
    name,
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Properties of {0} to update', t.title), ignoreFocusOut: true });
  if (!picked || picked.length === 0) return undefined;
  const fields: FormField[] = picked.map(({ name }) => propertyField(name, declared[name]));
  const values = await askFields(vscode.l10n.t('Update {0}', t.title), fields, status);
  if (!values) return undefined;
  const properties = assembleValue(fields, values) as Record<string, unknown>;
  return sendAndRefresh(deps, { kind: 'altair.properties', connection: t.connectionId, thingId: t.thingId, properties }, node);
}

const list = (text: unknown): string[] => (typeof text === 'string' ? text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean) : []);

export async function sendEmailFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  let connectionId = connectionIdOf(node);
  if (!connectionId) {
    const picked = await pickConnection(deps.services.store, { platform: 'altair', title: vscode.l10n.t('Send e-mail through'), placeholder: vscode.l10n.t('The Altair connection that sends it') });
    connectionId = picked?.id;
  }
  if (!connectionId) return undefined;
  const previous = lastSpec(deps, { kind: 'altair.email', connection: connectionId, to: [] });
  const values = await askFields(vscode.l10n.t('E-mail through {0}', connectionId), [
    { path: 'to', key: 'to', label: vscode.l10n.t('To (comma-separated)'), kind: 'string', required: true, defaultValue: previous?.to.join(', ') },
    { path: 'cc', key: 'cc', label: vscode.l10n.t('Cc (comma-separated)'), kind: 'string', required: false },
    { path: 'subject', key: 'subject', label: vscode.l10n.t('Subject'), kind: 'string', required: true, defaultValue: previous?.subject },
    { path: 'text', key: 'text', label: vscode.l10n.t('Body (plain text; links, styles and images are stripped by the server)'), kind: 'string', required: false },
  ]);
  if (!values) return undefined;
  const [to, cc, subject, text] = values;
  return sendAndRefresh(deps, {
    kind: 'altair.email', connection: connectionId, to: list(to), ...(list(cc).length ? { cc: list(cc) } : {}), subject: subject as string, ...(text ? { text: text as string } : {}),
  }, node);
}

/** The action requests of a thing (or of one action), with their status, followed until none is pending. */
export async function showActionStatusesFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<vscode.TextDocument> {
  const t = requireThing(node, vscode.l10n.t('Show Action Statuses'));
  const only = altairAffordanceOf(node);
  const names = only?.kind === 'actions' ? [only.name] : Object.keys(t.thing.actions ?? {});
  const title = `${t.title}${only?.kind === 'actions' ? ` · ${only.name}` : ''} · actions`;
  return deps.live.open(`actions|${t.connectionId}|${t.thingId}|${names.join(',')}`, {
    title,
    async read(signal, following) {
      const { api, space } = await deps.context.altair(t.connectionId);
      const lines = [`Action requests — ${title} (${t.thingId})`, ''];
      let open = 0;
      const thing = api.spaces(space).things(t.thingId);
      // The whole thing: one read of every request (SDK Actions3.get), grouped by action; one action: its own list.
      let all: ActionResponse[] | undefined;
      if (only?.kind !== 'actions') {
        all = [];
        for await (const r of thing.actions().paginate({ limit: 100, signal })) if (all.push(r) >= 1000) break;
      }
      for (const name of names) {
        const items = all ? all.filter((r: ActionResponse) => name in r) : (await thing.actions(name).get({ limit: 100, signal })).items;
        lines.push(`${name}: ${items.length} request(s)`);
        const rows = items.map((r: ActionResponse) => ({ id: actionIdOf(r)?.id ?? '?', v: r[name] ?? Object.values(r)[0] ?? {} }));
        rows.sort((a, b) => String(b.v.timeRequested ?? '').localeCompare(String(a.v.timeRequested ?? '')));
        for (const { id, v } of rows) {
          const final = v.status !== undefined && !/^(pending|running|received|queued)$/i.test(v.status);
          if (!final) open++;
          lines.push(`  ${v.timeRequested ?? ''}  ${id}  ${v.status ?? '?'}${final ? '' : '  …'}${v.timeCompleted ? `  completed ${v.timeCompleted}` : ''}`);
          lines.push(`      input ${JSON.stringify(v.input ?? null)}${v.output !== undefined ? `; output ${JSON.stringify(v.output)}` : ''}`);
        }
        lines.push('');
      }
      lines.splice(1, 0, open > 0 ? `${open} request(s) pending${following ? ' — refreshing until the thing completes them' : ' — refresh stopped; open again to resume'}` : vscode.l10n.t('No request is pending.'));
      return { text: `${lines.join('\n')}\n`, open };
    },
  });
}
