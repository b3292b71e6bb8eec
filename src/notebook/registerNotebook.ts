/**
 * "Open in Notebook" on a series, an IoT-TICKET asset, an Altair Thing or a chart: Jupyter cells that read
 * the same data with the user's SDK, load a pandas DataFrame and plot it. Built with VS Code's notebook
 * API (NotebookData / NotebookEdit), so any kernel runs them: appended to the active Jupyter notebook, else
 * in a new untitled one.
 */
import * as vscode from 'vscode';
import type { CommandCall, CommandKernel } from '../commands/kernel';
import type { ChartManager } from '../charts/chartManager';
import { notebookCells, type CellSpec, type NotebookTarget } from './notebookCells';
import { headersFor, targetOfRef, targetOfSeries, type ConnectionInfo } from './notebookTargets';

export const NOTEBOOK_COMMAND = 'iotExplorer.openInNotebook';
const JUPYTER = 'jupyter-notebook';
const DAY = 86_400_000;

export interface NotebookDeps {
  readonly commands: CommandKernel;
  readonly connection: (connectionId: string) => ConnectionInfo | undefined;
  /** The charts, when registered: "Open in Notebook" from a chart reads its series over its range. */
  readonly charts?: () => ChartManager | undefined;
  readonly log: vscode.LogOutputChannel;
}

interface Picked {
  readonly title: string;
  readonly items: { target: NotebookTarget; connection?: ConnectionInfo }[];
  readonly from: number;
  readonly to: number;
  /** Picked things no SDK read is generated for (REST API v1 datanodes). */
  readonly skipped: number;
}

export function registerNotebook(deps: NotebookDeps): vscode.Disposable {
  return deps.commands.register(NOTEBOOK_COMMAND, async (call) => {
    const picked = pick(call, deps);
    if (!picked || picked.items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open in Notebook reads IoT-TICKET time series attributes and assets, Altair numeric properties and Things, or the series of the active chart.'));
      return undefined;
    }
    const cells = notebookCells({ title: picked.title, headers: headersFor(picked.items), targets: picked.items.map((i) => i.target), from: picked.from, to: picked.to });
    const notebook = await addCells(cells);
    deps.log.info(`notebook: ${cells.length} cells for ${picked.items.length} target(s) in ${notebook.uri.toString(true)}`);
    if (picked.skipped > 0) void vscode.window.showInformationMessage(vscode.l10n.t('{0} REST API v1 series were left out: their library has no range read the notebook could use.', picked.skipped));
    return notebook;
  });
}

/** Tree nodes first, else the active chart, else the view's selection. */
function pick(call: CommandCall, deps: NotebookDeps): Picked | undefined {
  const now = Date.now();
  const panel = call.nodes.length === 0 ? deps.charts?.()?.activePanel : undefined;
  if (panel) {
    const range = panel.exportRange(now);
    const descriptors = panel.seriesEntries.map((e) => e.info.descriptor);
    const items = descriptors.flatMap((d) => {
      const target = targetOfSeries(d);
      return target ? [{ target, connection: deps.connection(d.connectionId) }] : [];
    });
    return { title: panel.title, items, from: range.from, to: range.to, skipped: descriptors.length - items.length };
  }
  const nodes = call.targets();
  const items = nodes.flatMap((n) => {
    const target = targetOfRef(n.ref, n.label);
    return target && n.ref ? [{ target, connection: deps.connection(n.ref.connectionId) }] : [];
  });
  if (nodes.length === 0) return undefined;
  return { title: nodes.map((n) => n.label).join(', '), items, from: now - DAY, to: now, skipped: 0 };
}

/** Appends to the active Jupyter notebook, else opens a new one; reveals the first new cell. */
async function addCells(specs: readonly CellSpec[]): Promise<vscode.NotebookDocument> {
  const cells = specs.map((c) => c.kind === 'code'
    ? new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.source, 'python')
    : new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, c.source, 'markdown'));
  const active = vscode.window.activeNotebookEditor;
  if (active && active.notebook.notebookType === JUPYTER) {
    const at = active.notebook.cellCount;
    const edit = new vscode.WorkspaceEdit();
    edit.set(active.notebook.uri, [vscode.NotebookEdit.insertCells(at, cells)]);
    await vscode.workspace.applyEdit(edit);
    const range = new vscode.NotebookRange(at, at + cells.length);
    active.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    return active.notebook;
  }
  const data = new vscode.NotebookData(cells);
  data.metadata = { metadata: { language_info: { name: 'python' } } };
  const doc = await vscode.workspace.openNotebookDocument(JUPYTER, data);
  await vscode.window.showNotebookDocument(doc);
  return doc;
}
