/**
 * The last step before VS Code gets a tree item: its label and description show platform names and
 * values, so they become one line of visible text (src/shared/escape/text.ts). A name with a line break,
 * a control or a bidirectional override cannot fake a second row or reorder what the row shows, and a
 * 100 KB name does not make a 100 KB row.
 */
import type * as vscode from 'vscode';
import { oneLine } from '../shared/escape/text';

/** Characters a label or description keeps (the tree shows no more on one row anyway). */
export const TREE_TEXT_MAX = 256;

export function safeTreeItem(item: vscode.TreeItem): vscode.TreeItem {
  const label = item.label;
  if (typeof label === 'string') item.label = oneLine(label, TREE_TEXT_MAX);
  else if (label) {
    const shown = oneLine(label.label, TREE_TEXT_MAX);
    // Highlights index the original text: kept only while the text is unchanged.
    item.label = shown === label.label ? label : { label: shown };
  }
  if (typeof item.description === 'string') item.description = oneLine(item.description, TREE_TEXT_MAX);
  return item;
}
