/**
 * Add and edit a connection with a multi-step quick input. Non-secret answers go to the profile in
 * settings, the password or client secret straight to SecretStorage. Editing keeps the stored secret
 * when the secret step is left empty.
 */
import * as vscode from 'vscode';
import { MultiStepInput, type Step } from './multiStepInput';
import { defaultAltairScopes, newProfileId, primarySecret, type ConnectionProfile, type Platform } from './profile';

export interface WizardResult {
  readonly profile: ConnectionProfile;
  /** Undefined when editing and the user kept the stored secret. */
  readonly secret?: string;
}

interface State {
  platform?: Platform;
  label?: string;
  coreBaseUrl?: string;
  v1BaseUrl?: string;
  adapterBaseUrl?: string;
  username?: string;
  host?: string;
  space?: string;
  clientId?: string;
  scopes?: string;
  secret?: string;
  options?: string[];
}

const urlCheck = (optional: boolean) => (value: string): string | undefined => {
  if (!value.trim()) return optional ? undefined : vscode.l10n.t('Required');
  try {
    const u = new URL(value.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : vscode.l10n.t('Use an http or https URL');
  } catch {
    return vscode.l10n.t('Not a valid URL');
  }
};
const required = (value: string): string | undefined => (value.trim() ? undefined : vscode.l10n.t('Required'));

/** Runs the wizard; resolves undefined when cancelled. `existing` switches to edit mode. */
export async function connectionWizard(existingIds: readonly string[], existing?: ConnectionProfile): Promise<WizardResult | undefined> {
  const state: State = existing
    ? {
        ...existing,
        scopes: existing.scopes?.join(' '),
        options: [...(existing.production ? ['production'] : []), ...(existing.tlsVerify === false ? ['noTls'] : [])],
      }
    : {};
  const title = existing ? vscode.l10n.t('Edit Connection') : vscode.l10n.t('Add Connection');
  const editing = existing !== undefined;

  const pickPlatform: Step = async (input) => {
    const items: (vscode.QuickPickItem & { platform: Platform })[] = [
      { label: 'IoT-TICKET', description: 'Wapice', detail: vscode.l10n.t('Asset API (das.iot_client), REST API v1, device HTTP adapter — user name and password'), platform: 'iotticket' },
      { label: 'Altair IoT Studio', description: 'AnythingDB', detail: vscode.l10n.t('OAuth2 client credentials of an App — client id and secret'), platform: 'altair' },
    ];
    const [picked] = await input.showQuickPick({ title, step: 1, totalSteps: 7, items, placeholder: vscode.l10n.t('Which platform?') });
    state.platform = picked.platform;
    return askLabel;
  };

  const askLabel: Step = async (input) => {
    state.label = await input.showInputBox({
      title,
      step: 2,
      totalSteps: 7,
      value: state.label ?? '',
      prompt: vscode.l10n.t('Name shown in the tree'),
      placeholder: state.platform === 'iotticket' ? 'Acme production' : 'Building sensors',
      validate: required,
    });
    return state.platform === 'iotticket' ? askAssetApiUrl : askHost;
  };

  // IoT-TICKET
  const askAssetApiUrl: Step = async (input) => {
    state.coreBaseUrl = await input.showInputBox({
      title,
      step: 3,
      totalSteps: 7,
      value: state.coreBaseUrl ?? '',
      prompt: vscode.l10n.t('Asset API base URL (the API das.iot_client uses); leave empty if you only use the REST API v1'),
      placeholder: 'https://my.iot-ticket.com/core/v1',
      validate: urlCheck(true),
    });
    return askV1Url;
  };
  const askV1Url: Step = async (input) => {
    const guess = state.coreBaseUrl ? `${new URL(state.coreBaseUrl).origin}/api/v1` : 'https://my.iot-ticket.com/api/v1';
    state.v1BaseUrl = await input.showInputBox({
      title,
      step: 4,
      totalSteps: 7,
      value: state.v1BaseUrl ?? (editing ? '' : guess),
      prompt: vscode.l10n.t('REST API v1 base URL (enterprises, devices, datanodes); leave empty to skip'),
      placeholder: 'https://my.iot-ticket.com/api/v1',
      validate: (v) => (!v.trim() && !state.coreBaseUrl ? vscode.l10n.t('Give at least one of the two base URLs') : urlCheck(true)(v)),
    });
    return askUsername;
  };
  const askUsername: Step = async (input) => {
    state.username = await input.showInputBox({
      title,
      step: 5,
      totalSteps: 7,
      value: state.username ?? '',
      prompt: vscode.l10n.t('User name'),
      validate: required,
    });
    return askSecret;
  };

  // Altair
  const askHost: Step = async (input) => {
    state.host = await input.showInputBox({
      title,
      step: 3,
      totalSteps: 7,
      value: state.host ?? 'https://api.swx.altairone.com',
      prompt: vscode.l10n.t('API host'),
      validate: (v) => (v.trim() && !/^https?:\/\//i.test(v.trim()) && /[/:]/.test(v) ? vscode.l10n.t('A host name or an http(s) URL') : required(v)),
    });
    return askSpace;
  };
  const askSpace: Step = async (input) => {
    state.space = await input.showInputBox({
      title,
      step: 4,
      totalSteps: 7,
      value: state.space ?? '',
      prompt: vscode.l10n.t('Space'),
      validate: required,
    });
    return askClientId;
  };
  const askClientId: Step = async (input) => {
    state.clientId = await input.showInputBox({
      title,
      step: 5,
      totalSteps: 7,
      value: state.clientId ?? '',
      prompt: vscode.l10n.t('Client id of the App (OAuth2 client credentials)'),
      validate: required,
    });
    return askSecret;
  };

  const askSecret: Step = async (input) => {
    const what = state.platform === 'iotticket' ? vscode.l10n.t('Password') : vscode.l10n.t('Client secret');
    state.secret = await input.showInputBox({
      title,
      step: 6,
      totalSteps: 7,
      value: '',
      password: true,
      prompt: editing
        ? vscode.l10n.t('{0} (stored in secure storage; leave empty to keep the stored one)', what)
        : vscode.l10n.t('{0} (stored in secure storage, never in settings)', what),
      validate: editing ? undefined : required,
    });
    return state.platform === 'altair' ? askScopes : askOptions;
  };
  const askScopes: Step = async (input) => {
    state.scopes = await input.showInputBox({
      title,
      step: 7,
      totalSteps: 8,
      value: state.scopes ?? defaultAltairScopes.join(' '),
      prompt: vscode.l10n.t('Scopes, separated by spaces (read-only use needs thing.read category.read model.read)'),
      validate: required,
    });
    return askOptions;
  };
  const askOptions: Step = async (input) => {
    const items: (vscode.QuickPickItem & { key: string })[] = [
      { label: vscode.l10n.t('Production'), detail: vscode.l10n.t('Mark as production: writes ask for confirmation'), key: 'production' },
      { label: vscode.l10n.t('Skip TLS certificate verification'), detail: vscode.l10n.t('Only for test installations with self-signed certificates'), key: 'noTls' },
    ];
    const picked = await input.showQuickPick({
      title,
      step: state.platform === 'altair' ? 8 : 7,
      totalSteps: state.platform === 'altair' ? 8 : 7,
      items,
      canSelectMany: true,
      selected: items.filter((i) => state.options?.includes(i.key)),
      placeholder: vscode.l10n.t('Options (press Enter to finish)'),
    });
    state.options = picked.map((p) => p.key);
  };

  const finished = await MultiStepInput.run(editing ? askLabel : pickPlatform);
  if (!finished || !state.platform || !state.label) return undefined;
  const trim = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim().replace(/\/+$/, '') : undefined);
  const profile: ConnectionProfile = {
    ...(existing ?? {}),
    id: existing?.id ?? newProfileId(state.label, existingIds),
    label: state.label.trim(),
    platform: state.platform,
    ...(state.platform === 'iotticket'
      ? { coreBaseUrl: trim(state.coreBaseUrl), v1BaseUrl: trim(state.v1BaseUrl), username: state.username?.trim() }
      : {
          host: trim(state.host),
          space: state.space?.trim(),
          clientId: state.clientId?.trim(),
          scopes: (state.scopes ?? '').split(/[\s,]+/).filter(Boolean),
        }),
    production: state.options?.includes('production') ? true : undefined,
    tlsVerify: state.options?.includes('noTls') ? false : undefined,
  };
  return { profile, secret: state.secret ? state.secret : undefined };
}

/** Asks for the password or client secret of a connection (the "Set credential securely" command). */
export async function askSecret(profile: ConnectionProfile): Promise<string | undefined> {
  const kind = primarySecret(profile.platform);
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Set credential of "{0}"', profile.label),
    prompt:
      kind === 'password'
        ? vscode.l10n.t('Password of {0} (stored in secure storage)', profile.username ?? vscode.l10n.t('the user'))
        : vscode.l10n.t('Client secret of {0} (stored in secure storage)', profile.clientId ?? vscode.l10n.t('the App')),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : vscode.l10n.t('Required')),
  });
}
