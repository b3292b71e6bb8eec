/**
 * The export commands of a chart: CSV, JSON and Parquet streamed to a file the user picks (cancellable, with
 * progress), PNG of the chart, and "Copy visible range as CSV".
 */
import { basename, dirname } from 'node:path';
import { Writable } from 'node:stream';
import * as vscode from 'vscode';
import { safeFileName } from '../shared/escape/fileName';
import type { ViewCommand } from '../shared/chart/protocol';
import type { ChartPanel } from './chartPanel';
import { exportSeries, type ExportFormat, type ExportResult } from './exportSeries';
import { ExportFileError, replaceFile } from './fileReplace';
import { finish, writeText } from './streamWrite';
import { errorMessage } from '../platforms/http';
import type { TimeRange } from '../shared/chart/timeRange';
import { messageText } from '../shared/escape/message';
import { announceFile } from '../activity/announceFile';
import type { ActivityLog, ActivityOutcome } from '../activity/activityLog';
import type { ExportFolder } from './exportFolder';

export class ChartExporter {
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly folder: ExportFolder,
    /** Exports are recorded in the Activity view. */
    private readonly activity?: Pick<ActivityLog, 'add'>,
  ) {}

  /** Records an export (or its failure) with the file it wrote. */
  private record(panel: ChartPanel, format: string, uri: vscode.Uri, outcome: ActivityOutcome, detail: string): void {
    this.activity?.add({
      connectionId: '',
      connectionLabel: vscode.l10n.t('local file'),
      action: vscode.l10n.t('Export chart as {0}', format.toUpperCase()),
      target: `${panel.title} → ${basename(uri.fsPath)}`,
      outcome,
      detail,
      ...(outcome === 'succeeded' ? { file: uri.toString() } : {}),
    });
  }

  run(panel: ChartPanel, command: ViewCommand): Promise<void> {
    switch (command) {
      case 'exportCsv': return this.exportWithDialog(panel, 'csv');
      case 'exportJson': return this.exportWithDialog(panel, 'json');
      case 'exportParquet': return this.exportWithDialog(panel, 'parquet');
      case 'exportPng': return this.exportPng(panel);
      case 'copyVisibleCsv': return this.copyVisibleCsv(panel);
    }
  }

  /** Asks where to export (unless `target` says) and streams the series there. */
  async exportWithDialog(panel: ChartPanel, format: ExportFormat, target?: vscode.Uri): Promise<void> {
    if (panel.seriesEntries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The chart has no series to export.'));
      return;
    }
    const uri = target ?? (await vscode.window.showSaveDialog({
      defaultUri: this.folder.defaultFile(`${fileStem(panel)}.${format}`),
      filters: FILTERS[format],
      saveLabel: vscode.l10n.t('Export'),
    }));
    if (!uri) return;
    if (!isLocalFile(uri)) return;
    await this.folder.chose(uri);
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
          const done = vscode.l10n.t('Exported {0} points to {1}', r.points.toLocaleString(), uri.fsPath);
          this.record(panel, format, uri, 'succeeded', done);
          void announceFile(done, uri);
        } catch (err) {
          if (abort.signal.aborted) {
            const left = vscode.l10n.t('Export cancelled; {0} was left as it was.', uri.fsPath);
            this.record(panel, format, uri, 'cancelled', left);
            void vscode.window.showInformationMessage(messageText(left));
          } else {
            const reason = exportErrorText(err);
            this.record(panel, format, uri, 'failed', reason);
            void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', messageText(reason)));
          }
        }
      },
    );
  }

  /**
   * Streams the chart's series over `range` to a file. The data goes to a temporary file beside it that
   * replaces it only when complete: a cancelled or failed export leaves the file as it was.
   */
  async exportToFile(panel: ChartPanel, format: ExportFormat, filePath: string, range: TimeRange, signal?: AbortSignal, onProgress?: (points: number, fraction: number) => void): Promise<ExportResult> {
    const started = Date.now();
    try {
      const r = await replaceFile(filePath, (out) => exportSeries(out, panel.seriesEntries, format, { range, zone: panel.exportZone(), bom: csvBom(), signal, onProgress }));
      this.log.info(`chart ${panel.id}: exported ${r.points} points as ${format} to ${filePath} in ${Date.now() - started} ms`);
      return r;
    } catch (err) {
      this.log.warn(`chart ${panel.id}: export to ${filePath} stopped: ${errorMessage(err)}`);
      throw err;
    }
  }

  async exportPng(panel: ChartPanel, target?: vscode.Uri): Promise<void> {
    try {
      const png = await this.pngOf(panel);
      const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: this.folder.defaultFile(`${fileStem(panel)}.png`), filters: { PNG: ['png'] }, saveLabel: vscode.l10n.t('Save') }));
      if (!uri || !isLocalFile(uri)) return;
      await this.folder.chose(uri);
      await replaceFile(uri.fsPath, (out) => writeText(out, png));
      this.log.info(`chart ${panel.id}: saved PNG (${png.length} bytes) to ${uri.fsPath}`);
      const done = vscode.l10n.t('Saved the chart as PNG to {0}', uri.fsPath);
      this.record(panel, 'png', uri, 'succeeded', done);
      void announceFile(done, uri);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the chart as PNG: {0}', messageText(exportErrorText(err))));
    }
  }

  /** The chart's canvas as PNG bytes, drawn on the theme's background. */
  async pngOf(panel: ChartPanel): Promise<Buffer> {
    const { png } = await panel.request('png');
    const m = /^data:image\/png;base64,(.*)$/s.exec(png);
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
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not copy the visible range: {0}', messageText(errorMessage(err))));
    }
  }

  /** CSV of every series over the range the chart shows right now (raw points, not the drawn ones). */
  async visibleCsv(panel: ChartPanel): Promise<string> {
    const range = await panel.request('visibleRange');
    const chunks: string[] = [];
    const sink = new Writable({
      decodeStrings: false,
      write(chunk: string | Buffer, _enc, cb) {
        chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        cb();
      },
    });
    await exportSeries(sink, panel.seriesEntries, 'csv', { range: { from: Math.floor(range.from), to: Math.ceil(range.to) }, zone: panel.exportZone() });
    await finish(sink);
    return chunks.join('');
  }
}

