/**
 * One Altair action request or recorded event from the tree (issue 16 §1): show it as the platform holds it
 * (`Actions1.get`, `Events1.get`), complete an action request (`Actions1.update` with status completed),
 * delete either after a confirmation naming it (`Actions1.delete`, `Events1.delete`); and read one property
 * on its own (`Properties1.get`). Never retried: deletes and updates go once.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import { refAs } from '../../shared/refs';
import { messageText } from '../../shared/escape/message';
import type { Answers, MethodsDeps } from '../deps';
import { confirmModal, showJson } from '../prompts';
import { thingOf } from './scope';

function recordOf(node: TreeNode | undefined) {
  const ref = refAs(node?.ref, 'altair-action-request', 'altair-event-record');
  if (!ref) throw new ValidationError('node', vscode.l10n.t('Run this on an action request or a recorded event of an Altair Thing.'));
  return ref;
}

/** Reads the request or event from the platform and opens it as JSON; resolves with what it read. */
export async function showRecord(deps: MethodsDeps, node: TreeNode | undefined): Promise<unknown> {
  const ref = recordOf(node);
  const thing = await thingOf(deps, ref, ref.thingId);
  const value = ref.kind === 'altair-action-request' ? await thing.actions(ref.action, ref.requestId).get() : await thing.events(ref.event, ref.eventId).get();
  const name = ref.kind === 'altair-action-request' ? `${ref.action} ${ref.requestId}` : `${ref.event} ${ref.eventId}`;
  await showJson(deps.json, `altair-record|${ref.connectionId}|${ref.thingId}|${name}`, name, value);
  return value;
}

/** Sets an action request's status to completed (with an optional `output` answer). */
export async function completeActionRequest(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<unknown> {
  const ref = refAs(node?.ref, 'altair-action-request');
  if (!ref) throw new ValidationError('node', vscode.l10n.t('Run "Complete Action Request" on an action request.'));
  const thing = await thingOf(deps, ref, ref.thingId);
  const updated = await thing.actions(ref.action, ref.requestId).update({ status: 'completed', ...(answers?.output !== undefined ? { output: answers.output } : {}) });
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Completed the request {0} of "{1}".', ref.requestId, messageText(ref.action)));
  return updated;
}

/** Deletes the request or event after a modal confirmation (`{ confirm: false }` skips it); resolves true when deleted. */
export async function deleteRecord(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<boolean> {
  const ref = recordOf(node);
  const what = ref.kind === 'altair-action-request'
    ? vscode.l10n.t('the request {0} of action "{1}"', ref.requestId, messageText(ref.action))
    : vscode.l10n.t('the event {0} of "{1}"', ref.eventId, messageText(ref.event));
  if (!(await confirmModal(answers, vscode.l10n.t('Delete {0}?', what), vscode.l10n.t('The platform removes it; this cannot be undone.'), vscode.l10n.t('Delete')))) return false;
  const thing = await thingOf(deps, ref, ref.thingId);
  if (ref.kind === 'altair-action-request') await thing.actions(ref.action, ref.requestId).delete();
  else await thing.events(ref.event, ref.eventId).delete();
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0}.', what));
  return true;
}

/** Reads one property on its own and says its value; refreshes the Thing's properties. */
export async function readProperty(deps: MethodsDeps, node: TreeNode | undefined): Promise<unknown> {
  const ref = refAs(node?.ref, 'altair-property');
  if (!ref) throw new ValidationError('node', vscode.l10n.t('Run "Read Property" on a property of an Altair Thing.'));
  const thing = await thingOf(deps, ref, ref.thingId);
  const value = await thing.properties(ref.property).value();
  if (node?.parent) deps.services.refresh(node.parent);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} = {1}', messageText(ref.property), messageText(JSON.stringify(value) ?? 'undefined')));
  return value;
}

/** Every recorded event of a Thing, newest pages first as the platform lists them (`Events3.get`), as JSON. */
export async function showThingEvents(deps: MethodsDeps, node: TreeNode | undefined): Promise<unknown[]> {
  let ref: { connectionId: string; space: string; thingId: string } | undefined;
  for (let n = node; !ref && n; n = n.parent) ref = refAs(n.ref, 'altair-thing');
  if (!ref) throw new ValidationError('node', vscode.l10n.t('Run "Show All Events" on an Altair Thing or its Events.'));
  const thing = await thingOf(deps, ref, ref.thingId);
  const events: unknown[] = [];
  for await (const e of thing.events().paginate({ limit: 100 })) if (events.push(e) >= 1000) break;
  await showJson(deps.json, `altair-events|${ref.connectionId}|${ref.thingId}`, `${node?.label ?? ref.thingId} · events`, events);
  return events;
}
