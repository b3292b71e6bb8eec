/**
 * Altair IoT Studio connections: the wizard's questions (host, space, client id, client secret, scopes;
 * the token settings as advanced fields), the check and description of a profile, and the connection test.
 */
import * as vscode from 'vscode';
import type { ConnectionField, PlatformConnections } from '../../../connections/platform';
import { defaultAltairScopes, type ConnectionProfile } from '../../../connections/profile';
import type { Session } from '../../../connections/session';
import { DEFAULT_ALTAIR_HOST } from '../../../platforms/altair/api';
import { required, secretPrompt, trimText, trimUrl } from '../fieldChecks';
import { createAltairSession, disposeAltairSession } from './session';

const fields: readonly ConnectionField[] = [
  {
    key: 'host',
    title: () => vscode.l10n.t('API host'),
    prompt: () => vscode.l10n.t('API host'),
    initial: () => DEFAULT_ALTAIR_HOST,
    validate: (v) => (v.trim() && !/^https?:\/\//i.test(v.trim()) && /[/:]/.test(v) ? vscode.l10n.t('A host name or an http(s) URL') : required(v)),
  },
  { key: 'space', title: () => vscode.l10n.t('Space'), prompt: () => vscode.l10n.t('Space'), validate: required },
  {
    key: 'clientId',
    title: () => vscode.l10n.t('Client id'),
    prompt: () => vscode.l10n.t('Client id of the App (OAuth2 client credentials)'),
    validate: required,
  },
  {
    key: 'secret',
    secret: true,
    title: () => vscode.l10n.t('Client secret'),
    prompt: (editing) => secretPrompt(vscode.l10n.t('Client secret'), editing),
    validate: (v, _answers, editing) => (editing ? undefined : required(v)),
  },
  {
    key: 'scopes',
    title: () => vscode.l10n.t('Scopes'),
    prompt: () => vscode.l10n.t('Scopes, separated by spaces (read-only use needs thing.read category.read model.read)'),
    initial: () => defaultAltairScopes.join(' '),
    validate: required,
  },
];

/** The host a profile talks to (a bare host name gets https://, as the client does). */
function hostUrl(p: ConnectionProfile): string {
  const host = p.host ?? DEFAULT_ALTAIR_HOST;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`;
}

export const altairConnections: PlatformConnections = {
  id: 'altair',
  label: 'Altair IoT Studio',
  icon: 'cloud',
  pick: {
    description: 'AnythingDB',
    detail: () => vscode.l10n.t('OAuth2 client credentials of an App — client id and secret'),
    labelPlaceholder: 'Building sensors',
  },
  secret: {
    kind: 'clientSecret',
    name: () => vscode.l10n.t('client secret'),
    prompt: (profile) => vscode.l10n.t('Client secret of {0} (stored in secure storage)', profile.clientId ?? vscode.l10n.t('the App')),
  },
  fields,
  answersOf: (p) => ({ host: p.host, space: p.space, clientId: p.clientId, scopes: p.scopes?.join(' ') }),
  toProfile: (a) => ({
    host: trimUrl(a.host),
    space: trimText(a.space),
    clientId: trimText(a.clientId),
    scopes: (a.scopes ?? '').split(/[\s,]+/).filter(Boolean),
  }),
  urls: (p) => [hostUrl(p)],
  validate: (p) => (!p.space || !p.clientId ? 'needs "space" and "clientId"' : undefined),
  describe: (p) => [`host: ${p.host ?? DEFAULT_ALTAIR_HOST}`, p.space && `space: ${p.space}`, p.clientId && `client: ${p.clientId}`].filter((x): x is string => !!x),
  signsOut: true,
  createSession: (profile, env) => createAltairSession(profile, env),
  disposeSession: (session) => disposeAltairSession(session),
  async testSession(session: Session, signal?: AbortSignal): Promise<string[]> {
    if (session.platform !== 'altair') return [];
    const reached: string[] = [];
    await session.strategy.getToken(signal);
    reached.push(vscode.l10n.t('token granted ({0})', session.strategy.grantedScope ?? session.strategy.scopes.join(' ')));
    const page = await session.api.spaces(session.space).things().get({ limit: 1, signal });
    reached.push(vscode.l10n.t('space "{0}": things readable ({1} on the first page)', session.space, page.items.length));
    return reached;
  },
};
