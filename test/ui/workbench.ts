/** The helpers scripts/vscode/runUiTests.cjs hands to every UI scenario (`export async function scenario(ui)`). */
import type { FrameLocator, Locator, Page } from 'playwright-core';

export interface Workbench {
  readonly page: Page;
  /** Clicks the Activity Bar entry whose label starts with `label`. */
  openView(label: string): Promise<void>;
  /** Runs a command from the Command Palette by its full title ("Category: Title"). */
  runCommand(title: string): Promise<void>;
  /** Waits until the demo has revealed both of its connections (do this before clicking in the tree). */
  waitForDemoTree(): Promise<void>;
  /** Right-clicks `target` and runs the context-menu item whose label contains `item`. */
  contextMenu(target: Locator, item: string): Promise<void>;
  /** The first tree/list row containing `text`. */
  treeRow(text: string): Locator;
  /** The content frame of the most recently opened webview. */
  webview(): FrameLocator;
  /** Saves test-results/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}
