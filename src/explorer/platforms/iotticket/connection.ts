/**
 * IoT-TICKET connections: the wizard's questions (asset API, REST API v1 and device HTTP adapter URLs,
 * user, password; the tenant as an advanced field), the check and description of a profile, and the
 * connection test on every surface the session has.
 */
import * as vscode from 'vscode';
import type { ConnectionField, PlatformConnections } from '../../../connections/platform';
import type { ConnectionProfile } from '../../../connections/profile';
import type { Session } from '../../../connections/session';
import { checkUrl, originOf, required, secretPrompt, trimText, trimUrl } from '../fieldChecks';
import { createIotTicketSession, disposeIotTicketSession } from './session';

const fields: readonly ConnectionField[] = [
  {
    key: 'coreBaseUrl',
    title: () => vscode.l10n.t('Asset API base URL'),
    prompt: () => vscode.l10n.t('Asset API base URL (the API das.iot_client uses); leave empty if you only use the REST API v1'),
    placeholder: 'https://my.iot-ticket.com/core/v1',
    validate: checkUrl(true),
  },
  {
    key: 'v1BaseUrl',
    title: () => vscode.l10n.t('REST API v1 base URL'),
    prompt: () => vscode.l10n.t('REST API v1 base URL (enterprises, devices, datanodes); leave empty to skip'),
    placeholder: 'https://my.iot-ticket.com/api/v1',
    initial: (answers, editing) => (editing ? '' : `${originOf(answers.coreBaseUrl) ?? 'https://my.iot-ticket.com'}/api/v1`),
    validate: (v, answers) => (!v.trim() && !answers.coreBaseUrl ? vscode.l10n.t('Give at least one of the two base URLs') : checkUrl(true)(v)),
  },
  {
    key: 'adapterBaseUrl',
    title: () => vscode.l10n.t('Device HTTP adapter URL'),
    prompt: () => vscode.l10n.t('Device HTTP adapter URL (telemetry, time signal and device event writes); leave empty to skip'),
    placeholder: 'https://my.iot-ticket.com/http-adapter',
    initial: (answers, editing) => {
      const origin = originOf(answers.coreBaseUrl) ?? originOf(answers.v1BaseUrl);
      return editing || !origin ? '' : `${origin}/http-adapter`;
    },
    validate: checkUrl(true),
  },
  { key: 'username', title: () => vscode.l10n.t('User name'), prompt: () => vscode.l10n.t('User name'), validate: required },
  {
    key: 'secret',
    secret: true,
    title: () => vscode.l10n.t('Password'),
    prompt: (editing) => secretPrompt(vscode.l10n.t('Password'), editing),
    validate: (v, _answers, editing) => (editing ? undefined : required(v)),
  },
  {
    key: 'tenant',
    advanced: true,
    title: () => vscode.l10n.t('Tenant'),
    prompt: () => vscode.l10n.t('Tenant of device user names (deviceId@tenant); leave empty to use the device\'s or the organization\'s'),
    placeholder: 'acme',
  },
];

export const iotTicketConnections: PlatformConnections = {
  id: 'iotticket',
  label: 'IoT-TICKET',
  icon: 'server-environment',
  pick: {
    description: 'Wapice',
    detail: () => vscode.l10n.t('Asset API (das.iot_client), REST API v1, device HTTP adapter — user name and password'),
    labelPlaceholder: 'Acme production',
  },
  secret: {
    kind: 'password',
    name: () => vscode.l10n.t('password'),
    prompt: (profile) => vscode.l10n.t('Password of {0} (stored in secure storage)', profile.username ?? vscode.l10n.t('the user')),
  },
  fields,
  answersOf: (p) => ({ coreBaseUrl: p.coreBaseUrl, v1BaseUrl: p.v1BaseUrl, adapterBaseUrl: p.adapterBaseUrl, username: p.username, tenant: p.tenant }),
  toProfile: (a) => ({
    coreBaseUrl: trimUrl(a.coreBaseUrl),
    v1BaseUrl: trimUrl(a.v1BaseUrl),
    adapterBaseUrl: trimUrl(a.adapterBaseUrl),
    username: trimText(a.username),
    tenant: trimText(a.tenant),
  }),
  urls: (p) => [p.coreBaseUrl, p.v1BaseUrl, p.adapterBaseUrl].filter((u): u is string => !!u),
  validate: (p) => (!p.coreBaseUrl && !p.v1BaseUrl ? 'needs "coreBaseUrl" or "v1BaseUrl"' : undefined),
  describe: (p: ConnectionProfile) =>
    [
      p.coreBaseUrl && `asset API: ${p.coreBaseUrl}`,
      p.v1BaseUrl && `REST API v1: ${p.v1BaseUrl}`,
      p.adapterBaseUrl && `device HTTP adapter: ${p.adapterBaseUrl}`,
      p.username && `user: ${p.username}`,
      p.tenant && `tenant: ${p.tenant}`,
    ].filter((x): x is string => !!x),
  signsOut: false,
  createSession: (profile, env) => createIotTicketSession(profile, env),
  disposeSession: (session) => disposeIotTicketSession(session),
  async testSession(session: Session, signal?: AbortSignal): Promise<string[]> {
    const reached: string[] = [];
    if (session.platform !== 'iotticket') return reached;
    if (session.assetApi) {
      const orgs = await session.assetApi.organizations.getOrganizations({ signal });
      reached.push(vscode.l10n.t('asset API: {0} organization(s)', orgs.length));
    }
    if (session.v1) {
      await session.v1.ping(signal);
      reached.push(vscode.l10n.t('REST API v1: signed in'));
    }
    return reached;
  },
};
