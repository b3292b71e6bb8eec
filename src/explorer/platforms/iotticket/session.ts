/**
 * An IoT-TICKET session: the asset API client, the REST API v1 client and the device adapter URL of a
 * connection. The asset API comes from one factory, `createAssetApi`, so the backend that serves it (direct
 * HTTP, or the user's das.iot_client in Python) is chosen in one place.
 */
import * as vscode from 'vscode';
import type { SessionEnv } from '../../../connections/platform';
import type { ConnectionProfile } from '../../../connections/profile';
import { MissingCredentialError, type IotTicketSession, type Session } from '../../../connections/session';
import type { Logger, TlsOptions } from '../../../platforms/http';
import type { AssetApi } from '../../../platforms/iotticket/assetApi';
import { PythonAssetApi } from '../../../platforms/iotticket/python';
import { IotTicketClient } from '../../../platforms/iotticket/client';
import { IotTicketV1Client } from '../../../platforms/iotticket/v1Client';

const USER_AGENT = 'iot-explorer-vscode';

interface AssetApiOptions {
  readonly coreBaseUrl?: string;
  readonly adapterBaseUrl?: string;
  readonly username: string;
  readonly password?: string;
  readonly tenant?: string;
  readonly tls: TlsOptions | undefined;
  readonly logger: Logger;
}

/**
 * The asset API of a connection: the user's own das.iot_client in a Python process, or the direct HTTP
 * client over the (possibly overridden) inferred routes. The UI does not know which one serves it.
 */
async function createAssetApi(profile: ConnectionProfile, env: SessionEnv, o: AssetApiOptions): Promise<AssetApi | undefined> {
  if (profile.assetApi === 'python') {
    const interpreter = await env.python.interpreter();
    env.log.info(`"${profile.label}": asset API through das.iot_client in ${interpreter.path} (${interpreter.source})`);
    const kwarg = profile.pythonSecretKwarg;
    return new PythonAssetApi({
      interpreter: interpreter.path,
      bridgeScript: env.python.bridgeScript,
      factory: profile.pythonFactory,
      factoryKwargs: profile.pythonFactoryKwargs,
      secrets: kwarg && o.password ? { [kwarg]: o.password } : undefined,
      sysPath: profile.pythonSysPath,
      tenant: o.tenant,
      logger: env.log,
    });
  }
  if (!o.coreBaseUrl) return undefined;
  return new IotTicketClient({ ...o, coreBaseUrl: o.coreBaseUrl, routeOverrides: profile.routeOverrides, userAgent: USER_AGENT });
}

/** A password is needed by the REST API v1, the HTTP asset API, and a Python factory that takes it. */
function needsPassword(p: { readonly assetApi?: string; readonly coreBaseUrl?: string; readonly v1BaseUrl?: string; readonly pythonSecretKwarg?: string }): boolean {
  return !!p.v1BaseUrl || (p.assetApi === 'python' ? !!p.pythonSecretKwarg : !!p.coreBaseUrl);
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
  if (!password && needsPassword({ ...profile, v1BaseUrl })) throw new MissingCredentialError(profile, vscode.l10n.t('password'));
  return {
    platform: 'iotticket',
    profile,
    assetApi: await createAssetApi(profile, env, { coreBaseUrl, adapterBaseUrl, username, password, tenant, tls: env.tls, logger: env.log }),
    v1: v1BaseUrl && password ? new IotTicketV1Client({ tls: env.tls, logger: env.log, userAgent: USER_AGENT, baseUrl: v1BaseUrl, username, password }) : undefined,
    coreBaseUrl,
    v1BaseUrl,
    adapterBaseUrl,
    username,
    tenant,
  };
}

/** Ends the session's Python process, if it has one (nothing to end on the server: Basic auth). */
export async function disposeIotTicketSession(session: Session): Promise<void> {
  if (session.platform === 'iotticket' && session.assetApi instanceof PythonAssetApi) session.assetApi.dispose();
}
