/**
 * Add and edit a connection with a multi-step quick input: the platform, the name, the platform's own
 * questions (declared by its module as `fields`, some only for certain answers), then the options. The
 * step counter is the position in the steps the current answers lead to, so it never jumps. Editing
 * asks which part to change and runs only that step (or goes straight to the one named by the caller).
 * Non-secret answers go to the profile in settings, the secret straight to SecretStorage; editing keeps
 * the stored secret when the secret step is left empty.
 */
import * as vscode from 'vscode';
import { MultiStepInput, type Step } from './multiStepInput';
import type { Answers, ConnectionField, PlatformConnections, PlatformDirectory } from './platform';
import { newProfileId, type ConnectionProfile } from './profile';

export interface WizardResult {
  readonly profile: ConnectionProfile;
  /** Undefined when editing and the user kept the stored secret. */
  readonly secret?: string;
}

export interface WizardOptions {
  /** Edit: go straight to this step (a field key, `label` or `options`) instead of asking what to change. */
  readonly jumpTo?: string;
  /** Fixing a connection not saved yet (its test failed): the secret typed for it, kept unless retyped. */
  readonly secret?: string;
}

const required = (value: string): string | undefined => (value.trim() ? undefined : vscode.l10n.t('Required'));

/** Step ids besides the fields'. */
const LABEL = 'label';
const OPTIONS = 'options';

/** Runs the wizard; resolves undefined when cancelled. `existing` switches to edit mode. */
export async function connectionWizard(
  platforms: PlatformDirectory,
  existingIds: readonly string[],
  existing?: ConnectionProfile,
  options: WizardOptions = {},
): Promise<WizardResult | undefined> {
  const editing = existing !== undefined;
  const title = editing ? vscode.l10n.t('Edit Connection "{0}"', existing.label) : vscode.l10n.t('Add Connection');
  const base = existing;
  let platform: PlatformConnections | undefined = base && platforms.get(base.platform);
  const answers: Record<string, string | undefined> = base ? { ...platform!.answersOf(base), label: base.label, secret: options.secret } : {};
  let chosen: string[] = base ? [...(base.production ? ['production'] : []), ...(base.tlsVerify === false ? ['noTls'] : [])] : [];

  const sequence = (): string[] => addSteps(platform, answers);
  const draft = (): ConnectionProfile => ({ ...(base ?? {}), id: base?.id ?? 'draft', label: answers.label ?? '', platform: platform!.id, ...platform!.toProfile(answers) });
  const tlsMatters = (): boolean => offersTlsOption(platform!, draft());

  /** One step; `at` is its position for the counter (undefined: a lone step while editing). */
  const ask = async (id: string, input: MultiStepInput, at?: { step: number; totalSteps?: number }): Promise<void> => {
    if (id === 'platform') {
      const items = platforms.all().map((p) => ({ label: p.label, description: p.pick.description, detail: p.pick.detail(), platform: p }));
      const [picked] = await input.showQuickPick({ title, ...at, items, placeholder: vscode.l10n.t('Which platform?') });
      platform = picked.platform;
    } else if (id === LABEL) {
      answers.label = await input.showInputBox({
        title,
        ...at,
        value: answers.label ?? '',
        prompt: vscode.l10n.t('Name shown in the tree'),
        placeholder: platform!.pick.labelPlaceholder,
        validate: required,
      });
    } else if (id === OPTIONS) {
      const items: (vscode.QuickPickItem & { key: string })[] = [
        { label: vscode.l10n.t('Production'), detail: vscode.l10n.t('Mark as production: writes ask for confirmation'), key: 'production' },
      ];
      if (tlsMatters() || chosen.includes('noTls')) {
        items.push({ label: vscode.l10n.t('Skip TLS certificate verification'), detail: vscode.l10n.t('Only for test installations with self-signed certificates'), key: 'noTls' });
      }
      const picked = await input.showQuickPick({
        title,
        ...at,
        items,
        canSelectMany: true,
        selected: items.filter((i) => chosen.includes(i.key)),
        placeholder: editing ? vscode.l10n.t('Options (press Enter to save)') : vscode.l10n.t('Options (press Enter to finish; advanced settings are under Edit Connection)'),
      });
      chosen = picked.map((p) => p.key);
    } else {
      const field = platform!.fields.find((f) => f.key === id);
      const value = field && (await askField(field, input, at));
      // An empty secret while editing keeps the stored (or already typed) one.
      if (field && !(field.secret && editing && !value)) answers[field.key] = value;
    }
  };

  const askField = async (field: ConnectionField, input: MultiStepInput, at?: { step: number; totalSteps?: number }): Promise<string> => {
    const current = answers[field.key] ?? field.initial?.(answers, editing) ?? '';
    const choices = field.choices?.(answers);
    if (choices) {
      const items = choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value }));
      const [picked] = await input.showQuickPick({ title, ...at, items, activeItem: items.find((i) => i.value === current), placeholder: field.prompt(editing, answers) });
      return picked.value;
    }
    return input.showInputBox({
      title,
      ...at,
      value: field.secret ? (editing ? '' : (answers[field.key] ?? '')) : current,
      prompt: field.prompt(editing, answers),
      placeholder: field.placeholder,
      password: field.secret,
      validate: field.validate ? (v) => field.validate!(v, answers, editing) : undefined,
    });
  };

  /** Adding: each step asks, then hands over to the next of the (possibly changed) sequence. */
  const stepAt =
    (index: number): Step =>
    async (input) => {
      const steps = sequence();
      const id = steps[index];
      if (!id) return;
      // Until the platform is chosen the number of steps is not known: the counter shows the position only.
      await ask(id, input, { step: index + 1, totalSteps: platform ? steps.length : undefined });
      return stepAt(index + 1);
    };

  /** Editing: what to change, then that one step. */
  const editMenu: Step = async (input) => {
    const items = editItems(platform!, existing!, answers, tlsMatters());
    const [picked] = await input.showQuickPick({ title, items, placeholder: vscode.l10n.t('What do you want to change?') });
    return lone(picked.id);
  };
  const lone =
    (id: string): Step =>
    async (input) => {
      await ask(id, input);
    };

  const start = editing ? (options.jumpTo ? lone(options.jumpTo) : editMenu) : stepAt(0);
  const finished = await MultiStepInput.run(start);
  const label = answers.label?.trim();
  if (!finished || !platform || !label) return undefined;
  const profile: ConnectionProfile = {
    ...draft(),
    id: existing?.id ?? newProfileId(label, existingIds),
    label,
    production: chosen.includes('production') ? true : undefined,
    tlsVerify: chosen.includes('noTls') && tlsMatters() ? false : undefined,
  };
  return { profile, secret: answers.secret ? answers.secret : undefined };
}

