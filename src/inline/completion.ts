/**
 * Completion of names inside names-path lists (`names_path=['Tampere Plant', '|`): the child assets and
 * the attributes at that position of the live asset tree, with each attribute's type, unit and value.
 */
import * as vscode from 'vscode';
import { isCancelled } from './errors';
import { namesPathAt } from './references';
import { scanLanguageOf } from './scanner';
import { inlineSettings, signalOf } from './settings';
import type { InlineContext } from './inlineContext';
import { attributeValue } from './valueBackend';
import { describe } from './valueFormat';

export const COMPLETION_TRIGGERS = ["'", '"'];

export class NamesPathCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly ctx: InlineContext) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    if (!inlineSettings.enabled()) return undefined;
    const language = scanLanguageOf(document.languageId);
    if (!language) return undefined;
    const at = namesPathAt(document.getText(), document.offsetAt(position), language);
    if (!at) return undefined;
    const profile = this.ctx.connections.connectionFor('iotticket');
    if (!profile) return undefined;
    const signal = signalOf(token);
    try {
      // A bare list is a names path only when it starts at a root asset.
      if (!at.explicit && !(await this.ctx.values.names.isRootName(profile.id, at.before[0], signal))) return undefined;
      const next = await this.ctx.values.names.next(profile.id, at.before, signal);
      const range = new vscode.Range(document.positionAt(at.current.start), document.positionAt(at.current.end));
      const items: vscode.CompletionItem[] = [];
      next.attributes.forEach((a, i) => {
        const item = new vscode.CompletionItem({ label: a.name, description: [a.type, a.unit].filter(Boolean).join(' · ') }, vscode.CompletionItemKind.Field);
        item.range = range;
        item.sortText = `0${String(i).padStart(5, '0')}`;
        item.detail = `${a.type}${a.unit ? ` · ${a.unit}` : ''}`;
        const latest = attributeValue(a);
        if (latest.value !== null) item.documentation = new vscode.MarkdownString(`${vscode.l10n.t('Latest')}: **${describe(latest)}**\n\n\`${a.id}\``);
        items.push(item);
      });
      next.assets.forEach((asset, i) => {
        const item = new vscode.CompletionItem({ label: asset.name, description: vscode.l10n.t('asset') }, vscode.CompletionItemKind.Folder);
        item.range = range;
        item.sortText = `1${String(i).padStart(5, '0')}`;
        item.detail = [...at.before, asset.name].join(' / ');
        items.push(item);
      });
      return new vscode.CompletionList(items, false);
    } catch (err) {
      if (!isCancelled(err)) this.ctx.log.warn(`Names completion failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
}
