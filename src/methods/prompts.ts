/**
 * The few questions the SDK-method commands ask: a line of text, and a modal confirmation that names
 * its target. An answer given in the command's options is used instead of asking (`confirm: false`
 * skips the confirmation), so every command can run from a script or a test without blocking.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../platforms/http';
import type { Answers } from './deps';

export interface TextQuestion {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeHolder?: string;
  /** Empty text is refused unless the answer is optional. */
  readonly optional?: boolean;
}

/** The answer under `key`, or what the user types; undefined when cancelled (empty optional → ''). */
export async function askText(answers: Answers, key: string, q: TextQuestion): Promise<string | undefined> {
  const given = answers?.[key];
  if (typeof given === 'string') return given;
  const text = await vscode.window.showInputBox({
    title: q.title,
    prompt: q.prompt,
    value: q.value,
    placeHolder: q.placeHolder,
    ignoreFocusOut: true,
    validateInput: (v) => (!q.optional && v.trim() === '' ? vscode.l10n.t('Required') : undefined),
  });
  return text === undefined ? undefined : text.trim();
}

/** A modal warning with one action button; `detail` says what cannot be undone. */
export async function confirmModal(answers: Answers, message: string, detail: string, button: string): Promise<boolean> {
  if (answers?.confirm === false) return true;
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

/** Opens a value the platform returned as a read-only JSON document. */
export function showJson(json: { open(key: string, title: string, produce: () => Promise<unknown>): Promise<vscode.TextDocument> }, key: string, title: string, value: unknown): Promise<vscode.TextDocument> {
  return json.open(key, title, async () => value);
}

/** An input box's `validateInput` from the parser its answer goes through: the parser's message, or none. */
export function problemOf(parse: (text: string) => unknown): (text: string) => string | undefined {
  return (text) => {
    try {
      parse(text);
      return undefined;
    } catch (err) {
      return errorMessage(err);
    }
  };
}

export interface Choice<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
  readonly picked?: boolean;
}

/** One choice: the answer under `key` when given (checked against the choices by `accept`), else a pick. */
export async function askPick<T>(answers: Answers, key: string, title: string, choices: readonly Choice<T>[], accept: (given: unknown) => T | undefined): Promise<T | undefined> {
  if (answers && key in answers) return accept(answers[key]);
  const picked = await vscode.window.showQuickPick(choices.map((c) => ({ ...c })), { title, ignoreFocusOut: true, matchOnDescription: true });
  return picked?.value;
}

/** Several choices (those `picked` preselected); the answer under `key` is used as is when given. */
export async function askMany<T>(answers: Answers, key: string, title: string, choices: readonly Choice<T>[]): Promise<T[] | undefined> {
  const given = answers?.[key];
  if (Array.isArray(given)) return given as T[];
  const picked = await vscode.window.showQuickPick(choices.map((c) => ({ ...c })), { title, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.value);
}
