/**
 * Create, update and delete one Altair Thing from the tree (issue 16 §1; SDK `Things2.create`,
 * `Things1.update`, `Things1.delete`, and the same below a category). The form asks the Thing
 * Description's own fields (title, description, categories); its properties, actions and events come from
 * an existing Thing's description or from JSON (a file, or the JSON editor in front). Update sends the
 * whole description back (PUT), changed only where the form changed it. Writes go once, never retried.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import type { Thing, ThingBase, ThingCreate, ThingUpdate } from '../../platforms/altair';
import { ValidationError } from '../../platforms/http';
import { refAs } from '../../shared/refs';
import { iconText, messageText } from '../../shared/escape/message';
import { recordCancelled, recorded } from '../activity';
import type { Answers, MethodsDeps } from '../deps';
import { askMany, askPick, askText, confirmModal, type Choice } from '../prompts';
import { requireScope, scopeOf, spaceApi, thingOf, thingsOf, type AltairScope } from './scope';
import { readJsonSource } from './jsonSource';

/** The Thing Description parts a new Thing copies from another: what it has and does, not who it is. */
const COPIED: readonly (keyof ThingBase)[] = ['@context', '@type', 'properties', 'actions', 'events', 'links'];

/** Server-kept fields a PUT must not send back. */
const SERVER_FIELDS = ['uid', 'id', 'created', 'modified', 'client_id', 'status'];

async function categoryChoices(deps: MethodsDeps, scope: AltairScope, current: readonly string[]): Promise<Choice<string>[]> {
  const page = await (await spaceApi(deps, scope)).categories().get({ limit: 100 });
  return page.items.map((c) => ({ label: iconText(c.name), description: c.description === undefined ? undefined : iconText(c.description), value: c.name, picked: current.includes(c.name) }));
}

