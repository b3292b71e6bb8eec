/**
 * Sends a write the way every entry point should: check it, ask for confirmation where it matters
 * (production connections, aggregated commands with their target count), send it once with progress and
 * cancellation, record it in the history, log it, and tell the user the outcome and what it means.
 * A failed write is never sent again unless the user presses "Send Again"; one whose outcome is unknown
 * does not even offer it, since it may have been applied.
 */
import type { ActivityLog } from '../../activity/activityLog';
import { writeActivity } from './writeActivity';
import * as vscode from 'vscode';
import type { ExplorerServices } from '../../explorer/treeNode';
import type { ConnectionProfile } from '../../connections/profile';
import type { WriteHistory } from '../model/history';
import { outcomeActions, outcomeText, type WriteOutcome } from '../model/outcome';
import { describeSpec, platformOf, type WriteSpec } from '../model/writeSpec';
import type { PreparedWrite, WriteContext } from '../send/context';
import { notPrepared, prepareWrite } from '../send/executor';
import { MissingConnectionFieldError, MissingDeviceCredentialsError } from '../send/adapterWrites';
import { messageText } from '../../shared/escape/message';

/** Options callers (and tests) may pass with a spec. */
export interface SendOptions {
  /** Replaces the modal confirmation; resolve true to send. Tests use it to see what would be asked. */
  readonly confirm?: (message: string, detail: string) => Promise<boolean> | boolean;
  /** Skip the outcome notification (tests, batch runs). */
  readonly quiet?: boolean;
  /** Where the write came from, for the log ("CodeLens", "history"). */
  readonly origin?: string;
  /** The context to use (a command file's, resolving relative paths next to it). */
  readonly context?: WriteContext;
}

export interface SendResult {
  readonly outcome: WriteOutcome;
  /** False when the user declined a confirmation (nothing was sent). */
  readonly sent: boolean;
  /** The questions asked before sending. */
  readonly confirmations: readonly string[];
}

export class SendRunner {
  constructor(
    private readonly services: ExplorerServices,
    private readonly history: WriteHistory,
    private readonly context: WriteContext,
    /** Called when a write needs device credentials that are not stored; resolves true once they are. */
    private readonly askDeviceCredentials: (connectionId: string, deviceId: string) => Promise<boolean>,
    /** Opens the command log for outcomes that carry command ids. */
    private readonly openCommandLog: (spec: WriteSpec, outcome: WriteOutcome) => Promise<void>,
    /** The Activity view's log: every write that reached `finish` is recorded there. */
    private readonly activity?: Pick<ActivityLog, 'add'>,
  ) {}

  async send(spec: WriteSpec, options: SendOptions = {}): Promise<SendResult> {
    const ctx = options.context ?? this.context;
    const confirmations: string[] = [];
    const prepared = await this.prepare(spec, ctx);
    if (!('run' in prepared)) return this.finish(spec, prepared, options, confirmations, false);

    const profile = this.services.store.get(spec.connection);
    const questions = confirmationsFor(prepared, profile);
    for (const q of questions) {
      confirmations.push(q.message);
      const ok = options.confirm ? await options.confirm(q.message, q.detail) : await modal(q.message, q.detail, q.button);
      if (!ok) {
        this.services.log.info(`Write cancelled at confirmation: ${describeSpec(spec)}`);
        const outcome: WriteOutcome = { result: 'refused', summary: 'Not sent: cancelled at the confirmation', details: [] };
        this.activity?.add({ ...writeActivity(spec, outcome, profile?.label ?? spec.connection, await this.spaceOf(spec)), outcome: 'cancelled' });
        return { outcome, sent: false, confirmations };
      }
    }

    this.services.log.info(`Sending${options.origin ? ` (${options.origin})` : ''}: ${prepared.description}`);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending: {0}', prepared.description), cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await prepared.run(abort.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    return this.finish(spec, outcome, options, confirmations, true);
  }

