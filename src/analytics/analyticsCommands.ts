/**
 * Managing registered analytics items of the three kinds from the tree (or the palette, which asks for
 * the connection and the item): details as a Markdown page, editing name/description/help text, delete
 * with confirmation (the platform's refusal while an asset uses the item is shown as it words it), the
 * list of all items, and the count against the organization's limit.
 */
import { askMissingFields } from './missingFields';
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
  analyticsKinds,
  analyticsUsage,
  deleteItem,
  describeUsage,
  itemDetails,
  kindLabel,
  listItems,
  updateBasicInfo,
  type AnalyticsKind,
  type AnalyticsUsage,
  type BasicInfo,
} from './analyticsOps';
import { detailsMarkdown } from './detailsReport';
import { promptBasicInfo } from './infoPrompts';
import { errorMessage, httpStatusOf } from '../platforms/http';
import { iconText, messageText } from '../shared/escape/message';

const KIND_ICONS: Readonly<Record<AnalyticsKind, string>> = { MLModel: 'symbol-method', MLService: 'cloud', OnnxModel: 'symbol-module' };

/** The item a command is about: from its argument, else chosen from a list (palette). */
async function resolveItem(ctx: AnalyticsContext, arg: unknown, title: string, kinds: readonly AnalyticsKind[] = analyticsKinds): Promise<(ItemTarget & ConnectedClient) | undefined> {
  const target = itemTargetOf(arg);
  if (target) return { ...target, ...(await clientFor(ctx.deps, target.connectionId)) };
  const connected = await pickConnection(ctx.deps, connectionIdOf(arg), title);
  if (!connected) return undefined;
  const wanted = folderKindOf(arg) ? [folderKindOf(arg)!] : kinds;
  const lists = await Promise.all(wanted.map(async (kind) => (await listItems(connected.client, kind)).map((item) => ({ kind, item }))));
  const picks: (vscode.QuickPickItem & { target?: ItemTarget })[] = [];
  for (const [i, kind] of wanted.entries()) {
    if (wanted.length > 1) picks.push({ label: kindLabel(kind), kind: vscode.QuickPickItemKind.Separator });
    for (const { item } of lists[i]) {
      picks.push({
        label: `$(${KIND_ICONS[kind]}) ${iconText(item.name)}`,
        description: iconText(item.level && item.level !== 'organization' ? `${item.id} · ${item.level}` : item.id),
        target: { connectionId: connected.profile.id, kind, id: item.id, name: item.name },
      });
    }
  }
  const picked = await vscode.window.showQuickPick(picks, { title, placeHolder: vscode.l10n.t('Choose the item in {0}', connected.profile.label), matchOnDescription: true });
  return picked?.target ? { ...picked.target, ...connected } : undefined;
}

/** Shows an item's details as a Markdown page; resolves with the page's URI. */
export async function showDetails(ctx: AnalyticsContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const t = await resolveItem(ctx, arg, vscode.l10n.t('Analytics item details'));
  if (!t) return undefined;
  const details = await itemDetails(t.client, t.kind, t.id);
  return ctx.documents.show(`details:${t.connectionId}:${t.kind}:${t.id}`, `${details.name} (${kindLabel(t.kind)})`, detailsMarkdown(t.kind, details, t.profile.label));
}

