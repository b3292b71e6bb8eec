/**
 * The event history webview in the real workbench, on the demo with the `hostile` dataset: the event of
 * the "Hostile names" asset (HTML group, 100 KB message) shows as text; "Show
 * Event History" on a demo asset opens the table with its events; the text filter narrows the rows in the
 * page; a cleared "From" is refused in the page with a clear message (nothing is sent).
 * Screenshots: test-results/event-history-hostile.png, test-results/event-history.png.
 */
import { HOSTILE_NAMES } from '../../src/emulator/hostileNames';
import { HOSTILE_ROOT } from '../../src/emulator/iotticket/hostileDataset';
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1', IOT_EXPLORER_DEMO_DATASET: 'hostile' };

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  for (const label of ['Acme Energy', 'Assets']) await expand(ui, label);

  // Platform text is data: markup stays text (the events' group is HTML), a huge message is cut.
  await ui.contextMenu(ui.treeRow(HOSTILE_ROOT), 'Show Event History');
  const hostile = ui.webview();
  await hostile.locator('#status').filter({ hasText: /^1 event$/ }).waitFor();
  await hostile.locator('#rows').getByText(HOSTILE_NAMES.html, { exact: true }).first().waitFor();
  // The asset's active event has a 100 KB message: the cell holds its start, cut with "…".
  const long = hostile.locator('#rows td', { hasText: 'long-LLLLLLLLLL' }).first();
  await long.waitFor();
  const cell = (await long.textContent()) ?? '';
  if (cell.length > 10_001 || !cell.endsWith('…')) throw new Error(`the long message was not cut (${cell.length} characters)`);
  const injected = await hostile.locator('#rows img, #rows script, #rows a').count();
  if (injected !== 0) throw new Error(`platform text became ${injected} element(s) in the table`);
  await ui.screenshot('event-history-hostile');
  await ui.runCommand('View: Close Editor');

  for (const label of ['Tampere Plant', 'Line 1']) await expand(ui, label);

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
