/**
 * What the IoT-TICKET tree reads from the asset API, in the tree's terms (one level, one page), mapped
 * onto the `AssetApi` interface (either backend). Keeping the mapping in one file keeps the node classes free of
 * the client's option shapes.
 */
import type { IotTicketSession } from '../../../connections/sessionManager';
import { PlatformError } from '../../../platforms/http';
import type { AssetApi } from '../../../platforms/iotticket/assetApi';
import { IotTicketClient } from '../../../platforms/iotticket/client';
import { packItems, packPage, workerAvailable } from './indexWorkerClient';
import type { PackedPage } from './packedChunk';
import type {
  AnalyticsItem,
  Asset,
  AssetAttribute,
  AssetEvent,
  AssetLevel,
  AssetTemplateSummary,
  AssetTemplate,
  Credential,
  Device,
  Organization,
  OrganizationDetails,
} from '../../../platforms/iotticket/types';

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface EventQuery {
  readonly assetIds: readonly string[];
  readonly start?: number;
  readonly end?: number;
  readonly type?: string;
  /** Include acknowledged events (das `acknowledged`). */
  readonly acknowledged?: boolean;
  readonly onlyAcknowledged?: boolean;
  readonly limit?: number;
  readonly signal?: AbortSignal;
}

export function assetApiOf(session: IotTicketSession): AssetApi {
  if (!session.assetApi) throw new PlatformError(`"${session.profile.label}" has no asset API base URL (coreBaseUrl)`, 'validation');
  return session.assetApi;
}

export class AssetApiAccess {
  constructor(readonly client: AssetApi) {}

  organizations(signal: AbortSignal): Promise<readonly Organization[]> {
    return this.client.organizations.getOrganizations({ signal });
  }

  organizationDetails(organizationId: string, signal: AbortSignal): Promise<OrganizationDetails> {
    return this.client.organizations.getOrganizationDetails({ organizationId, signal });
  }

  /** One page of one level of the asset tree (parent null = root level). */
  level(parentId: string | null, offset: number, limit: number, signal: AbortSignal): Promise<AssetLevel> {
    return this.client.assets.getAssetLevel({ ...(parentId === null ? {} : { assetId: parentId }), offset, limit, signal });
  }

  /** One page of every asset of the organization (the Go to… index). */
  async allAssets(offset: number, limit: number, signal?: AbortSignal): Promise<Page<Asset>> {
    const page = await this.client.assets.getAllAssetsPage({ offset, limit, signal });
    return { items: page.items, total: page.fullSize };
  }

  /** The one asset with exactly this name (get_assets(asset_name=…)); the server refuses a name that none or several assets have. */
  async assetNamed(name: string, signal: AbortSignal): Promise<Asset | undefined> {
    const level = await this.client.assets.getAssetLevel({ assetName: name, limit: 1, signal });
    return level.asset?.name === name ? level.asset : undefined;
  }

  /** The chain from the root to the asset (inclusive), one parent at a time. */
  async chainOf(asset: Asset, signal: AbortSignal): Promise<Asset[]> {
    const chain = [asset];
    const seen = new Set([asset.id]);
    for (let a = asset; a.parentId && !seen.has(a.parentId); ) {
      seen.add(a.parentId);
      const parent = (await this.client.assets.getAssetLevel({ assetId: a.parentId, limit: 1, signal })).asset;
      if (!parent) break;
      chain.unshift(parent);
      a = parent;
    }
    return chain;
  }

  /** Where allAssetsPacked parses, for the log. */
  get packedIn(): string {
    return workerAvailable() ? (this.client.assets.getAllAssetsPageBytes ? 'a worker thread' : 'the backend, packed in a worker thread') : 'the extension host thread';
  }

  /** A page of get_all_assets packed for index build `build`, parsed off this thread where the backend allows (indexWorkerClient.ts). */
  async allAssetsPacked(build: number, offset: number, limit: number, signal?: AbortSignal): Promise<PackedPage> {
    const assets = this.client.assets;
    if (assets.getAllAssetsPageBytes) return packPage(build, await assets.getAllAssetsPageBytes({ offset, limit, signal }));
    const page = await assets.getAllAssetsPage({ offset, limit, signal });
    return packItems(build, page.items.map((a) => ({ id: a.id, name: a.name, parentId: a.parentId ?? null })), page.fullSize);
  }

