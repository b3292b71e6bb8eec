/**
 * Drag source of the tree: series nodes (IoT-TICKET TelemetryData/Calculated attributes, v1 datanodes,
 * numeric Altair properties) travel as `iot-series:` URIs in `text/uri-list`, which the chart webview
 * accepts as a drop. Drops onto the tree (an `.onnx` file onto an Analytics node) go to `onDrop`.
 */
import * as vscode from 'vscode';
import { type SeriesDescriptor } from '../shared/chart/series';
import { seriesUri } from '../shared/chart/seriesUri';
import type { TreeNode } from './treeNode';

export const URI_LIST = 'text/uri-list';

export type DropHandler = (target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken) => Promise<void> | void;

export class SeriesDragController implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = [URI_LIST];
  readonly dropMimeTypes = [URI_LIST];
  /** The feature that accepts drops (ONNX registration), while registered. */
  private onDrop: DropHandler | undefined;

  /** Drops onto the tree go to `handler` until the returned Disposable is disposed (one at a time). */
  registerDropHandler(handler: DropHandler): vscode.Disposable {
    this.onDrop = handler;
    return new vscode.Disposable(() => {
      if (this.onDrop === handler) this.onDrop = undefined;
    });
  }

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const uris = seriesUriList(source);
    if (uris) dataTransfer.set(URI_LIST, new vscode.DataTransferItem(uris));
  }

  handleDrop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<void> | void {
    return this.onDrop?.(target, dataTransfer, token);
  }
}

/** The `text/uri-list` payload for the series among `nodes`, or undefined when none is a series. */
export function seriesUriList(nodes: readonly TreeNode[]): string | undefined {
  const descriptors = nodes.map((n) => n.series?.()).filter((d): d is SeriesDescriptor => d !== undefined);
  return descriptors.length ? descriptors.map(seriesUri).join('\r\n') : undefined;
}
