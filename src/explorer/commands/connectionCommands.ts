/** Commands on connections: add, edit, remove, test, sign out, set credential, move secrets, try the demo. */
import { adviceFor } from '../../connections/errorAdvice';
import * as vscode from 'vscode';
import type { CommandKernel } from '../../commands/kernel';
import type { ConnectionStore } from '../../connections/connectionStore';
import { askSecret, connectionWizard, type WizardResult } from '../../connections/connectionWizard';
import { primarySecret, type ConnectionProfile } from '../../connections/profile';
import { heldBackSecret, reviewSecretOrigin, secretOriginErrorOf, type SecretOriginChoice } from '../../connections/secretOriginPrompt';
import { moveSecretsToStorage } from '../../connections/secretWarning';
import type { SessionManager } from '../../connections/sessionManager';
import type { PythonInterpreters } from '../../connections/pythonInterpreter';
import { demoProfiles, type DemoInfo, type DemoService } from '../../demo/demoService';
import type { ExplorerLog } from '../../log';
import { errorMessage } from '../../platforms/http';
import type { Explorer } from '../explorer';
import { ErrorNode } from '../nodes/placeholderNodes';
import { messageText } from '../../shared/escape/message';
import { platformModules } from '../platforms';

export interface ConnectionCommandDeps {
  readonly commands: CommandKernel;
  readonly explorer: Explorer;
  readonly store: ConnectionStore;
  readonly sessions: SessionManager;
  readonly demo: DemoService;
  readonly log: ExplorerLog;
  /** The interpreter of Python-backed connections (Select Interpreter). */
  readonly python?: PythonInterpreters;
  /** Runs after the user confirmed removing a connection, before its secrets go (MQTT credentials on the platform). */
  readonly beforeRemove?: (profile: ConnectionProfile) => Promise<void>;
}

/** Adds (or keeps) the two demo connections, starts the emulator and expands them in the tree. */
export async function tryDemo(deps: ConnectionCommandDeps, options: { reveal?: boolean } = {}): Promise<DemoInfo> {
  const info = await vscode.window.withProgress(
    { location: { viewId: 'iotExplorer.connections' }, title: vscode.l10n.t('Starting the demo emulator…') },
    () => deps.demo.start(),
  );
  for (const profile of demoProfiles()) if (!deps.store.get(profile.id)) await deps.store.save(profile);
  if (options.reveal !== false) {
    // The explorer finds a node right after its profile is saved and retries a reveal while the view loads
    // its rows (Explorer.reveal): nothing to wait for here.
    for (const profile of demoProfiles()) {
      try {
        const node = deps.explorer.connection(profile.id);
        if (!node) throw new Error('not in the tree');
        node.expandOnce = true;
        await deps.explorer.reveal(node, { expand: 2, select: false, focus: false });
      } catch (err) {
        deps.log.warn(`Could not reveal ${profile.label}: ${errorMessage(err)}`);
      }
    }
  }
  return info;
}

