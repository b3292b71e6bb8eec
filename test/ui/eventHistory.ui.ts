/**
 * The event history webview in the real workbench: "Show Event History" on a demo asset opens the table
 * with its events; the text filter narrows the rows in the page; a cleared "From" is refused in the page
 * with a clear message (nothing is sent). Screenshot: test-results/event-history.png.
 */
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  for (const label of ['Acme Energy', 'Assets', 'Tampere Plant', 'Line 1']) await expand(ui, label);

  // Pump 1 had an overheat alarm two days ago and a dry-run notice five days ago (the demo's history).
  await ui.contextMenu(ui.treeRow('Pump 1'), 'Show Event History');
  const page = ui.webview();
  const status = page.locator('#status');
  await status.filter({ hasText: /^2 events$/ }).waitFor();
  await page.locator('#rows td', { hasText: 'Bearing temperature 88 °C above limit 85 °C' }).waitFor();
  await page.locator('#rows td.sev-High', { hasText: 'High' }).waitFor();
  await ui.screenshot('event-history');

  // The text filter narrows the rows in the page.
  await page.locator('#text input').fill('dry-run');
  await status.filter({ hasText: /^1 of 2 events$/ }).waitFor();
  await page.locator('#rows tr').first().filter({ hasText: 'Dry-run protection active' }).waitFor();
  if ((await page.locator('#rows tr').count()) !== 1) throw new Error('the filter left more than one row');

  // A cleared "From" is refused before anything is sent, and says what to do.
  await page.locator('#from input').fill('');
  await page.locator('#apply').click();
  await status.filter({ hasText: 'Enter when the range starts ("From").' }).waitFor();
  if ((await page.locator('#rows tr').count()) !== 1) throw new Error('a refused query changed the rows');
}
