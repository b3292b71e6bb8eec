/**
 * The live values every inline feature shares (editor hovers, CodeLens, tree items, status bar pins):
 * the batched, rate-limited, cached and cancellable `LatestValues`, the names-path resolver, and the
 * texts built from them. The lead wires `describe`/`tooltip` into tree items through `TreeValues`.
 */
import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../platforms/http';
import { LatestValues, ValueNotFoundError, type SeriesWindow, type ValueBackend } from './latestValues';
import type { LiveValueSource } from './liveSource';
import { NamesResolver } from './namesResolver';
import { inlineSettings } from './settings';
import { PlatformValueBackend, type SessionSource } from './valueBackend';
import { describe as describeValue, isChartable, type LatestValue } from './valueFormat';
import { HISTORY_WINDOW_MS, valueMarkdown } from './valueMarkdown';
import { defaultLabel, valueKey, type ValueRef } from './valueRef';

/** Names and structure change rarely: they are kept longer than values. */
const STRUCTURE_TTL_FACTOR = 6;

export interface TooltipOptions {
  readonly signal?: AbortSignal;
  readonly title?: string;
  readonly subtitle?: string;
  readonly extra?: string | vscode.MarkdownString;
  readonly connectionLabel?: string;
  readonly links?: { readonly chart?: boolean; readonly reveal?: boolean; readonly pin?: boolean };
}

export class LatestValueService implements vscode.Disposable {
  readonly cache: LatestValues;
  readonly names: NamesResolver;
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Keys (`valueKey`) whose value changed after a read. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    readonly sessions: SessionSource,
    backend: ValueBackend = new PlatformValueBackend(sessions),
    live?: LiveValueSource,
  ) {
    this.cache = new LatestValues(live ? live.wrap(backend) : backend, { ttlMs: inlineSettings.cacheTtlMs, isLive: live && ((ref) => live.isLive(ref)) });
    this.names = new NamesResolver(sessions, () => inlineSettings.cacheTtlMs() * STRUCTURE_TTL_FACTOR);
    this.subscriptions = [
      this.cache.onDidChange((keys) => this.changed.fire(keys)),
      ...(live ? [live.onValue((v) => this.pushed(v.ref, v.value, v.ts))] : []),
    ];
  }

  /** A pushed value keeps what the last read knew of unit, type and name. */
  private pushed(ref: ValueRef, raw: unknown, ts: number): void {
    const before = this.peek(ref);
    const value = raw === undefined ? null : typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : (raw as LatestValue['value']);
    this.cache.push(ref, { ...before, value, ts });
  }

  /** The latest value (cached while fresh, batched with other reads). */
  get(ref: ValueRef, signal?: AbortSignal, maxAgeMs?: number): Promise<LatestValue> {
    return this.cache.get(ref, { signal, maxAgeMs });
  }

  /** The cached value, fresh or not, without reading. */
  peek(ref: ValueRef): LatestValue | undefined {
    const r = this.cache.peek(ref);
    return r?.ok ? r.value : undefined;
  }

  /** "21.4 °C · 12 s ago". */
  describe(value: LatestValue): string {
    return describeValue(value);
  }

  /** The description of a cached value (undefined until it was read once). */
  peekDescription(ref: ValueRef): string | undefined {
    const r = this.cache.peek(ref);
    if (!r) return undefined;
    return r.ok ? describeValue(r.value) : r.error instanceof ValueNotFoundError ? vscode.l10n.t('not found') : undefined;
  }

  history(ref: ValueRef, signal?: AbortSignal): Promise<SeriesWindow> {
    return this.cache.history(ref, HISTORY_WINDOW_MS, { signal });
  }

  /** The tooltip of a value: latest value, unit, time, sparkline of the last hour with min/max/avg, and links. */
  async tooltip(ref: ValueRef, options: TooltipOptions = {}): Promise<vscode.MarkdownString> {
    let latest: LatestValue | undefined;
    let error: string | undefined;
    try {
      latest = await this.get(ref, options.signal);
    } catch (err) {
      if (isCancellation(err)) throw err;
      error = err instanceof ValueNotFoundError ? vscode.l10n.t('Not found on the platform') : errorMessage(err);
    }
    const chartable = latest !== undefined && isChartable(ref.kind, latest);
    let history: SeriesWindow | undefined;
    if (chartable) {
      history = await this.history(latest?.assetId && ref.kind === 'iotticket-attribute' ? { ...ref, assetId: latest.assetId } : ref, options.signal).catch((err: unknown) => {
        if (isCancellation(err)) throw err;
        return undefined;
      });
    }
    return valueMarkdown({
      title: options.title ?? ref.label ?? latest?.name ?? defaultLabel(ref),
      subtitle: options.subtitle,
      ref,
      latest,
      error,
      history,
      chartable,
      links: options.links,
      connectionLabel: options.connectionLabel,
      extra: options.extra,
    });
  }

  key(ref: ValueRef): string {
    return valueKey(ref);
  }

  /** Forgets cached values and names (a refresh). */
  invalidate(keys?: Iterable<string>): void {
    this.cache.invalidate(keys);
    if (!keys) this.names.invalidate();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.cache.dispose();
    this.changed.dispose();
  }
}
