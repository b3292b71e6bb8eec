/**
 * Bulk JSON-Patch and bulk delete of Altair Things (issue 16 §1; SDK `Things2.patch`, `Things2.delete`):
 * the user types a filter, sees how many Things match (and the first of them) before anything changes,
 * and confirms in a modal. Patches go by uid through the space's bulk endpoint (the category path has
 * none), 100 Things a request, each request once; the report names every Thing that failed. Deletes send
 * the filter itself, and report what the platform deleted.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import type { JsonPatchOperation, ThingDeleteFilter, ThingsPatchItem } from '../../platforms/altair';
import { checkPatch } from '../../platforms/altair/things';
import { ValidationError } from '../../platforms/http';
import { messageText } from '../../shared/escape/message';
import { recordCancelled, recorded } from '../activity';
import type { Answers, MethodsDeps } from '../deps';
import { confirmModal, problemOf } from '../prompts';
import { requireScope, spaceApi, thingsOf, type AltairScope } from './scope';
import { parseThingFilterText } from './thingFilterText';

/** Things a bulk request carries. */
export const PATCH_BATCH = 100;

interface Match {
  readonly uid: string;
  readonly title: string;
}

export interface BulkPatchReport {
  readonly matched: number;
  readonly patched: number;
  /** uid → the platform's status and message. */
  readonly failed: readonly { readonly uid: string; readonly status?: number; readonly message: string }[];
}

async function askFilter(answers: Answers, scope: AltairScope, title: string): Promise<ThingDeleteFilter | undefined> {
  const given = answers?.filter;
  if (typeof given === 'string') return parseThingFilterText(given, scope.category !== undefined);
  if (given && typeof given === 'object') return given as ThingDeleteFilter;
  const text = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Which Things? Terms separated by spaces: {0}', scope.category === undefined ? 'category:Pumps type:Sensor uid:… temperature=gt:20' : 'type:Sensor uid:… temperature=gt:20'),
    placeHolder: scope.category === undefined ? 'category:Pumps temperature=gt:20' : 'temperature=gt:20',
    ignoreFocusOut: true,
    validateInput: problemOf((v) => parseThingFilterText(v, scope.category !== undefined)),
  });
  return text === undefined ? undefined : parseThingFilterText(text, scope.category !== undefined);
}

/** Every Thing the filter matches in the scope, read page by page with a cancellable progress. */
async function matching(deps: MethodsDeps, scope: AltairScope, filter: ThingDeleteFilter): Promise<Match[] | undefined> {
  const things = await thingsOf(deps, scope);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding the matching Things…'), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    const out: Match[] = [];
    try {
      for await (const t of things.paginate({ ...(filter as object), limit: 100, signal: abort.signal } as never)) {
        const thing = t as { uid: string; title?: string };
        out.push({ uid: thing.uid, title: thing.title ?? thing.uid });
        if (out.length % 500 === 0) progress.report({ message: vscode.l10n.t('{0} so far', out.length) });
      }
    } catch (err) {
      if (token.isCancellationRequested) return undefined;
      throw err;
    } finally {
      sub.dispose();
    }
    return out;
  });
}

function listed(matches: readonly Match[]): string {
  const shown = matches.slice(0, 5).map((m) => `• ${messageText(m.title, 80)} (${m.uid})`);
  return [...shown, ...(matches.length > 5 ? [vscode.l10n.t('… and {0} more', matches.length - 5)] : [])].join('\n');
}

/** A non-empty JSON-Patch, checked as the client checks every patch it sends. */
function checkOps(value: unknown): JsonPatchOperation[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError('patch', vscode.l10n.t('A JSON-Patch is a non-empty array of operations, e.g. [{"op":"replace","path":"/description","value":"…"}].'));
  checkPatch(value as JsonPatchOperation[], 'patch');
  return value as JsonPatchOperation[];
}

async function askOps(answers: Answers): Promise<JsonPatchOperation[] | undefined> {
  const given = answers?.patch;
  if (given !== undefined) return checkOps(typeof given === 'string' ? JSON.parse(given) : given);
  const parse = (v: string): JsonPatchOperation[] => checkOps(JSON.parse(v));
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Patch Things: the JSON-Patch applied to each'),
    prompt: vscode.l10n.t('An RFC 6902 JSON-Patch, applied to each matching Thing on its own'),
    value: '[{"op": "replace", "path": "/description", "value": ""}]',
    ignoreFocusOut: true,
    validateInput: problemOf(parse),
  });
  return text === undefined ? undefined : parse(text);
}

