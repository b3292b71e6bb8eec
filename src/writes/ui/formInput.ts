/**
 * Shows a generated form as a multi-step quick input (one field per step, Back to revise): enums and
 * booleans as picks, everything else as an input box checked as the user types, with the same parser
 * the write uses, so what the form accepts is what gets sent.
 */
import * as vscode from 'vscode';
import { MultiStepInput, type Step } from '../../connections/multiStepInput';
import { ValidationError } from '../../platforms/http';
import { initialText, parseFieldValue, type FormField } from '../model/formFields';

interface Pick extends vscode.QuickPickItem {
  readonly value: unknown;
}

/** Asks every field in turn; resolves with the parsed values in field order, or undefined when cancelled. */
export async function askFields(title: string, fields: readonly FormField[], initial: Readonly<Record<string, unknown>> = {}): Promise<unknown[] | undefined> {
  if (fields.length === 0) return [];
  const values: unknown[] = new Array<unknown>(fields.length);
  const step = (i: number): Step => async (input) => {
    const f = fields[i];
    const start = initial[f.key ?? f.path];
    const label = `${f.label}${f.unit ? ` [${f.unit}]` : ''}${f.required ? '' : ` (${vscode.l10n.t('optional')})`}`;
    if (f.kind === 'enum' || f.kind === 'boolean') {
      const options: unknown[] = f.kind === 'boolean' ? [true, false] : [...(f.enumValues ?? [])];
      const items: Pick[] = options.map((v) => ({ label: typeof v === 'string' ? v : JSON.stringify(v), value: v }));
      if (!f.required) items.push({ label: vscode.l10n.t('(leave out)'), value: undefined });
      const active = items.find((it) => it.value === (start ?? f.defaultValue));
      const [picked] = await input.showQuickPick({ title, step: i + 1, totalSteps: fields.length, items, placeholder: label + (f.description ? ` — ${f.description}` : ''), activeItem: active });
      values[i] = picked?.value;
    } else {
      const text = await input.showInputBox({
        title,
        step: i + 1,
        totalSteps: fields.length,
        value: start === undefined ? initialText(f) : typeof start === 'string' ? start : JSON.stringify(start),
        prompt: [label, f.description, hint(f)].filter(Boolean).join(' — '),
        validate: (v) => problem(f, v),
      });
      values[i] = parseFieldValue(f, text);
    }
    return i + 1 < fields.length ? step(i + 1) : undefined;
  };
  const completed = await MultiStepInput.run(step(0));
  return completed ? values : undefined;
}

function problem(field: FormField, text: string): string | undefined {
  try {
    parseFieldValue(field, text);
    return undefined;
  } catch (err) {
    // The box belongs to the field: its name is the prompt, not the message's prefix (templateVariables.rpm: …).
    return err instanceof ValidationError ? err.message.replace(`${field.path}: `, '') : String(err);
  }
}

function hint(f: FormField): string | undefined {
  switch (f.kind) {
    case 'number':
    case 'integer':
      return [f.kind === 'integer' ? vscode.l10n.t('a whole number') : vscode.l10n.t('a number'), f.minimum !== undefined && `≥ ${f.minimum}`, f.maximum !== undefined && `≤ ${f.maximum}`].filter(Boolean).join(' ');
    case 'json':
      return f.strict ? vscode.l10n.t('a number, true/false, null or JSON (text in quotes)') : vscode.l10n.t('a number, true/false, text or JSON');
    case 'string':
      return vscode.l10n.t('text');
    default:
      return undefined;
  }
}
