/**
 * What a click on a leaf of the tree opens (issue 19 §12), as the anchor explorers do: a chart for a series
 * (numeric attribute, datanode or property), the send form for a command attribute, and the details (JSON)
 * of any other leaf that has them (events, text attributes and properties, actions). Nodes
 * that set their own command (Load more, error rows, things) keep it; folders expand as before.
 */
import * as vscode from 'vscode';
import { attributeContext } from './contextValues';
import type { TreeNode } from './treeNode';

const COMMAND_ATTRIBUTE = attributeContext('command', false);

export function leafCommand(node: TreeNode): vscode.Command | undefined {
  if (node.expandable) return undefined;
  if (node.series?.()) return { command: 'iotExplorer.openChart', title: vscode.l10n.t('Open Chart'), arguments: [node] };
  if (node.contextValue === COMMAND_ATTRIBUTE) return { command: 'iotExplorer.sendCommand', title: vscode.l10n.t('Send Command…'), arguments: [node] };
  return node.json ? { command: 'iotExplorer.openJson', title: vscode.l10n.t('Open JSON'), arguments: [node] } : undefined;
}