  attributes(assetId: string, signal: AbortSignal): Promise<readonly AssetAttribute[]> {
    return this.client.assets.getAttributes({ assetId, signal });
  }

  async templates(offset: number, limit: number, signal: AbortSignal): Promise<Page<AssetTemplateSummary>> {
    const all = await this.client.assets.getAssetTemplates({ signal });
    return { items: all.slice(offset, offset + limit), total: all.length };
  }

  template(templateId: string, signal: AbortSignal): Promise<AssetTemplate> {
    return this.client.assets.getAssetTemplate({ templateId, signal });
  }

  async devices(offset: number, limit: number, signal: AbortSignal): Promise<Page<Device>> {
    const page = await this.client.devices.getDevicesPage({ offset, limit, signal });
    return { items: page.items, total: page.fullSize };
  }

  device(deviceId: string, signal: AbortSignal): Promise<Device> {
    return this.client.devices.getDevice(deviceId, { signal });
  }

  /** Active events of some assets, or of the whole organization when `assetIds` is undefined. */
  activeEvents(assetIds: readonly string[] | undefined, signal: AbortSignal): Promise<readonly AssetEvent[]> {
    return this.client.events.getAssetEventsActive(assetIds ? { assetIds: [...assetIds], signal } : { signal });
  }

  activeEventCount(assetId: string | undefined, signal: AbortSignal): Promise<number> {
    return this.client.events.assetEventActiveCount(assetId ? { assetId, includeChildren: true, signal } : { signal });
  }

  /** Event history of some assets, or of the whole organization when `assetIds` is empty. */
  async eventHistory(q: EventQuery): Promise<readonly AssetEvent[]> {
    if (q.assetIds.length === 0 && this.client instanceof IotTicketClient) {
      // das needs asset ids or names; the route itself answers for the whole organization without them.
      const body = await this.client.http.get<{ items?: AssetEvent[] }>(this.client.routes.eventsHistory(), {
        query: {
          type: q.type,
          start: q.start === undefined ? undefined : new Date(q.start).toISOString(),
          end: q.end === undefined ? undefined : new Date(q.end).toISOString(),
          acknowledged: q.acknowledged === false ? false : undefined,
          onlyAcknowledged: q.onlyAcknowledged || undefined,
          limit: q.limit ?? 10_000,
        },
        signal: q.signal,
      });
      return body.items ?? [];
    }
    return this.client.events.getAssetEventHistory({
      assetIds: [...q.assetIds],
      eventType: q.type,
      startTime: q.start,
      endTime: q.end,
      acknowledged: q.acknowledged,
      onlyAcknowledged: q.onlyAcknowledged,
      limit: q.limit,
      signal: q.signal,
    });
  }

  analytics(kind: 'MLModel' | 'MLService' | 'OnnxModel', signal: AbortSignal): Promise<readonly AnalyticsItem[]> {
    switch (kind) {
      case 'MLModel':
        return this.client.models.getModelList({ signal });
      case 'MLService':
        return this.client.services.getServiceList({ signal });
      default:
        return this.client.onnx.getOnnxModelList({ signal });
    }
  }

  analyticsDetails(kind: 'MLModel' | 'MLService' | 'OnnxModel', id: string, signal: AbortSignal): Promise<unknown> {
    switch (kind) {
      case 'MLModel':
        return this.client.models.getModelDetails({ modelId: id, signal });
      case 'MLService':
        return this.client.services.getServiceDetails({ serviceId: id, signal });
      default:
        return this.client.onnx.getOnnxModelDetails({ modelId: id, signal });
    }
  }

  /** The credentials of one organization (das `organization_id`), not the client's default one. */
  credentials(organizationId: string, signal: AbortSignal): Promise<readonly Credential[]> {
    return this.client.credentials.getCredentials({ organizationId, signal });
  }

  printAssetTree(assetId: string | undefined, signal: AbortSignal): Promise<string> {
    return this.client.assets.printAssetTree({ ...(assetId ? { assetId } : {}), signal });
  }
}
