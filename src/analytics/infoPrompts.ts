/**
 * The questions for an analytics item's basic info: name (checked against the names already taken),
 * description, and the Markdown help text, which an input box cannot hold well — so it can also come
 * from a Markdown file (one next to the model is offered first) or be generated from the inspection.
 */
import * as vscode from 'vscode';
import type { BasicInfo } from './analyticsOps';

const MAX_NAME = 255;

export interface InfoPromptOptions {
  readonly title: string;
  /** The current values (editing) or the proposals (registering). */
  readonly initial: Partial<BasicInfo>;
  /** Names taken by other items of the same kind (compared case-insensitively, as the platform does). */
  readonly takenNames: readonly string[];
  /** The file being registered: a Markdown file next to it is offered as help text. */
  readonly fileUri?: vscode.Uri;
  /** A help text generated from the model's inspection. */
  readonly generatedHelp?: string;
}

/** Asks for name, description and help text in turn; undefined when the user cancels. */
export async function promptBasicInfo(options: InfoPromptOptions): Promise<BasicInfo | undefined> {
  const taken = new Set(options.takenNames.map((n) => n.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title: `${options.title} (1/3)`,
    prompt: vscode.l10n.t('Name in IoT-TICKET'),
    value: options.initial.name ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const t = v.trim();
      if (!t) return vscode.l10n.t('A name is required.');
      if (t.length > MAX_NAME) return vscode.l10n.t('At most {0} characters.', MAX_NAME);
      if (taken.has(t.toLowerCase())) return vscode.l10n.t('"{0}" is already taken; names are unique (ignoring case).', t);
      return undefined;
    },
  });
  if (name === undefined) return undefined;
  const description = await vscode.window.showInputBox({
    title: `${options.title} (2/3)`,
    prompt: vscode.l10n.t('Description (optional)'),
    value: options.initial.description ?? '',
    ignoreFocusOut: true,
  });
  if (description === undefined) return undefined;
  const helpText = await promptHelpText({ ...options, title: `${options.title} (3/3)` });
  if (helpText === undefined) return undefined;
  return { name: name.trim(), description: description.trim(), helpText };
}

type HelpChoice = vscode.QuickPickItem & { readonly run: () => Thenable<string | undefined> | string | undefined };

async function existingMarkdown(fileUri: vscode.Uri | undefined): Promise<vscode.Uri[]> {
  if (!fileUri) return [];
  const dir = vscode.Uri.joinPath(fileUri, '..');
  const base = fileUri.path.split('/').pop()!.replace(/\.[^.]+$/, '');
  const found: vscode.Uri[] = [];
  for (const candidate of [`${base}.md`, 'README.md']) {
    const uri = vscode.Uri.joinPath(dir, candidate);
    try {
      await vscode.workspace.fs.stat(uri);
      found.push(uri);
    } catch {
      // not there
    }
  }
  return found;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The help text (Markdown): '' for none, undefined when cancelled. */
export async function promptHelpText(options: InfoPromptOptions): Promise<string | undefined> {
  const current = options.initial.helpText ?? '';
  const choices: HelpChoice[] = [];
  if (current) {
    choices.push({ label: vscode.l10n.t('$(check) Keep the current help text'), detail: firstLine(current), run: () => current });
  }
  for (const md of await existingMarkdown(options.fileUri)) {
    choices.push({ label: vscode.l10n.t('$(markdown) Use {0}', md.path.split('/').pop()!), description: vscode.workspace.asRelativePath(md), run: () => readText(md) });
  }
  if (options.generatedHelp) {
    choices.push({ label: vscode.l10n.t('$(list-unordered) Generate from the model'), detail: vscode.l10n.t('Inputs, outputs, producer and opset as Markdown'), run: () => options.generatedHelp });
  }
  choices.push({
    label: vscode.l10n.t('$(edit) Type a short help text…'),
    detail: vscode.l10n.t('One line of Markdown; use a Markdown file for more'),
    run: () => vscode.window.showInputBox({ title: options.title, prompt: vscode.l10n.t('Help text (Markdown)'), value: current, ignoreFocusOut: true }),
  });
  choices.push({
    label: vscode.l10n.t('$(file) From a Markdown file…'),
    run: async () => {
      const picked = await vscode.window.showOpenDialog({
        title: options.title,
        canSelectMany: false,
        filters: { Markdown: ['md', 'markdown'], [vscode.l10n.t('Text')]: ['txt'] },
        defaultUri: options.fileUri ? vscode.Uri.joinPath(options.fileUri, '..') : undefined,
      });
      return picked?.[0] ? readText(picked[0]) : undefined;
    },
  });
  choices.push({ label: current ? vscode.l10n.t('$(circle-slash) Remove the help text') : vscode.l10n.t('$(circle-slash) No help text'), run: () => '' });
  const picked = await vscode.window.showQuickPick(choices, { title: options.title, placeHolder: vscode.l10n.t('Help text shown in IoT-TICKET (Markdown)'), ignoreFocusOut: true });
  return picked ? picked.run() : undefined;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
