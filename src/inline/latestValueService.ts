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
import { describe as describeValue, describeAge, isChartable, type LatestValue } from './valueFormat';
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
  /** The last value read of each ref and when it was read: shown, marked cached, while reads fail. */
  private readonly lastKnown = new Map<string, { value: LatestValue; at: number }>();

  constructor(
    readonly sessions: SessionSource,
    backend: ValueBackend = new PlatformValueBackend(sessions),
    live?: LiveValueSource,
  ) {
    this.cache = new LatestValues(this.reporting(live ? live.wrap(backend) : backend), { ttlMs: inlineSettings.cacheTtlMs, isLive: live && ((ref) => live.isLive(ref)) });
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

  /** Reads report their outcome to the connection's health, and successful ones are remembered. */
  private reporting(backend: ValueBackend): ValueBackend {
    const report = (refs: readonly ValueRef[], outcome: 'ok' | unknown): void => {
      const id = refs[0]?.connectionId;
      if (id && !isCancellation(outcome) && !(outcome instanceof ValueNotFoundError)) this.sessions.report?.(id, outcome);
    };
    return {
      latest: async (refs, signal) => {
        try {
          const values = await backend.latest(refs, signal);
          report(refs, 'ok');
          const at = Date.now();
          for (const [key, value] of values) this.lastKnown.set(key, { value, at });
          return values;
        } catch (err) {
          report(refs, err);
          throw err;
        }
      },
      history: (ref, from, to, signal) => backend.history(ref, from, to, signal),
    };
  }

  /** The last value read of a ref, when the latest read failed or its connection cannot be reached: "cached · 3 min ago". */
  cachedFallback(ref: ValueRef): { value: LatestValue; note: string } | undefined {
    const known = this.lastKnown.get(valueKey(ref));
    if (!known) return undefined;
    return { value: known.value, note: vscode.l10n.t('cached · read {0}', describeAge(known.at)) };
  }

  /** Whether the connection of a ref is failing now (what is shown comes from cache). */
  unreachable(ref: ValueRef): boolean {
    return this.sessions.health?.get(ref.connectionId).state === 'failing';
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
      const cached = this.unreachable(ref) ? this.cachedFallback(ref) : undefined;
      if (cached) error = vscode.l10n.t('The connection cannot be reached: this value is {0}.', cached.note);
    } catch (err) {
      if (isCancellation(err)) throw err;
      error = err instanceof ValueNotFoundError ? vscode.l10n.t('Not found on the platform') : errorMessage(err);
      const cached = err instanceof ValueNotFoundError ? undefined : this.cachedFallback(ref);
      if (cached) {
        latest = cached.value;
        error = `${error} — ${vscode.l10n.t('showing the last value, {0}', cached.note)}`;
      }
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
