/**
 * Read-only documents that follow something until it settles: the command log of an asset (until every
 * command is SUCCEEDED, FAILED or SKIPPED) and the action requests of a Thing (until none is pending).
 * Each document re-reads on a growing interval, repaints itself, and stops when it is closed, when all
 * is final, or after a bounded number of reads.
 */
import * as vscode from 'vscode';
import { safeFileName } from '../../shared/escape/fileName';
import { errorMessage } from '../../platforms/http';
import { followUntilFinal } from '../model/commandFollow';

export const LIVE_SCHEME = 'iot-writes';

export interface LiveSource {
  readonly title: string;
  /** Reads the current state: its text, and how many items are not final yet. */
  read(signal: AbortSignal, following: boolean): Promise<{ text: string; open: number }>;
}

interface Entry {
  readonly source: LiveSource;
  text: string;
  open: number;
  abort?: AbortController;
}

export class LiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: { intervalMs?: number; maxReads?: number } = {}) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === LIVE_SCHEME) this.stop(keyOf(doc.uri));
      }),
    );
  }

  uriFor(key: string, title: string): vscode.Uri {
    const safe = safeFileName(title, 'log', 80);
    return vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${safe}.log`, query: new URLSearchParams({ key }).toString() });
  }

  /** Opens (or re-focuses and restarts) a document and follows it until everything in it is final. */
  async open(key: string, source: LiveSource): Promise<vscode.TextDocument> {
    this.stop(key);
    const entry: Entry = { source, text: `${source.title}\n\nReading…\n`, open: 0 };
    this.entries.set(key, entry);
    const uri = this.uriFor(key, source.title);
    await this.follow(key, entry, uri, true);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  /** The current text of a document (tests read it without scraping the editor). */
  text(key: string): string | undefined {
    return this.entries.get(key)?.text;
  }

  private async follow(key: string, entry: Entry, uri: vscode.Uri, firstOnly: boolean): Promise<void> {
    const abort = new AbortController();
    entry.abort = abort;
    const read = async (signal: AbortSignal): Promise<{ open: number }[]> => {
      try {
        const state = await entry.source.read(signal, true);
        entry.text = state.text;
        entry.open = state.open;
      } catch (err) {
        if (signal.aborted) return [{ open: 0 }];
        entry.text = `${entry.source.title}\n\nCould not read: ${errorMessage(err)}\n`;
        entry.open = 0;
      }
      this.changed.fire(uri);
      return [{ open: entry.open }];
    };
    if (firstOnly) {
      await read(abort.signal);
      if (entry.open > 0) void this.follow(key, entry, uri, false);
      return;
    }
    const result = await followUntilFinal({
      read,
      statusOf: (s) => (s.open > 0 ? 'QUEUED' : 'SUCCEEDED'),
      signal: abort.signal,
      intervalMs: this.options.intervalMs ?? 1000,
      maxReads: this.options.maxReads ?? 60,
    });
    if (!result.final && !abort.signal.aborted && this.entries.get(key) === entry) {
      // Stopped by the bound: say so in the text so nobody waits for a refresh that will not come.
      const state = await entry.source.read(abort.signal, false).catch(() => undefined);
      if (state) {
        entry.text = state.text;
        this.changed.fire(uri);
      }
    }
  }

  private stop(key: string): void {
    this.entries.get(key)?.abort?.abort();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.entries.get(keyOf(uri))?.text ?? vscode.l10n.t('This document is no longer followed; open it again from the tree.');
  }

  dispose(): void {
    for (const e of this.entries.values()) e.abort?.abort();
    this.entries.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function keyOf(uri: vscode.Uri): string {
  return new URLSearchParams(uri.query).get('key') ?? '';
}
