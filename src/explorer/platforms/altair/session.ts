/** An Altair IoT Studio session: the API with its OAuth2 client-credentials strategy. */
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
  if (profile.demo) {
    const info = (await env.demo()).altair;
    host = info.baseUrl;
    space = info.space;
    clientId = info.clientId;
    secret = info.clientSecret;
    scopes = info.scopes;
  } else {
    secret = await env.secret();
  }
  if (!secret) throw new MissingCredentialError(profile, vscode.l10n.t('client secret'));
  const strategy = new ClientCredentialsStrategy({ clientId, clientSecret: secret, scopes });
  const api = new AltairApi({ host, tls: env.tls, logger: env.log, userAgent: 'iot-explorer-vscode', security: strategy });
  return { platform: 'altair', profile, api, strategy, host: api.host, space, clientId };
}

/** Revokes the token on the server rather than leaving it to expire. */
export async function disposeAltairSession(session: Session): Promise<void> {
  if (session.platform === 'altair') await session.api.dispose();
}
