/**
 * ML models and ML services as JSON files in the workspace (`*.ml-model.json`, `*.ml-service.json`):
 * the JSON editor completes and checks them through `jsonValidation` with the same schemas the commands
 * validate against here before anything is sent. Register, update, save a registered item as a file,
 * and start a new file.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import {
  clientFor,
  connectionIdOf,
  folderKindOf,
  itemTargetOf,
  pickConnection,
  refreshAnalytics,
  type AnalyticsContext,
  type ConnectedClient,
  type ItemTarget,
} from './analyticsContext';
import {
  analyticsKindOf,
  definitionFromDetails,
  definitionKindOf,
  itemDetails,
  kindLabel,
  listItems,
  registerDefinition,
  updateFromDefinition,
} from './analyticsOps';
import { definitionSuffixes, kindFromFileName, type DefinitionKind } from './analyticsSchemas';
import { errorMessage, ValidationError } from '../platforms/http';
import { messageText } from '../shared/escape/message';

const KIND_TITLES: Readonly<Record<DefinitionKind, string>> = { 'ml-model': 'ML model', 'ml-service': 'ML service' };

/** The definition file of a command: its argument, the active editor's file, or one the user picks. */
async function definitionFile(arg: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active && kindFromFileName(active.uri.path)) {
    if (active.isDirty) await active.save();
    return active.uri;
  }
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { JSON: ['json'] } });
  return picked?.[0];
}

/** The file's kind from its name, else asked. */
async function kindOf(file: vscode.Uri, hint?: DefinitionKind): Promise<DefinitionKind | undefined> {
  const known = kindFromFileName(file.path) ?? hint;
  if (known) return known;
  const picks: (vscode.QuickPickItem & { definitionKind: DefinitionKind })[] = (Object.keys(KIND_TITLES) as DefinitionKind[]).map((k) => ({ label: KIND_TITLES[k], definitionKind: k }));
  const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('What does {0} define?', basename(file.path)) });
  return picked?.definitionKind;
}

/** Reads and validates; problems are shown with a button to open the file (the editor marks them). */
async function validated(ctx: AnalyticsContext, file: vscode.Uri, kind: DefinitionKind): Promise<Record<string, unknown> | undefined> {
  const result = await ctx.validator.validateFile(kind, file.fsPath);
  if (result.ok) return result.definition;
  const open = vscode.l10n.t('Open File');
  const shown = result.errors.slice(0, 5).join('\n');
  const more = result.errors.length > 5 ? `\n… ${vscode.l10n.t('and {0} more', result.errors.length - 5)}` : '';
  void vscode.window
    .showErrorMessage(vscode.l10n.t('{0} is not a valid {1} definition', messageText(basename(file.path)), KIND_TITLES[kind]), { modal: true, detail: shown + more }, open)
    .then((c) => (c === open ? vscode.window.showTextDocument(file) : undefined));
  return undefined;
}

