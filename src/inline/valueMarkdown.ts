/**
 * The Markdown of a live value, shared by editor hovers, tree tooltips and status bar pins: value,
 * unit and time, a sparkline of the last hour (an SVG `data:` image) with min/max/avg, and command
 * links to open the chart, reveal the entity in the tree and pin it to the status bar.
 */
import * as vscode from 'vscode';
import { markdownText } from '../shared/escape/markdown';
import type { SeriesWindow } from './latestValues';
import { sparklineSvg, svgDataUri } from './sparkline';
import { describeAge, formatReading, formatTimestamp, formatValue, windowStats, type LatestValue } from './valueFormat';
import { chartArgs, type ValueRef } from './valueRef';

export const INLINE_COMMANDS = {
  /** The charts' own command: it takes the series descriptor `chartArgs` gives. */
  openChart: 'iotExplorer.openChart',
  revealInTree: 'iotExplorer.inline.revealInTree',
  pin: 'iotExplorer.inline.pinToStatusBar',
  unpin: 'iotExplorer.inline.unpinFromStatusBar',
  pinMenu: 'iotExplorer.inline.pinMenu',
  selectConnection: 'iotExplorer.inline.selectConnection',
} as const;

export const HISTORY_WINDOW_MS = 3_600_000;

export interface ValueMarkdownParts {
  readonly title: string;
  /** Type, names path or location under the title. */
  readonly subtitle?: string;
  readonly ref: ValueRef;
  readonly latest?: LatestValue;
  /** Why there is no value (shown instead of it). */
  readonly error?: string;
  readonly history?: SeriesWindow;
  readonly chartable: boolean;
  /** Which links to show (none in the status bar's own menu). */
  readonly links?: { readonly chart?: boolean; readonly reveal?: boolean; readonly pin?: boolean };
  readonly connectionLabel?: string;
  /** Anything to append (a tree node's own facts). */
  readonly extra?: string | vscode.MarkdownString;
}

export function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export function valueMarkdown(p: ValueMarkdownParts): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: Object.values(INLINE_COMMANDS) };
  md.appendMarkdown(`**${markdownText(p.title)}**`);
  if (p.subtitle) md.appendMarkdown(` — ${markdownText(p.subtitle)}`);
  md.appendMarkdown('\n\n');
  if (p.error) md.appendMarkdown(`$(warning) ${markdownText(p.error)}\n\n`);
  if (p.latest) {
    md.appendMarkdown(`**${markdownText(formatReading(p.latest))}**`);
    if (p.latest.ts !== undefined) md.appendMarkdown(` · ${formatTimestamp(p.latest.ts)} (${describeAge(p.latest.ts)})`);
    md.appendMarkdown('\n\n');
  }
  const stats = p.history ? windowStats(p.history.values) : undefined;
  if (p.history && stats) {
    const svg = sparklineSvg(p.history.timestamps, p.history.values, { from: p.history.from, to: p.history.to });
    md.appendMarkdown(`![${vscode.l10n.t('last hour')}](${svgDataUri(svg)})\n\n`);
    const unit = p.latest?.unit ? ` ${markdownText(p.latest.unit)}` : '';
    md.appendMarkdown(
      vscode.l10n.t(
        'min {0} · max {1} · avg {2}{3} — last hour, {4} points',
        formatValue(stats.min),
        formatValue(stats.max),
        formatValue(stats.avg),
        unit,
        stats.count,
      ) + '\n\n',
    );
  } else if (p.history && p.chartable) {
    md.appendMarkdown(`*${vscode.l10n.t('No values in the last hour')}*\n\n`);
  }
  if (p.extra) {
    md.appendMarkdown(typeof p.extra === 'string' ? p.extra : p.extra.value);
    md.appendMarkdown('\n\n');
  }
  const links: string[] = [];
  const want = p.links ?? { chart: true, reveal: true, pin: true };
  if (want.chart && p.chartable) links.push(commandLink(`$(graph-line) ${vscode.l10n.t('Open chart')}`, INLINE_COMMANDS.openChart, chartArgs(p.ref, p.latest?.assetId)));
  if (want.reveal) links.push(commandLink(`$(list-tree) ${vscode.l10n.t('Reveal in tree')}`, INLINE_COMMANDS.revealInTree, [p.ref, p.latest?.assetId]));
  if (want.pin) links.push(commandLink(`$(pin) ${vscode.l10n.t('Pin to status bar')}`, INLINE_COMMANDS.pin, [p.ref]));
  if (links.length) md.appendMarkdown(links.join(' · ') + '\n\n');
  if (p.connectionLabel) md.appendMarkdown(`*${markdownText(p.connectionLabel)}*`);
  return md;
}
