/**
 * "Find Credential…" on an organization or its Credentials folder: das `get_credential_query`, scoped
 * to the organization the node belongs to (`organization_id`), with any of name, id, client id, scope.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { ValidationError } from '../../platforms/http';
import type { Credential } from '../../platforms/iotticket/types';
import { iotTicketAssetApi, type Answers, type MethodsDeps } from '../deps';
import { askText, showJson } from '../prompts';
import { organizationIdOf } from './organizationScope';

const FIELDS = ['credentialName', 'credentialId', 'clientId', 'scope'] as const;
type Field = (typeof FIELDS)[number];

export async function findCredential(deps: MethodsDeps, node: TreeNode | undefined, answers: Answers): Promise<Credential | undefined> {
  const organizationId = organizationIdOf(node);
  if (!node?.connectionId || !organizationId) throw new ValidationError('node', vscode.l10n.t('Run "Find Credential" on an IoT-TICKET organization or its Credentials folder.'));
  const title = vscode.l10n.t('Find a credential of organization {0}', organizationId);
  const prompts: Record<Field, string> = {
    credentialName: vscode.l10n.t('Credential name (empty: any)'),
    credentialId: vscode.l10n.t('Credential id (empty: any)'),
    clientId: vscode.l10n.t('Client id (empty: any)'),
    scope: vscode.l10n.t('Scope (empty: any)'),
  };
  const query: Partial<Record<Field, string>> = {};
  for (const key of FIELDS) {
    const text = await askText(answers, key, { title, prompt: prompts[key], optional: true });
    if (text === undefined) return undefined;
    if (text !== '') query[key] = text;
  }
  if (Object.keys(query).length === 0) throw new ValidationError('credentialName', vscode.l10n.t('give at least one of name, id, client id or scope'));
  const core = await iotTicketAssetApi(deps, node.connectionId);
  const credential = await core.credentials.getCredentialQuery({ organizationId, ...query });
  await showJson(deps.json, `credentialQuery|${node.connectionId}|${organizationId}|${JSON.stringify(query)}`, credential.name ?? credential.id, credential);
  return credential;
}
