/**
 * IoT-TICKET connections: the wizard's questions (asset API, REST API v1 and device HTTP adapter URLs,
 * user, password; the tenant as an advanced field), the check and description of a profile, and the
 * connection test on every surface the session has.
 */
import * as vscode from 'vscode';
import type { Answers, ConnectionField, PlatformConnections } from '../../../connections/platform';
import { secretLookingFields } from '../../../connections/profile';
import type { ConnectionProfile } from '../../../connections/profile';
import type { Session } from '../../../connections/session';
import { checkUrl, originOf, required, secretPrompt, trimText, trimUrl } from '../fieldChecks';

const python = (a: Answers): boolean => a.assetApi === 'python';

const fields: readonly ConnectionField[] = [
  {
    key: 'assetApi',
    title: () => vscode.l10n.t('Asset API backend'),
    prompt: () => vscode.l10n.t('How should the asset API (assets, series, events, commands) be reached?'),
    choices: () => [
      {
        label: vscode.l10n.t('Asset API: my Python das.iot_client (recommended)'),
        detail: vscode.l10n.t('Your own SDK, built as your scripts build it, in a Python process: speaks the real API'),
        value: 'python',
      },
      {
        label: vscode.l10n.t('Asset API: direct HTTP (inferred routes)'),
        detail: vscode.l10n.t('No Python needed; the routes are inferred and can be overridden per connection'),
        value: 'http',
      },
    ],
    initial: () => 'http',
  },
  {
    key: 'pythonFactory',
    when: python,
    title: () => vscode.l10n.t('Client factory'),
    prompt: () => vscode.l10n.t('What builds your client, as module:callable; leave empty for das.iot_client:IoTClient (IoTClient())'),
    placeholder: 'das.iot_client:IoTClient',
    validate: (v) => (!v.trim() || /^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$/.test(v.trim()) ? undefined : vscode.l10n.t('Write it as module:callable, e.g. my_project.iot:make_client')),
  },
  {
    key: 'pythonFactoryKwargs',
    when: python,
    title: () => vscode.l10n.t('Factory arguments'),
    prompt: () => vscode.l10n.t('Non-secret keyword arguments of the factory as a JSON object; leave empty for none (the password is never typed here)'),
    placeholder: '{ "organization_id": "E1001" }',
    validate: checkKwargs,
  },
  {
    key: 'coreBaseUrl',
    when: (a) => !python(a),
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
    validate: (v, answers) =>
      !v.trim() && !answers.coreBaseUrl && !python(answers) ? vscode.l10n.t('Give at least one of the two base URLs') : checkUrl(true)(v),
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
  {
    key: 'username',
    title: () => vscode.l10n.t('User name'),
    prompt: () => vscode.l10n.t('User name'),
    // A Python-only connection may leave it to das' own configuration.
    validate: (v, answers) => (python(answers) && !answers.v1BaseUrl ? undefined : required(v)),
  },
  {
    key: 'secret',
    secret: true,
    title: () => vscode.l10n.t('Password'),
    prompt: (editing) => secretPrompt(vscode.l10n.t('Password'), editing),
    validate: (v, answers, editing) => (editing || (python(answers) && !answers.v1BaseUrl) ? undefined : required(v)),
  },
  {
    key: 'pythonSecretKwarg',
    advanced: true,
    when: python,
    title: () => vscode.l10n.t('Factory argument for the password'),
    prompt: () => vscode.l10n.t('The factory\'s keyword argument that receives the stored password (sent over stdin only); leave empty for none'),
    placeholder: 'password',
    validate: (v) => (!v.trim() || /^[A-Za-z_]\w*$/.test(v.trim()) ? undefined : vscode.l10n.t('A Python identifier')),
  },
  {
    key: 'tenant',
    advanced: true,
    title: () => vscode.l10n.t('Tenant'),
    prompt: () => vscode.l10n.t('Tenant of device user names (deviceId@tenant); leave empty to use the device\'s or the organization\'s'),
    placeholder: 'acme',
  },
];

/** The factory's keyword arguments: a JSON object with nothing that looks secret (secrets go over stdin, from SecretStorage). */
function checkKwargs(value: string): string | undefined {
  if (!value.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return vscode.l10n.t('Not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return vscode.l10n.t('A JSON object of keyword arguments');
  const secret = secretLookingFields(parsed);
  return secret.length ? vscode.l10n.t('{0} looks secret: secrets are never kept in settings', secret.join(', ')) : undefined;
}

function kwargsOf(value: string | undefined): Record<string, unknown> | undefined {
  if (!value?.trim()) return undefined;
  const parsed = JSON.parse(value) as Record<string, unknown>;
  return Object.keys(parsed).length ? parsed : undefined;
}

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
  answersOf: (p) => ({
    assetApi: p.assetApi ?? 'http',
    pythonFactory: p.pythonFactory,
    pythonFactoryKwargs: p.pythonFactoryKwargs ? JSON.stringify(p.pythonFactoryKwargs) : undefined,
    pythonSecretKwarg: p.pythonSecretKwarg,
    coreBaseUrl: p.coreBaseUrl, v1BaseUrl: p.v1BaseUrl, adapterBaseUrl: p.adapterBaseUrl, username: p.username, tenant: p.tenant }),
  toProfile: (a) => ({
    assetApi: python(a) ? 'python' : undefined,
    pythonFactory: python(a) ? trimText(a.pythonFactory) : undefined,
    pythonFactoryKwargs: python(a) ? kwargsOf(a.pythonFactoryKwargs) : undefined,
    pythonSecretKwarg: python(a) ? trimText(a.pythonSecretKwarg) : undefined,
    coreBaseUrl: python(a) ? undefined : trimUrl(a.coreBaseUrl),
    v1BaseUrl: trimUrl(a.v1BaseUrl),
    adapterBaseUrl: trimUrl(a.adapterBaseUrl),
    username: trimText(a.username),
    tenant: trimText(a.tenant),
  }),
  urls: (p) => [p.coreBaseUrl, p.v1BaseUrl, p.adapterBaseUrl].filter((u): u is string => !!u),
  validate: (p) => (!p.coreBaseUrl && !p.v1BaseUrl && p.assetApi !== 'python' ? 'needs "coreBaseUrl", "v1BaseUrl" or "assetApi": "python"' : undefined),
  describe: (p: ConnectionProfile) =>
    [
      p.assetApi === 'python' && `asset API: das.iot_client (${p.pythonFactory ?? 'das.iot_client:IoTClient'}) in Python`,
      p.coreBaseUrl && p.assetApi !== 'python' && `asset API: ${p.coreBaseUrl}`,
      p.v1BaseUrl && `REST API v1: ${p.v1BaseUrl}`,
      p.adapterBaseUrl && `device HTTP adapter: ${p.adapterBaseUrl}`,
      p.username && `user: ${p.username}`,
      p.tenant && `tenant: ${p.tenant}`,
    ].filter((x): x is string => !!x),
  signsOut: false,
  // The session (and the clients, the Python bridge) loads with the first connection used, not at activation.
  createSession: async (profile, env) => (await import('./session')).createIotTicketSession(profile, env),
  disposeSession: async (session) => (await import('./session')).disposeIotTicketSession(session),
  async testSession(session: Session, signal?: AbortSignal): Promise<string[]> {
    const reached: string[] = [];
    if (session.platform !== 'iotticket') return reached;
    const { PythonAssetApi } = await import('../../../platforms/iotticket/python');
    if (session.assetApi instanceof PythonAssetApi) {
      const d = await session.assetApi.describe(signal);
      const org = d.organization ? `${d.organization.name} (${d.organization.id})` : (d.organizationError ?? vscode.l10n.t('none'));
      reached.push(
        vscode.l10n.t('asset API: {0} {1} in Python {2} ({3}), organization {4}', d.factory, d.sdkVersion ?? vscode.l10n.t('(version unknown)'), d.pythonVersion, d.interpreter, org),
      );
    } else if (session.assetApi) {
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
