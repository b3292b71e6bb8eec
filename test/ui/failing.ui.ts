/**
 * A connection whose server is not running, as a newcomer meets it (issue 19 §1, §3): its row is marked
 * failing, the error row says in the user's words that the server cannot be reached, and the status bar
 * counts it. The credential is set through the tree's own "set it securely" row. Screenshot:
 * test-results/connection-failing.png (in the README).
 */
import { expand, widenSideBar } from './tree';
import type { Workbench } from './workbench';

export const env = { IOT_EXPLORER_DEMO: '1' };
// Nothing listens on loopback port 4100 here (fetch refuses the "bad" ports such as 9 before connecting).
export const settings = {
  'iotExplorer.connections': [
    { id: 'plant-offline', label: 'Plant (offline)', platform: 'iotticket', coreBaseUrl: 'http://127.0.0.1:4100/core/v1', username: 'operator' },
  ],
};

export async function scenario(ui: Workbench): Promise<void> {
  await ui.openView('IoT Explorer');
  await widenSideBar(ui, 220);
  await ui.waitForDemoTree();
  for (const label of ['Demo Altair IoT Studio', 'Demo IoT-TICKET']) {
    const row = ui.treeRow(label);
    if ((await row.getAttribute('aria-expanded')) === 'true') await row.click();
  }
  await expand(ui, 'Plant (offline)');
  // (case-sensitive: the connection's own row says "no credential stored" in its description)
  await ui.page.locator('.monaco-list-row', { hasText: /No credential stored — set it securely/ }).first().click();
  const input = ui.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('not-a-real-password');
  await ui.page.keyboard.press('Enter');
  await ui.page.locator('.monaco-list-row', { hasText: /Can't reach 127\.0\.0\.1:4100 — is the server running\?/ }).first().waitFor();
  await ui.page.locator('.statusbar-item', { hasText: /failing/ }).first().waitFor();
  await ui.screenshot('connection-failing');
}
