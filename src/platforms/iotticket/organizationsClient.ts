/** das OrganizationsClient: organizations and their details (limits and their use). */
import type { OrganizationsApi } from './assetApi';
import { PlatformError } from '../http';
import * as shapes from './shapes';
import type { AssetApiContext } from './assetApiContext';
import type { Organization, OrganizationDetails } from './types';
import { checkText } from './validation';

export class OrganizationsClient implements OrganizationsApi {
  constructor(private readonly core: AssetApiContext) {}

  /** get_organizations: every organization of this user. */
  getOrganizations(options: { signal?: AbortSignal } = {}): Promise<Organization[]> {
    return this.core.all<Organization>(this.core.routes.organizations(), {}, options.signal);
  }

  /**
   * get_organization_details: the given organization, or the current one (the client's `organizationId`,
   * else the user's top-level organization).
   */
  async getOrganizationDetails(options: { organizationId?: string; signal?: AbortSignal } = {}): Promise<OrganizationDetails> {
    const id = options.organizationId ?? (await this.currentOrganizationId(options.signal));
    checkText('organizationId', id, 255);
    return this.core.http.get<OrganizationDetails>(this.core.routes.organization(id), { signal: options.signal, expect: shapes.entity });
  }

  /** The organization calls default to. */
  async currentOrganizationId(signal?: AbortSignal): Promise<string> {
    if (this.core.organizationId) return this.core.organizationId;
    const page = await this.core.page<Organization>(this.core.routes.organizations(), {}, { limit: 100, signal });
    const root = page.items.find((o) => o.parentId === null || o.parentId === undefined) ?? page.items[0];
    if (!root) throw new PlatformError(`GET ${this.core.routes.organizations()}: this user belongs to no organization`, 'validation');
    return root.id;
  }
}
