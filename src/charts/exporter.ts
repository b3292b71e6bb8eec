/**
 * The export commands of a chart: CSV and JSON streamed to a file the user picks (cancellable, with
 * progress), PNG of the chart, and "Copy visible range as CSV".
 */
import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import * as vscode from 'vscode';
import { safeFileName } from '../shared/escape/fileName';
import type { ViewCommand } from '../shared/chart/protocol';
import type { ChartPanel } from './chartPanel';
import { exportSeries, type ExportFormat, type ExportResult } from './exportSeries';
import { finish } from './streamWrite';
import { errorText } from './seriesQuery';
import type { TimeRange } from '../shared/chart/timeRange';
import { messageText } from '../shared/escape/message';

export class ChartExporter {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  run(panel: ChartPanel, command: ViewCommand): Promise<void> {
    switch (command) {
      case 'exportCsv': return this.exportWithDialog(panel, 'csv');
      case 'exportJson': return this.exportWithDialog(panel, 'json');
      case 'exportPng': return this.exportPng(panel);
      case 'copyVisibleCsv': return this.copyVisibleCsv(panel);
    }
  }

  async exportWithDialog(panel: ChartPanel, format: ExportFormat): Promise<void> {
    if (panel.seriesEntries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The chart has no series to export.'));
      return;
    }
    const uri = await vscode.window.showSaveDialog({
      defaultUri: defaultFile(`${fileStem(panel)}.${format}`),
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return;
    if (!isLocalFile(uri)) return;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', panel.title), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          const r = await this.exportToFile(panel, format, uri.fsPath, panel.exportRange(), abort.signal, (points, fraction) => {
            const pct = Math.round(fraction * 100);
            progress.report({ message: vscode.l10n.t('{0} points', points.toLocaleString()), increment: pct - reported });
            reported = pct;
          });
          void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} points to {1}', r.points.toLocaleString(), messageText(uri.fsPath)));
        } catch (err) {
          if (abort.signal.aborted) void vscode.window.showInformationMessage(vscode.l10n.t('Export cancelled; the partial file was removed.'));
          else void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', messageText(errorText(err))));
        }
      },
    );
  }

  /** Streams the chart's series over `range` to a file; removes the file when cancelled or failed. */
  async exportToFile(panel: ChartPanel, format: ExportFormat, filePath: string, range: TimeRange, signal?: AbortSignal, onProgress?: (points: number, fraction: number) => void): Promise<ExportResult> {
    const out = createWriteStream(filePath, { encoding: 'utf8' });
    const started = Date.now();
    try {
      const r = await exportSeries(out, panel.seriesEntries, format, { range, offsetMin: panel.zoneOffsetMin(), signal, onProgress });
      await finish(out);
      this.log.info(`chart ${panel.id}: exported ${r.points} points as ${format} to ${filePath} in ${Date.now() - started} ms`);
      return r;
    } catch (err) {
      out.destroy();
      await rm(filePath, { force: true });
      this.log.warn(`chart ${panel.id}: export to ${filePath} stopped: ${errorText(err)}`);
      throw err;
    }
  }

  async exportPng(panel: ChartPanel): Promise<void> {
    try {
      const png = await this.pngOf(panel);
      const uri = await vscode.window.showSaveDialog({ defaultUri: defaultFile(`${fileStem(panel)}.png`), filters: { PNG: ['png'] }, saveLabel: vscode.l10n.t('Save') });
      if (!uri || !isLocalFile(uri)) return;
      await writeFile(uri.fsPath, png);
      this.log.info(`chart ${panel.id}: saved PNG (${png.length} bytes) to ${uri.fsPath}`);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the chart as PNG: {0}', messageText(errorText(err))));
    }
  }

  /** The chart's canvas as PNG bytes, drawn on the theme's background. */
  async pngOf(panel: ChartPanel): Promise<Buffer> {
    const reply = await panel.requestFromView('png');
    const m = /^data:image\/png;base64,(.*)$/s.exec(reply.png ?? '');
    if (!m) throw new Error(vscode.l10n.t('The chart returned no image.'));
    return Buffer.from(m[1], 'base64');
  }

  async copyVisibleCsv(panel: ChartPanel): Promise<void> {
    try {
      const text = await this.visibleCsv(panel);
      await vscode.env.clipboard.writeText(text);
      const rows = Math.max(0, text.split('\n').length - 2);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} rows of the visible range as CSV', rows.toLocaleString()), 5000);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not copy the visible range: {0}', messageText(errorText(err))));
    }
  }

  /** CSV of every series over the range the chart shows right now (raw points, not the drawn ones). */
  async visibleCsv(panel: ChartPanel): Promise<string> {
    const reply = await panel.requestFromView('visibleRange');
    const range = reply.visibleRange ?? panel.exportRange();
    const chunks: string[] = [];
    const sink = new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _enc, cb) {
        chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        cb();
      },
    });
    await exportSeries(sink, panel.seriesEntries, 'csv', { range: { from: Math.floor(range.from), to: Math.ceil(range.to) }, offsetMin: panel.zoneOffsetMin() });
    await finish(sink);
    return chunks.join('');
  }
}

/** Exports stream through Node's fs on the extension host, so they go to files it can reach. */
function isLocalFile(uri: vscode.Uri): boolean {
  if (uri.scheme === 'file') return true;
  void vscode.window.showErrorMessage(vscode.l10n.t('Chart exports are written to files on the machine running the extension; pick a location there ({0} is not supported).', uri.scheme));
  return false;
}

function fileStem(panel: ChartPanel): string {
  const names = panel.seriesEntries.map((e) => e.info.label).join('_') || 'chart';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${safeFileName(names, 'chart', 60)}_${stamp}`;
}

function defaultFile(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}
