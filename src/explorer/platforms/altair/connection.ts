/**
 * Altair IoT Studio connections: the wizard's questions (host, space, client id, client secret, scopes;
 * the token settings as advanced fields), the check and description of a profile, and the connection test.
 */
import * as vscode from 'vscode';
import type { Answers, ConnectionField, PlatformConnections } from '../../../connections/platform';
import { defaultAltairScopes, type ConnectionProfile } from '../../../connections/profile';
import type { Session } from '../../../connections/session';
import { DEFAULT_ALTAIR_HOST } from '../../../platforms/altair/defaults';
import { checkNumber, numberOf, required, secretPrompt, trimText, trimUrl } from '../fieldChecks';

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
    key: 'authMethod',
    title: () => vscode.l10n.t('Sign in with'),
    prompt: () => vscode.l10n.t('How this connection signs in'),
    choices: () => [
      { label: vscode.l10n.t('Client credentials of an App'), detail: vscode.l10n.t('OAuth2 client id and secret; tokens are fetched and renewed for you'), value: 'clientCredentials' },
      { label: vscode.l10n.t('An access token'), detail: vscode.l10n.t('A token you already have (SDK AccessToken); when it expires, set a new one with Set Credential Securely'), value: 'accessToken' },
    ],
    initial: () => 'clientCredentials',
  },
  {
    key: 'clientId',
    title: () => vscode.l10n.t('Client id'),
    prompt: () => vscode.l10n.t('Client id of the App (OAuth2 client credentials)'),
    when: usesClientCredentials,
    validate: required,
  },
  {
    key: 'secret',
    secret: true,
    title: (a) => (a && !usesClientCredentials(a) ? vscode.l10n.t('Access token') : vscode.l10n.t('Client secret')),
    prompt: (editing, a) => secretPrompt(a && !usesClientCredentials(a) ? vscode.l10n.t('Access token') : vscode.l10n.t('Client secret'), editing),
    validate: (v, _answers, editing) => (editing ? undefined : required(v)),
  },
  {
    key: 'scopes',
    title: () => vscode.l10n.t('Scopes'),
    prompt: () => vscode.l10n.t('Scopes, separated by spaces (read-only use needs thing.read category.read model.read)'),
    initial: () => defaultAltairScopes.join(' '),
    when: usesClientCredentials,
    validate: required,
  },
  // Token settings (issue 16 §6): advanced, listed by Edit Connection; the defaults are the SDK's.
  {
    key: 'tokenUrl',
    advanced: true,
    title: () => vscode.l10n.t('Token URL'),
    prompt: () => vscode.l10n.t('OAuth2 token endpoint, relative to the host or absolute; leave empty for /oauth2/token'),
    placeholder: '/oauth2/token',
    validate: checkEndpoint,
  },
  {
    key: 'revokeUrl',
    advanced: true,
    title: () => vscode.l10n.t('Revoke URL'),
    prompt: () => vscode.l10n.t('OAuth2 revocation endpoint, relative to the host or absolute; leave empty for /oauth2/revoke'),
    placeholder: '/oauth2/revoke',
    validate: checkEndpoint,
  },
  {
    key: 'revokeToken',
    advanced: true,
    title: () => vscode.l10n.t('Token revocation'),
    prompt: () => vscode.l10n.t('When a session ends (connection changed or removed, window closed), revoke its token?'),
    choices: () => [
      { label: vscode.l10n.t('Off'), detail: vscode.l10n.t('The token expires by itself, as in the SDK (Sign Out still revokes)'), value: 'off' },
      { label: vscode.l10n.t('On'), detail: vscode.l10n.t('Revoke the token at the revoke URL whenever a session ends'), value: 'on' },
    ],
  },
  {
    key: 'refreshThresholdSec',
    advanced: true,
    title: () => vscode.l10n.t('Token refresh threshold'),
    prompt: () => vscode.l10n.t('Seconds before expiry at which the token is renewed; leave empty for 10'),
    placeholder: '10',
    validate: checkNumber(0, 86400),
  },
  {
    key: 'requestTimeoutSec',
    advanced: true,
    title: () => vscode.l10n.t('Request timeout'),
    prompt: () => vscode.l10n.t('Seconds each request may take, token requests included; leave empty for 30'),
    placeholder: '30',
    validate: checkNumber(1, 3600),
  },
];

