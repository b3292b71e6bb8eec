/** AssetsApi over das: the asset tree, templates and attributes; pages are cut from das' whole lists. */
import { ValidationError } from '../../http';
import type { AssetsApi } from '../assetApi';
import type { AllAssetsOptions, PrintTreeOptions } from '../assetsClient';
import { ASSET_LOCATORS, CORE_MAX_PAGE, type AssetLocator, type AssetApiPage, type PageOptions } from '../assetApiContext';
import { ATTRIBUTE_TYPES } from '../enums';
import type { Asset, AssetAttribute, AssetLevel, AssetTemplate, AssetTemplateSummary } from '../types';
import { allowAtMostOne, checkInteger, checkNamesPath, checkText, optionalOneOf, requireExactlyOne } from '../validation';
import { text } from './mapping';
import { ASSET, ATTRIBUTE, TEMPLATE } from './objectSpecs';
import type { PyContext } from './pyContext';

type Signal = { readonly signal?: AbortSignal };

/** das keyword arguments of an asset locator (each checked as the HTTP client checks it). */
export function locatorKwargs(l: AssetLocator | undefined): Record<string, unknown> {
  if (!l) return {};
  return {
    asset_id: l.assetId === undefined ? undefined : checkText('assetId', l.assetId, 1000),
    asset_name: l.assetName === undefined ? undefined : checkText('assetName', l.assetName, 1000),
    names_path: l.namesPath === undefined ? undefined : [...checkNamesPath('namesPath', l.namesPath)],
  };
}

export function pageBounds(options: PageOptions): { limit: number; offset: number } {
  return { limit: checkInteger('limit', options.limit, 1, CORE_MAX_PAGE, 100), offset: checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER, 0) };
}

async function* iterate<T>(items: Promise<T[]>): AsyncIterable<T> {
  yield* await items;
}

export class PyAssets implements AssetsApi {
  constructor(private readonly py: PyContext) {}

  mapAssets(raw: unknown, parentPath?: readonly string[]): Asset[] {
    const assets = this.py.mapper.list<Record<string, unknown>>(ASSET, raw).map((a) => {
      const id = text(a.id);
      const namesPath = Array.isArray(a.namesPath) ? a.namesPath.map(String) : parentPath ? [...parentPath, String(a.name)] : undefined;
      return { ...a, id, name: text(a.name), parentId: a.parentId === undefined || a.parentId === '' ? null : (a.parentId as string | null), ...(namesPath ? { namesPath } : {}) } as Asset;
    });
    this.py.remember(assets);
    return assets;
  }

  mapAttributes(raw: unknown): AssetAttribute[] {
    return this.py.mapper.list<AssetAttribute>(ATTRIBUTE, raw).map((a) => ({ ...a, id: text(a.id), name: text(a.name) }));
  }

  private async allAssets(options: { templates?: boolean; eventTypes?: boolean; fresh: boolean } & Signal): Promise<Asset[]> {
    const kwargs = { templates: options.templates || undefined, event_types: options.eventTypes || undefined };
    return this.py.cachedList(`all-assets:${JSON.stringify(kwargs)}`, options.fresh, async () => this.mapAssets(await this.py.call('assets', 'get_all_assets', kwargs, options)), options.signal);
  }

  getAllAssets(options: AllAssetsOptions = {}): AsyncIterable<Asset> {
    if (options.pageSize !== undefined) checkInteger('pageSize', options.pageSize, 1, CORE_MAX_PAGE);
    return iterate(this.allAssets({ ...options, fresh: true }));
  }

  async getAllAssetsPage(options: PageOptions & { templates?: boolean; eventTypes?: boolean } = {}): Promise<AssetApiPage<Asset>> {
    const { limit, offset } = pageBounds(options);
    const all = await this.allAssets({ ...options, fresh: offset === 0 });
    return { items: all.slice(offset, offset + limit), fullSize: all.length, limit, offset };
  }

  async getAssetTemplate(options: { templateId?: string; templateName?: string } & Signal): Promise<AssetTemplate> {
    const which = requireExactlyOne(options, ['templateId', 'templateName'] as const);
    const value = checkText(which, options[which], 1000);
    const raw = await this.py.call('assets', 'get_asset_template', which === 'templateId' ? { template_id: value } : { template_name: value }, options);
    const template = this.py.mapper.object<Record<string, unknown>>(TEMPLATE, raw);
    return { ...template, id: text(template.id), name: text(template.name), attributes: this.mapAttributes(template.attributes ?? []) };
  }