/** Patch Things…: answers `{ filter, patch, confirm: false }` skip the questions. */
export async function patchThings(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<BulkPatchReport | undefined> {
  const scope = requireScope(node, vscode.l10n.t('Patch Things'));
  const filter = await askFilter(answers, scope, vscode.l10n.t('Patch Things: which ones'));
  if (!filter) return undefined;
  const matches = await matching(deps, scope, filter);
  if (!matches) return undefined;
  if (matches.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Thing matches that filter; nothing was patched.'));
    return { matched: 0, patched: 0, failed: [] };
  }
  const ops = await askOps(answers);
  if (!ops) return undefined;
  const requests = Math.ceil(matches.length / PATCH_BATCH);
  const done = { connectionId: scope.connectionId, action: vscode.l10n.t('Patch Things'), target: vscode.l10n.t('{0} Things', matches.length) };
  const ok = await confirmModal(
    answers,
    vscode.l10n.t('Patch {0} Things?', matches.length),
    [
      listed(matches),
      '',
      ops.map((o) => `${o.op} ${o.path}`).join(', '),
      requests > 1 ? vscode.l10n.t('Sent as {0} requests of up to {1} Things; each Thing is patched on its own, so some may fail while others succeed.', requests, PATCH_BATCH) : vscode.l10n.t('Each Thing is patched on its own: some may fail while others succeed.'),
    ].join('\n'),
    vscode.l10n.t('Patch'),
  );
  if (!ok) {
    recordCancelled(deps, done, vscode.l10n.t('Declined; nothing was patched.'));
    return undefined;
  }
  const things = (await spaceApi(deps, scope)).things();
  const report = await recorded(
    deps,
    done,
    async (): Promise<BulkPatchReport> => {
      const failed: { uid: string; status?: number; message: string }[] = [];
      for (let i = 0; i < matches.length; i += PATCH_BATCH) {
        const batch = matches.slice(i, i + PATCH_BATCH);
        const items: ThingsPatchItem[] = batch.map((m) => ({ id: m.uid, patch: ops }));
        const result = await things.patch(items);
        for (const index of result.has_errors ?? []) {
          const r = result.results?.[index];
          const body = r?.response as { error?: { message?: string }; message?: string } | undefined;
          failed.push({ uid: batch[index]?.uid ?? '?', status: r?.status, message: body?.error?.message ?? body?.message ?? JSON.stringify(r?.response ?? null) });
        }
      }
      return { matched: matches.length, patched: matches.length - failed.length, failed };
    },
    (r) => [vscode.l10n.t('{0} of {1} patched', r.patched, r.matched), ...r.failed.slice(0, 20).map((f) => `${f.uid}: ${f.status ?? ''} ${f.message}`)].join('\n'),
    (r) => r.failed.length > 0,
  );
  if (node) deps.services.refresh(node);
  const message = report.failed.length
    ? vscode.l10n.t('Patched {0} of {1} Things; {2} failed (see the Activity view): {3}', report.patched, report.matched, report.failed.length, messageText(report.failed[0]!.message, 200))
    : vscode.l10n.t('Patched {0} Things.', report.patched);
  void (report.failed.length ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
  return report;
}

/** Delete Things…: answers `{ filter, confirm: false }` skip the questions; resolves with the deleted uids. */
export async function deleteThings(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<string[] | undefined> {
  const scope = requireScope(node, vscode.l10n.t('Delete Things'));
  const filter = await askFilter(answers, scope, vscode.l10n.t('Delete Things: which ones'));
  if (!filter) return undefined;
  const matches = await matching(deps, scope, filter);
  if (!matches) return undefined;
  if (matches.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Thing matches that filter; nothing was deleted.'));
    return [];
  }
  const done = { connectionId: scope.connectionId, action: vscode.l10n.t('Delete Things'), target: vscode.l10n.t('{0} Things', matches.length) };
  const ok = await confirmModal(
    answers,
    vscode.l10n.t('Delete {0} Things with their history?', matches.length),
    `${listed(matches)}\n\n${vscode.l10n.t('The platform deletes every Thing the filter matches when it receives the request; this cannot be undone.')}`,
    vscode.l10n.t('Delete {0} Things', matches.length),
  );
  if (!ok) {
    recordCancelled(deps, done, vscode.l10n.t('Declined; nothing was deleted.'));
    return undefined;
  }
  const things = await thingsOf(deps, scope);
  const deleted = await recorded(deps, done, () => things.delete(filter as never), (uids) => vscode.l10n.t('{0} deleted: {1}', uids.length, uids.slice(0, 20).join(', ')));
  if (node) deps.services.refresh(node);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0} Things.', deleted.length));
  return deleted;
}
