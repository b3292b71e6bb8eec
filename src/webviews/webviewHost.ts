/**
 * The host side every webview panel shares: the page (CSP, nonce, local resources only), the ready gate,
 * typed posting, typed request/reply pairs with timeouts, the runtime check of every message the webview
 * sends, and disposal. A subclass handles the messages that passed the check; a handler's failure, thrown
 * or rejected, is logged here, so none becomes an unhandled rejection in the extension host.
 */
import * as vscode from 'vscode';
import type { ReplyMap, ReplyMessage, RequestMessage } from '../shared/webview/ipc';
import type { Parsed } from '../shared/webview/validate';
import { webviewHtml, webviewRoot } from './webviewHtml';

/** What a webview app declares: its bundle and the check of its messages. */
export interface WebviewApp<FromView> {
  /** Bundle name under dist/webview (`<app>.js`, `<app>.css`). */
  readonly app: string;
  /** Name in log lines. */
  readonly name: string;
  readonly parse: (message: unknown) => Parsed<FromView>;
  /** Keep the page alive while its tab is hidden (else it reloads and sends `ready` again when shown). */
  readonly retainContextWhenHidden?: boolean;
}

/** The log a host writes to: the extension's log or a LogOutputChannel. */
export interface WebviewLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): unknown;
}

export interface WebviewHostDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: WebviewLog;
}

type Message = { readonly type: string };
type Handled<M extends Message> = Exclude<M, { type: 'ready' | 'reply' | 'replyError' }>;

const isReply = <R extends ReplyMap>(m: Message): m is ReplyMessage<R> => m.type === 'reply' || m.type === 'replyError';
const isReady = <M extends Message>(m: M): m is Extract<M, { type: 'ready' }> => m.type === 'ready';

interface Pending {
  readonly what: string;
  resolve(value: object): void;
  reject(err: Error): void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export abstract class WebviewHost<
  ToView extends Message,
  FromView extends Message,
  R extends ReplyMap = Record<never, object>,
> implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Problems already logged: a webview that keeps sending the same bad message is logged once. */
  private readonly refused = new Set<string>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly onDidBecomeReady = this.readyEmitter.event;

  static panelOptions(extensionUri: vscode.Uri, retainContextWhenHidden = false): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden, enableFindWidget: false };
  }

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly deps: WebviewHostDeps,
    private readonly app: WebviewApp<FromView>,
  ) {
    panel.webview.options = WebviewHost.panelOptions(deps.extensionUri, app.retainContextWhenHidden);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // A page that is not retained is gone while hidden; it says `ready` again when shown.
        if (!webviewPanel.visible && !app.retainContextWhenHidden) this.unready('the page was hidden');
        this.onViewState(webviewPanel);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Loads the page; call once the subclass is fully constructed (the page may answer at once). */
  protected load(title: string): void {
    this.panel.webview.html = webviewHtml(this.panel.webview, this.deps.extensionUri, { app: this.app.app, title, l10n: vscode.l10n.bundle });
  }

  get isReady(): boolean {
    return this.ready;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Resolves once the page has completed its handshake (at once when it has). */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.onDidBecomeReady(() => {
        sub.dispose();
        resolve();
      });
    });
  }

  /** Posts to the page; false when it is not there to receive (not ready, or closed). */
  protected post(message: ToView): boolean {
    return this.send(message);
  }

  private send(message: Message): boolean {
    if (this.disposed || !this.ready) return false;
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => this.deps.log.warn(`${this.app.name}: message ${message.type} not delivered: ${String(err)}`));
    return true;
  }

  /** Asks the page for something only it has; rejects when it does not answer in time, or answers with an error. */
  request<K extends keyof R & string>(what: K, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<R[K]> {
    if (!this.ready) return Promise.reject(new Error(vscode.l10n.t('The view is still loading.')));
    const requestId = this.nextRequestId++;
    return new Promise<R[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new Error(vscode.l10n.t('The view did not answer in time.')));
      }, timeoutMs);
      this.pending.set(requestId, { what, resolve: resolve as (value: object) => void, reject, timer });
      const request: RequestMessage<R> = { type: 'request', requestId, what };
      this.send(request);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unready('the view was closed');
    for (const d of this.subscriptions) d.dispose();
    this.readyEmitter.dispose();
    this.onDispose();
    this.panel.dispose();
  }

  /** The page said `ready` (first load or a reload): send it everything it shows. */
  protected abstract onReady(message: Extract<FromView, { type: 'ready' }>): void | Promise<void>;
  /** Every other message that passed the protocol's check. */
  protected abstract onMessage(message: Handled<FromView>): void | Promise<void>;
  /** A handler failed; the default logs it. Subclasses may also show it in the page. */
  protected onHandlerError(message: FromView, err: unknown): void {
    this.deps.log.error(`${this.app.name}: handling ${message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  protected onViewState(_panel: vscode.WebviewPanel): void {}
  /** A message failed the protocol's check (already logged, once per problem); nothing was done with it. */
  protected onRefused(_message: unknown, _problem: string): void {}
  protected onDispose(): void {}

  private receive(raw: unknown): void {
    if (this.disposed) return;
    const parsed = this.app.parse(raw);
    if (!parsed.ok) {
      if (!this.refused.has(parsed.problem)) {
        this.refused.add(parsed.problem);
        this.deps.log.warn(`${this.app.name}: refused a message from the webview (${parsed.problem})`);
      }
      this.onRefused(raw, parsed.problem);
      return;
    }
    const message = parsed.message;
    if (isReply<R>(message)) {
      this.settle(message);
      return;
    }
    const ready = isReady(message);
    if (ready) this.ready = true;
    let result: void | Promise<void>;
    try {
      result = ready ? this.onReady(message) : this.onMessage(message as Handled<FromView>);
    } catch (err) {
      this.onHandlerError(message, err);
      return;
    }
    const done = Promise.resolve(result).catch((err: unknown) => this.onHandlerError(message, err));
    if (ready) void done.then(() => this.readyEmitter.fire());
  }

  private settle(reply: ReplyMessage<R>): void {
    const p = this.pending.get(reply.requestId);
    if (!p) return;
    if (reply.type === 'reply' && reply.what !== p.what) {
      this.deps.log.warn(`${this.app.name}: refused a reply of kind ${reply.what} to a ${p.what} request`);
      return;
    }
    this.pending.delete(reply.requestId);
    clearTimeout(p.timer);
    if (reply.type === 'replyError') p.reject(new Error(reply.error));
    else p.resolve(reply.value);
  }

  private unready(why: string): void {
    this.ready = false;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${this.app.name}: ${why}`));
    }
    this.pending.clear();
  }
}
