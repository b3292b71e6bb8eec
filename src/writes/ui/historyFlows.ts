/**
 * History of writes per target (re-send, inspect, save as a command file), device credentials, and
 * creating command files. Re-sending goes through the runner like any write, so a production
 * connection still asks first.
 */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/treeNode';
import { commandFileText } from '../model/commandFile';
import type { HistoryEntry } from '../model/history';
import type { Platform } from '../../connections/profile';
import type { WriteSpec } from '../model/writeSpec';
import type { FlowDeps } from './deps';
import { connectionIdOf, iotDeviceOf } from './nodeTargets';
import { showOutcomeDocument, type SendResult } from './sendRunner';
import { iconText, messageText } from '../../shared/escape/message';

const ICONS: Record<string, string> = { ok: 'pass', accepted: 'pass-filled', partial: 'warning', failed: 'error', refused: 'circle-slash', unknown: 'question' };

/** Entries for a node: those whose target mentions the node's platform id, else all of its connection. */
function entriesFor(deps: FlowDeps, node: TreeNode | undefined): HistoryEntry[] {
  const connectionId = connectionIdOf(node);
  if (!connectionId) return deps.history.all();
  const id = (node as { platformId?: () => string | undefined }).platformId?.();
  const all = deps.history.forConnection(connectionId);
  const mine = id ? all.filter((e) => e.target.split('|').includes(id)) : [];
  return mine.length > 0 ? mine : all;
}

export async function showHistoryFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<SendResult | undefined> {
  const entries = entriesFor(deps, node);
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No writes recorded yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: `$(${ICONS[e.result] ?? 'history'}) ${iconText(e.description)}`,
      description: new Date(e.time).toLocaleString(),
      detail: iconText(e.summary),
      entry: e,
    })),
    { title: vscode.l10n.t('Write history'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return undefined;
  const again = vscode.l10n.t('Send Again');
  const show = vscode.l10n.t('Show What Was Sent');
  const save = vscode.l10n.t('Save as Command File…');
  const action = await vscode.window.showQuickPick([again, show, save], { title: picked.entry.description });
  if (action === again) return deps.runner.send(picked.entry.spec, { origin: 'history' });
  if (action === show) await showOutcomeDocument(picked.entry.spec, { result: picked.entry.result as never, summary: picked.entry.summary, details: [] });
  if (action === save) await saveCommandFile([picked.entry.spec]);
  return undefined;
}

/** Writes specs to a new `*.iotcmd.json` file the user chooses, and opens it. */
export async function saveCommandFile(specs: readonly WriteSpec[]): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'commands.iotcmd.json') : undefined,
    filters: { 'IoT Explorer command file': ['iotcmd.json'] },
    title: vscode.l10n.t('Save as command file'),
  });
  if (!uri) return undefined;
  const target = /\.iotcmd\.json$/i.test(uri.path) ? uri : uri.with({ path: uri.path.replace(/(\.json)?$/i, '.iotcmd.json') });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(commandFileText(specs)));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  return target;
}

/** The example command of a new command file, per platform. */
const EXAMPLE_SPECS: Readonly<Record<Platform, (connection: string) => WriteSpec>> = {
  altair: (connection) => ({ kind: 'altair.properties', connection, label: 'Example', thingId: '<thing uid>', properties: { setpoint: 21 } }),
  iotticket: (connection) => ({ kind: 'iotticket.command', connection, label: 'Example', assetId: '<asset id>', attributeId: '<command attribute id>', templateVariables: { value: 1 } }),
};

/** A new command file with one example command for the node's connection (or a placeholder one). */
export async function newCommandFileFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<vscode.Uri | undefined> {
  const connection = connectionIdOf(node) ?? deps.services.store.list()[0]?.id ?? 'my-connection';
  return saveCommandFile([EXAMPLE_SPECS[deps.services.store.get(connection)?.platform ?? 'iotticket'](connection)]);
}

/** Stores a device's adapter credentials in SecretStorage (never in settings). */
export async function setDeviceCredentialsFlow(deps: FlowDeps, node: TreeNode | undefined, given?: { connectionId: string; deviceId: string }): Promise<boolean> {
  const device = given ?? iotDeviceOf(node);
  if (!device) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Run "Set Device Credentials" on a device in the IoT Explorer view.'));
    return false;
  }
  const current = await deps.devices.get(device.connectionId, device.deviceId);
  const username = await vscode.window.showInputBox({
    title: vscode.l10n.t('Device credentials of {0} (1/2)', device.deviceId),
    prompt: vscode.l10n.t('User name for the device HTTP adapter; leave empty for {0}@<tenant>', device.deviceId),
    value: current?.username ?? '',
    ignoreFocusOut: true,
  });
  if (username === undefined) return false;
  const password = await vscode.window.showInputBox({
    title: vscode.l10n.t('Device credentials of {0} (2/2)', device.deviceId),
    prompt: vscode.l10n.t('Device password (Data Management → Devices in IoT-TICKET); kept in SecretStorage'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v ? undefined : vscode.l10n.t('The password is required')),
  });
  if (!password) return false;
  await deps.devices.set(device.connectionId, device.deviceId, password, username.trim() || undefined);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Credentials of device {0} stored securely', device.deviceId), 4000);
  return true;
}

export async function forgetDeviceCredentialsFlow(deps: FlowDeps, node: TreeNode | undefined): Promise<void> {
  const device = iotDeviceOf(node);
  if (!device) return;
  await deps.devices.delete(device.connectionId, device.deviceId);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Credentials of device {0} forgotten', device.deviceId), 4000);
}

/** Asked by the runner when a device write finds no stored credentials. */
export async function askDeviceCredentials(deps: FlowDeps, connectionId: string, deviceId: string): Promise<boolean> {
  const enter = vscode.l10n.t('Enter Credentials');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Writing as device {0} needs its credentials (user name and password of the device HTTP adapter). None are stored yet.', messageText(deviceId)),
    enter,
  );
  return choice === enter ? setDeviceCredentialsFlow(deps, undefined, { connectionId, deviceId }) : false;
}
