/** das CredentialsClient: credentials IoT-TICKET uses to call external endpoints (secrets are never returned). */
import type { CredentialsApi } from './assetApi';
import type { AssetApiContext } from './assetApiContext';
import * as shapes from './shapes';
import type { Credential } from './types';
import { checkText } from './validation';
import type { CredentialQuery } from './assetApiOptions';
export type { CredentialQuery } from './assetApiOptions';

export class CredentialsClient implements CredentialsApi {
  constructor(private readonly core: AssetApiContext) {}

  /** get_credentials: the credentials of an organization (default: the client's). */
  getCredentials(options: { organizationId?: string; signal?: AbortSignal } = {}): Promise<Credential[]> {
    const organizationId = checkText('organizationId', options.organizationId ?? this.core.organizationId, 255, false);
    return this.core.all<Credential>(this.core.routes.credentials(), { organizationId }, options.signal);
  }

  /** get_credential_query: the credential matching every given field (Subscription Owners only). */
  getCredentialQuery(query: CredentialQuery = {}): Promise<Credential> {
    const q: Record<string, string | undefined> = {};
    for (const key of ['organizationId', 'credentialId', 'credentialName', 'clientId', 'scope'] as const) q[key] = checkText(key, query[key], 1000, false);
    return this.core.http.get<Credential>(this.core.routes.credentialQuery(), { query: q, signal: query.signal, expect: shapes.entity });
  }
}
