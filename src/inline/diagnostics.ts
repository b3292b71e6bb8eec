/**
 * Warnings on names paths that do not exist on the file's connection, pointing at the first name that
 * is missing. Only documents in visible editors are checked (no requests for what nobody sees); checks
 * are debounced while typing and repeated when the connection or the visible editors change.
 */
import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../platforms/http';
import { isInlineDocument, referencesOf } from './documentReferences';
import type { InlineContext } from './inlineContext';
import type { NamesPathReference } from './references';
import { inlineSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'IoT Explorer';
export const MISSING_PATH_CODE = 'names-path-not-found';
const DEBOUNCE_MS = 400;

export class NamesPathDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('iotExplorer.inline');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves when the checks started so far are done (tests wait on it). */
  private idle: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: InlineContext) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.checkVisible()),
      ctx.connections.onDidChange(() => this.checkVisible()),
    );
    this.checkVisible();
  }

  /** Checks every document shown in an editor. */
  checkVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  /** Waits for the pending checks (and starts one for `document` first when given). */
  async settled(document?: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    if (document) this.schedule(document, 0);
    while (this.timers.size > 0) await new Promise((r) => setTimeout(r, 20));
    await this.idle;
    return document ? (this.collection.get(document.uri) ?? []) : [];
  }

  private schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!isInlineDocument(document)) return;
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const run = this.check(document);
        this.idle = Promise.all([this.idle, run]).then(() => undefined);
      }, delay),
    );
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.running.get(key)?.abort();
    if (!inlineSettings.enabled() || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    // Only what is on screen costs requests; hidden documents keep their last result.
    if (!vscode.window.visibleTextEditors.some((e) => e.document === document)) return;
    const paths = referencesOf(document).references.filter((r): r is NamesPathReference => r.kind === 'namesPath');
    const profile = this.ctx.connections.connectionFor('iotticket');
    if (paths.length === 0 || !profile) {
      this.collection.delete(document.uri);
      return;
    }
    const controller = new AbortController();
    this.running.set(key, controller);
    const version = document.version;
    const diagnostics: vscode.Diagnostic[] = [];
    const names = this.ctx.values.names;
    try {
      for (const ref of paths) {
        if (!ref.explicit && !(await names.isRootName(profile.id, ref.path[0], controller.signal))) continue;
        const res = await names.resolve(profile.id, ref.path, controller.signal);
        if (res.kind !== 'missing') continue;
        const seg = ref.segments[res.segment];
        const range = seg
          ? new vscode.Range(document.positionAt(seg.start), document.positionAt(seg.end))
          : new vscode.Range(document.positionAt(ref.start), document.positionAt(ref.end));
        const hint = res.available.length ? ` (${vscode.l10n.t('there: {0}', res.available.slice(0, 8).join(', '))}${res.available.length > 8 ? ', …' : ''})` : '';
        const d = new vscode.Diagnostic(range, `${vscode.l10n.t('Names path not found in {0}: {1}', profile.label, res.message)}${hint}`, vscode.DiagnosticSeverity.Warning);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = MISSING_PATH_CODE;
        diagnostics.push(d);
      }
      if (document.version === version && !document.isClosed) this.collection.set(document.uri, diagnostics);
    } catch (err) {
      if (!isCancellation(err)) this.ctx.log.warn(`Checking names paths in ${document.uri.toString()} failed: ${errorMessage(err)}`);
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.running.get(key)?.abort();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const c of this.running.values()) c.abort();
    for (const d of this.disposables) d.dispose();
  }
}
