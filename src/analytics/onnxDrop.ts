/**
 * Dropping `.onnx` files from the Explorer onto an IoT-TICKET connection, organization or Analytics node
 * registers them there. The Connections view's drag-and-drop controller forwards drops to this handler.
 */
import * as vscode from 'vscode';
import { analyticsFolderOf } from '../explorer/contextValues';
import type { TreeNode } from '../explorer/treeNode';
import { connectionIdOf, type AnalyticsContext } from './analyticsContext';
import { registerOnnxFiles } from './registerOnnxCommand';

export const URI_LIST_MIME = 'text/uri-list';

/** Nodes that accept an ONNX drop: an IoT-TICKET connection, its organizations and the Analytics / ONNX models folders. */
export function acceptsOnnxDrop(target: TreeNode | undefined, platformOf: (connectionId: string) => string | undefined): boolean {
  if (!target) return false;
  const ref = target.ref;
  if (ref?.kind === 'connection') return platformOf(ref.connectionId) === 'iotticket';
  if (ref?.kind === 'iotticket-organization') return true;
  const folder = analyticsFolderOf(target);
  return !!folder && (folder.kind === undefined || folder.kind === 'OnnxModel');
}

/** The `.onnx` files in a `text/uri-list` payload (comments and other files are skipped). */
export function onnxUris(uriList: string): vscode.Uri[] {
  return uriList
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => vscode.Uri.parse(l))
    .filter((u) => /\.onnx$/i.test(u.path));
}

export async function handleOnnxDrop(ctx: AnalyticsContext, target: TreeNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
  if (!target || !acceptsOnnxDrop(target, (id) => ctx.deps.store.get(id)?.platform)) return;
  const list = await dataTransfer.get(URI_LIST_MIME)?.asString();
  const files = list ? onnxUris(list) : [];
  if (files.length === 0) {
    // Series dragged inside the tree also travel as uri-lists: only speak up when something else was dropped here.
    if (list && !/^iot-series:/m.test(list)) void vscode.window.showInformationMessage(vscode.l10n.t('Drop .onnx files here to register them in IoT-TICKET.'));
    return;
  }
  // Every dropped file goes to the connection it was dropped on.
  await registerOnnxFiles(ctx, files, { connectionId: connectionIdOf(target) });
}
