/**
 * Completion of names inside names-path lists (`names_path=['Tampere Plant', '|`): the child assets and
 * the attributes at that position of the live asset tree, with each attribute's type, unit and value.
 */
import * as vscode from 'vscode';
import { literalBody } from '../shared/escape/literal';
import { markdownCode, markdownText } from '../shared/escape/markdown';
import { oneLine } from '../shared/escape/text';
import { errorMessage, isCancellation } from '../platforms/http';
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
      // What goes between the quotes: the name escaped for this literal, so its value is exactly the name
      // (a name with a quote must not close the string). Names a raw or bytes literal cannot hold are left out.
      const insert = (name: string): string | undefined => literalBody(name, language, at.opener);
      next.attributes.forEach((a, i) => {
        const text = insert(a.name);
        if (text === undefined) return;
        const item = new vscode.CompletionItem({ label: oneLine(a.name, 200), description: oneLine([a.type, a.unit].filter(Boolean).join(' · '), 200) }, vscode.CompletionItemKind.Field);
        item.insertText = text;
        item.range = range;
        item.sortText = `0${String(i).padStart(5, '0')}`;
        item.detail = oneLine(`${a.type}${a.unit ? ` · ${a.unit}` : ''}`, 200);
        const latest = attributeValue(a);
        if (latest.value !== null) item.documentation = new vscode.MarkdownString(`${vscode.l10n.t('Latest')}: **${markdownText(describe(latest))}**\n\n${markdownCode(a.id)}`);
        items.push(item);
      });
      next.assets.forEach((asset, i) => {
        const text = insert(asset.name);
        if (text === undefined) return;
        const item = new vscode.CompletionItem({ label: oneLine(asset.name, 200), description: vscode.l10n.t('asset') }, vscode.CompletionItemKind.Folder);
        item.insertText = text;
        item.range = range;
        item.sortText = `1${String(i).padStart(5, '0')}`;
        item.detail = oneLine([...at.before, asset.name].join(' / '), 300);
        items.push(item);
      });
      return new vscode.CompletionList(items, false);
    } catch (err) {
      if (!isCancellation(err)) this.ctx.log.warn(`Names completion failed: ${errorMessage(err)}`);
      return undefined;
    }
  }
}
