/** Nodes that are not platform entities: Load more, the error node, the empty placeholder and plain info rows. */
import * as vscode from 'vscode';
import { errorMessage, HttpError } from '../../platforms/http';
import { TreeNode } from '../treeNode';
import { markdownLines } from '../../shared/escape/markdown';
import { CONTEXT } from '../contextValues';
import { adviceFor } from '../../connections/errorAdvice';
import { formatAge } from './format';

export class LoadMoreNode extends TreeNode {
  readonly contextValue = CONTEXT.loadMore;
  label = '';
  private loaded = 0;
  private total: number | undefined;

  constructor(readonly owner: TreeNode) {
    super(owner, '~more');
  }

  update(loaded: number, total: number | undefined): void {
    this.loaded = loaded;
    this.total = total;
    this.label =
      total !== undefined
        ? vscode.l10n.t('Load more ({0} of {1})', loaded.toLocaleString('en-US'), total.toLocaleString('en-US'))
        : vscode.l10n.t('Load more ({0} loaded, more available)', loaded.toLocaleString('en-US'));
  }

  get counts(): { loaded: number; total: number | undefined } {
    return { loaded: this.loaded, total: this.total };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: 'iotExplorer.loadMore', title: this.label, arguments: [this] };
    item.tooltip =
      this.total === undefined
        ? vscode.l10n.t('Fetch the next page from the server. The platform does not say how many there are: right-click for Load 10 More Pages, or use Go to… or a filter to find one by name.')
        : vscode.l10n.t('Fetch the next page from the server');
    return item;
  }
}

export class ErrorNode extends TreeNode {
  readonly label: string;
  readonly message: string;

  constructor(
    readonly owner: TreeNode,
    readonly logEntry: number,
    readonly error: unknown,
  ) {
    super(owner, '~error');
    this.label = this.missingCredential
      ? vscode.l10n.t('No credential stored — set it securely…')
      : this.secretHeldBack
        ? vscode.l10n.t('Secret held back: the connection points elsewhere — review…')
        : this.pythonBackend
          ? vscode.l10n.t('Python backend failed — show log or select the interpreter')
          : adviceFor(error, owner.connectionId === undefined ? undefined : owner.services.store.get(owner.connectionId)?.label).text;
    this.message = errorMessage(error);
  }

  get contextValue(): string {
    return this.pythonBackend ? CONTEXT.errorPython : CONTEXT.error;
  }

  /** The asset API's Python process could not start or keeps crashing (PythonSetupError, PythonBackendFailedError …). */
  get pythonBackend(): boolean {
    return this.error instanceof Error && /^Python(Setup|BackendFailed|ProcessExited)Error$/.test(this.error.name);
  }

  /** The connection has no password or client secret yet: the node leads to "Set Credential Securely…". */
  get missingCredential(): boolean {
    return this.error instanceof Error && this.error.name === 'MissingCredentialError';
  }

  /** The stored secret was bound to other hosts: the node leads to the review (use it there, or set a new one). */
  get secretHeldBack(): boolean {
    return this.error instanceof Error && this.error.name === 'SecretOriginError';
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    // The row says what happened in the user's words; the technical text and the way to the log are here.
    item.tooltip = new vscode.MarkdownString().appendMarkdown(markdownLines(`${this.message}\n\n${vscode.l10n.t('Click to open the log at this entry.')}`));
    if (this.secretHeldBack) {
      item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'iotExplorer.reviewSecretOrigin', title: this.label, arguments: [this] };
      return item;
    }
    if (this.missingCredential) {
      item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'iotExplorer.setCredential', title: this.label, arguments: [this] };
      return item;
    }
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.description = shortReason(this.error);
    const cachedAt = this.owner.loader?.fromCache ? this.owner.loader.loadedAt : undefined;
    if (cachedAt !== undefined) item.label = vscode.l10n.t('Reload failed — the rows below are cached ({0})', formatAge(cachedAt));
    item.command = { command: 'iotExplorer.showLogEntry', title: this.label, arguments: [this.logEntry] };
    return item;
  }
}

/** The status and the platform's words for an HTTP error; nothing for others (the label already says it, the tooltip has the detail). */
function shortReason(err: unknown): string | undefined {
  if (err instanceof HttpError) return `${err.status}${err.platformMessage ? ` ${err.platformMessage}` : ''}`.slice(0, 80);
  return undefined;
}

export class EmptyNode extends TreeNode {
  readonly contextValue = CONTEXT.empty;

  constructor(
    owner: TreeNode,
    readonly label: string,
  ) {
    super(owner, '~empty');
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('circle-slash');
    return item;
  }
}

/** A leaf that shows a fact (quota, a template's attribute, a property's schema…). */
export class InfoNode extends TreeNode {
  constructor(
    parent: TreeNode,
    localId: string,
    readonly label: string,
    private readonly options: { description?: string; icon?: string; tooltip?: string; contextValue?: string; value?: unknown } = {},
  ) {
    super(parent, localId);
  }

  get contextValue(): string {
    return this.options.contextValue ?? CONTEXT.info;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.description = this.options.description;
    if (this.options.icon) item.iconPath = new vscode.ThemeIcon(this.options.icon);
    item.tooltip = this.options.tooltip;
    return item;
  }

  override async json(): Promise<unknown> {
    return this.options.value ?? { [this.label]: this.options.description };
  }
}
