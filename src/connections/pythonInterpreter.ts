/**
 * Which Python serves the IoT-TICKET asset API of connections backed by the user's own das.iot_client:
 * the active environment of the Python extension (ms-python.python, through its public environments
 * API, when it is installed: no hard dependency), else the `iotExplorer.python.interpreterPath` setting,
 * else `python3` / `python` on PATH. A change of any of them fires `onDidChange`, so the sessions restart
 * their processes with the new interpreter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const PYTHON_EXTENSION = 'ms-python.python';
const SETTING = 'python.interpreterPath';

/** The part of the Python extension's API we use (its `environments` API). */
interface PythonEnvironmentsApi {
  readonly environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { readonly path: string };
    resolveEnvironment(env: { readonly path: string } | string): Promise<{ readonly executable: { readonly uri?: vscode.Uri } } | undefined>;
    readonly onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
}

/** Where an interpreter came from, for Test Connection and the log. */
export interface Interpreter {
  readonly path: string;
  readonly source: 'python-extension' | 'setting' | 'path';
}

export class PythonInterpreters implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchingExtension = false;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`iotExplorer.${SETTING}`)) this.changed.fire();
      }),
    );
  }

  /** The interpreter to start: the Python extension's active one, the setting, or python3/python on PATH. */
  async resolve(): Promise<Interpreter> {
    const fromExtension = await this.fromPythonExtension().catch(() => undefined);
    if (fromExtension) return { path: fromExtension, source: 'python-extension' };
    const setting = vscode.workspace.getConfiguration('iotExplorer').get<string>(SETTING)?.trim();
    if (setting) return { path: setting.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~'), source: 'setting' };
    return { path: onPath(['python3', 'python']) ?? 'python3', source: 'path' };
  }

  /** "Select Interpreter": the Python extension's picker when it is installed, else a file for the setting. */
  async select(): Promise<boolean> {
    if (vscode.extensions.getExtension(PYTHON_EXTENSION)) {
      await vscode.commands.executeCommand('python.setInterpreter');
      return true;
    }
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Python interpreter with das.iot_client'),
      openLabel: vscode.l10n.t('Use This Interpreter'),
      canSelectMany: false,
      canSelectFolders: false,
    });
    if (!picked?.[0]) return false;
    await vscode.workspace.getConfiguration('iotExplorer').update(SETTING, picked[0].fsPath, vscode.ConfigurationTarget.Global);
    return true;
  }

  private async fromPythonExtension(): Promise<string | undefined> {
    const ext = vscode.extensions.getExtension<PythonEnvironmentsApi>(PYTHON_EXTENSION);
    if (!ext) return undefined;
    const api = ext.isActive ? ext.exports : await ext.activate();
    const environments = api?.environments;
    if (!environments) return undefined;
    if (!this.watchingExtension) {
      this.watchingExtension = true;
      this.disposables.push(environments.onDidChangeActiveEnvironmentPath(() => this.changed.fire()));
    }
    const active = environments.getActiveEnvironmentPath(vscode.workspace.workspaceFolders?.[0]?.uri);
    const resolved = await environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? active.path;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The first of `names` found on PATH. */
function onPath(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const candidate = path.join(dir, name + ext);
        try {
          fs.accessSync(candidate, fs.constants.X_OK);
          return candidate;
        } catch {
          // not here
        }
      }
    }
  }
  return undefined;
}
