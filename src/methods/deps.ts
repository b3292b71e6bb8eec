/**
 * What the SDK-method commands share: the kernel to register on, the explorer's services (sessions,
 * refresh), the read-only JSON documents, and the answers a script or test passes instead of prompts.
 */
import type { ActivityLog } from '../activity/activityLog';
import type { CommandKernel } from '../commands/kernel';
import type { JsonDocumentProvider } from '../documents/jsonDocuments';
import type { ExplorerServices } from '../explorer/treeNode';
import { assetApiOf } from '../explorer/nodes/iotticket/assetApiAccess';
import type { AssetApi } from '../platforms/iotticket/assetApi';

export interface MethodsDeps {
  readonly commands: CommandKernel;
  readonly services: ExplorerServices;
  readonly json: JsonDocumentProvider;
  /** Where the changes are recorded (the Activity view). */
  readonly activity: Pick<ActivityLog, 'add'>;
}

/** Answers given as the command's options (scripts, tests): each skips the matching question. */
export type Answers = Readonly<Record<string, unknown>> | undefined;

/** The asset API of an IoT-TICKET connection (refused with the setting's name when it has none, as in the tree). */
export async function iotTicketAssetApi(deps: MethodsDeps, connectionId: string): Promise<AssetApi> {
  return assetApiOf(await deps.services.sessions.iotticket(connectionId));
}
