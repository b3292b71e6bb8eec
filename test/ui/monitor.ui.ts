/**
 * Monitor Thing in the real workbench, on the demo with its devices reporting every 500 ms: "Monitor
 * Thing…" on an Altair Thing asks before it creates MQTT credentials (a write), then the panel shows
 * the Thing's messages live with a count per topic; a topic filter narrows the list, and pause holds
 * new messages until resume. Screenshot: test-results/monitor-thing.png.
 */
import { expand } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1', IOT_EXPLORER_DEMO_LIVE_MS: '500' };

/** Waits until `check` holds (the page draws on the next animation frame); no fixed sleeps. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await ui.waitForDemoTree();
  const iot = ui.treeRow('Demo IoT-TICKET');
  if ((await iot.getAttribute('aria-expanded')) === 'true') await iot.click();
  for (const label of ['Demo Altair IoT Studio', 'Categories', 'HVAC']) await expand(ui, label);

  await ui.contextMenu(ui.treeRow('AHU-001'), 'Monitor Thing');
  // Creating credentials is a write: a modal asks first.
  const dialog = ui.page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  await dialog.locator('text=/Create MQTT credentials on the platform/').first().waitFor();
  await dialog.locator('.monaco-button', { hasText: 'Create Credentials' }).first().click();

  const page = ui.webview();
  await page.locator('#status').filter({ hasText: /^Live · MQTT since / }).waitFor();
  // The devices report every 500 ms: rows and per-topic counts come without any click.
  await page.locator('#rows li').nth(2).waitFor();
  await page.locator('#counts td', { hasText: /\/properties\/temperature$/ }).first().waitFor();
  const injected = await page.locator('#rows img, #rows script, #rows a, #counts a').count();
  if (injected !== 0) throw new Error(`messages became ${injected} element(s)`);

  // A topic filter narrows the list to one property.
  await page.locator('#filter input').fill('+/+/things/+/properties/temperature');
  await until('only temperature rows', async () => {
    const topics = await page.locator('#rows .topic').allTextContents();
    return topics.length > 0 && topics.every((t) => t.endsWith('/properties/temperature'));
  });
  await ui.screenshot('monitor-thing');

  // Pause holds new messages (the list stays as it is) until resume shows them.
  await page.locator('#filter input').fill('');
  await page.locator('#pause').click();
  await page.locator('#pause').filter({ hasText: 'Resume' }).waitFor();
  const frozen = await page.locator('#rows li').count();
  await page.locator('#summary').filter({ hasText: /paused, [1-9]\d* held/ }).waitFor();
  if ((await page.locator('#rows li').count()) !== frozen) throw new Error('the list changed while paused');
  await page.locator('#pause').click();
  await page.locator('#pause').filter({ hasText: 'Pause' }).waitFor();
  await page.locator('#summary').filter({ hasText: /^\d+ received · \d+ shown$/ }).waitFor();
}