/** Where the new Thing's properties, actions and events come from. */
async function startingDescription(deps: MethodsDeps, scope: AltairScope, answers: Answers): Promise<Partial<ThingBase> | undefined> {
  // Any Thing of the space may serve as the example, not only the scope's (a new category has none).
  const space = await spaceApi(deps, scope);
  const page = await space.things().get({ limit: 50, sort: 'title' });
  const choices: Choice<string>[] = [
    { label: vscode.l10n.t('Nothing yet'), detail: vscode.l10n.t('Only the title, description and categories'), value: 'empty' },
    { label: vscode.l10n.t('JSON…'), detail: vscode.l10n.t('A Thing Description from the JSON editor in front, or from a file'), value: 'json' },
    ...page.items.map((t) => ({
      label: vscode.l10n.t('Like "{0}"', iconText(t.title ?? t.uid)),
      description: iconText(t.uid),
      detail: vscode.l10n.t('{0} properties, {1} actions, {2} events', Object.keys(t.properties ?? {}).length, Object.keys(t.actions ?? {}).length, Object.keys(t.events ?? {}).length),
      value: t.uid,
    })),
  ];
  const from = await askPick(answers, 'from', vscode.l10n.t('New Thing: properties, actions and events'), choices, (v) => (typeof v === 'string' ? v : undefined));
  if (from === undefined) return undefined;
  if (from === 'empty') return {};
  if (from === 'json') {
    const json = await readJsonSource(answers?.json, vscode.l10n.t('a Thing Description'));
    if (json === undefined) return undefined;
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ValidationError('json', vscode.l10n.t('A Thing Description is a JSON object.'));
    const td = { ...(json as Record<string, unknown>) };
    for (const f of SERVER_FIELDS) delete td[f];
    return td as Partial<ThingBase>;
  }
  const source = (await space.things(from).get()) as ThingBase;
  return Object.fromEntries(COPIED.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

/** New Thing…: answers `{ title, description, categories, from: 'empty' | 'json' | uid, json }` skip the questions. */
export async function createThing(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<Thing | undefined> {
  const scope = requireScope(node, vscode.l10n.t('New Thing'));
  const title = await askText(answers, 'title', { title: vscode.l10n.t('New Thing (1/4): title'), prompt: vscode.l10n.t('The Thing\'s title') });
  if (title === undefined) return undefined;
  const description = await askText(answers, 'description', { title: vscode.l10n.t('New Thing (2/4): description'), prompt: vscode.l10n.t('What it is (optional)'), optional: true });
  if (description === undefined) return undefined;
  let categories: string[] | undefined = [];
  if (scope.category === undefined) {
    categories = await askMany(answers, 'categories', vscode.l10n.t('New Thing (3/4): categories (none is fine)'), await categoryChoices(deps, scope, []));
    if (categories === undefined) return undefined;
  }
  const td = await startingDescription(deps, scope, answers);
  if (td === undefined) return undefined;
  const body: ThingCreate = { ...td, title, ...(description ? { description } : {}), ...(scope.category === undefined && categories.length ? { categories } : {}) };
  const things = await thingsOf(deps, scope);
  const created = (await recorded(
    deps,
    { connectionId: scope.connectionId, action: vscode.l10n.t('Create Thing'), target: title },
    () => things.create(body as never) as Promise<Thing>,
    (t) => vscode.l10n.t('uid {0}{1}', t.uid, scope.category ? vscode.l10n.t(' in category {0}', scope.category) : ''),
  ));
  if (node) deps.services.refresh(node);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created the Thing "{0}" ({1}).', messageText(title), messageText(created.uid)));
  return created;
}

function thingNodeRef(node: TreeNode | undefined, command: string) {
  const ref = refAs(node?.ref, 'altair-thing');
  const scope = scopeOf(node?.parent);
  if (!ref || !scope) throw new ValidationError('node', vscode.l10n.t('Run "{0}" on an Altair Thing.', command));
  return { ref, scope };
}

/** Update Thing…: the form shows the Thing's title, description and categories; the rest of its description is kept. */
export async function updateThing(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<Thing | undefined> {
  const { ref, scope } = thingNodeRef(node, vscode.l10n.t('Update Thing'));
  const res = await thingOf(deps, scope, ref.thingId);
  const current = (await res.get()) as Thing;
  const title = await askText(answers, 'title', { title: vscode.l10n.t('Update Thing: title'), prompt: vscode.l10n.t('The Thing\'s title'), value: current.title ?? '' });
  if (title === undefined) return undefined;
  const description = await askText(answers, 'description', { title: vscode.l10n.t('Update Thing: description'), prompt: vscode.l10n.t('What it is (optional)'), value: current.description ?? '', optional: true });
  if (description === undefined) return undefined;
  let categories = current.categories;
  if (scope.category === undefined) {
    categories = await askMany(answers, 'categories', vscode.l10n.t('Update Thing: categories'), await categoryChoices(deps, scope, current.categories ?? []));
    if (categories === undefined) return undefined;
  }
  const body: Record<string, unknown> = { ...current, title };
  for (const f of SERVER_FIELDS) delete body[f];
  if (description) body.description = description;
  else delete body.description;
  if (scope.category === undefined) body.categories = categories;
  else delete body.categories;
  const updated = await recorded(
    deps,
    { connectionId: scope.connectionId, action: vscode.l10n.t('Update Thing'), target: title, ref, itemId: ref.thingId },
    () => res.update(body as ThingUpdate) as Promise<Thing>,
  );
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Updated the Thing "{0}".', messageText(title)));
  return updated;
}

/** Delete Thing…: after a modal naming it (`{ confirm: false }` skips it); resolves true when deleted. */
export async function deleteThing(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<boolean> {
  const { ref, scope } = thingNodeRef(node, vscode.l10n.t('Delete Thing'));
  const name = node?.label ?? ref.thingId;
  const done = { connectionId: scope.connectionId, action: vscode.l10n.t('Delete Thing'), target: name, itemId: ref.thingId };
  const ok = await confirmModal(
    answers,
    vscode.l10n.t('Delete the Thing "{0}" ({1})?', messageText(name), messageText(ref.thingId)),
    vscode.l10n.t('The platform removes it with its property history, action requests and events; this cannot be undone.'),
    vscode.l10n.t('Delete'),
  );
  if (!ok) {
    recordCancelled(deps, done, vscode.l10n.t('Declined; nothing was deleted.'));
    return false;
  }
  const res = await thingOf(deps, scope, ref.thingId);
  await recorded(deps, done, () => res.delete());
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the Thing "{0}".', messageText(name)));
  return true;
}
