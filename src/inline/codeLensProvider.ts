/**
 * CodeLens above calls that read values or series (`get_timeseries(names_path=[…])`, `readdata(…)`,
 * `properties_history(…)`): the latest value of what the call reads; a click opens the chart. Lenses
 * are listed without any request and resolved (read) only for the part of the file VS Code shows.
 */
import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../platforms/http';
import { referencesOf } from './documentReferences';
import { locate, platformLabel, type InlineContext } from './inlineContext';
import { platformOf } from './resolveReference';
import type { Platform } from '../connections/profile';
import type { Reference } from './references';
import { isValueReference } from './resolveReference';
import { inlineSettings, signalOf } from './settings';
import { ValueNotFoundError } from './latestValues';
import { describe, isChartable } from './valueFormat';
import { INLINE_COMMANDS } from './valueMarkdown';
import { chartArgs } from './valueRef';

/** Most lenses above one call (get_multiple_timeseries with many ids). */
const MAX_PER_CALL = 4;

class ValueLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly reference: Reference,
  ) {
    super(range);
  }
}

/** The one lens of a file that asks which connection of `platform` its reads use. */
function chooseLens(range: vscode.Range, reference: Reference, platform: Platform): ValueLens {
  const lens = new ValueLens(range, reference);
  lens.command = {
    title: vscode.l10n.t('$(plug) Choose the {0} connection for live values in this file', platformLabel(platform)),
    command: INLINE_COMMANDS.selectConnection,
    arguments: [platform],
  };
  return lens;
}

export class InlineCodeLensProvider implements vscode.CodeLensProvider<ValueLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly ctx: InlineContext) {}

  /** Asks VS Code to resolve the visible lenses again (new values, another connection). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<ValueLens[]> {
    if (!inlineSettings.enabled()) return [];
    const lenses: ValueLens[] = [];
    const signal = signalOf(token);
    // With several connections of a platform and none chosen for the file, one lens asks, above the first read.
    const asked = new Set<Platform>();
    for (const call of referencesOf(document).calls) {
      const line = document.positionAt(call.nameStart).line;
      const range = new vscode.Range(line, 0, line, 0);
      const seen = new Set<string>();
      for (const r of call.references.filter(isValueReference)) {
        const platform = platformOf(r);
        if (this.ctx.connections.needsChoice(platform)) {
          if (!asked.has(platform)) lenses.push(chooseLens(range, r, platform));
          asked.add(platform);
          continue;
        }
        const key = JSON.stringify({ ...r, start: 0, end: 0, segments: undefined });
        if (seen.has(key) || seen.size >= MAX_PER_CALL) continue;
        // A bare list of strings gets a lens only when it is a names path (starts at a root asset).
        if (r.kind === 'namesPath' && !r.explicit && !(await this.isNamesPath(r.path[0], signal))) continue;
        seen.add(key);
        lenses.push(new ValueLens(range, r));
      }
    }
    return lenses;
  }

  private async isNamesPath(first: string, signal: AbortSignal | undefined): Promise<boolean> {
    const profile = this.ctx.connections.connectionFor('iotticket');
    if (!profile) return false;
    try {
      return await this.ctx.values.names.isRootName(profile.id, first, signal);
    } catch {
      return false;
    }
  }

  async resolveCodeLens(lens: ValueLens, token: vscode.CancellationToken): Promise<ValueLens> {
    if (lens.command) return lens; // the connection question: nothing to read
    const signal = signalOf(token);
    try {
      const located = await locate(this.ctx, lens.reference, signal);
      if (!located) {
        lens.command = { title: vscode.l10n.t('$(circle-slash) not found'), command: '' };
      } else if (located.kind === 'choose') {
        lens.command = {
          title: vscode.l10n.t('$(plug) Choose the {0} connection for live values', platformLabel(located.platform)),
          command: INLINE_COMMANDS.selectConnection,
          arguments: [located.platform],
        };
      } else if (located.target.kind === 'missing') {
        lens.command = { title: `$(warning) ${located.target.message}`, command: '' };
      } else if (located.target.kind === 'value') {
        const { ref, title } = located.target;
        const values = this.ctx.values;
        let latest;
        let cachedNote: string | undefined;
        try {
          latest = await values.get(ref, signal);
          if (values.unreachable(ref)) cachedNote = values.cachedFallback(ref)?.note;
        } catch (err) {
          const cached = isCancellation(err) || err instanceof ValueNotFoundError ? undefined : values.cachedFallback(ref);
          if (!cached) throw err;
          latest = cached.value;
          cachedNote = cached.note;
        }
        const chartable = isChartable(ref.kind, latest);
        lens.command = {
          // A connection that cannot be reached is marked here too, with the age of what is shown.
          title: cachedNote
            ? `$(error) ${title}: ${describe(latest)} (${vscode.l10n.t('unreachable, {0}', cachedNote)})`
            : `$(pulse) ${title}: ${describe(latest)}`,
          tooltip: chartable ? vscode.l10n.t('Open the chart of {0}', ref.label ?? title) : vscode.l10n.t('Reveal {0} in the IoT Explorer view', ref.label ?? title),
          command: chartable ? INLINE_COMMANDS.openChart : INLINE_COMMANDS.revealInTree,
          arguments: chartable ? chartArgs(ref, latest.assetId) : [ref, latest.assetId],
        };
      } else if (located.target.kind === 'asset') {
        const { asset, connectionId, namesPath } = located.target;
        const attrs = await this.ctx.values.names.attributes(connectionId, asset.id, signal);
        const series = attrs.filter((a) => a.type === 'TelemetryData' || a.type === 'Calculated').length;
        lens.command = {
          title: `$(symbol-class) ${vscode.l10n.t('{0}: {1} series attributes', asset.name, series)}`,
          command: INLINE_COMMANDS.revealInTree,
          arguments: [{ kind: 'asset', connectionId, assetId: asset.id, namesPath }],
        };
      } else {
        lens.command = { title: located.target.kind === 'device' ? vscode.l10n.t('REST API v1 device') : vscode.l10n.t('thing'), command: '' };
      }
    } catch (err) {
      if (isCancellation(err)) throw err;
      const message = err instanceof ValueNotFoundError ? vscode.l10n.t('not found on the platform') : errorMessage(err);
      lens.command = { title: `$(warning) ${message}`, command: '' };
    }
    return lens;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
