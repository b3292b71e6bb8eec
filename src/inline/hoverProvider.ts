/**
 * Hovers on references: the latest value with unit and time, a sparkline of the last hour with
 * min/max/avg, and links to open the chart, reveal the entity in the tree and pin it to the status bar.
 * Assets, v1 devices and Altair things get a short summary; names that do not exist say which one.
 */
import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../platforms/http';
import { referencesOf } from './documentReferences';
import { locate, platformLabel, type InlineContext } from './inlineContext';
import { referenceAt } from './references';
import type { Target } from './resolveReference';
import { inlineSettings, signalOf } from './settings';
import { displayUnit } from './valueBackend';
import { formatReading } from './valueFormat';
import { INLINE_COMMANDS, commandLink } from './valueMarkdown';
import { markdownCode, markdownText } from '../shared/escape/markdown';

export class InlineHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: InlineContext) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!inlineSettings.enabled()) return undefined;
    const reference = referenceAt(referencesOf(document).references, document.offsetAt(position));
    if (!reference) return undefined;
    const range = new vscode.Range(document.positionAt(reference.start), document.positionAt(reference.end));
    const signal = signalOf(token);
    try {
      const located = await locate(this.ctx, reference, signal);
      if (!located) return undefined;
      if (located.kind === 'choose') return new vscode.Hover(chooseMarkdown(located.platform), range);
      const md = await this.markdown(located.target, located.profile.label, signal);
      return md ? new vscode.Hover(md, range) : undefined;
    } catch (err) {
      if (isCancellation(err)) return undefined;
      this.ctx.log.warn(`Hover on a reference failed: ${errorMessage(err)}`);
      const md = new vscode.MarkdownString(`$(warning) ${markdownText(errorMessage(err))}`, true);
      return new vscode.Hover(md, range);
    }
  }

  private async markdown(target: Target, connectionLabel: string, signal: AbortSignal | undefined): Promise<vscode.MarkdownString | undefined> {
    switch (target.kind) {
      case 'value':
        return this.ctx.values.tooltip(target.ref, { signal, title: target.title, subtitle: target.subtitle, connectionLabel });
      case 'missing': {
        const md = new vscode.MarkdownString(`$(warning) ${markdownText(target.message)}`, true);
        if (target.available.length) md.appendMarkdown(`\n\n${vscode.l10n.t('Names there: {0}', markdownText(target.available.join(', ')))}`);
        md.appendMarkdown(`\n\n*${markdownText(connectionLabel)}*`);
        return md;
      }
      case 'asset': {
        const attrs = await this.ctx.values.names.attributes(target.connectionId, target.asset.id, signal);
        const md = new vscode.MarkdownString(undefined, true);
        md.isTrusted = { enabledCommands: [INLINE_COMMANDS.revealInTree] };
        md.appendMarkdown(`**${markdownText(target.asset.name)}** — ${vscode.l10n.t('asset')} · ${markdownText(target.namesPath.join(' / '))}\n\n`);
        const children = typeof target.asset.childCount === 'number' ? target.asset.childCount : undefined;
        md.appendMarkdown(
          `${children === undefined ? '' : vscode.l10n.t('{0} child assets', children) + ' · '}${vscode.l10n.t('{0} attributes', attrs.length)} · ${markdownCode(target.asset.id)}\n\n`,
        );
        md.appendMarkdown(commandLink(`$(list-tree) ${vscode.l10n.t('Reveal in tree')}`, INLINE_COMMANDS.revealInTree, [{ kind: 'asset', connectionId: target.connectionId, assetId: target.asset.id, namesPath: target.namesPath }]));
        md.appendMarkdown(`\n\n*${markdownText(connectionLabel)}*`);
        return md;
      }
      case 'device': {
        const session = await this.ctx.sessions.iotticket(target.connectionId);
        if (!session.v1) return undefined;
        const device = await session.v1.getDevice(target.deviceId, signal).catch((err: unknown) => {
          if (isCancellation(err)) throw err;
          return undefined;
        });
        const md = new vscode.MarkdownString(undefined, true);
        if (!device) md.appendMarkdown(`$(warning) ${vscode.l10n.t('No REST API v1 device with id {0}', markdownText(target.deviceId))}`);
        else md.appendMarkdown(`**${markdownText(device.name)}** — ${vscode.l10n.t('REST API v1 device')}\n\n${markdownText([device.type, device.manufacturer].filter(Boolean).join(' · '))}`);
        md.appendMarkdown(`\n\n*${markdownText(connectionLabel)}*`);
        return md;
      }
      case 'thing': {
        const { api } = await this.ctx.sessions.altair(target.connectionId);
        const thing = api.spaces(target.space).things(target.thingId);
        const [doc, values] = await Promise.all([
          thing.get({ signal }).catch((err: unknown) => {
            if (isCancellation(err)) throw err;
            return undefined;
          }),
          thing.properties().get({ signal }).catch(() => ({}) as Record<string, unknown>),
        ]);
        const md = new vscode.MarkdownString(undefined, true);
        md.isTrusted = { enabledCommands: [INLINE_COMMANDS.revealInTree] };
        if (!doc) {
          md.appendMarkdown(`$(warning) ${vscode.l10n.t('No thing {0} in space {1}', markdownText(target.thingId), markdownText(target.space))}\n\n*${markdownText(connectionLabel)}*`);
          return md;
        }
        md.appendMarkdown(`**${markdownText(doc.title || doc.uid)}** — ${vscode.l10n.t('thing')} · ${markdownText(target.space)}\n\n`);
        const schema = doc.properties ?? {};
        const rows = Object.entries(values as Record<string, unknown>).slice(0, 12);
        for (const [name, value] of rows) {
          const v = typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as string | number | boolean | null);
          md.appendMarkdown(`- ${markdownText(name)}: ${markdownText(formatReading({ value: v, unit: displayUnit(schema[name]?.unit) }))}\n`);
        }
        md.appendMarkdown(`\n${commandLink(`$(list-tree) ${vscode.l10n.t('Reveal in tree')}`, INLINE_COMMANDS.revealInTree, [{ kind: 'thing', connectionId: target.connectionId, space: target.space, thingId: target.thingId }])}`);
        md.appendMarkdown(`\n\n*${markdownText(connectionLabel)}*`);
        return md;
      }
    }
  }
}

export function chooseMarkdown(platform: 'iotticket' | 'altair'): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [INLINE_COMMANDS.selectConnection] };
  md.appendMarkdown(
    `${vscode.l10n.t('Several {0} connections exist.', platformLabel(platform))} ${commandLink(`$(plug) ${vscode.l10n.t('Choose the one this workspace uses')}`, INLINE_COMMANDS.selectConnection, [platform])}`,
  );
  return md;
}