export function registerConnectionCommands(deps: ConnectionCommandDeps): vscode.Disposable[] {
  const { explorer, store, sessions, log, commands } = deps;

  /** After the review of a held-back secret: a new session with the rebound secret, or "Set Credential…". */
  const afterReview = async (profile: ConnectionProfile, choice: SecretOriginChoice): Promise<void> => {
    if (choice === 'rebound') {
      log.info(`The secret of "${profile.label}" may now go to where the connection points (confirmed by the user)`);
      await sessions.invalidate(profile.id);
      sessions.health.forget(profile.id);
      const conn = explorer.connection(profile.id);
      if (conn) explorer.refresh(conn);
    } else if (choice === 'setCredential') {
      await vscode.commands.executeCommand('iotExplorer.setCredential', explorer.connection(profile.id));
    }
  };

  const testAndReport = async (profile: ConnectionProfile): Promise<boolean> => {
    try {
      const reached = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}"…', profile.label), cancellable: true },
        (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return sessions.test(profile.id, abort.signal);
        },
      );
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" works: {1}.', messageText(profile.label), messageText(reached.join('; '))));
      return true;
    } catch (err) {
      const entry = log.error(`Testing "${profile.label}" failed`, err);
      const heldBack = secretOriginErrorOf(err);
      if (heldBack) {
        await afterReview(profile, await reviewSecretOrigin(store, heldBack));
        return false;
      }
      // In the user's words, with the fixes that fit (the technical text is in the log entry).
      const advice = adviceFor(err, profile.label);
      const edit = vscode.l10n.t('Edit Connection');
      const credential = vscode.l10n.t('Set Credential');
      const retry = vscode.l10n.t('Retry');
      const showLog = vscode.l10n.t('Show Log');
      const buttons = [...(advice.fixes.includes('setCredential') ? [credential] : []), edit, ...(advice.fixes.includes('retry') ? [retry] : []), showLog];
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('"{0}" failed: {1}', messageText(profile.label), messageText(advice.text)), ...buttons);
      if (choice === edit) await vscode.commands.executeCommand('iotExplorer.editConnection', explorer.connection(profile.id));
      else if (choice === credential) await vscode.commands.executeCommand('iotExplorer.setCredential', explorer.connection(profile.id));
      else if (choice === retry) return testAndReport(profile);
      else if (choice === showLog) await vscode.commands.executeCommand('iotExplorer.showLogEntry', entry);
      return false;
    }
  };

  /**
   * Tests the wizard's answers before anything is saved; when the test fails, asks "Save Anyway" or
   * "Fix…" (which reopens the wizard at the step the error points to) until it works or the user decides.
   */
  const testThenSave = async (first: WizardResult, existing: ConnectionProfile | undefined): Promise<void> => {
    let result = first;
    for (;;) {
      const { profile, secret } = result;
      try {
        const reached = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing "{0}"…', profile.label), cancellable: true },
          (_p, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return sessions.testProfile(profile, secret, abort.signal);
          },
        );
        await save(result, existing);
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" works: {1}.', messageText(profile.label), messageText(reached.join('; '))));
        return;
      } catch (err) {
        log.error(`Testing "${profile.label}" failed`, err);
        if (secretOriginErrorOf(err)) {
          // The stored secret would now go somewhere else: save, then the usual review of the held-back secret.
          await save(result, existing);
          await testAndReport(profile);
          return;
        }
        const saveAnyway = vscode.l10n.t('Save Anyway');
        const fix = vscode.l10n.t('Fix…');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('Testing "{0}" failed: {1}', messageText(profile.label), messageText(errorMessage(err))),
          { modal: true, detail: vscode.l10n.t('Nothing is saved yet. Save the connection as it is, or fix it.') },
          saveAnyway,
          fix,
        );
        if (choice === saveAnyway) {
          await save(result, existing);
          sessions.health.report(profile.id, err);
          return;
        }
        if (choice !== fix) return;
        const fixed = await connectionWizard(platformModules, store.list().map((p) => p.id), profile, { jumpTo: stepToFix(err), secret });
        if (!fixed) return;
        result = { profile: fixed.profile, secret: fixed.secret ?? secret };
      }
    }
  };

  const save = async ({ profile, secret }: WizardResult, existing: ConnectionProfile | undefined): Promise<void> => {
    if (secret) await store.setSecret(profile, primarySecret(profile), secret);
    await store.save(profile);
    await sessions.invalidate(profile.id);
    sessions.health.forget(profile.id);
    log.info(existing ? `Changed connection "${profile.label}"` : `Added connection "${profile.label}" (${profile.platform})`);
  };

  return [
    commands.register('iotExplorer.addConnection', async () => {
      const result = await connectionWizard(platformModules, store.list().map((p) => p.id));
      if (result) await testThenSave(result, undefined);
    }),
    commands.register('iotExplorer.editConnection', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection to edit'), filter: (p) => !p.demo });
      if (!profile) return;
      if (profile.demo) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The demo connections are set up by the emulator and cannot be edited.'));
        return;
      }
      // A caller that knows what is missing (a feature lacking a field) names the step: `{ connectionId, field }`.
      const field = (call.value as { field?: unknown } | undefined)?.field;
      const jumpTo = typeof field === 'string' ? field : undefined;
      const result = await connectionWizard(platformModules, store.list().map((p) => p.id), profile, { jumpTo });
      if (result) await testThenSave(result, profile);
    }),
    commands.register('iotExplorer.removeConnection', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection to remove') });
      if (!profile) return;
      const remove = vscode.l10n.t('Remove');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the connection "{0}" and forget its stored secrets?', messageText(profile.label)),
        { modal: true },
        remove,
      );
      if (answer !== remove) return;
      await deps.beforeRemove?.(profile);
      await sessions.signOut(profile.id);
      await store.remove(profile.id);
      await explorer.favourites.removeConnection(profile.id);
      await explorer.filters.set(profile.id, undefined);
      sessions.health.forget(profile.id);
      log.info(`Removed connection "${profile.label}"`);
    }),
    commands.register('iotExplorer.testConnection', async (call) => {
      if (call.args[0] === undefined && store.list().length > 1) {
        // From the status bar: test every connection, one summary.
        const results = await Promise.allSettled(store.list().map((p) => sessions.test(p.id)));
        const failed = results.map((r, i) => ({ r, p: store.list()[i] })).filter((x) => x.r.status === 'rejected');
        if (failed.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('All {0} connections work.', results.length));
        else void vscode.window.showWarningMessage(vscode.l10n.t('Failing: {0}. Details are in the log.', messageText(failed.map((f) => f.p.label).join(', '))));
        for (const f of failed) log.error(`Testing "${f.p.label}" failed`, (f.r as PromiseRejectedResult).reason);
        return;
      }
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection to test') });
      if (profile) return testAndReport(profile);
    }),
    commands.register('iotExplorer.signOut', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection to sign out of'), platform: 'altair' });
      if (!profile) return;
      await sessions.signOut(profile.id);
      const conn = explorer.connection(profile.id);
      if (conn) explorer.refresh(conn);
      log.info(`Signed out of "${profile.label}" (token revoked)`);
      if (profile.demo) return;
      const token = primarySecret(profile) === 'token';
      const forget = token ? vscode.l10n.t('Also Forget the Access Token') : vscode.l10n.t('Also Forget the Client Secret');
      const said = token ? vscode.l10n.t('Signed out of "{0}": the access token is no longer used.', messageText(profile.label)) : vscode.l10n.t('Signed out of "{0}": the access token was revoked.', messageText(profile.label));
      const choice = await vscode.window.showInformationMessage(said, forget);
      if (choice === forget) await store.deleteSecret(profile.id, primarySecret(profile));
    }),
    commands.register('iotExplorer.setCredential', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection whose credential to set'), filter: (p) => !p.demo });
      if (!profile) return;
      const secret = await askSecret(platformModules.get(profile.platform), profile);
      if (!secret) return;
      await store.setSecret(profile, primarySecret(profile), secret);
      await sessions.invalidate(profile.id);
      sessions.health.forget(profile.id);
      const conn = explorer.connection(profile.id);
      if (conn) explorer.refresh(conn);
      void vscode.window.showInformationMessage(vscode.l10n.t('Stored the credential of "{0}" in secure storage.', messageText(profile.label)));
    }),
    commands.register('iotExplorer.moveSecretsFromSettings', async () => {
      const n = await moveSecretsToStorage(store);
      void vscode.window.showInformationMessage(
        n ? vscode.l10n.t('Moved {0} value(s) from settings to secure storage.', n) : vscode.l10n.t('No secrets found in settings.'),
      );
    }),
    commands.register('iotExplorer.reviewSecretOrigin', async (call) => {
      const profile = await call.connection({ placeholder: vscode.l10n.t('Connection whose secret to review'), filter: (p) => !p.demo });
      if (!profile) return;
      const held = secretOriginErrorOf(call.node instanceof ErrorNode ? call.node.error : undefined) ?? (await heldBackSecret(store, profile, primarySecret(profile)));
      if (!held) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The secret of "{0}" goes only where it was stored for.', messageText(profile.label)));
        return;
      }
      await afterReview(profile, await reviewSecretOrigin(store, held));
    }),
    commands.register('iotExplorer.tryDemo', () => tryDemo(deps)),
    commands.register('iotExplorer.python.selectInterpreter', async () => {
      if (!deps.python || !(await deps.python.select())) return;
      // Also after picking the same interpreter (das just installed in it): a failed backend starts afresh.
      await sessions.restartPython();
      for (const p of store.list()) {
        const conn = p.assetApi === 'python' ? explorer.connection(p.id) : undefined;
        if (conn) explorer.refresh(conn);
      }
      const chosen = await deps.python.resolve();
      void vscode.window.showInformationMessage(vscode.l10n.t('das.iot_client connections now use {0}.', messageText(chosen.path)));
    }),
  ];
}

/** The wizard step a failed test points to: the secret after 401/403, else the menu of every step. */
function stepToFix(err: unknown): string | undefined {
  const status = (err as { status?: unknown }).status;
  return status === 401 || status === 403 ? 'secret' : undefined;
}