  async getAssetTemplates(options: Signal = {}): Promise<AssetTemplateSummary[]> {
    const raw = await this.py.call('assets', 'get_asset_templates', {}, options);
    return this.py.mapper.list<AssetTemplateSummary>(TEMPLATE, raw).map((t) => ({ ...t, id: text(t.id), name: text(t.name) }));
  }

  private async children(locator: AssetLocator, fresh: boolean, signal?: AbortSignal): Promise<Asset[]> {
    const kwargs = locatorKwargs(locator);
    return this.py.cachedList(`children:${JSON.stringify(kwargs)}`, fresh, async () => {
      const raw = await this.py.call('assets', 'get_assets', kwargs, { signal });
      return this.mapAssets(raw, locator.namesPath ?? (locator.assetId ? this.py.knownAsset(locator.assetId)?.namesPath : undefined));
    }, signal);
  }

  getAssets(locator: AssetLocator & { pageSize?: number } & Signal = {}): AsyncIterable<Asset> {
    allowAtMostOne(locator, ASSET_LOCATORS);
    if (locator.pageSize !== undefined) checkInteger('pageSize', locator.pageSize, 1, CORE_MAX_PAGE);
    return iterate(this.children(pick(locator), true, locator.signal));
  }

  async getAssetLevel(options: AssetLocator & PageOptions & { includeEventTypes?: boolean } = {}): Promise<AssetLevel> {
    const which = allowAtMostOne(options, ASSET_LOCATORS);
    const { limit, offset } = pageBounds(options);
    const locator = pick(options);
    const [parent, children] = await Promise.all([which ? this.parent(locator, options.signal) : null, this.children(locator, offset === 0, options.signal)]);
    return { asset: parent, children: children.slice(offset, offset + limit), fullSize: children.length, limit, offset };
  }

  /** The asset a locator names: by id from the assets seen so far, by path from its parent's level, else from the whole list. */
  private async parent(locator: AssetLocator, signal?: AbortSignal): Promise<Asset | null> {
    if (locator.assetId !== undefined) {
      const known = this.py.knownAsset(locator.assetId);
      if (known) return known;
    }
    if (locator.namesPath !== undefined) {
      const path = locator.namesPath;
      const level = await this.children(path.length > 1 ? { namesPath: path.slice(0, -1) } : {}, false, signal);
      return level.find((a) => a.name === path[path.length - 1]) ?? null;
    }
    const all = await this.allAssets({ fresh: false, signal });
    const found = all.filter((a) => (locator.assetId !== undefined ? a.id === locator.assetId : a.name === locator.assetName));
    if (found.length > 1) throw new ValidationError('assetName', `"${locator.assetName}" is ambiguous: ${found.length} assets have that name (${found.map((a) => a.id).join(', ')})`);
    return found[0] ?? null;
  }

  async getAttributes(options: AssetLocator & { attributeType?: string } & Signal): Promise<AssetAttribute[]> {
    requireExactlyOne(options, ASSET_LOCATORS);
    const type = optionalOneOf('attributeType', options.attributeType, ATTRIBUTE_TYPES);
    const raw = await this.py.call('assets', 'get_attributes', { ...locatorKwargs(pick(options)), attribute_type: type }, options);
    return this.mapAttributes(raw);
  }

  /** print_asset_tree prints; what it prints is the result. */
  async printAssetTree(options: AssetLocator & PrintTreeOptions = {}): Promise<string> {
    allowAtMostOne(options, ASSET_LOCATORS);
    if (options.maxAssets !== undefined) checkInteger('maxAssets', options.maxAssets, 1, Number.MAX_SAFE_INTEGER);
    const printed = String(await this.py.call('assets', 'print_asset_tree', locatorKwargs(pick(options)), { signal: options.signal, capture: true })).replace(/\n$/, '');
    const lines = printed.split('\n');
    const max = options.maxAssets;
    return max !== undefined && lines.length > max ? [...lines.slice(0, max), `… stopped after ${max} assets`].join('\n') : printed;
  }
}

function pick(l: AssetLocator): AssetLocator {
  return { assetId: l.assetId, assetName: l.assetName, namesPath: l.namesPath };
}
