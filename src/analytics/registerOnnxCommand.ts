/**
 * "Register ONNX Model in IoT-TICKET…": from the Explorer context menu on `.onnx` files, a drop on a
 * connection's Analytics node, the Analytics node's menu or the palette. The file is inspected locally
 * first (not ONNX, corrupt or above the size limit → refused with the reason, nothing uploaded); then
 * connection, name, description and help text; a preview of the inspection to confirm; the multipart
 * upload with progress and cancel; the result in the Activity view and the Analytics tree.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CommandCall } from '../commands/kernel';
import { errorMessage, httpStatusOf, isCancellation } from '../platforms/http';
import { pickConnection, refreshAnalytics, type AnalyticsContext, type ConnectedClient } from './analyticsContext';
import { analyticsUsage, describeUsage, listItems } from './analyticsOps';
import { promptBasicInfo } from './infoPrompts';
import { formatBytes, inspectOnnx, OnnxFileError, type OnnxInspection } from './inspectOnnx';
import { helpTextFromInspection, inspectionText } from './inspectionReport';
import { uploadOnnxModel, type OnnxModelRecord } from './onnxUpload';
import { IotTicketClient } from '../platforms/iotticket/client';
import { messageText } from '../shared/escape/message';
import { pickConnection as askConnection } from '../commands/connectionPicker';

/** For scripts and tests: answers that skip the matching questions. */
export interface RegisterOnnxOptions {
  readonly connectionId?: string;
  readonly name?: string;
  readonly description?: string;
  readonly helpText?: string;
  /** false skips the confirmation dialog. */
  readonly confirm?: boolean;
}

/** The largest file the upload accepts, from `iotExplorer.onnx.maxUploadMB` (the platform's limit). */
export function maxUploadBytes(): number {
  const mb = vscode.workspace.getConfiguration('iotExplorer').get<number>('onnx.maxUploadMB', 50);
  return Math.floor((mb > 0 ? mb : 50) * 1024 * 1024);
}

/**
 * The command handler. VS Code calls it with (clicked file, selected files) from the Explorer, with a
 * tree node from the Analytics menu, and scripts may pass (file, options).
 */
export async function registerOnnxCommand(ctx: AnalyticsContext, call: CommandCall): Promise<OnnxModelRecord[] | OnnxModelRecord | undefined> {
  const options = (call.options ?? {}) as RegisterOnnxOptions;
  const fromNode = call.node?.connectionId;
  return registerOnnxFiles(ctx, call.uris(), { ...options, connectionId: options.connectionId ?? fromNode }, !!fromNode);
}

/**
 * Registers `.onnx` files one after the other; with none, the active editor's model (unless the command
 * came from a node) or files the user picks.
 */
export async function registerOnnxFiles(ctx: AnalyticsContext, given: readonly vscode.Uri[], options: RegisterOnnxOptions, fromNode = false): Promise<OnnxModelRecord[] | OnnxModelRecord | undefined> {
  let files = given.filter((u) => /\.onnx$/i.test(u.path));
  if (files.length === 0) {
    const active = vscode.window.activeTextEditor?.document.uri ?? (vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined)?.uri;
    if (active && /\.onnx$/i.test(active.path) && !fromNode) files = [active];
  }
  if (files.length === 0) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Register ONNX Model in IoT-TICKET'),
      canSelectMany: true,
      filters: { [vscode.l10n.t('ONNX models')]: ['onnx'] },
      openLabel: vscode.l10n.t('Register'),
    });
    files = picked ?? [];
  }
  // Several files without a target connection: the connection is asked once, for all of them.
  let connectionId = options.connectionId;
  if (files.length > 1 && !connectionId) {
    connectionId = (await askConnection(ctx.deps.store, { platform: 'iotticket', title: vscode.l10n.t('Register {0} ONNX models in', files.length), placeholder: vscode.l10n.t('Choose the IoT-TICKET connection') }))?.id;
    if (!connectionId) return undefined;
  }
  const results: OnnxModelRecord[] = [];
  for (const file of files) {
    const record = await registerOne(ctx, file, { ...options, connectionId });
    if (record) results.push(record);
  }
  return files.length > 1 ? results : results[0];
}

