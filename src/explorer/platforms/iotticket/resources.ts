/** What the IoT-TICKET tree read of the entities features act on (the `resource()` of its nodes). Types only. */
import type { AnalyticsItem, Asset, AssetAttribute, AssetEvent, Device } from '../../../platforms/iotticket/types';
import type { V1Datanode, V1Device } from '../../../platforms/iotticket/v1Types';

/** An attribute's asset as far as the tree knows it. */
export interface AssetSummary {
  readonly id: string;
  readonly name: string;
  readonly namesPath: readonly string[];
}

export interface IotTicketResources {
  'iotticket-asset': { readonly asset: Asset; readonly namesPath: readonly string[] };
  'iotticket-attribute': { readonly attribute: AssetAttribute; readonly asset: AssetSummary };
  'iotticket-device': { readonly device: Device };
  'iotticket-analytics': { readonly item: AnalyticsItem };
  'iotticket-event': { readonly event: AssetEvent };
  'v1-device': { readonly device: V1Device };
  'v1-datanode': { readonly device: V1Device; readonly datanode: V1Datanode };
}
