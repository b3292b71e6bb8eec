/**
 * A signed-in connection: the platform's clients built from its profile by the platform module's
 * `createSession` (src/explorer/platforms/<platform>/session.ts). Types only, plus the error for a
 * connection without a stored secret.
 */
import * as vscode from 'vscode';
import type { AltairApi, ClientCredentialsStrategy } from '../platforms/altair';
import { PlatformError, type TlsOptions } from '../platforms/http';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import type { IotTicketV1Client } from '../platforms/iotticket/v1Client';
import type { ConnectionProfile } from './profile';

export interface IotTicketSession {
  readonly platform: 'iotticket';
  readonly profile: ConnectionProfile;
  /** The asset API (das.iot_client surface, over HTTP or the user's Python); undefined without one. */
  readonly assetApi?: AssetApi;
  /** The REST API v1; undefined when the profile has no v1BaseUrl. */
  readonly v1?: IotTicketV1Client;
  readonly coreBaseUrl?: string;
  readonly v1BaseUrl?: string;
  readonly adapterBaseUrl?: string;
  readonly username: string;
  /** The tenant device user names and adapter paths carry (the profile's, when set). */
  readonly tenant?: string;
}

export interface AltairSession {
  readonly platform: 'altair';
  readonly profile: ConnectionProfile;
  readonly api: AltairApi;
  /** The client-credentials strategy; undefined when the connection signs in with an access token. */
  readonly strategy?: ClientCredentialsStrategy;
  readonly host: string;
  readonly space: string;
  readonly clientId: string;
  /** The MQTT broker for live values, when the connection has one (the demo's comes from the emulator). */
  readonly mqttUrl?: string;
  readonly tls?: TlsOptions;
}

export type Session = IotTicketSession | AltairSession;

/** No secret is stored for a connection yet. */
export class MissingCredentialError extends PlatformError {
  override readonly name = 'MissingCredentialError';
  constructor(
    readonly profile: ConnectionProfile,
    secretName: string,
  ) {
    super(vscode.l10n.t('No {0} is stored for "{1}". Run "IoT Explorer: Set Credential Securely…" on it.', secretName, profile.label), 'validation');
  }
}