/** Registers one file; resolves with the platform's record, or undefined when refused, cancelled or failed (all reported). */
export async function registerOne(ctx: AnalyticsContext, file: vscode.Uri, options: RegisterOnnxOptions): Promise<OnnxModelRecord | undefined> {
  const fileName = basename(file.path);
  const action = vscode.l10n.t('Register ONNX model');
  const inspection = await inspectFile(ctx, file);
  if (!inspection) return undefined;

  let connected: ConnectedClient | undefined;
  try {
    connected = await pickConnection(ctx.deps, options.connectionId, action);
  } catch (err) {
    // Reported here, not by the command: the other files of a multi-selection still go ahead.
    ctx.report(err, { what: `${action}: no connection` });
    return undefined;
  }
  if (!connected) return undefined;
  const { profile, client } = connected;

  // Names taken and the analytics count: both help before anything is sent (failures here are not fatal).
  const [taken, usage] = await Promise.all([
    listItems(client, 'OnnxModel').then((items) => items.map((i) => i.name)).catch(() => [] as string[]),
    analyticsUsage(client).catch(() => undefined),
  ]);
  const proposed = fileName.replace(/\.onnx$/i, '');
  let name = options.name;
  let description = options.description;
  let helpText = options.helpText;
  if (name !== undefined) {
    // Scripted: a given name means no questions; what is left out stays empty.
    description ??= '';
    helpText ??= '';
  } else {
    const info = await promptBasicInfo({
      title: vscode.l10n.t('Register {0} in {1}', fileName, profile.label),
      initial: { name: name ?? proposed, description: description ?? inspection.report.docString.split(/\r?\n/)[0] ?? '', helpText },
      takenNames: taken,
      fileUri: file,
      generatedHelp: helpTextFromInspection(inspection.report),
    });
    if (!info) return undefined;
    ({ name, description, helpText } = info);
  }

  if (options.confirm !== false) {
    const lines = [inspectionText(inspection.report), ''];
    if (usage) lines.push(vscode.l10n.t('Analytics items: {0}', describeUsage(usage)));
    if (usage?.limit !== undefined && usage.count >= usage.limit) lines.push(vscode.l10n.t('The organization limit is reached: the platform will refuse this model.'));
    if (profile.production) lines.push(vscode.l10n.t('{0} is a PRODUCTION connection.', profile.label));
    const register = vscode.l10n.t('Register');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Register "{0}" in {1}?', messageText(name), messageText(profile.label)),
      { modal: true, detail: lines.join('\n') },
      register,
    );
    if (answer !== register) return undefined;
  }

  const entry = { connectionId: profile.id, connectionLabel: profile.label, action, target: name };
  try {
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Uploading "{0}" to {1}', name, profile.label), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          if (!(client instanceof IotTicketClient)) {
            // The Python backend: das register_onnx_model, without upload progress.
            const id = await client.onnx.registerOnnxModel(name!, { data: inspection.bytes, fileName }, { description, helpText, signal: abort.signal });
            const record: OnnxModelRecord = { id, name: name! };
            return record;
          }
          return await uploadOnnxModel(
            client.http,
            { bytes: inspection.bytes, fileName, name: name!, description, helpText },
            {
              signal: abort.signal,
              path: client.routes.onnxModels(),
              onProgress: (sent, total) => {
                const percent = Math.floor((sent / total) * 100);
                const message = sent >= total ? vscode.l10n.t('waiting for IoT-TICKET…') : `${formatBytes(sent)} / ${formatBytes(total)}`;
                progress.report({ increment: percent - reported, message });
                reported = percent;
              },
            },
          );
        } finally {
          sub.dispose();
        }
      },
    );
    const mismatch = record.sha256 !== undefined && record.sha256 !== inspection.report.sha256;
    ctx.activity.add({
      ...entry,
      outcome: 'succeeded',
      itemId: record.id,
      detail: [
        `${fileName} · ${formatBytes(inspection.report.sizeBytes)} · sha256 ${inspection.report.sha256}`,
        mismatch ? vscode.l10n.t('Warning: the platform reports sha256 {0}', String(record.sha256)) : '',
      ].filter(Boolean).join('\n'),
    });
    ctx.deps.log.info(`Registered ONNX model "${name}" (${record.id}) from ${fileName} in ${profile.label}`);
    refreshAnalytics(ctx.deps, profile.id, ['OnnxModel']);
    const show = vscode.l10n.t('Show Details');
    const message = mismatch
      ? vscode.l10n.t('Registered ONNX model "{0}" ({1}) in {2}, but the platform reports a different sha256 than the local file.', name, record.id, profile.label)
      : vscode.l10n.t('Registered ONNX model "{0}" ({1}) in {2}.', name, record.id, profile.label);
    void (mismatch ? vscode.window.showWarningMessage(messageText(message), show) : vscode.window.showInformationMessage(messageText(message), show)).then((choice) => {
      if (choice === show) void vscode.commands.executeCommand('iotExplorer.analytics.details', { connectionId: profile.id, kind: 'OnnxModel', id: record.id, name });
    });
    return record;
  } catch (err) {
    if (isCancellation(err)) {
      ctx.activity.add({ ...entry, outcome: 'cancelled', detail: vscode.l10n.t('Upload cancelled; nothing was registered.') });
      return undefined;
    }
    const status = httpStatusOf(err);
    ctx.activity.add({ ...entry, outcome: 'failed', detail: status !== undefined ? `${status}: ${errorMessage(err, { platformWords: true })}` : errorMessage(err) });
    ctx.report(err, { what: `Registering ONNX model "${name}" in ${profile.label} failed`, message: vscode.l10n.t('Registering "{0}" in {1} failed', name, profile.label) });
    return undefined;
  }
}

interface InspectedFile {
  readonly bytes: Uint8Array;
  readonly report: OnnxInspection;
}

/** Reads and inspects the file; refusals are shown and logged in the Activity view. */
async function inspectFile(ctx: AnalyticsContext, file: vscode.Uri): Promise<InspectedFile | undefined> {
  const fileName = basename(file.path);
  try {
    const maxBytes = maxUploadBytes();
    const stat = await vscode.workspace.fs.stat(file);
    // Refuse before reading: a file above the limit is never read, parsed or sent.
    if (stat.size > maxBytes) throw new OnnxFileError('too-large', vscode.l10n.t("{0} is {1}, above the platform's limit of {2} for ONNX models (setting iotExplorer.onnx.maxUploadMB); it was not uploaded.", fileName, formatBytes(stat.size), formatBytes(maxBytes)));
    const bytes = await vscode.workspace.fs.readFile(file);
    const report = await inspectOnnx(bytes, { fileName, maxBytes });
    return { bytes, report };
  } catch (err) {
    const refused = err instanceof OnnxFileError;
    const message = refused ? err.message : vscode.l10n.t('Cannot read {0}: {1}', fileName, errorMessage(err));
    ctx.activity.add({ connectionId: '', connectionLabel: vscode.l10n.t('local check'), action: vscode.l10n.t('Register ONNX model'), target: fileName, outcome: 'refused', detail: message });
    ctx.report(err, { what: `Register ONNX model: ${fileName} refused`, message: refused ? undefined : vscode.l10n.t('Cannot read {0}', fileName) });
    return undefined;
  }
}
