/**
 * Send Request… on an Altair connection (SDK `API.make_request`): any method on a path of the
 * connection's own host, with its token; the answer opens as JSON with its status. Only paths are
 * taken, never a URL, so the token cannot be sent elsewhere. A request that may change data asks first
 * and goes once (never retried); GET and HEAD are reads and retry as every read does.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import { recordCancelled, recorded } from '../activity';
import type { Answers, MethodsDeps } from '../deps';
import { askPick, askText, confirmModal } from '../prompts';
import { readJsonSource } from './jsonSource';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
type Method = (typeof METHODS)[number];

export interface RequestAnswer {
  readonly status: number;
  readonly data: unknown;
}

/** A path on the connection's host: `/…`, no scheme, no `//host`. */
export function checkRequestPath(path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return vscode.l10n.t('A path on the connection\'s host, starting with / (a URL is not accepted: the token goes only to this host)');
  if (/\s/.test(path)) return vscode.l10n.t('No spaces: encode them as %20');
  return undefined;
}

function connectionOf(node: TreeNode | undefined): { connectionId: string; space?: string } | undefined {
  for (let n = node; n; n = n.parent) {
    if (n.ref?.kind === 'altair-space') return { connectionId: n.ref.connectionId, space: n.ref.space };
  }
  return node?.connectionId ? { connectionId: node.connectionId } : undefined;
}

/** Answers `{ method, path, body, confirm: false }` skip the questions; resolves with the status and the answer. */
export async function sendRequest(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<RequestAnswer | undefined> {
  const at = connectionOf(node);
  if (!at) throw new ValidationError('node', vscode.l10n.t('Run "Send Request" on an Altair connection or space.'));
  const session = await deps.services.sessions.altair(at.connectionId);
  const space = at.space ?? session.space;
  const method = await askPick<Method>(
    answers,
    'method',
    vscode.l10n.t('Send Request: method'),
    METHODS.map((m) => ({ label: m, value: m, detail: m === 'GET' || m === 'HEAD' ? vscode.l10n.t('Reads') : vscode.l10n.t('May change data: asks before sending, sent once') })),
    (v) => {
      if (typeof v === 'string' && (METHODS as readonly string[]).includes(v.toUpperCase())) return v.toUpperCase() as Method;
      throw new ValidationError('method', vscode.l10n.t('One of {0}', METHODS.join(', ')));
    },
  );
  if (!method) return undefined;
  const given = answers?.path;
  const refused = typeof given === 'string' ? checkRequestPath(given) : undefined;
  if (refused) throw new ValidationError('path', refused);
  const path = typeof given === 'string' ? given : await vscode.window.showInputBox({
    title: vscode.l10n.t('Send Request: {0} path', method),
    prompt: vscode.l10n.t('Path on {0}, with its query string', session.host),
    value: `/spaces/${encodeURIComponent(space)}/things?limit=10`,
    ignoreFocusOut: true,
    validateInput: checkRequestPath,
  });
  if (!path) return undefined;
  let json: unknown;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const text = answers?.body !== undefined ? answers.body : await askText(answers, 'bodyText', { title: vscode.l10n.t('Send Request: JSON body'), prompt: vscode.l10n.t('The JSON to send; leave empty to take the JSON editor in front or a file'), optional: true });
    if (text === undefined) return undefined;
    json = text === '' ? await readJsonSource(undefined, vscode.l10n.t('the request body')) : await readJsonSource(text, vscode.l10n.t('the request body'));
    if (json === undefined) return undefined;
  }
  const reads = method === 'GET' || method === 'HEAD';
  const done = { connectionId: at.connectionId, action: vscode.l10n.t('Send {0} request', method), target: path };
  if (!reads && !(await confirmModal(answers, vscode.l10n.t('Send {0} {1}?', method, path), vscode.l10n.t('It may change data on {0}; it is sent once and not repeated if it fails.', session.host), vscode.l10n.t('Send')))) {
    recordCancelled(deps, done, vscode.l10n.t('Declined; nothing was sent.'));
    return undefined;
  }
  const run = async (): Promise<RequestAnswer> => {
    const res = await session.api.makeRequest<unknown>({ method, path, ...(json !== undefined ? { json } : {}), responseType: method === 'HEAD' ? 'none' : 'text' });
    const text = typeof res.data === 'string' ? res.data : '';
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: shown as the text it is
    }
    return { status: res.status, data };
  };
  const answer = reads ? await run() : await recorded(deps, done, run, (r) => `HTTP ${r.status}`);
  await deps.json.open(`altair-request|${at.connectionId}|${method}|${path}|${Date.now()}`, `${method} ${path}`, async () => ({ status: answer.status, body: answer.data }));
  return answer;
}