  /** Checks the spec; a missing device credential is asked for once, then checked again. */
  private async prepare(spec: WriteSpec, ctx: WriteContext): Promise<PreparedWrite | WriteOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prepareWrite(spec, ctx);
      } catch (err) {
        if (err instanceof MissingDeviceCredentialsError && attempt === 0 && (await this.askDeviceCredentials(err.connectionId, err.deviceId))) continue;
        if (err instanceof MissingConnectionFieldError && attempt === 0 && (await this.offerConnectionEdit(err))) continue;
        return notPrepared(err);
      }
    }
  }

  /** Says which field the connection lacks and offers Edit Connection at that field; true when it is set now. */
  private async offerConnectionEdit(err: MissingConnectionFieldError): Promise<boolean> {
    const label = this.services.store.get(err.connectionId)?.label ?? err.connectionId;
    const edit = vscode.l10n.t('Edit Connection');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" has no {1} ({2}), which this write needs.', messageText(label), err.what, err.field),
      edit,
    );
    if (choice !== edit) return false;
    await vscode.commands.executeCommand('iotExplorer.editConnection', { connectionId: err.connectionId, field: err.field });
    const profile = this.services.store.get(err.connectionId) as Record<string, unknown> | undefined;
    return profile?.[err.field] !== undefined;
  }

  private async finish(spec: WriteSpec, outcome: WriteOutcome, options: SendOptions, confirmations: string[], sent: boolean): Promise<SendResult> {
    const text = outcomeText(outcome);
    if (outcome.result === 'failed' || outcome.result === 'partial' || outcome.result === 'unknown') this.services.log.error(text);
    else if (outcome.result === 'refused') this.services.log.warn(text);
    else this.services.log.info(text);
    await this.history.record(spec, outcome.result, outcome.summary);
    const profile = this.services.store.get(spec.connection);
    this.activity?.add(writeActivity(spec, outcome, profile?.label ?? spec.connection, await this.spaceOf(spec)));
    if (!options.quiet) void this.notify(spec, outcome, options);
    return { outcome, sent, confirmations };
  }

  /** The space of an Altair write's connection (what a Thing's reference needs); from its session, which the write used. */
  private async spaceOf(spec: WriteSpec): Promise<string | undefined> {
    if (platformOf(spec) !== 'altair') return undefined;
    return this.services.sessions.altair(spec.connection).then(
      (s) => s.space,
      () => undefined,
    );
  }

  private async notify(spec: WriteSpec, outcome: WriteOutcome, options: SendOptions): Promise<void> {
    const details = vscode.l10n.t('Details');
    const log = vscode.l10n.t('Command Log');
    const again = vscode.l10n.t('Send Again');
    // Summaries name assets and things: shown as text, never as links.
    const message = messageText(outcome.meaning ? `${outcome.summary} — ${outcome.meaning}` : outcome.summary);
    const labels = { details, log, again } as const;
    const buttons = outcomeActions(outcome, spec.kind === 'iotticket.command' || spec.kind === 'iotticket.control').map((a) => labels[a]);
    const show = outcome.result === 'ok' || outcome.result === 'accepted'
      ? 'showInformationMessage'
      : outcome.result === 'failed' || outcome.result === 'partial' ? 'showErrorMessage' : 'showWarningMessage';
    const choice = await vscode.window[show](message, ...buttons);
    if (choice === details) await showOutcomeDocument(spec, outcome);
    else if (choice === log) await this.openCommandLog(spec, outcome);
    else if (choice === again) await this.send(spec, { ...options, origin: 'send again' });
  }
}

interface Question {
  readonly message: string;
  readonly detail: string;
  readonly button: string;
}

/** What must be confirmed: a production connection always; an aggregated command with its target count. */
export function confirmationsFor(prepared: PreparedWrite, profile: ConnectionProfile | undefined): Question[] {
  const questions: Question[] = [];
  const detail = prepared.notes.join('\n');
  const spec = prepared.spec;
  for (const warning of prepared.warnings ?? []) {
    questions.push({ message: vscode.l10n.t('{0} Send anyway?', warning), detail, button: vscode.l10n.t('Send Anyway') });
  }
  if (spec.kind === 'iotticket.command' && spec.aggregated) {
    questions.push({
      message: vscode.l10n.t('This aggregated command reaches {0} target(s): the asset and every sub-asset with the same command. Send it to all {0}?', prepared.targets),
      detail,
      button: vscode.l10n.t('Send to {0} Target(s)', prepared.targets),
    });
  }
  if (profile?.production) {
    questions.push({
      message: vscode.l10n.t('"{0}" is a production connection. {1}?', profile.label, capitalize(prepared.description)),
      detail,
      button: vscode.l10n.t('Send to Production'),
    });
  }
  return questions;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function modal(message: string, detail: string, button: string): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  return choice === button;
}

/** Opens the full outcome (every part, the platform's answer) in a read-only editor. */
export async function showOutcomeDocument(spec: WriteSpec, outcome: WriteOutcome): Promise<void> {
  const lines = [`# ${describeSpec(spec)}`, '', outcomeText(outcome)];
  if (outcome.response !== undefined) lines.push('', 'Response:', JSON.stringify(outcome.response, null, 2));
  lines.push('', 'Sent:', JSON.stringify(spec, null, 2));
  const doc = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'markdown' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