/** Edits name, description and help text (`info` skips the questions, for scripts and tests). */
export async function editInfo(ctx: AnalyticsContext, arg?: unknown, info?: BasicInfo): Promise<boolean> {
  const t = await resolveItem(ctx, arg, vscode.l10n.t('Edit analytics item'));
  if (!t) return false;
  const action = vscode.l10n.t('Update {0}', kindLabel(t.kind));
  let change = info;
  if (!change) {
    const [details, all] = await Promise.all([itemDetails(t.client, t.kind, t.id), listItems(t.client, t.kind)]);
    change = await promptBasicInfo({
      title: vscode.l10n.t('Edit {0} "{1}"', kindLabel(t.kind), t.name),
      initial: { name: String(details.name ?? t.name), description: String(details.description ?? ''), helpText: String(details.helpText ?? '') },
      takenNames: all.filter((i) => i.id !== t.id).map((i) => i.name),
    });
    if (!change) return false;
  }
  const entry = { connectionId: t.connectionId, connectionLabel: t.profile.label, action, target: change.name, itemId: t.id };
  try {
    if (!(await updateBasicInfo(t.client, t.kind, t.id, change, { fill: askMissingFields(t.client, action) }))) return false;
    ctx.activity.add({ ...entry, outcome: 'succeeded', detail: change.name !== t.name ? vscode.l10n.t('Renamed from "{0}"', t.name) : undefined });
    refreshAnalytics(ctx.deps, t.connectionId, [t.kind]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Updated {0} "{1}".', kindLabel(t.kind), messageText(change.name)));
    return true;
  } catch (err) {
    ctx.activity.add({ ...entry, outcome: 'failed', detail: errorMessage(err, { platformWords: true }) });
    ctx.report(err, { what: `Updating ${kindLabel(t.kind)} "${t.name}" failed`, message: vscode.l10n.t('Updating "{0}" failed', t.name) });
    return false;
  }
}

/** Deletes after a modal confirmation (`{confirm: false}` skips it); a refusal (in use) shows the platform's message. */
export async function deleteWithConfirmation(ctx: AnalyticsContext, arg?: unknown, options: { confirm?: boolean } = {}): Promise<boolean> {
  const t = await resolveItem(ctx, arg, vscode.l10n.t('Delete analytics item'));
  if (!t) return false;
  if (options.confirm !== false) {
    const del = vscode.l10n.t('Delete');
    const detail = [
      vscode.l10n.t('This removes it from IoT-TICKET for everyone in the organization; it cannot be undone.'),
      t.profile.production ? vscode.l10n.t('{0} is a PRODUCTION connection.', t.profile.label) : '',
    ].filter(Boolean).join('\n');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete {0} "{1}" from {2}?', kindLabel(t.kind), messageText(t.name), messageText(t.profile.label)),
      { modal: true, detail },
      del,
    );
    if (answer !== del) return false;
  }
  const entry = { connectionId: t.connectionId, connectionLabel: t.profile.label, action: vscode.l10n.t('Delete {0}', kindLabel(t.kind)), target: t.name, itemId: t.id };
  try {
    await deleteItem(t.client, t.kind, t.id);
    ctx.activity.add({ ...entry, outcome: 'succeeded' });
    refreshAnalytics(ctx.deps, t.connectionId, [t.kind]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0} "{1}".', kindLabel(t.kind), messageText(t.name)));
    return true;
  } catch (err) {
    // 409: the item is used by an asset; the platform says which.
    const refused = httpStatusOf(err) === 409;
    ctx.activity.add({ ...entry, outcome: refused ? 'refused' : 'failed', detail: errorMessage(err, { platformWords: true }) });
    ctx.report(err, {
      what: `Deleting ${kindLabel(t.kind)} "${t.name}" failed`,
      message: refused ? vscode.l10n.t('IoT-TICKET refused to delete "{0}"', t.name) : vscode.l10n.t('Deleting "{0}" failed', t.name),
    });
    return false;
  }
}

/** Lists every analytics item of a connection; choosing one shows its details. */
export async function listAnalytics(ctx: AnalyticsContext, arg?: unknown): Promise<void> {
  const t = await resolveItem(ctx, arg, vscode.l10n.t('Analytics items'));
  if (t) await showDetails(ctx, t);
}

/** Shows how many analytics items are registered against the organization's limit; resolves with the figures. */
export async function showUsage(ctx: AnalyticsContext, arg?: unknown): Promise<AnalyticsUsage | undefined> {
  const connected = await pickConnection(ctx.deps, connectionIdOf(arg), vscode.l10n.t('Analytics usage'));
  if (!connected) return undefined;
  const usage = await analyticsUsage(connected.client);
  const text = `${connected.profile.label}: ${describeUsage(usage)}.`;
  if (usage.limit !== undefined && usage.count >= usage.limit) void vscode.window.showWarningMessage(text);
  else void vscode.window.showInformationMessage(text);
  return usage;
}
