/** What the command flows of this feature share, built once by `registerCommandsAndWrites`. */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import type { ExplorerServices } from '../../explorer/treeNode';
import type { WriteHistory } from '../model/history';
import { commandFileText } from '../model/commandFile';
import { targetKey, type WriteSpec } from '../model/writeSpec';
import type { LiveDocuments } from './liveDocuments';
import type { SendOptions, SendResult, SendRunner } from './sendRunner';
import type { DeviceCredentialStore, ExtensionWriteContext } from './writeContext';

export interface FlowDeps {
  readonly services: ExplorerServices;
  readonly runner: SendRunner;
  readonly history: WriteHistory;
  readonly context: ExtensionWriteContext;
  readonly devices: DeviceCredentialStore;
  readonly live: LiveDocuments;
  /** Where draft command files (the JSON editor of dynamic payloads) are written. */
  readonly draftsUri: vscode.Uri;
}

/** Sends a spec built by a form, then refreshes the tree node it came from when the write changed what it shows. */
export async function sendAndRefresh(deps: FlowDeps, spec: WriteSpec, node: TreeNode | undefined, options: SendOptions = {}): Promise<SendResult> {
  const result = await deps.runner.send(spec, options);
  if (result.sent && (result.outcome.result === 'ok' || result.outcome.result === 'accepted')) {
    if (node?.parent) deps.services.refresh(node.parent);
  }
  return result;
}

/** The values last sent to this target, to prefill a form. */
export function lastSpec<K extends WriteSpec['kind']>(deps: FlowDeps, probe: WriteSpec & { kind: K }): (WriteSpec & { kind: K }) | undefined {
  const entry = deps.history.forTarget(targetKey(probe)).find((e) => e.spec.kind === probe.kind);
  return entry?.spec as (WriteSpec & { kind: K }) | undefined;
}

/**
 * Opens a spec as a draft command file: the JSON editor for payloads too free-form for a form. The file
 * gets schema validation and completion from the JSON language and a "Send" CodeLens from this feature.
 */
export async function openDraft(deps: FlowDeps, name: string, spec: WriteSpec): Promise<vscode.TextEditor> {
  const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 80);
  const uri = vscode.Uri.joinPath(deps.draftsUri, `${safe}.iotcmd.json`);
  await vscode.workspace.fs.createDirectory(deps.draftsUri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(commandFileText([spec])));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Edit the payload, then click "Send" above it.'), 8000);
  return editor;
}