/** Registers an ML model or ML service from a definition file; resolves with the new id. */
export async function registerFromFile(ctx: AnalyticsContext, arg?: unknown, options: { connectionId?: string } = {}): Promise<string | undefined> {
  const title = vscode.l10n.t('Register ML model or ML service');
  const file = await definitionFile(arg, title);
  if (!file) return undefined;
  const folderKind = folderKindOf(arg);
  const kind = await kindOf(file, folderKind === 'MLModel' ? 'ml-model' : folderKind === 'MLService' ? 'ml-service' : undefined);
  if (!kind) return undefined;
  const definition = await validated(ctx, file, kind);
  if (!definition) return undefined;
  const connected = await pickConnection(ctx.deps, options.connectionId ?? connectionIdOf(arg), title);
  if (!connected) return undefined;
  const name = String(definition.name);
  const entry = { connectionId: connected.profile.id, connectionLabel: connected.profile.label, action: vscode.l10n.t('Register {0}', KIND_TITLES[kind]), target: name };
  try {
    const id = await registerDefinition(connected.client, kind, definition);
    ctx.activity.add({ ...entry, outcome: 'succeeded', itemId: id, detail: vscode.workspace.asRelativePath(file) });
    refreshAnalytics(ctx.deps, connected.profile.id, [analyticsKindOf(kind)]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Registered {0} "{1}" ({2}) in {3}.', KIND_TITLES[kind], messageText(name), messageText(id), messageText(connected.profile.label)));
    return id;
  } catch (err) {
    ctx.activity.add({ ...entry, outcome: 'failed', detail: errorMessage(err, { platformWords: true }) });
    ctx.report(err, { what: `Registering ${KIND_TITLES[kind]} "${name}" failed`, message: vscode.l10n.t('Registering "{0}" failed', name) });
    return undefined;
  }
}

/**
 * Updates a registered ML model or service from a definition file. From a tree item the user picks the
 * file; from a file the item with the file's name is proposed.
 */
export async function updateFromFile(ctx: AnalyticsContext, arg?: unknown, fileArg?: vscode.Uri): Promise<boolean> {
  const title = vscode.l10n.t('Update ML model or ML service');
  const fromTree = itemTargetOf(arg);
  const file = fileArg ?? (await definitionFile(fromTree ? undefined : arg, title));
  if (!file) return false;
  const kind = fromTree ? definitionKindOf(fromTree.kind) : await kindOf(file);
  if (!kind) throw new ValidationError('node', vscode.l10n.t('ONNX models are updated with "Edit Name, Description and Help Text…".'));
  const definition = await validated(ctx, file, kind);
  if (!definition) return false;
  let target: ItemTarget & ConnectedClient;
  if (fromTree) {
    target = { ...fromTree, ...(await clientFor(ctx.deps, fromTree.connectionId)) };
  } else {
    const connected = await pickConnection(ctx.deps, undefined, title);
    if (!connected) return false;
    const itemKind = analyticsKindOf(kind);
    const items = await listItems(connected.client, itemKind);
    const byName = items.find((i) => i.name.toLowerCase() === String(definition.name).toLowerCase());
    const picked = await vscode.window.showQuickPick(
      [...(byName ? [byName] : []), ...items.filter((i) => i !== byName)].map((i) => ({ label: i.name, description: i.id, item: i })),
      { title, placeHolder: vscode.l10n.t('Which {0} does {1} update?', KIND_TITLES[kind], basename(file.path)) },
    );
    if (!picked) return false;
    target = { connectionId: connected.profile.id, kind: itemKind, id: picked.item.id, name: picked.item.name, ...connected };
  }
  const entry = { connectionId: target.connectionId, connectionLabel: target.profile.label, action: vscode.l10n.t('Update {0}', KIND_TITLES[kind]), target: String(definition.name), itemId: target.id };
  try {
    const result = await updateFromDefinition(target.client, kind, target.id, definition);
    const kept = result.keptFixedFields.length > 0 ? vscode.l10n.t('{0} cannot change after creation and were kept.', result.keptFixedFields.join(' and ')) : undefined;
    ctx.activity.add({ ...entry, outcome: 'succeeded', detail: [vscode.workspace.asRelativePath(file), kept].filter(Boolean).join('\n') });
    refreshAnalytics(ctx.deps, target.connectionId, [target.kind]);
    const message = vscode.l10n.t('Updated {0} "{1}" from {2}.', KIND_TITLES[kind], String(definition.name), basename(file.path));
    void (kept ? vscode.window.showWarningMessage(`${message} ${kept}`) : vscode.window.showInformationMessage(message));
    return true;
  } catch (err) {
    ctx.activity.add({ ...entry, outcome: 'failed', detail: errorMessage(err, { platformWords: true }) });
    ctx.report(err, { what: `Updating ${KIND_TITLES[kind]} "${target.name}" failed`, message: vscode.l10n.t('Updating "{0}" failed', target.name) });
    return false;
  }
}

/** A registered ML model or service written as a definition file (to edit and update it); resolves with the file. */
export async function saveDefinition(ctx: AnalyticsContext, arg?: unknown, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const item = itemTargetOf(arg);
  const kind = item ? definitionKindOf(item.kind) : undefined;
  if (!item || !kind) throw new ValidationError('node', vscode.l10n.t('Right-click an ML model or ML service in the Connections view.'));
  const { client } = await clientFor(ctx.deps, item.connectionId);
  const definition = definitionFromDetails(kind, await itemDetails(client, item.kind, item.id));
  const slug = item.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || item.id;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save {0} "{1}" as JSON', kindLabel(item.kind), item.name),
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${slug}${definitionSuffixes[kind][0]}`) : undefined,
      filters: { JSON: ['json'] },
    }));
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(definition, null, 2) + '\n'));
  if (!kindFromFileName(file.path)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Name the file *{0} to get completion and checks in the editor.', definitionSuffixes[kind][0]));
  }
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}

/** Starts a new definition file with the required keys, opened for editing with completion. */
export async function newDefinition(_ctx: AnalyticsContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const folderKind = folderKindOf(arg);
  let kind: DefinitionKind | undefined = folderKind === 'MLModel' ? 'ml-model' : folderKind === 'MLService' ? 'ml-service' : undefined;
  if (!kind) {
    const picks: (vscode.QuickPickItem & { definitionKind: DefinitionKind })[] = (Object.keys(KIND_TITLES) as DefinitionKind[]).map((k) => ({ label: KIND_TITLES[k], definitionKind: k }));
    kind = (await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('What do you want to define?') }))?.definitionKind;
  }
  if (!kind) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('New {0} definition', KIND_TITLES[kind]),
    defaultUri: folder ? vscode.Uri.joinPath(folder, `new${definitionSuffixes[kind][0]}`) : undefined,
    filters: { JSON: ['json'] },
  });
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(skeleton(kind), null, 2) + '\n'));
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}

function skeleton(kind: DefinitionKind): Record<string, unknown> {
  const common = { name: '', description: '', helpText: '', triggerUrl: 'https://', method: 'POST', credentialId: '' };
  return kind === 'ml-model'
    ? { ...common, jobId: 'placeholder', inputs: [{ name: '', dataType: 'double' }], outputs: [{ name: '', dataType: 'double' }] }
    : { ...common, inputSchema: { type: 'object', properties: {} }, outputSchema: { type: 'object', properties: {} }, requestContainsTimestamps: false, responseContainsTimestamps: false };
}
