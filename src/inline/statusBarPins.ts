/**
 * Values pinned to the status bar: any attribute, datanode or property, with its live value, kept
 * per workspace. Each pin is one status bar item; its tooltip has the sparkline, a click offers to
 * open the chart, reveal it in the tree or unpin it. Pins are read again every poll interval.
 */
import * as vscode from 'vscode';
import { isCancellation } from '../platforms/http';
import type { LatestValueService } from './latestValueService';
import { inlineSettings } from './settings';
import { describe, isChartable } from './valueFormat';
import { INLINE_COMMANDS } from './valueMarkdown';
import { chartArgs, defaultLabel, parseValueRef, valueKey, type ValueRef } from './valueRef';
import { iconText } from '../shared/escape/message';

const STATE_KEY = 'iotExplorer.inline.pins';
/** Sparklines in pin tooltips are redrawn at most this often. */
const TOOLTIP_REFRESH_MS = 60_000;

interface Pin {
  readonly ref: ValueRef;
  readonly item: vscode.StatusBarItem;
  tooltipAt: number;
}

export class StatusBarPins implements vscode.Disposable {
  private readonly pins = new Map<string, Pin>();
  private readonly subscription: vscode.Disposable;
  private readonly first: NodeJS.Timeout;

  constructor(
    private readonly state: vscode.Memento,
    private readonly values: LatestValueService,
  ) {
    for (const raw of state.get<unknown[]>(STATE_KEY, [])) {
      const ref = parseValueRef(raw);
      if (ref) this.show(ref);
    }
    this.subscription = values.onDidChange((keys) => {
      for (const k of keys) {
        const pin = this.pins.get(k);
        if (pin) this.render(pin);
      }
    });
    // Read after activation has finished (a pin of a demo connection starts the emulator).
    this.first = setTimeout(() => void this.refresh(), 1000);
  }

  list(): readonly ValueRef[] {
    return [...this.pins.values()].map((p) => p.ref);
  }

  /** The status bar item of a pinned ref (tests read its text). */
  item(ref: ValueRef): vscode.StatusBarItem | undefined {
    return this.pins.get(valueKey(ref))?.item;
  }

  async add(ref: ValueRef): Promise<void> {
    if (this.pins.has(valueKey(ref))) return;
    this.show(ref);
    await this.save();
    await this.refresh();
  }

  async remove(ref: ValueRef): Promise<void> {
    const key = valueKey(ref);
    const pin = this.pins.get(key);
    if (!pin) return;
    pin.item.dispose();
    this.pins.delete(key);
    await this.save();
  }

  /** Reads every pinned value again (called by the poller). */
  async refresh(): Promise<void> {
    await Promise.all(
      [...this.pins.values()].map(async (pin) => {
        try {
          await this.values.get(pin.ref, undefined, inlineSettings.pollIntervalMs() / 2);
        } catch (err) {
          if (!isCancellation(err)) pin.item.text = `$(warning) ${iconText(labelOf(pin.ref), 60)}`;
        }
        this.render(pin);
        if (Date.now() - pin.tooltipAt > TOOLTIP_REFRESH_MS) {
          pin.tooltipAt = Date.now();
          pin.item.tooltip = await this.values.tooltip(pin.ref, { links: { chart: false, reveal: false, pin: false } }).catch(() => pin.item.tooltip);
        }
      }),
    );
  }

  /** The menu behind a click on a pin. */
  async menu(ref: ValueRef): Promise<void> {
    const latest = this.values.peek(ref);
    const choices = [
      ...(latest && isChartable(ref.kind, latest) ? [{ label: `$(graph-line) ${vscode.l10n.t('Open chart')}`, run: () => vscode.commands.executeCommand(INLINE_COMMANDS.openChart, ...chartArgs(ref, latest.assetId)) }] : []),
      { label: `$(list-tree) ${vscode.l10n.t('Reveal in tree')}`, run: () => vscode.commands.executeCommand(INLINE_COMMANDS.revealInTree, ref, latest?.assetId) },
      { label: `$(pinned) ${vscode.l10n.t('Unpin from status bar')}`, run: () => this.remove(ref) },
    ];
    const picked = await vscode.window.showQuickPick(choices, { title: labelOf(ref) });
    await picked?.run();
  }

  private show(ref: ValueRef): void {
    const key = valueKey(ref);
    const item = vscode.window.createStatusBarItem(`iotExplorer.inline.pin.${this.pins.size}`, vscode.StatusBarAlignment.Right, 90 - this.pins.size);
    item.name = vscode.l10n.t('IoT value: {0}', labelOf(ref));
    item.command = { title: vscode.l10n.t('IoT value'), command: INLINE_COMMANDS.pinMenu, arguments: [ref] };
    const pin: Pin = { ref, item, tooltipAt: 0 };
    this.pins.set(key, pin);
    this.render(pin);
    item.show();
  }

  private render(pin: Pin): void {
    const latest = this.values.peek(pin.ref);
    pin.item.text = `$(pulse) ${iconText(labelOf(pin.ref), 60)}: ${latest ? iconText(describe(latest), 60) : '…'}`;
  }

  private save(): Thenable<void> {
    return this.state.update(STATE_KEY, this.list());
  }

  dispose(): void {
    clearTimeout(this.first);
    this.subscription.dispose();
    for (const p of this.pins.values()) p.item.dispose();
    this.pins.clear();
  }
}

function labelOf(ref: ValueRef): string {
  return ref.label ?? defaultLabel(ref);
}
