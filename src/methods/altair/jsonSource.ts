/**
 * JSON a command takes from the user: given as an answer (a value or its text), the JSON editor in front
 * (unsaved edits included), or a file picked in a dialog. Text that is not JSON is refused with the
 * parser's message before anything is sent.
 */
import * as vscode from 'vscode';
import { ValidationError } from '../../platforms/http';

/** Undefined when the user cancels the file dialog. */
export async function readJsonSource(given: unknown, what: string): Promise<unknown> {
  if (given !== undefined && typeof given !== 'string') return given;
  let text = typeof given === 'string' ? given : undefined;
  let from = vscode.l10n.t('the answer');
  if (text === undefined) {
    const active = vscode.window.activeTextEditor?.document;
    if (active && (active.languageId === 'json' || active.languageId === 'jsonc')) {
      text = active.getText();
      from = active.uri.path.split('/').pop() ?? from;
    } else {
      const picked = (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Choose the JSON file of {0}', what), canSelectMany: false, filters: { JSON: ['json'] } }))?.[0];
      if (!picked) return undefined;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked));
      from = picked.path.split('/').pop() ?? from;
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError('json', vscode.l10n.t('{0} is not JSON: {1}', from, err instanceof Error ? err.message : String(err)));
  }
}
