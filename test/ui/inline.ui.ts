/**
 * Inline previews in the real workbench: with the demo running, an example script shows CodeLens with
 * live values, and hovering a names path shows the value, the sparkline (an SVG image) and the links.
 * Saves test-results/inline-hover.png.
 */
import type { Workbench } from './workbench';

/** Start the demo on activation (the tree and both demo connections are there without a click). */
export const env = { IOT_EXPLORER_DEMO: '1' };
export const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.delay': 150, 'editor.minimap.enabled': false };

export async function scenario(ui: Workbench): Promise<void> {
  const { page } = ui;
  await ui.openView('IoT Explorer');
  // The demo connections appear once the emulator runs.
  await ui.waitForDemoTree();
  // Open the example script through Quick Open.
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('pump_telemetry.py');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'pump_telemetry.py' }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor();
  // CodeLens with the latest value above the first read.
  await page.locator('.codelens-decoration', { hasText: 'Bearing temperature:' }).first().waitFor();
  // Hover the attribute name inside the names path.
  const line = page.locator('.view-line', { hasText: "get_timeseries(names_path=['Tampere Plant', 'Line 1', 'Pump 1', 'Bearing temperature']" }).first();
  const target = line.locator('span > span', { hasText: 'Bearing temperature' }).first();
  await target.waitFor();
  await target.hover();
  const hover = page.locator('.monaco-hover', { hasText: 'Open chart' }).first();
  await hover.waitFor();
  await hover.locator('img[src^="data:image/svg+xml"]').first().waitFor();
  await hover.getByText('Reveal in tree').first().waitFor();
  await ui.screenshot('inline-hover');
}
