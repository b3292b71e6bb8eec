/** das AssetsClient: the asset tree, templates and attributes. */
import type { AssetsApi } from './assetApi';
import { HttpError, ValidationError } from '../http';
import { ASSET_LOCATORS, type AssetLocator, type AssetApiContext, type AssetApiPage, type PageOptions } from './assetApiContext';
import { ATTRIBUTE_TYPES, type AttributeType } from './enums';
import * as shapes from './shapes';
import type { Asset, AssetAttribute, AssetLevel, AssetTemplate, AssetTemplateSummary } from './types';
import { allowAtMostOne, checkText, optionalOneOf, requireExactlyOne } from './validation';
import { oneLine } from '../../shared/escape/text';
import type { AllAssetsOptions, PrintTreeOptions } from './assetApiOptions';
export type { AllAssetsOptions, PrintTreeOptions } from './assetApiOptions';

export class AssetsClient implements AssetsApi {
  constructor(private readonly core: AssetApiContext) {}

  /** get_all_assets: every asset of the organization, fetched page by page as you iterate. */
  getAllAssets(options: AllAssetsOptions = {}): AsyncIterable<Asset> {
    const query = { includeTemplates: options.templates || undefined, includeEventTypes: options.eventTypes || undefined };
    const all = this.core.list<Asset>(this.core.routes.assets(), query, { pageSize: options.pageSize, signal: options.signal });
    if (options.templates) return all;
    // Without `templates` the template ids are left out, as das does.
    return (async function* () {
      for await (const a of all) {
        const { templateId: _omit, ...rest } = a;
        yield rest as Asset;
      }
    })();
  }

  /** get_asset_template: by id or by a unique name (exactly one). */
  async getAssetTemplate(options: { templateId?: string; templateName?: string; signal?: AbortSignal }): Promise<AssetTemplate> {
    const which = requireExactlyOne(options, ['templateId', 'templateName'] as const);
    let id = options.templateId;
    if (which === 'templateName') {
      const name = checkText('templateName', options.templateName, 1000)!;
      const found = (await this.getAssetTemplates({ signal: options.signal })).filter((t) => t.name === name);
      if (found.length === 0) throw new ValidationError('templateName', `no asset template named "${name}"`);
      if (found.length > 1) throw new ValidationError('templateName', `"${name}" names ${found.length} asset templates (${found.map((t) => t.id).join(', ')}); use templateId`);
      id = found[0].id;
    }
    try {
      return await this.core.http.get<AssetTemplate>(this.core.routes.assetTemplate(checkText('templateId', id, 1000)!), { signal: options.signal, expect: shapes.template });
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new ValidationError('templateId', `no asset template with id "${id}"`);
      throw err;
    }
  }

  /** get_asset_templates. */
  getAssetTemplates(options: { signal?: AbortSignal } = {}): Promise<AssetTemplateSummary[]> {
    return this.core.all<AssetTemplateSummary>(this.core.routes.assetTemplates(), {}, options.signal);
  }

  /** One page of get_all_assets (for indexes that page through the organization). */
  getAllAssetsPage(options: PageOptions & { templates?: boolean; eventTypes?: boolean } = {}): Promise<AssetApiPage<Asset>> {
    const query = { includeTemplates: options.templates || undefined, includeEventTypes: options.eventTypes || undefined };
    return this.core.page<Asset>(this.core.routes.assets(), query, options);
  }

  /**
   * One page of get_all_assets as the server's undecoded JSON (`{fullSize, limit, offset, items}`), for an
   * index that parses pages off the extension host's thread: JSON.parse internalizes every string of up
   * to 10 characters, and a million short asset ids grow V8's string table until each resize blocks the
   * thread for 30–90 ms.
   */
  getAllAssetsPageBytes(options: PageOptions = {}): Promise<Uint8Array> {
    return this.core.pageBytes(this.core.routes.assets(), {}, options);
  }

  /** get_assets: the children at a position of the tree (the root level without a locator), all pages. */
  getAssets(locator: AssetLocator & { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<Asset> {
    allowAtMostOne(locator, ASSET_LOCATORS);
    return this.core.children(pick(locator), { pageSize: locator.pageSize, signal: locator.signal });
  }

  /** One page of get_assets, with the parent and the level's size (for trees that page a level). */
  getAssetLevel(options: AssetLocator & PageOptions & { includeEventTypes?: boolean } = {}): Promise<AssetLevel> {
    return this.core.level(pick(options), options);
  }

  /** get_attributes: an asset's attributes, optionally of one type (AssetEvent, Calculated, DeviceEvent, Number, String, TelemetryData). */
  async getAttributes(options: AssetLocator & { attributeType?: string; signal?: AbortSignal }): Promise<AssetAttribute[]> {
    requireExactlyOne(options, ASSET_LOCATORS);
    const type = optionalOneOf('attributeType', options.attributeType, ATTRIBUTE_TYPES);
    const assetId = await this.core.assetId(pick(options), options.signal);
    return this.core.attributes(assetId, type ? [type as AttributeType] : undefined, options.signal);
  }

  /**
   * print_asset_tree: the tree below a position (the whole tree without a locator) as text, one asset per
   * line with box-drawing branches (a name's line breaks and controls as visible escapes, so one asset
   * is always one line). das prints it; we return it.
   */
  async printAssetTree(options: AssetLocator & PrintTreeOptions = {}): Promise<string> {
    const locator = pick(options);
    const which = allowAtMostOne(locator, ASSET_LOCATORS);
    const lines: string[] = [];
    const max = options.maxAssets ?? Infinity;
    let count = 0;
    let stopped = false;
    const walk = async (at: AssetLocator | undefined, prefix: string): Promise<void> => {
      const kids: Asset[] = [];
      for await (const child of this.core.children(at, { signal: options.signal })) kids.push(child);
      for (let i = 0; i < kids.length && !stopped; i++) {
        if (count >= max) {
          stopped = true;
          return;
        }
        count++;
        const last = i === kids.length - 1;
        lines.push(`${prefix}${at ? (last ? '└── ' : '├── ') : ''}${oneLine(kids[i].name)} (${oneLine(kids[i].id)})`);
        if (kids[i].childCount !== 0) await walk({ assetId: kids[i].id }, at ? `${prefix}${last ? '    ' : '│   '}` : prefix);
      }
    };
    if (which) {
      const root = await this.core.asset(locator, options.signal);
      lines.push(`${oneLine(root.name)} (${oneLine(root.id)})`);
      await walk({ assetId: root.id }, '');
    } else {
      await walk(undefined, '');
    }
    if (stopped) lines.push(`… stopped after ${max} assets`);
    return lines.join('\n');
  }
}

function pick(l: AssetLocator): AssetLocator {
  return { assetId: l.assetId, assetName: l.assetName, namesPath: l.namesPath };
}
