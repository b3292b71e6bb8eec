/**
 * An Altair IoT Studio session: the API with its OAuth2 client-credentials strategy, configured from the
 * profile's token settings. As the SDK's `set_credentials` / `with_security`, the token is fetched when
 * the session starts, so a wrong client secret fails there (Test Connection, the first expansion) with the
 * token endpoint's answer, not on some later request.
 */
import * as vscode from 'vscode';
import type { SessionEnv } from '../../../connections/platform';
import { defaultAltairScopes, type ConnectionProfile } from '../../../connections/profile';
import { MissingCredentialError, type AltairSession, type Session } from '../../../connections/session';
import { AltairApi, ClientCredentialsStrategy } from '../../../platforms/altair';

export async function createAltairSession(profile: ConnectionProfile, env: SessionEnv): Promise<AltairSession> {
  let host = profile.host;
  let space = profile.space ?? '';
  let clientId = profile.clientId ?? '';
  let scopes = profile.scopes ?? defaultAltairScopes;
  let secret: string | undefined;
  let mqttUrl = profile.mqttUrl;
  if (profile.demo) {
    const info = (await env.demo()).altair;
    host = info.baseUrl;
    mqttUrl = info.mqtt?.url;
    space = info.space;
    clientId = info.clientId;
    secret = info.clientSecret;
    scopes = info.scopes;
  } else {
    secret = await env.secret();
  }
  const options = { host, tls: env.tls, logger: env.log, userAgent: 'iot-explorer-vscode', timeoutMs: timeoutOf(profile) };
  if (profile.authMethod === 'accessToken' && !profile.demo) {
    if (!secret) throw new MissingCredentialError(profile, vscode.l10n.t('access token'));
    // As set_token: nothing to fetch, so a wrong or expired token shows on the first request (401).
    const api = new AltairApi(options).setToken(secret);
    return { platform: 'altair', profile, api, host: api.host, space, clientId: '', mqttUrl, tls: env.tls };
  }
  if (!secret) throw new MissingCredentialError(profile, vscode.l10n.t('client secret'));
  const strategy = new ClientCredentialsStrategy({
    clientId,
    clientSecret: secret,
    scopes,
    tokenUrl: profile.tokenUrl,
    revokeUrl: profile.revokeUrl,
    refreshThresholdSec: profile.refreshThresholdSec,
  });
  // As with_security: a wrong client secret fails here with the token endpoint's 401 invalid_client.
  const api = await AltairApi.connect({ ...options, security: strategy }, env.signal);
  return { platform: 'altair', profile, api, strategy, host: api.host, space, clientId, mqttUrl, tls: env.tls };
}

function timeoutOf(profile: ConnectionProfile): number | undefined {
  return profile.requestTimeoutSec === undefined ? undefined : Math.round(profile.requestTimeoutSec * 1000);
}

/** A session ends: its token is revoked only when the profile says so (the SDK's default is not to). */
export async function disposeAltairSession(session: Session): Promise<void> {
  if (session.platform === 'altair' && session.profile.revokeToken === true) await session.api.dispose();
}

/** Sign Out: the token is revoked on the server and the strategy refuses any later request. */
export async function signOutAltairSession(session: Session): Promise<void> {
  if (session.platform === 'altair') await session.api.dispose();
}
