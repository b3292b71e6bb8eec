/**
 * Restores charts after a window reload: VS Code hands back each panel with the state its webview saved
 * (`ChartWebviewState`: descriptors and view options, checked by `parseChartState`); the explorer's `resolveSource` turns the
 * descriptors back into sources.
 */
import type * as vscode from 'vscode';
import { parseChartState } from '../shared/chart/messageSchema';
import { defaultViewOptions } from '../shared/chart/viewOptions';
import type { ChartManager } from './chartManager';

export class ChartSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly manager: ChartManager, private readonly log: vscode.LogOutputChannel) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    // The saved state comes from the webview: checked field by field like its messages.
    const state = parseChartState(saved);
    if (!state) {
      this.log.warn('chart: restored a chart panel without a valid saved state; it opens empty');
      this.manager.revive(panel, []);
      return;
    }
    const sources = await this.manager.resolve(state.series);
    this.log.info(`chart: restored a chart with ${sources.length} of ${state.series.length} series`);
    this.manager.revive(panel, sources, { ...defaultViewOptions, ...state.options });
  }
}