/** The steps of Add Connection that the answers so far lead to: platform, name, the fields asked, options. */
export function addSteps(platform: PlatformConnections | undefined, answers: Answers): string[] {
  const fields = (platform?.fields ?? []).filter((f) => !f.advanced && (f.when?.(answers) ?? true));
  return ['platform', LABEL, ...fields.map((f) => f.key), OPTIONS];
}

/** "Skip TLS certificate verification" is offered only when the connection talks to an https URL. */
export function offersTlsOption(platform: PlatformConnections, profile: ConnectionProfile): boolean {
  return platform.urls(profile).some((u) => /^https:/i.test(u));
}

/** The Edit Connection menu: every part of the connection with its current value. */
function editItems(platform: PlatformConnections, profile: ConnectionProfile, answers: Answers, tlsMatters: boolean): (vscode.QuickPickItem & { id: string })[] {
  const shown = (f: ConnectionField): string => {
    if (f.secret) return vscode.l10n.t('stored in secure storage');
    const v = answers[f.key];
    const choice = f.choices?.(answers).find((c) => c.value === v);
    return choice?.label ?? (v || vscode.l10n.t('not set'));
  };
  const options = [profile.production ? vscode.l10n.t('production') : undefined, tlsMatters && profile.tlsVerify === false ? vscode.l10n.t('TLS not verified') : undefined].filter(Boolean);
  return [
    { id: LABEL, label: vscode.l10n.t('Name'), description: profile.label },
    ...platform.fields
      .filter((f) => f.when?.(answers) ?? true)
      .map((f) => ({ id: f.key, label: f.title(answers), description: shown(f), detail: f.advanced ? vscode.l10n.t('Advanced') : undefined })),
    { id: OPTIONS, label: vscode.l10n.t('Options'), description: options.join(', ') || vscode.l10n.t('none') },
  ];
}

/** Asks for the password or client secret of a connection (the "Set credential securely" command). */
export async function askSecret(platform: PlatformConnections, profile: ConnectionProfile): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Set credential of "{0}"', profile.label),
    prompt: platform.secret.prompt(profile),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : vscode.l10n.t('Required')),
  });
}
