/**
 * Create, update and delete an Altair category from the tree (issue 16 §1; SDK `Categories2.create`,
 * `Categories1.update`, `Categories1.delete`). A category is a name (fixed once created), a description
 * and an optional model its Things follow; the form asks exactly those. Deleting one keeps its Things.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import type { Category, CategoryCreate } from '../../platforms/altair';
import { ValidationError } from '../../platforms/http';
import { refAs } from '../../shared/refs';
import { iconText, messageText } from '../../shared/escape/message';
import { recordCancelled, recorded } from '../activity';
import type { Answers, MethodsDeps } from '../deps';
import { askPick, askText, confirmModal, type Choice } from '../prompts';
import { requireScope, spaceApi, type AltairScope } from './scope';

/** The platform's rule for category names. */
export const CATEGORY_NAME = /^[a-zA-Z0-9_:-]{1,26}$/;

/** The model answer: a model name, or '' for none. */
async function askModel(deps: MethodsDeps, scope: AltairScope, answers: Answers, current: string | undefined, title: string): Promise<string | undefined> {
  const page = await (await spaceApi(deps, scope)).models().get({ limit: 100 });
  const names = page.items.map((m) => m.name);
  const choices: Choice<string>[] = [
    { label: vscode.l10n.t('No model'), value: '', description: current === undefined ? vscode.l10n.t('current') : undefined },
    ...page.items.map((m) => ({ label: iconText(m.name), description: m.name === current ? vscode.l10n.t('current') : m.description === undefined ? undefined : iconText(m.description), value: m.name })),
  ];
  return askPick(answers, 'model', title, choices, (v) => {
    if (v === '' || v === null) return '';
    if (typeof v === 'string' && names.includes(v)) return v;
    throw new ValidationError('model', vscode.l10n.t('The space has no model "{0}".', String(v)));
  });
}

function body(name: string, description: string, model: string): CategoryCreate {
  return { name, ...(description ? { description } : {}), model: model ? { name: model } : null };
}

/** New Category…: answers `{ name, description, model }` skip the questions. */
export async function createCategory(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<Category | undefined> {
  const scope = requireScope(node, vscode.l10n.t('New Category'));
  const name = await askName(answers, 'name', vscode.l10n.t('New Category (1/3): name'), vscode.l10n.t('1 to 26 letters, digits, _, : or - (it cannot be renamed later)'));
  if (name === undefined) return undefined;
  const description = await askText(answers, 'description', { title: vscode.l10n.t('New Category (2/3): description'), prompt: vscode.l10n.t('What its Things have in common (optional)'), optional: true });
  if (description === undefined) return undefined;
  const model = await askModel(deps, scope, answers, undefined, vscode.l10n.t('New Category (3/3): the model its Things follow'));
  if (model === undefined) return undefined;
  const categories = (await spaceApi(deps, scope)).categories();
  const created = await recorded(deps, { connectionId: scope.connectionId, action: vscode.l10n.t('Create Category'), target: name }, () => categories.create(body(name, description, model)));
  if (node) deps.services.refresh(node);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created the category "{0}".', messageText(name)));
  return created;
}

/** A category name, checked as the platform does before anything is sent. */
async function askName(answers: Answers, key: string, title: string, prompt: string): Promise<string | undefined> {
  const given = answers?.[key];
  if (typeof given === 'string') {
    if (!CATEGORY_NAME.test(given)) throw new ValidationError('name', vscode.l10n.t('A category name is 1 to 26 letters, digits, _, : or -.'));
    return given;
  }
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    validateInput: (v) => (CATEGORY_NAME.test(v.trim()) ? undefined : vscode.l10n.t('1 to 26 letters, digits, _, : or -')),
  });
  return text?.trim();
}

function categoryNodeRef(node: TreeNode | undefined, command: string) {
  const ref = refAs(node?.ref, 'altair-category');
  if (!ref) throw new ValidationError('node', vscode.l10n.t('Run "{0}" on an Altair category.', command));
  return ref;
}

/** Update Category…: its description and model (the name is fixed). */
export async function updateCategory(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<Category | undefined> {
  const ref = categoryNodeRef(node, vscode.l10n.t('Update Category'));
  const scope = { connectionId: ref.connectionId, space: ref.space };
  const res = (await spaceApi(deps, scope)).categories(ref.category);
  const current = await res.get();
  const description = await askText(answers, 'description', { title: vscode.l10n.t('Update Category "{0}": description', ref.category), prompt: vscode.l10n.t('What its Things have in common (optional)'), value: current.description ?? '', optional: true });
  if (description === undefined) return undefined;
  const model = await askModel(deps, scope, answers, current.model?.name, vscode.l10n.t('Update Category "{0}": the model its Things follow', ref.category));
  if (model === undefined) return undefined;
  const updated = await recorded(deps, { connectionId: ref.connectionId, action: vscode.l10n.t('Update Category'), target: ref.category, ref }, () => res.update(body(ref.category, description, model)));
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Updated the category "{0}".', messageText(ref.category)));
  return updated;
}

/** Delete Category…: after a modal naming it; its Things stay in the space. */
export async function deleteCategory(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<boolean> {
  const ref = categoryNodeRef(node, vscode.l10n.t('Delete Category'));
  const done = { connectionId: ref.connectionId, action: vscode.l10n.t('Delete Category'), target: ref.category };
  const ok = await confirmModal(
    answers,
    vscode.l10n.t('Delete the category "{0}"?', messageText(ref.category)),
    vscode.l10n.t('Its Things stay in the space without it; this cannot be undone.'),
    vscode.l10n.t('Delete'),
  );
  if (!ok) {
    recordCancelled(deps, done, vscode.l10n.t('Declined; nothing was deleted.'));
    return false;
  }
  const res = (await spaceApi(deps, ref)).categories(ref.category);
  await recorded(deps, done, () => res.delete());
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the category "{0}".', messageText(ref.category)));
  return true;
}
