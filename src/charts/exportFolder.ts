/**
 * Where exports are offered first (issue 19 §13): the `iotExplorer.export.folder` setting when set, else
 * the folder of the last export, else the user's Downloads folder (or home) — never the workspace root,
 * where an export would show up in the project.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

const LAST = 'iotExplorer.export.lastFolder';

export class ExportFolder {
  constructor(private readonly memento: vscode.Memento) {}

  /** The file `name` in the folder exports go to by default. */
  defaultFile(name: string): vscode.Uri {
    return vscode.Uri.file(join(this.folder(), name));
  }

  folder(): string {
    const configured = vscode.workspace.getConfiguration('iotExplorer.export').get<string>('folder', '').trim();
    if (configured) return configured.replace(/^~(?=$|[\\/])/, homedir());
    const last = this.memento.get<string>(LAST);
    if (last && existsSync(last)) return last;
    const downloads = join(homedir(), 'Downloads');
    return existsSync(downloads) ? downloads : homedir();
  }

  /** Remembers the folder of a file the user chose, for the next export. */
  async chose(uri: vscode.Uri): Promise<void> {
    await this.memento.update(LAST, dirname(uri.fsPath));
  }
}
