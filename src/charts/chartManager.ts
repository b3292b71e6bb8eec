/**
 * All open charts: a chart per panel, several panels; "Add to chart" goes to the panel that was active
 * last. Keeps the last render timings (`lastRender`) for tests and benchmarks.
 */
import * as vscode from 'vscode';
import { type RenderTimings, type ViewCommand } from '../shared/chart/protocol';
import { type SeriesDescriptor } from '../shared/chart/series';
import { type ChartViewOptions } from '../shared/chart/viewOptions';
import { ChartPanel, type ChartPanelHooks } from './chartPanel';
import type { LivePush } from './liveSession';
import { errorMessage } from '../platforms/http';
import type { SeriesSource } from './seriesSource';

export type ResolveSource = (descriptor: SeriesDescriptor) => SeriesSource | undefined | Promise<SeriesSource | undefined>;

export interface ChartManagerOptions {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly resolveSource: ResolveSource;
  /** Runs a webview toolbar command (exports) on a panel; registerCharts wires the exporter here. */
  readonly runCommand?: (panel: ChartPanel, command: ViewCommand) => Promise<void>;
  readonly livePush?: LivePush;
}

export interface LastRender extends RenderTimings {
  readonly panelId: number;
  readonly at: number;
}

export class ChartManager implements vscode.Disposable {
  private readonly panels = new Set<ChartPanel>();
  private lastActive: ChartPanel | undefined;
  private readonly renderEmitter = new vscode.EventEmitter<LastRender>();
  /** Fires whenever any chart finished drawing a response. */
  readonly onDidRender = this.renderEmitter.event;
  /** Timings of the most recent draw of any chart. */
  lastRender: LastRender | undefined;
  runCommand: (panel: ChartPanel, command: ViewCommand) => Promise<void>;

  constructor(private readonly options: ChartManagerOptions) {
    this.runCommand = options.runCommand ?? (() => Promise.resolve());
  }

  get allPanels(): readonly ChartPanel[] {
    return [...this.panels];
  }

  /** The panel "Add to chart" and the export commands act on: the last active one still open. */
  get activePanel(): ChartPanel | undefined {
    if (this.lastActive && this.panels.has(this.lastActive)) return this.lastActive;
    const all = this.allPanels;
    return all[all.length - 1];
  }

  /** A new chart with these series. */
  open(sources: readonly SeriesSource[], options?: ChartViewOptions): ChartPanel {
    const panel = ChartPanel.create(this.hooks(), sources, options);
    this.track(panel);
    return panel;
  }

  /** Adds to the last active chart, or opens one when there is none. */
  addToChart(sources: readonly SeriesSource[]): ChartPanel {
    const target = this.activePanel;
    if (!target) return this.open(sources);
    target.addSources(sources);
    target.reveal();
    return target;
  }

  /** Rebuilds a chart VS Code restored after a reload (WebviewPanelSerializer). */
  revive(webviewPanel: vscode.WebviewPanel, sources: readonly SeriesSource[], options?: ChartViewOptions): ChartPanel {
    const panel = new ChartPanel(webviewPanel, this.hooks(), sources, options);
    this.track(panel);
    return panel;
  }

  /** Sources for descriptors; the ones the explorer cannot resolve (connection gone) are logged and skipped. */
  async resolve(descriptors: readonly SeriesDescriptor[]): Promise<SeriesSource[]> {
    const out: SeriesSource[] = [];
    for (const d of descriptors) {
      try {
        const s = await this.options.resolveSource(d);
        if (s) out.push(s);
        else this.options.log.warn(`chart: series "${d.label}" (${d.kind}, connection ${d.connectionId}) is not available`);
      } catch (err) {
        this.options.log.error(`chart: resolving "${d.label}" failed: ${errorMessage(err)}`);
      }
    }
    return out;
  }

  dispose(): void {
    for (const p of this.allPanels) p.dispose();
    this.renderEmitter.dispose();
  }

  private track(panel: ChartPanel): void {
    this.panels.add(panel);
    this.lastActive = panel;
  }

  private hooks(): ChartPanelHooks {
    return {
      extensionUri: this.options.extensionUri,
      log: this.options.log,
      resolve: (ds) => this.resolve(ds),
      onRendered: (panel, timings) => {
        this.lastRender = { ...timings, panelId: panel.id, at: Date.now() };
        this.renderEmitter.fire(this.lastRender);
      },
      onActive: (panel) => {
        this.lastActive = panel;
      },
      onDisposed: (panel) => {
        this.panels.delete(panel);
        if (this.lastActive === panel) this.lastActive = undefined;
      },
      runCommand: (panel, command) => this.runCommand(panel, command),
      livePush: this.options.livePush,
    };
  }
}