function usesClientCredentials(answers: Answers): boolean {
  return answers.authMethod !== 'accessToken';
}

/** A token or revoke endpoint: a path on the host or an http(s) URL. */
function checkEndpoint(value: string): string | undefined {
  const v = value.trim();
  if (!v || v.startsWith('/')) return undefined;
  return /^https?:\/\/[^/]/i.test(v) ? undefined : vscode.l10n.t('A path such as /oauth2/token, or an http(s) URL');
}

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
    prompt: (profile) =>
      profile.authMethod === 'accessToken'
        ? vscode.l10n.t('Access token for {0} (stored in secure storage)', profile.space ?? profile.label)
        : vscode.l10n.t('Client secret of {0} (stored in secure storage)', profile.clientId ?? vscode.l10n.t('the App')),
  },
  fields,
  answersOf: (p) => ({
    host: p.host,
    space: p.space,
    authMethod: p.authMethod ?? 'clientCredentials',
    clientId: p.clientId,
    scopes: p.scopes?.join(' '),
    tokenUrl: p.tokenUrl,
    revokeUrl: p.revokeUrl,
    revokeToken: p.revokeToken ? 'on' : 'off',
    refreshThresholdSec: p.refreshThresholdSec?.toString(),
    requestTimeoutSec: p.requestTimeoutSec?.toString(),
  }),
  toProfile: (a) => ({
    host: trimUrl(a.host),
    space: trimText(a.space),
    authMethod: a.authMethod === 'accessToken' ? 'accessToken' : undefined,
    clientId: usesClientCredentials(a) ? trimText(a.clientId) : undefined,
    scopes: usesClientCredentials(a) ? (a.scopes ?? '').split(/[\s,]+/).filter(Boolean) : undefined,
    tokenUrl: trimText(a.tokenUrl),
    revokeUrl: trimText(a.revokeUrl),
    revokeToken: a.revokeToken === 'on' ? true : undefined,
    refreshThresholdSec: numberOf(a.refreshThresholdSec),
    requestTimeoutSec: numberOf(a.requestTimeoutSec),
  }),
  urls: (p) => [hostUrl(p)],
  validate: (p) => (!p.space ? 'needs "space"' : p.authMethod !== 'accessToken' && !p.clientId ? 'needs "clientId" (or "authMethod": "accessToken")' : undefined),
  describe: (p) =>
    [`host: ${p.host ?? DEFAULT_ALTAIR_HOST}`, p.space && `space: ${p.space}`, p.authMethod === 'accessToken' ? 'signs in with an access token' : p.clientId && `client: ${p.clientId}`].filter((x): x is string => !!x),
  signsOut: true,
  pushesValues: (p) => p.mqttUrl !== undefined || p.demo === true,
  // The session (and the API client) loads with the first connection used, not at activation.
  createSession: async (profile, env) => (await import('./session')).createAltairSession(profile, env),
  disposeSession: async (session) => (await import('./session')).disposeAltairSession(session),
  signOut: async (session) => (await import('./session')).signOutAltairSession(session),
  async testSession(session: Session, signal?: AbortSignal): Promise<string[]> {
    if (session.platform !== 'altair') return [];
    const reached: string[] = [];
    // The session fetched its token when it started (as with_security); this only reads it. A set access token is only checked by the read below.
    if (session.strategy) {
      await session.strategy.getToken(signal);
      reached.push(vscode.l10n.t('token granted ({0})', session.strategy.grantedScope ?? session.strategy.scopes.join(' ')));
    }
    const page = await session.api.spaces(session.space).things().get({ limit: 1, signal });
    reached.push(vscode.l10n.t('space "{0}": things readable ({1} on the first page)', session.space, page.items.length));
    return reached;
  },
};
