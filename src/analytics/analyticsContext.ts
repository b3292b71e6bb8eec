/**
 * What the ONNX and analytics commands need from the rest of the extension (the Explorer object fits
 * as it is), and the helpers they share: which connection and item a command is about, the client of a
 * connection, and refreshing the Analytics nodes a write changed.
 */
import * as vscode from 'vscode';
import { pickConnection as askConnection } from '../commands/connectionPicker';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionProfile } from '../connections/profile';
import type { SessionManager } from '../connections/sessionManager';
import { analyticsFolderOf } from '../explorer/contextValues';
import { TreeNode } from '../explorer/treeNode';
import type { ExplorerLog } from '../log';
import { PlatformError } from '../platforms/http';
import { refAs } from '../shared/refs';
import type { AssetApi } from '../platforms/iotticket/assetApi';
import type { ActivityLog } from '../activity/activityLog';
import type { AnalyticsDocuments } from './analyticsDocuments';
import { analyticsKinds, type AnalyticsKind } from './analyticsOps';
import type { DefinitionValidator } from './analyticsSchemas';

/** The parts of the explorer the commands use. */
export interface AnalyticsTreeDeps {
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  readonly log: ExplorerLog;
  /** The root node of a connection in the Connections tree. */
  connection(id: string): TreeNode | undefined;
  /** Debounced refresh of a node (its children are fetched again) or of the whole tree. */
  refresh(node?: TreeNode): void;
}

/** Everything a command handler gets. */
export interface AnalyticsContext {
  readonly deps: AnalyticsTreeDeps;
  readonly activity: ActivityLog;
  readonly documents: AnalyticsDocuments;
  readonly validator: DefinitionValidator;
  readonly extensionUri: vscode.Uri;
  /** Reports an error a handler caught itself (after noting it in the Activity view), with the commands' one policy. */
  report(err: unknown, options: { what: string; message?: string }): void;
}

/** One item a command acts on: from a tree node, or given by a caller as plain data. */
export interface ItemTarget {
  readonly connectionId: string;
  readonly kind: AnalyticsKind;
  readonly id: string;
  readonly name: string;
}

function isKind(v: unknown): v is AnalyticsKind {
  return typeof v === 'string' && (analyticsKinds as readonly string[]).includes(v);
}

/**
 * The item behind a command argument: an analytics item node of the explorer (its reference), or
 * `{connectionId, kind, id, name?}` from a script or a test.
 */
export function itemTargetOf(arg: unknown): ItemTarget | undefined {
  if (arg instanceof TreeNode) {
    const ref = refAs(arg.ref, 'iotticket-analytics');
    return ref && { connectionId: ref.connectionId, kind: ref.analyticsKind, id: ref.itemId, name: arg.label };
  }
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { kind?: unknown; connectionId?: unknown; id?: unknown; name?: unknown };
  if (!isKind(a.kind) || typeof a.connectionId !== 'string' || typeof a.id !== 'string') return undefined;
  return { connectionId: a.connectionId, kind: a.kind, id: a.id, name: typeof a.name === 'string' ? a.name : a.id };
}

/** The connection a tree node (or a script's `{ connectionId }`) names. */
export function connectionIdOf(arg: unknown): string | undefined {
  if (arg instanceof TreeNode) return arg.connectionId;
  const id = (arg as { connectionId?: unknown } | null | undefined)?.connectionId;
  return typeof id === 'string' ? id : undefined;
}

/** The analytics kind of an "ML models" / "ML services" / "ONNX models" folder node. */
export function folderKindOf(arg: unknown): AnalyticsKind | undefined {
  return arg instanceof TreeNode ? analyticsFolderOf(arg)?.kind : undefined;
}

export interface ConnectedClient {
  readonly profile: ConnectionProfile;
  readonly client: AssetApi;
}

/** The IoT-TICKET asset API client of a connection (signed in on first use). */
export async function clientFor(deps: AnalyticsTreeDeps, connectionId: string): Promise<ConnectedClient> {
  const session = await deps.sessions.iotticket(connectionId);
  if (!session.assetApi) {
    throw new PlatformError(vscode.l10n.t('"{0}" has no asset API base URL (coreBaseUrl); analytics need it.', session.profile.label), 'validation');
  }
  return { profile: session.profile, client: session.assetApi };
}

/**
 * Asks which IoT-TICKET connection to use (none is asked when there is one, or when `preselected` names
 * one). Undefined when the user cancels or has no IoT-TICKET connection (then offers to add one).
 */
export async function pickConnection(deps: AnalyticsTreeDeps, preselected: string | undefined, title: string): Promise<ConnectedClient | undefined> {
  if (preselected) return clientFor(deps, preselected);
  const profile = await askConnection(deps.store, { platform: 'iotticket', title, placeholder: vscode.l10n.t('Choose the IoT-TICKET connection') });
  return profile ? clientFor(deps, profile.id) : undefined;
}

/** Loaded descendants of a node (never triggers a load). */
function* loadedNodes(node: TreeNode): Generator<TreeNode> {
  for (const child of node.loader?.loaded() ?? []) {
    yield child;
    yield* loadedNodes(child);
  }
}

/**
 * Refreshes the Analytics folders of a connection that are loaded: the folders of the given kinds
 * (their lists changed). Folders not loaded yet fetch fresh data when expanded anyway.
 */
export function refreshAnalytics(deps: AnalyticsTreeDeps, connectionId: string, kinds: readonly AnalyticsKind[]): void {
  const root = deps.connection(connectionId);
  if (!root) return;
  for (const node of loadedNodes(root)) {
    const kind = analyticsFolderOf(node)?.kind;
    if (kind && kinds.includes(kind)) deps.refresh(node);
  }
}
