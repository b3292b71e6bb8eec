/**
 * An IoT-TICKET session: the asset API client, the REST API v1 client and the device adapter URL of a
 * connection. The asset API client comes from one factory, `createAssetApi`, so the backend that serves
 * it is chosen in one place.
 */
import * as vscode from 'vscode';
import type { SessionEnv } from '../../../connections/platform';
import type { ConnectionProfile } from '../../../connections/profile';
import { MissingCredentialError, type IotTicketSession, type Session } from '../../../connections/session';
import type { Logger, TlsOptions } from '../../../platforms/http';
import { IotTicketClient } from '../../../platforms/iotticket/client';
import { IotTicketV1Client } from '../../../platforms/iotticket/v1Client';

const USER_AGENT = 'iot-explorer-vscode';

interface AssetApiOptions {
  readonly coreBaseUrl: string;
  readonly adapterBaseUrl?: string;
  readonly username: string;
  readonly password: string;
  readonly tenant?: string;
  readonly tls: TlsOptions | undefined;
  readonly logger: Logger;
}

/** The asset API of a connection: the direct HTTP client over the (possibly overridden) inferred routes. */
function createAssetApi(profile: ConnectionProfile, o: AssetApiOptions): IotTicketClient {
  return new IotTicketClient({ ...o, routeOverrides: profile.routeOverrides, userAgent: USER_AGENT });
}

export async function createIotTicketSession(profile: ConnectionProfile, env: SessionEnv): Promise<IotTicketSession> {
  const tenant = profile.tenant;
  let { coreBaseUrl, v1BaseUrl, adapterBaseUrl } = profile;
  let username = profile.username ?? '';
  let password: string | undefined;
  if (profile.demo) {
    const info = (await env.demo()).iotticket;
    ({ coreBaseUrl, v1BaseUrl, adapterBaseUrl } = info);
    username = info.user;
    password = info.password;
  } else {
    password = await env.secret();
  }
  if (!password) throw new MissingCredentialError(profile, vscode.l10n.t('password'));
  return {
    platform: 'iotticket',
    profile,
    assetApi: coreBaseUrl ? createAssetApi(profile, { coreBaseUrl, adapterBaseUrl, username, password, tenant, tls: env.tls, logger: env.log }) : undefined,
    v1: v1BaseUrl ? new IotTicketV1Client({ tls: env.tls, logger: env.log, userAgent: USER_AGENT, baseUrl: v1BaseUrl, username, password }) : undefined,
    coreBaseUrl,
    v1BaseUrl,
    adapterBaseUrl,
    username,
    tenant,
  };
}

/** Nothing to end on the server for IoT-TICKET (Basic auth). */
export async function disposeIotTicketSession(_session: Session): Promise<void> {}
