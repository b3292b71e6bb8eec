/**
 * Asset API: organizations, assets and the asset tree, attributes, templates, devices and credentials
 * (spec §5.3, §5.4, §5.8, §5.9). Every list is the paging envelope `{fullSize, limit, offset, items}`
 * (limit default 100, max 1000), including the tree's children so a level of 10,000 children pages.
 */
import { sendJson } from '../respond';
import { namesPathOf } from './assets';
import { type AssetApiRouter, ASSET_API_PAGE, assetById, locateAsset, routeAttribute } from './assetApiHttp';
import { assetJson, attributeJson, credentialJson, deviceJson } from './assetApiJson';
import { badInput, boolParam, assetApiPage, notFound, pageOf, parsePaging, v1Error, ErrorCode } from './envelope';
import type { IotTicketModel } from './model';
import { iso } from './time';
import { ATTRIBUTE_TYPES, type AttributeType, type Organization } from './types';

export function registerAssetRoutes(api: AssetApiRouter): void {
  api.route('get', '/organizations', (ctx, model) => {
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const items = model.organizations.map((o) => ({
      id: o.id, name: o.name, tenantId: o.tenantId, parentId: o.parentId,
      hasSubOrganizations: model.organizations.some((c) => c.parentId === o.id),
    }));
    sendJson(ctx.res, 200, assetApiPage(pageOf(items, paging), items.length, paging));
  });

  api.route('get', '/organizations/:organizationId', (ctx, model) => {
    const org = model.organizations.find((o) => o.id === ctx.params.organizationId);
    if (!org) throw notFound(`No organization "${ctx.params.organizationId}"`);
    sendJson(ctx.res, 200, organizationDetails(model, org));
  });

  // get_all_assets. `includeEventTypes=true` adds each asset's most severe active event type (or null).
  api.route('get', '/assets', (ctx, model) => {
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const eventTypes = boolParam(ctx.query, 'includeEventTypes', false) ? model.activeEventTypes() : undefined;
    const items = model.assets.slice(paging.offset, paging.limit).map((a) => assetJson(model, a, eventTypes));
    sendJson(ctx.res, 200, assetApiPage(items, model.assets.size, paging));
  });

  // get_assets / print_asset_tree: one level. No locator → the root level (`asset: null`). Paged by limit/offset.
  api.route('get', '/assets/tree', (ctx, model) => {
    const asset = locateAsset(model, ctx.query);
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const eventTypes = boolParam(ctx.query, 'includeEventTypes', false) ? model.activeEventTypes() : undefined;
    const parentId = asset ? asset.id : null;
    sendJson(ctx.res, 200, {
      asset: asset ? assetJson(model, asset, eventTypes) : null,
      children: model.assets.children(parentId, paging.offset, paging.limit).map((a) => assetJson(model, a, eventTypes)),
      fullSize: model.assets.childCount(parentId),
      limit: paging.limit,
      offset: paging.offset,
    });
  });

  api.route('get', '/assets/:assetId', (ctx, model) => {
    sendJson(ctx.res, 200, assetJson(model, assetById(model, ctx.params.assetId), model.activeEventTypes()));
  });

  // get_attributes; `types` (or `type`) filters by a comma list of the seven attribute types (case-sensitive).
  api.route('get', '/assets/:assetId/attributes', (ctx, model) => {
    const asset = assetById(model, ctx.params.assetId);
    const types = parseTypes(ctx.query.get('types') ?? ctx.query.get('type'));
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const all = model.assets.attributes(asset.id).filter((a) => !types || types.includes(a.type));
    sendJson(ctx.res, 200, assetApiPage(pageOf(all, paging).map((a) => attributeJson(model, a)), all.length, paging));
  });

  // Our addition: attribute ids are unique, so das calls that take only attribute_id can look one up.
  api.route('get', '/attributes/:attributeId', (ctx, model) => {
    const attr = routeAttribute(model, ctx.params);
    sendJson(ctx.res, 200, { ...attributeJson(model, attr), namesPath: [...namesPathOf(model.assets, attr.assetId), attr.name] });
  });

  // get_asset_templates; with `?name=` the one template of that name (get_asset_template(template_name)).
  api.route('get', '/asset-templates', (ctx, model) => {
    const name = ctx.query.get('name');
    if (name !== null) {
      const found = model.templates.filter((t) => t.name === name);
      if (found.length === 0) throw notFound(`No asset template named "${name}"`);
      if (found.length > 1) throw badInput(`Several asset templates are named "${name}": ${found.map((t) => t.id).join(', ')}`);
      return sendJson(ctx.res, 200, found[0]);
    }
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const items = model.templates.map((t) => ({ id: t.id, name: t.name, description: t.description, attributeCount: t.attributes.length }));
    sendJson(ctx.res, 200, assetApiPage(pageOf(items, paging), items.length, paging));
  });

  api.route('get', '/asset-templates/:templateId', (ctx, model) => {
    const template = model.templates.find((t) => t.id === ctx.params.templateId);
    if (!template) throw notFound(`No asset template "${ctx.params.templateId}"`);
    sendJson(ctx.res, 200, template);
  });

  // get_devices: all devices, or those bound to one asset (assetId | assetName | namesPath).
  api.route('get', '/devices', (ctx, model) => {
    const asset = locateAsset(model, ctx.query);
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    let devices = [...model.devices.values()];
    if (asset) {
      const ids = new Set(model.assets.attributes(asset.id).map((a) => a.deviceId).filter((d) => d !== undefined));
      devices = devices.filter((d) => ids.has(d.id));
    }
    sendJson(ctx.res, 200, assetApiPage(pageOf(devices, paging).map((d) => deviceJson(model, d)), devices.length, paging));
  });

  api.route('get', '/devices/:deviceId', (ctx, model) => {
    const device = model.devices.get(ctx.params.deviceId);
    if (!device) throw notFound(`No device "${ctx.params.deviceId}"`);
    sendJson(ctx.res, 200, deviceJson(model, device));
  });

  api.route('get', '/credentials', (ctx, model, user) => {
    requireRole(user.roles, ['SubscriptionOwner', 'OrganizationAdmin', 'Designer']);
    const org = ctx.query.get('organizationId') ?? user.organizationId;
    const paging = parsePaging(ctx.query, ASSET_API_PAGE.default, ASSET_API_PAGE.max);
    const all = model.credentials.filter((c) => c.organizationId === org);
    sendJson(ctx.res, 200, assetApiPage(pageOf(all, paging).map((c) => credentialJson(model, c)), all.length, paging));
  });

  // get_credential_query: the first credential matching every given filter (Subscription Owner only).
  api.route('get', '/credentials/query', (ctx, model, user) => {
    requireRole(user.roles, ['SubscriptionOwner']);
    const q = ctx.query;
    const filters: [string, (c: (typeof model.credentials)[number]) => string][] = [
      ['organizationId', (c) => c.organizationId], ['credentialId', (c) => c.id], ['credentialName', (c) => c.name],
      ['clientId', (c) => c.clientId], ['scope', (c) => c.scope],
    ];
    const found = model.credentials.find((c) => filters.every(([key, get]) => q.get(key) === null || q.get(key) === get(c)));
    if (!found) throw notFound('No credential matches the query');
    sendJson(ctx.res, 200, credentialJson(model, found));
  });

  api.route('get', '/credentials/:credentialId', (ctx, model) => {
    sendJson(ctx.res, 200, credentialJson(model, credential(model, ctx.params.credentialId)));
  });

  // Spec §5.9 variant: the details plus what a caller sends to the external endpoint (a fake token).
  api.route('get', '/credentials/:credentialId/query', (ctx, model, user) => {
    requireRole(user.roles, ['SubscriptionOwner']);
    const c = credential(model, ctx.params.credentialId);
    sendJson(ctx.res, 200, {
      ...credentialJson(model, c),
      headers: { Authorization: `Bearer emulator-token-${c.id}` },
      expiresAt: iso(model.now() + 3_600_000),
    });
  });
}