/** What went wrong with an export file, in the user's words; other errors as they are. */
export function exportErrorText(err: unknown): string {
  if (!(err instanceof ExportFileError)) return errorMessage(err);
  const file = err.path;
  const folder = dirname(err.path);
  const kept = vscode.l10n.t('Nothing was changed.');
  switch (err.problem) {
    case 'noSpace': return `${vscode.l10n.t('The disk holding {0} is full.', folder)} ${kept}`;
    case 'readOnly': return `${vscode.l10n.t('{0} is on a read-only disk; choose another folder.', folder)} ${kept}`;
    case 'noPermission': return `${vscode.l10n.t('You may not write to {0}; choose another folder or file.', file)} ${kept}`;
    case 'missingFolder': return vscode.l10n.t('The folder {0} does not exist.', folder);
    case 'isFolder': return vscode.l10n.t('{0} is a folder; choose a file name.', file);
    case 'notAFile': return vscode.l10n.t('{0} is not a regular file (a device, pipe or socket); exports write regular files only.', file);
    case 'nameTooLong': return vscode.l10n.t('The name {0} is too long for its disk.', file);
    case 'other': return `${vscode.l10n.t('Could not write {0}: {1}', file, errorMessage(err.cause))} ${kept}`;
  }
}

const FILTERS: Readonly<Record<ExportFormat, Record<string, string[]>>> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] }, parquet: { Parquet: ['parquet'] } };

/** The user's choice of a byte order mark in CSV files (Excel reads UTF-8 by it). */
function csvBom(): boolean {
  return vscode.workspace.getConfiguration('iotExplorer.export').get<boolean>('csvByteOrderMark', false);
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