function credential(model: IotTicketModel, id: string): IotTicketModel['credentials'][number] {
  const found = model.credentials.find((c) => c.id === id);
  if (!found) throw notFound(`No credential "${id}"`);
  return found;
}

function requireRole(roles: readonly string[], allowed: readonly string[]): void {
  if (!roles.some((r) => allowed.includes(r))) throw v1Error(403, ErrorCode.permission, `Requires one of the roles ${allowed.join(', ')}`);
}

function parseTypes(raw: string | null): AttributeType[] | undefined {
  if (raw === null || raw === '') return undefined;
  return raw.split(',').map((t) => {
    const type = ATTRIBUTE_TYPES.find((a) => a === t.trim());
    if (!type) throw badInput(`Attribute type "${t.trim()}" is not one of ${ATTRIBUTE_TYPES.join(', ')}`);
    return type;
  });
}

/** get_organization_details keys; the analytics limit and its use are in limits/usedLimits. */
function organizationDetails(model: IotTicketModel, org: Organization): Record<string, unknown> {
  const main = org.id === model.organization.id;
  return {
    id: org.id, name: org.name, description: org.description, tenantId: org.tenantId, parentId: org.parentId,
    enable: true, contactPerson: org.contactPerson, accountManager: org.accountManager,
    limits: main ? { ...org.limits, analyticsItems: model.limits.analyticsItems, devices: model.limits.maxNumberOfDevices } : org.limits,
    usedLimits: main
      ? { analyticsItems: model.analytics.count, devices: model.devices.size, assets: model.assets.size, users: model.users.length }
      : { analyticsItems: 0, devices: 0, assets: 0, users: 0 },
    createdBy: 'platform', modifiedBy: 'platform', created: iso(org.created), lastModified: iso(org.created),
  };
}
